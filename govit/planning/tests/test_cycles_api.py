"""The cycles and applications API: reads scoped to the caller, actions by the right role,
refusals with their article, bad input with field errors."""

from __future__ import annotations

import datetime as dt
import json
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from govit.planning.models.cycles import CycleState
from govit.planning.tests.cycles_helpers import WUHAN_CHAPTERS, make_application, make_cycle

pytestmark = pytest.mark.django_db
BASE = "/api/v1/planning"


def _send(client, method, url, body=None):
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json")


def _cycle_body(**over):
    today = timezone.localdate()
    body = {
        "plan_year": 2027,
        "title": "2027年度需求征集",
        "call_opens_on": today.isoformat(),
        "call_closes_on": (today + dt.timedelta(days=30)).isoformat(),
        "compile_by": (today + dt.timedelta(days=90)).isoformat(),
    }
    return {**body, **over}


def test_the_competent_department_creates_and_opens_a_cycle(client, reviewer):
    client.force_login(reviewer)
    response = _send(client, "POST", f"{BASE}/cycles", _cycle_body())
    assert response.status_code == 201, response.content
    cycle_id = response.json()["id"]
    assert response.json()["state"] == "draft"
    opened = _send(client, "POST", f"{BASE}/cycles/{cycle_id}/steps/open")
    assert opened.json()["state"] == "open"
    again = _send(client, "POST", f"{BASE}/cycles/{cycle_id}/steps/compile")
    assert again.status_code == 409


def test_bad_dates_answer_422_with_the_field(client, reviewer):
    client.force_login(reviewer)
    today = timezone.localdate()
    body = _cycle_body(call_closes_on=(today - dt.timedelta(days=1)).isoformat())
    response = _send(client, "POST", f"{BASE}/cycles", body)
    assert response.status_code == 422
    assert "call_closes_on" in [e["field"] for e in response.json()["errors"]]


@pytest.mark.parametrize("who", ["applicant", "finance_clerk", "expert", "vendor", "leader"])
def test_other_roles_cannot_create_or_step_cycles(client, who, request):
    client.force_login(request.getfixturevalue(who))
    assert _send(client, "POST", f"{BASE}/cycles", _cycle_body()).status_code == 403
    cycle = make_cycle()
    step = _send(client, "POST", f"{BASE}/cycles/{cycle.pk}/steps/close")
    assert step.status_code in (403, 404)


def test_units_do_not_see_draft_cycles_and_assigned_roles_see_none(
    client, applicant, expert, vendor
):
    draft = make_cycle(state=CycleState.DRAFT, plan_year=2027)
    open_cycle = make_cycle()
    client.force_login(applicant)
    ids = [c["id"] for c in client.get(f"{BASE}/cycles").json()]
    assert ids == [open_cycle.pk]
    assert client.get(f"{BASE}/cycles/{draft.pk}").status_code == 404
    for user in (expert, vendor):
        client.force_login(user)
        assert client.get(f"{BASE}/cycles").json() == []
        assert client.get(f"{BASE}/cycles/{open_cycle.pk}").status_code == 404


def test_a_unit_applies_saves_checks_submits_and_withdraws(client, applicant, unit_org):
    cycle = make_cycle()
    client.force_login(applicant)
    created = _send(
        client,
        "POST",
        f"{BASE}/cycles/{cycle.pk}/applications",
        {"form": "implementation_plan", "unit_id": unit_org.pk, "name": "社会救助平台"},
    )
    assert created.status_code == 201, created.content
    url = f"{BASE}/applications/{created.json()['id']}"
    assessment = client.get(url + "/assessment").json()
    assert assessment["ready"] is False
    blocked = [c for c in assessment["checks"] if c["severity"] == "block"]
    assert all(c["article"] for c in blocked)
    refused = _send(client, "POST", url + "/submit", {"acknowledge_warnings": True})
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["article"]
    saved = _send(client, "PUT", url, {"chapters": WUHAN_CHAPTERS})
    assert saved.status_code == 200
    submitted = _send(client, "POST", url + "/submit", {"acknowledge_warnings": True})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["state"] == "submitted"
    withdrawn = _send(client, "POST", url + "/withdraw", {"reason": "补充材料"})
    assert withdrawn.json()["state"] == "draft"


