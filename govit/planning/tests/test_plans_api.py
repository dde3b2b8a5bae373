"""The library and plan API: writes, refusals (403/404/409/422), other units and roles."""

import json

import pytest

from govit.planning import duplicates
from govit.planning.tests.plans_helpers import admit, approved_plan, reviewed

pytestmark = pytest.mark.django_db


def _post(client, url, body=None, method="POST"):
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json")


ADMIT = {"category": "application", "domain": "economy", "priority": 2, "reserve_year": 2027}


def test_it_admits_and_adjusts_through_the_api(client, reviewer, unit_org):
    project = reviewed(unit_org)
    client.force_login(reviewer)
    response = _post(client, "/api/v1/planning/library", {**ADMIT, "project_id": project.pk})
    assert response.status_code == 201, response.content
    entry_id = response.json()["id"]
    moved = _post(
        client,
        f"/api/v1/planning/library/{entry_id}/move-year",
        {"reserve_year": 2028, "reason": "财力安排"},
    )
    assert moved.status_code == 200
    assert moved.json()["history"][-1] == {
        **moved.json()["history"][-1],
        "kind": "move_year",
        "after": {"reserve_year": 2028},
    }
    again = _post(client, "/api/v1/planning/library", {**ADMIT, "project_id": project.pk})
    assert again.status_code == 409


def test_admission_refusals(client, reviewer, applicant, unit_org):
    draft = reviewed(unit_org, state="draft")
    client.force_login(applicant)
    assert (
        _post(client, "/api/v1/planning/library", {**ADMIT, "project_id": draft.pk}).status_code
        == 403
    )
    client.force_login(reviewer)
    refused = _post(client, "/api/v1/planning/library", {**ADMIT, "project_id": draft.pk})
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["article"] == "第八条"
    invalid = _post(
        client,
        "/api/v1/planning/library",
        {**ADMIT, "category": "nonsense", "project_id": reviewed(unit_org).pk},
    )
    assert invalid.status_code == 422
    assert invalid.json()["errors"][0]["field"] == "category"
    assert (
        _post(client, "/api/v1/planning/library", {**ADMIT, "project_id": 999999}).status_code
        == 404
    )


def test_units_read_only_their_entries(client, reviewer, applicant, other_applicant, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    client.force_login(applicant)
    assert [e["id"] for e in client.get("/api/v1/planning/library").json()] == [entry.pk]
    assert client.get(f"/api/v1/planning/library/{entry.pk}").status_code == 200
    withdraw = _post(client, f"/api/v1/planning/library/{entry.pk}/withdraw", {"reason": "x"})
    assert withdraw.status_code == 403
    client.force_login(other_applicant)
    assert client.get("/api/v1/planning/library").json() == []
    assert client.get(f"/api/v1/planning/library/{entry.pk}").status_code == 404
    withdraw = _post(client, f"/api/v1/planning/library/{entry.pk}/withdraw", {"reason": "x"})
    assert withdraw.status_code == 404


def test_the_plan_cycle_through_the_api(client, reviewer, finance_clerk, unit_org):
    first, second = (admit(reviewer, reviewed(unit_org)) for _ in range(2))
    client.force_login(finance_clerk)
    created = _post(client, "/api/v1/planning/plans", {"year": 2027})
    assert created.status_code == 201
    plan_id = created.json()["id"]
    filled = _post(client, f"/api/v1/planning/plans/{plan_id}/fill")
    assert len(filled.json()["lines"]) == 2
    line_id = filled.json()["lines"][0]["id"]
    patched = _post(
        client,
        f"/api/v1/planning/plans/{plan_id}/lines/{line_id}",
        {"amount": "500000.00"},
        method="PATCH",
    )
    assert patched.status_code == 200
    assert _post(client, f"/api/v1/planning/plans/{plan_id}/submit").json()["status"] == "submitted"
    client.force_login(reviewer)
    approval = {
        "reference": "武政〔2026〕1号",
        "approved_on": "2026-01-10",
        "acknowledge_warnings": True,
    }
    approved = _post(client, f"/api/v1/planning/plans/{plan_id}/approve", approval)
    assert approved.status_code == 201, approved.content
    assert approved.json()["number"] == 1
    assert _post(client, f"/api/v1/planning/plans/{plan_id}/approve", approval).status_code == 409
    _post(client, f"/api/v1/planning/plans/{plan_id}/reopen", {"reason": "调整"})
    removed = _post(client, f"/api/v1/planning/plans/{plan_id}/lines/{line_id}", method="DELETE")
    assert len(removed.json()["lines"]) == 1
    _post(client, f"/api/v1/planning/plans/{plan_id}/submit")
    assert (
        _post(client, f"/api/v1/planning/plans/{plan_id}/approve", approval).json()["number"] == 2
    )
    compared = client.get(f"/api/v1/planning/plans/{plan_id}/compare?older=1&newer=2").json()
    assert len(compared["removed"]) == 1
    assert compared["added"] == []
    assert (
        client.get(f"/api/v1/planning/plans/{plan_id}/versions/1").json()["total"] == "1500000.00"
    )
    assert {first.project_id, second.project_id}


@pytest.mark.parametrize("persona", ["applicant", "expert", "vendor"])
def test_others_are_refused_the_plans(client, persona, request, reviewer, unit_org):
    plan = approved_plan(reviewer, [admit(reviewer, reviewed(unit_org))]).plan
    client.force_login(request.getfixturevalue(persona))
    assert client.get("/api/v1/planning/plans").status_code == 403
    assert _post(client, "/api/v1/planning/plans", {"year": 2030}).status_code == 403
    assert client.get(f"/api/v1/planning/plans/{plan.pk}").status_code == 404
    assert client.get(f"/api/v1/planning/plans/{plan.pk}/versions/1").status_code == 404
    assert (
        _post(client, f"/api/v1/planning/plans/{plan.pk}/reopen", {"reason": "x"}).status_code
        == 404
    )


def test_the_duplicate_check_endpoints(client, reviewer, applicant, other_applicant, unit_org):
    duplicates.invalidate()
    entry = admit(reviewer, reviewed(unit_org, name="城乡低保救助管理系统"))
    mine = reviewed(unit_org, name="城乡低保救助管理平台", state="draft")
    client.force_login(applicant)
    report = client.get(f"/api/v1/projects/{mine.pk}/similar").json()
    assert report["matches"][0]["id"] == entry.project_id
    assert report["matches"][0]["phrases"]
    checked = _post(client, "/api/v1/planning/duplicates/check", {"text": "城乡低保救助管理系统"})
    assert checked.json()["matches"][0]["score"] == pytest.approx(1.0)
    client.force_login(other_applicant)
    assert client.get(f"/api/v1/projects/{mine.pk}/similar").status_code == 404
    hidden = _post(client, "/api/v1/planning/duplicates/check", {"text": "城乡低保救助管理系统"})
    assert hidden.json()["matches"] == []
    assert hidden.json()["hidden"] == 1
    duplicates.invalidate()
