"""The acceptance API: the dossier, the steps with their refusals (409 with the article), 404
outside the caller's scope, 403 for a role that may not act, 422 for invalid input."""

import datetime as dt
import json

import pytest

from govit.acceptance.models import Asset, Filing
from govit.acceptance.tests.helpers import documents, in_acceptance, on_day, project_at
from govit.api import api

pytestmark = pytest.mark.django_db
BASE = "/api/v1/projects/{}/acceptance"


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def acceptance_operations(project_pk):
    found = []
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for op in path_view.operations:
                if "acceptance" not in (op.tags or router.tags or []):
                    continue
                url = "/api/v1/" + path.lstrip("/")
                url = url.replace("{project_id}", str(project_pk)).replace("{item}", "x")
                found.extend((method, url) for method in op.methods)
    return found


def test_every_endpoint_refuses_anonymous_callers(client, unit_org):
    project = project_at(unit_org, "construction")
    operations = acceptance_operations(project.pk)
    assert len(operations) >= 12
    for method, url in operations:
        assert client.generic(method, url).status_code == 401, (method, url)


@pytest.mark.parametrize("persona", ["other_applicant", "vendor", "expert"])
def test_every_project_endpoint_is_404_outside_the_callers_scope(
    client, request, unit_org, persona
):
    project = project_at(unit_org, "construction")
    client.force_login(request.getfixturevalue(persona))
    for method, url in acceptance_operations(project.pk):
        if "/projects/" not in url:
            continue
        response = client.generic(method, url, "{}", content_type="application/json")
        assert response.status_code in (404, 422), (method, url, response.status_code)
        if method == "GET":
            assert response.status_code == 404


def test_the_dossier_lists_the_checklist_with_articles(client, applicant, unit_org):
    project = project_at(unit_org, "construction")
    client.force_login(applicant)
    body = client.get(BASE.format(project.pk)).json()
    items = {item["key"]: item for item in body["checklist"]}
    assert items["audit_report"]["article"] == "第二十一条"
    assert items["audit_report"]["document_type"] == "audit_report"
    assert items["acceptance_confirmed"]["confirmed_by"] == "competent"
    assert items["safe_reliable_products"]["needed_before"] == "operation"


def test_the_application_is_refused_with_the_article_and_evidence_unblocks_it(
    client, applicant, reviewer, unit_org
):
    project = project_at(unit_org, "construction")
    documents(project, "risk_assessment", "crypto_assessment", "audit_report")
    client.force_login(applicant)
    response = post(client, BASE.format(project.pk) + "/application", {})
    assert response.status_code == 409
    assert "第二十一条" in {e["article"] for e in response.json()["errors"]}
    proof = documents(project, "other")[0]
    url = BASE.format(project.pk) + "/evidence/platform_docked"
    response = client.put(url, json.dumps({"document_id": proof.pk}), "application/json")
    assert response.status_code == 201
    response = client.put(
        BASE.format(project.pk) + "/evidence/acceptance_confirmed", "{}", "application/json"
    )
    assert response.status_code == 403
    client.force_login(reviewer)
    response = client.put(
        BASE.format(project.pk) + "/evidence/acceptance_confirmed", "{}", "application/json"
    )
    assert response.status_code == 201
    client.force_login(applicant)
    response = post(
        client, BASE.format(project.pk) + "/application", {"acknowledge_warnings": True}
    )
    assert response.status_code == 201
    assert response.json() == {"state": "acceptance", "transition": "apply_acceptance"}


def test_the_meeting_filing_notice_and_assets_by_their_roles(
    client, applicant, reviewer, finance_clerk, unit_org, monkeypatch
):
    on_day(monkeypatch, dt.date(2026, 6, 12))
    project = in_acceptance(unit_org, safe_reliable_products=True)
    report = documents(project, "acceptance_report")[0]
    meeting = {
        "held_on": "2026-06-10",
        "result": "passed",
        "report_id": report.pk,
        "participants": [
            {"kind": "organisation", "organisation_id": unit_org.pk},
            {"kind": "expert", "name": "张专家", "affiliation": "某大学"},
        ],
    }
    client.force_login(applicant)
    assert post(client, BASE.format(project.pk) + "/meetings", meeting).status_code == 403
    client.force_login(reviewer)
    response = post(client, BASE.format(project.pk) + "/meetings", meeting)
    assert response.status_code == 201
    assert [p["name"] for p in response.json()["participants"]] == ["市民政局", "张专家"]
    response = post(client, BASE.format(project.pk) + "/conclusion", {"acknowledge_warnings": True})
    assert response.status_code == 201
    assert response.json()["state"] == "operation"

    filing = BASE.format(project.pk) + "/filing"
    notice = BASE.format(project.pk) + "/finance-notice"
    client.force_login(finance_clerk)
    assert post(client, filing, {"filed_on": "2026-06-11"}).status_code == 403
    client.force_login(reviewer)
    assert post(client, notice, {"sent_on": "2026-06-11"}).status_code == 409
    assert post(client, filing, {"filed_on": "2026-06-11"}).status_code == 201
    assert post(client, filing, {"filed_on": "2026-06-11"}).status_code == 409
    assert post(client, notice, {"sent_on": "2026-06-10"}).status_code == 422
    assert post(client, notice, {"sent_on": "2026-06-12"}).status_code == 201
    receipt = notice + "/receipt"
    assert post(client, receipt, {"received_on": "2026-06-12"}).status_code == 403
    client.force_login(finance_clerk)
    assert post(client, receipt, {"received_on": "2026-06-12"}).status_code == 201
    assert Filing.objects.get(project=project).notice_received_by == finance_clerk

    asset = {
        "asset_number": "ZC-1",
        "description": "应用软件",
        "value": "650000.00",
        "booked_on": "2026-06-12",
    }
    assert post(client, BASE.format(project.pk) + "/assets", asset).status_code == 403
    client.force_login(applicant)
    assert post(client, BASE.format(project.pk) + "/assets", asset).status_code == 201
    response = post(client, BASE.format(project.pk) + "/assets", asset)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "asset_number"
    project.refresh_from_db()
    assert project.assets_booked_on == dt.date(2026, 6, 12)
    assert project.accepted_on == dt.date(2026, 6, 10)  # the meeting's day, not the step's
    assert Asset.objects.count() == 1
    body = client.get(BASE.format(project.pk)).json()
    assert body["filing"]["notice_received_on"] == "2026-06-12"
    assert body["assets"][0]["asset_number"] == "ZC-1"


def test_the_overdue_list_is_scoped(client, other_applicant):
    client.force_login(other_applicant)
    response = client.get("/api/v1/acceptance/overdue")
    assert response.status_code == 200
    assert response.json() == []


def test_the_unit_withdraws_its_evidence(client, applicant, unit_org):
    project = project_at(unit_org, "construction")
    proof = documents(project, "other")[0]
    url = BASE.format(project.pk) + "/evidence/platform_docked"
    client.force_login(applicant)
    assert (
        client.put(url, json.dumps({"document_id": proof.pk}), "application/json").status_code
        == 201
    )
    assert client.delete(url).status_code == 204
    project.refresh_from_db()
    assert project.platform_docked is None
    bad = BASE.format(project.pk) + "/evidence/audit_report"
    response = client.put(bad, json.dumps({"document_id": proof.pk}), "application/json")
    assert response.status_code == 422
