"""The projects API: list, detail, create, update, transition; scoping and the error shape."""

import pytest

from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory, add_documents, ready_project

pytestmark = pytest.mark.django_db

BASE = "/api/v1/projects"


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def patch(client, url, data):
    return client.patch(url, data, content_type="application/json")


def test_the_list_is_scoped_filtered_and_paged(
    client, applicant, reviewer, project, other_unit_org
):
    ProjectFactory(unit=other_unit_org, name="他单位项目", state="submitted")
    client.force_login(applicant)
    body = client.get(BASE).json()
    assert body["count"] == 1
    assert body["items"][0]["code"] == project.code
    client.force_login(reviewer)
    assert client.get(BASE).json()["count"] == 2
    assert client.get(BASE, {"state": "submitted"}).json()["count"] == 1
    assert client.get(BASE, {"amount_min": "2000000"}).json()["count"] == 0
    paged = client.get(BASE, {"limit": 1, "offset": 1}).json()
    assert (paged["count"], len(paged["items"])) == (2, 1)


def test_the_list_keeps_its_query_count(client, reviewer, unit_org, django_assert_num_queries):
    ProjectFactory.create_batch(3, unit=unit_org)
    client.force_login(reviewer)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(BASE)
    ProjectFactory.create_batch(40, unit=unit_org)
    with django_assert_num_queries(len(few)):
        assert len(client.get(BASE).json()["items"]) == 43


def test_the_detail_says_what_the_rules_say(client, applicant, project):
    Project.objects.filter(pk=project.pk).update(features=["machine_room"])
    client.force_login(applicant)
    body = client.get(f"{BASE}/{project.pk}").json()
    assert body["state"] == "draft"
    assert body["facts"]["investment"] == "1000000.00"
    assert body["decisions"]["approval_route"]["value"] == "approval"
    submit = body["steps"][0]
    assert (submit["name"], submit["permitted"]) == ("submit", True)
    assert submit["blocking"][0]["article"] == "第十二条"


def test_it_creates_a_project(client, applicant, unit_org):
    client.force_login(applicant)
    response = post(
        client,
        BASE,
        {
            "unit_id": unit_org.pk,
            "name": "智慧养老平台",
            "plan_year": 2026,
            "investment": "1500000.00",
            "features": ["big_screen"],
            "budget_items": [{"name": "软件", "category": "software", "amount": "1500000"}],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] == "WH-2026-0001"
    assert body["budget_items"][0]["name"] == "软件"
    assert body["facts"]["features"] == ["big_screen"]
    assert body["history"][0]["transition"] == "create"


def test_bad_input_is_a_422_naming_each_field(client, applicant, unit_org):
    client.force_login(applicant)
    response = post(
        client,
        BASE,
        {
            "unit_id": unit_org.pk,
            "name": "",
            "features": ["swimming_pool"],
            "budget_items": [{"name": "x", "category": "software", "amount": "-1"}],
        },
    )
    assert response.status_code == 422
    body = response.json()
    assert body["detail"]
    fields = {error["field"] for error in body["errors"]}
    assert {"name", "features.0", "budget_items.0.amount"} <= fields
    assert not Project.objects.exists()


def test_model_validation_errors_are_422_too(client, applicant, unit_org):
    client.force_login(applicant)
    response = post(client, BASE, {"unit_id": unit_org.pk, "name": "x", "plan_year": 1990})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "plan_year"


@pytest.mark.parametrize("persona", ["other_applicant", "reviewer", "expert"])
def test_only_the_units_members_create_its_projects(client, request, persona, unit_org):
    client.force_login(request.getfixturevalue(persona))
    response = post(client, BASE, {"unit_id": unit_org.pk, "name": "x"})
    assert response.status_code == 403
    assert response.json()["errors"] == []


def test_it_updates_facts_and_parts(client, applicant, project):
    client.force_login(applicant)
    response = patch(
        client,
        f"{BASE}/{project.pk}",
        {
            "investment": "400000",
            "budget_items": [{"name": "硬件", "category": "hardware", "amount": "400000"}],
            "contract": {"amount": "390000", "procurement_method": "inquiry"},
            "systems": [{"name": "救助系统", "in_catalog": True}],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["facts"]["investment"] == "400000.00"
    assert body["contract"]["procurement_method"] == "inquiry"
    assert body["systems"][0]["name"] == "救助系统"
    assert body["decisions"]["approval_route"]["value"] == "filing"


def test_the_unit_cannot_update_a_submitted_project(client, applicant, project):
    Project.objects.filter(pk=project.pk).update(state="submitted")
    client.force_login(applicant)
    response = patch(client, f"{BASE}/{project.pk}", {"name": "改名"})
    assert response.status_code == 403


def test_a_transition_is_taken(client, applicant, unit_org):
    project = ready_project(unit_org)
    client.force_login(applicant)
    response = post(client, f"{BASE}/{project.pk}/transitions", {"name": "submit", "note": "请审"})
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "submitted"
    assert response.json()["change"]["note"] == "请审"


def test_a_blocked_transition_is_a_409_citing_the_article(client, applicant, project):
    Project.objects.filter(pk=project.pk).update(features=["machine_room"])
    client.force_login(applicant)
    response = post(client, f"{BASE}/{project.pk}/transitions", {"name": "submit"})
    assert response.status_code == 409
    body = response.json()
    assert body["detail"]
    error = body["errors"][0]
    assert set(error) >= {"field", "message", "article", "quote"}
    assert error["article"] == "第十二条"
    assert "不得新建机房" in error["quote"]
    assert error["message"] == "不予立项的内容：新建或扩建机房。"


def test_unacknowledged_warnings_are_a_409_then_go_through(client, applicant, unit_org):
    project = ready_project(unit_org, paid_before_approval=True)
    client.force_login(applicant)
    url = f"{BASE}/{project.pk}/transitions"
    refused = post(client, url, {"name": "submit"})
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["field"] == "acknowledge_warnings"
    taken = post(client, url, {"name": "submit", "acknowledge_warnings": True})
    assert taken.status_code == 200


def test_a_transition_gone_from_the_state_is_a_409(client, reviewer, unit_org):
    project = ready_project(unit_org, state="submitted")
    client.force_login(reviewer)
    url = f"{BASE}/{project.pk}/transitions"
    assert post(client, url, {"name": "start_review"}).status_code == 200
    again = post(client, url, {"name": "start_review"})
    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "name"


def test_a_role_the_step_does_not_name_is_a_403(client, reviewer, project):
    add_documents(project, "crypto_plan")
    client.force_login(reviewer)
    response = post(client, f"{BASE}/{project.pk}/transitions", {"name": "submit"})
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["other_applicant", "expert", "vendor"])
def test_another_units_project_answers_404_everywhere(client, request, persona, project):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"{BASE}/{project.pk}").status_code == 404
    assert patch(client, f"{BASE}/{project.pk}", {"name": "x"}).status_code == 404
    response = post(client, f"{BASE}/{project.pk}/transitions", {"name": "submit"})
    assert response.status_code == 404
    assert response.json() == {"detail": "未找到。", "errors": []}


def test_anonymous_callers_are_refused(client, project):
    assert client.get(BASE).status_code == 401
    assert client.get(f"{BASE}/{project.pk}").status_code == 401
    assert post(client, f"{BASE}/{project.pk}/transitions", {"name": "submit"}).status_code == 401
