"""Pages and API of the data-resource catalogue: who sees and does what, with query counts."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govit.data_resources.choices import RequestStatus, ResourceStatus
from govit.data_resources.models import DataResource, SharingRequest
from govit.data_resources.tests.factories import ITEMS, DataResourceFactory

pytestmark = pytest.mark.django_db


def post(client, url, body, method="post"):
    return getattr(client, method)(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def draft(unit_org):
    return DataResourceFactory(unit=unit_org)


@pytest.fixture
def public(unit_org):
    return DataResourceFactory(unit=unit_org, status=ResourceStatus.PUBLISHED)


def payload(unit_org, **extra):
    body = {
        "classification": "201003",
        "code": "201003/0100",
        "name": "低保对象信息",
        "unit_id": unit_org.pk,
        "summary": "城乡低保对象",
        "format": "database",
        "sharing_type": "conditional",
        "sharing_condition": "核对用",
        "sharing_method": "interface",
        "open_type": "none",
        "update_cycle": "daily",
        "data_owner": "救助科",
        "items": ITEMS,
    }
    body.update(extra)
    return body


def test_the_pages_render_for_the_unit(client, applicant, draft, public):
    client.force_login(applicant)
    for name in ("data-resource-list", "data-sharing-catalogue", "data-open-catalogue"):
        assert client.get(reverse(name)).status_code == 200
    response = client.get(reverse("data-resource-detail", args=[draft.pk]))
    assert response.status_code == 200
    assert "提交审核" in response.content.decode()
    assert client.get(reverse("data-resource-edit", args=[draft.pk])).status_code == 200
    assert client.get(reverse("sharing-request-list")).status_code == 200


def test_another_units_draft_is_not_found_and_its_published_entry_is_read_only(
    client, other_applicant, draft, public
):
    client.force_login(other_applicant)
    assert client.get(reverse("data-resource-detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("data-resource-detail", args=[public.pk])).status_code == 200
    assert client.get(reverse("data-resource-edit", args=[public.pk])).status_code == 403
    response = client.post(reverse("data-resource-move", args=[public.pk, "withdraw"]))
    assert response.status_code == 403


@pytest.mark.parametrize("persona", ["expert", "vendor"])
def test_assigned_only_roles_are_refused(client, request, persona, public):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("data-resource-list")).status_code == 403
    assert client.get("/api/v1/data-resources").status_code == 403


def test_a_unit_compiles_through_the_form(client, applicant, unit_org):
    client.force_login(applicant)
    form = {
        "classification": "201003",
        "name": "婚姻登记信息",
        "code": "201003/0200",
        "unit": unit_org.pk,
        "summary": "婚姻登记记录",
        "format": "database",
        "sharing_type": "unconditional",
        "sharing_method": "interface",
        "open_type": "none",
        "update_cycle": "daily",
        "data_owner": "婚姻登记处",
        "items": "姓名,C,50,general-2\n证件号,C,18,important",
    }
    response = client.post(reverse("data-resource-create"), form)
    assert response.status_code == 302
    resource = DataResource.objects.get(code="201003/0200")
    assert resource.grade == "important"
    assert resource.items.count() == 2


def test_the_form_shows_a_bad_item_line_and_writes_nothing(client, applicant, unit_org):
    client.force_login(applicant)
    response = client.post(
        reverse("data-resource-create"),
        {
            "classification": "201003",
            "name": "x",
            "code": "201003/0300",
            "unit": unit_org.pk,
            "summary": "x",
            "format": "database",
            "sharing_type": "unconditional",
            "sharing_method": "interface",
            "open_type": "none",
            "update_cycle": "daily",
            "data_owner": "x",
            "items": "姓名,Q,50,secret",
        },
    )
    assert response.status_code == 200
    assert "未知" in response.content.decode()
    assert not DataResource.objects.exists()


def test_the_competent_department_publishes_through_the_page(client, reviewer, draft):
    draft.status = ResourceStatus.APPROVED
    draft.save()
    client.force_login(reviewer)
    client.post(reverse("data-resource-move", args=[draft.pk, "publish"]))
    draft.refresh_from_db()
    assert draft.status == ResourceStatus.PUBLISHED


def test_a_request_is_made_checked_and_answered_through_the_pages(
    client, reviewer, applicant, other_applicant, public
):
    client.force_login(other_applicant)
    response = client.post(
        reverse("data-resource-request", args=[public.pk]), {"purpose": "教育救助核对"}
    )
    request = SharingRequest.objects.get()
    assert response.url == reverse("sharing-request-detail", args=[request.pk])
    client.force_login(reviewer)
    client.post(reverse("sharing-request-act", args=[request.pk, "check"]))
    client.force_login(applicant)
    assert client.get(reverse("sharing-request-detail", args=[request.pk])).status_code == 200
    client.post(reverse("sharing-request-act", args=[request.pk, "grant"]))
    request.refresh_from_db()
    assert request.status == RequestStatus.GRANTED


def test_the_api_compiles_and_moves_an_entry(client, applicant, reviewer, unit_org):
    client.force_login(applicant)
    response = post(client, "/api/v1/data-resources", payload(unit_org))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["grade"] == "important"
    assert len(body["items"]) == 3
    url = f"/api/v1/data-resources/{body['id']}/moves"
    assert post(client, url, {"action": "submit"}).status_code == 200
    assert post(client, url, {"action": "approve"}).status_code == 403
    client.force_login(reviewer)
    assert post(client, url, {"action": "approve"}).json()["status"] == "approved"
    assert post(client, url, {"action": "approve"}).status_code == 409


def test_the_api_refuses_to_open_undesensitised_data_with_the_reason(client, applicant, unit_org):
    client.force_login(applicant)
    body = post(client, "/api/v1/data-resources", payload(unit_org, open_type="unconditional"))
    response = post(
        client, f"/api/v1/data-resources/{body.json()['id']}/moves", {"action": "submit"}
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "desensitised"


def test_the_api_gives_field_errors(client, applicant, unit_org):
    client.force_login(applicant)
    response = post(client, "/api/v1/data-resources", payload(unit_org, sharing_condition=""))
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "sharing_condition"


def test_the_api_hides_another_units_draft(client, other_applicant, draft, other_unit_org):
    client.force_login(other_applicant)
    assert client.get(f"/api/v1/data-resources/{draft.pk}").status_code == 404
    assert (
        post(client, f"/api/v1/data-resources/{draft.pk}", {"name": "x"}, "patch").status_code
        == 404
    )
    response = post(
        client,
        f"/api/v1/data-resources/{draft.pk}/sharing-requests",
        {"purpose": "x", "requester_id": other_unit_org.pk},
    )
    assert response.status_code == 404


def test_the_api_request_flow(client, reviewer, applicant, other_applicant, other_unit_org, public):
    client.force_login(other_applicant)
    response = post(
        client,
        f"/api/v1/data-resources/{public.pk}/sharing-requests",
        {"purpose": "核对", "requester_id": other_unit_org.pk},
    )
    assert response.status_code == 201
    request_id = response.json()["id"]
    assert client.post(f"/api/v1/sharing-requests/{request_id}/check").status_code == 403
    client.force_login(reviewer)
    assert (
        client.post(f"/api/v1/sharing-requests/{request_id}/check").json()["status"] == "forwarded"
    )
    client.force_login(applicant)
    answer = post(client, f"/api/v1/sharing-requests/{request_id}/answer", {"grant": False})
    assert answer.status_code == 422
    answer = post(
        client, f"/api/v1/sharing-requests/{request_id}/answer", {"grant": False, "reason": "涉密"}
    )
    assert answer.json()["status"] == "refused"
    client.force_login(reviewer)
    ruling = post(
        client, f"/api/v1/sharing-requests/{request_id}/ruling", {"uphold": False, "note": "无依据"}
    )
    assert ruling.json()["status"] == "overturned"


def test_the_list_api_has_a_constant_query_count(client, reviewer, unit_org):
    client.force_login(reviewer)
    DataResourceFactory.create_batch(3, unit=unit_org, status=ResourceStatus.PUBLISHED)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/data-resources")
    DataResourceFactory.create_batch(10, unit=unit_org, status=ResourceStatus.PUBLISHED)
    with CaptureQueriesContext(connection) as many:
        body = client.get("/api/v1/data-resources").json()
    assert body["count"] == 13
    assert len(many) == len(few)


def test_the_competent_department_records_a_duplicate_collection(
    client, reviewer, applicant, public, other_unit_org
):
    original = DataResourceFactory(unit=other_unit_org, status=ResourceStatus.PUBLISHED)
    client.force_login(applicant)
    response = client.post(
        reverse("data-resource-move", args=[public.pk, "duplicate"]),
        {"duplicate_of": original.code},
    )
    public.refresh_from_db()
    assert public.duplicate_of is None
    client.force_login(reviewer)
    client.post(
        reverse("data-resource-move", args=[public.pk, "duplicate"]),
        {"duplicate_of": original.code},
    )
    public.refresh_from_db()
    assert public.duplicate_of == original
    response = post(
        client, f"/api/v1/data-resources/{public.pk}/duplicate", {"duplicate_of_id": None}
    )
    assert response.status_code == 200
    public.refresh_from_db()
    assert public.duplicate_of is None