def test_an_unknown_chapter_answers_422_with_its_field(client, applicant, unit_org):
    application = make_application(make_cycle(), unit=unit_org)
    client.force_login(applicant)
    response = _send(
        client, "PUT", f"{BASE}/applications/{application.pk}", {"chapters": {"x": "y"}}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "chapters.x"


def test_another_unit_gets_404_and_oversight_roles_get_403_on_actions(
    client, other_applicant, reviewer, finance_clerk, vendor, expert, unit_org
):
    application = make_application(make_cycle(), unit=unit_org)
    url = f"{BASE}/applications/{application.pk}"
    for user in (other_applicant, vendor, expert):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert _send(client, "POST", url + "/submit").status_code == 404
    for user in (reviewer, finance_clerk):
        client.force_login(user)
        assert client.get(url).status_code == 200
        assert _send(client, "PUT", url, {"chapters": {}}).status_code == 403
        assert _send(client, "POST", url + "/submit").status_code == 403
        assert _send(client, "POST", url + "/withdraw").status_code == 403


def test_a_unit_lists_only_its_own_applications(
    client, applicant, reviewer, unit_org, other_unit_org
):
    cycle = make_cycle()
    own = make_application(cycle, unit=unit_org)
    make_application(cycle, unit=other_unit_org)
    client.force_login(applicant)
    rows = client.get(f"{BASE}/cycles/{cycle.pk}/applications").json()
    assert [row["id"] for row in rows] == [own.pk]
    client.force_login(reviewer)
    assert len(client.get(f"{BASE}/cycles/{cycle.pk}/applications").json()) == 2


def test_the_cycle_shows_quota_usage(client, reviewer, unit_org):
    cycle = make_cycle()
    for _ in range(4):
        make_application(cycle, unit=unit_org, state="submitted")
    client.force_login(reviewer)
    quota = client.get(f"{BASE}/cycles/{cycle.pk}").json()["quota"]
    assert quota == [
        {
            "unit_id": unit_org.pk,
            "unit_name": "市民政局",
            "submitted": 4,
            "drafts": 0,
            "budget_units": 3,
            "over": True,
        }
    ]


def test_another_units_project_cannot_be_applied_with(client, other_applicant, project):
    cycle = make_cycle()
    client.force_login(other_applicant)
    response = _send(
        client,
        "POST",
        f"{BASE}/cycles/{cycle.pk}/applications",
        {"form": "implementation_plan", "project_id": project.pk},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "project_id"


def test_the_application_list_makes_a_constant_number_of_queries(
    client, reviewer, unit_org, django_assert_max_num_queries
):
    cycle = make_cycle()
    make_application(cycle, unit=unit_org)
    client.force_login(reviewer)
    url = f"{BASE}/cycles/{cycle.pk}/applications"
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(5):
        make_application(cycle, unit=unit_org)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(client.get(url).json()) == 6


def test_the_competent_department_edits_a_cycle_and_attaches_the_guide(client, reviewer):
    cycle = make_cycle()
    client.force_login(reviewer)
    url = f"{BASE}/cycles/{cycle.pk}"
    changed = _send(client, "PUT", url, {"title": "改名", "timetable": "10月评审"})
    assert changed.status_code == 200
    assert changed.json()["title"] == "改名"
    bad = _send(client, "PUT", url, {"compile_by": "2000-01-01"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "compile_by"
    guide = client.post(url + "/guide", {"file": BytesIO(b"%PDF-1.4 guide")})
    assert guide.status_code == 422  # no file name, no type
    upload = SimpleUploadedFile("guide.pdf", b"%PDF-1.4 guide", content_type="application/pdf")
    guide = client.post(url + "/guide", {"file": upload})
    assert guide.status_code == 200, guide.content
    assert len(guide.json()["guide_sm3"]) == 64


def test_a_unit_cannot_edit_a_cycle_or_attach_the_guide(client, applicant):
    cycle = make_cycle()
    client.force_login(applicant)
    url = f"{BASE}/cycles/{cycle.pk}"
    assert _send(client, "PUT", url, {"title": "x"}).status_code == 403
    upload = SimpleUploadedFile("guide.pdf", b"%PDF-1.4 guide", content_type="application/pdf")
    assert client.post(url + "/guide", {"file": upload}).status_code == 403
