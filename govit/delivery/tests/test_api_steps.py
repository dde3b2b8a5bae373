"""The API of procurement, progress, payment requests and change rejection: the flow, the
refusals with their status codes, and the roles that must be refused."""

import json
from decimal import Decimal

import pytest

from govit.delivery.tests.helpers import approved_project, record_approval
from govit.projects.tests.factories import add_documents

pytestmark = pytest.mark.django_db


def _send(client, method, url, body):
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_procurement_through_the_api(client, applicant, finance_clerk, unit_org, settings):
    settings.GOVIT_PUBLIC_TENDER_THRESHOLD = 2_000_000
    project = approved_project(unit_org)
    base = f"/api/v1/projects/{project.pk}/delivery/procurements"
    body = {
        "title": "采购",
        "method": "inquiry",
        "budget_amount": "2000000.00",
        "planned_on": "2026-04-01",
    }
    client.force_login(finance_clerk)
    assert _send(client, "POST", base, body).status_code == 403
    client.force_login(applicant)
    response = _send(client, "POST", base, body)
    assert response.status_code == 201, response.content
    bad = _send(client, "POST", base, {**body, "method": "nonsense"})
    assert bad.status_code == 422
    listed = client.get(base).json()
    assert listed[0]["findings"][0]["severity"] == "warn"
    assert listed[0]["findings"][0]["article"] == "《政府采购法》第二十七条"


def test_payment_requests_through_the_api(client, applicant, finance_clerk, unit_org):
    project = approved_project(unit_org)
    record_approval(applicant, project, amount=Decimal("1000.00"))
    base = f"/api/v1/projects/{project.pk}/delivery"
    (evidence,) = add_documents(project, "other")
    client.force_login(applicant)
    milestone = _send(
        client,
        "POST",
        base + "/milestones",
        {"name": "初验", "baseline_due": "2026-06-30", "planned_cost": "1000.00"},
    ).json()
    request_body = {
        "milestone_id": milestone["id"],
        "kind": "progress",
        "amount": "1000.01",
        "evidence_id": evidence.pk,
        "requested_on": "2026-07-01",
    }
    over = _send(client, "POST", base + "/payment-requests", request_body)
    assert over.status_code == 409
    created = _send(client, "POST", base + "/payment-requests", {**request_body, "amount": "1000"})
    assert created.status_code == 201
    request_id = created.json()["id"]
    approval = f"{base}/payment-requests/{request_id}/approval"
    assert _send(client, "POST", approval, {"decided_on": "2026-07-02"}).status_code == 403
    client.force_login(finance_clerk)
    assert _send(client, "POST", approval, {"decided_on": "2026-07-02"}).status_code == 201
    execution = f"{base}/payment-requests/{request_id}/execution"
    paid = _send(client, "POST", execution, {"paid_on": "2026-07-03", "treasury_reference": "GK"})
    assert paid.status_code == 201
    again = _send(client, "POST", execution, {"paid_on": "2026-07-03", "treasury_reference": "GK"})
    assert again.status_code == 409
    reversal = f"{base}/payments/{paid.json()['id']}/reversal"
    reversed_ = _send(client, "POST", reversal, {"reversed_on": "2026-07-04", "reason": "退回"})
    assert reversed_.status_code == 201
    assert reversed_.json()["reversed_on"] == "2026-07-04"
    assert Decimal(client.get(base).json()["balance"]) == Decimal("1000.00")
    progress_body = client.get(base + "/progress").json()
    assert progress_body["milestones"][0]["name"] == "初验"


def test_change_rejection_through_the_api(client, applicant, reviewer, unit_org):
    project = approved_project(unit_org, investment=Decimal("1000000.00"))
    base = f"/api/v1/projects/{project.pk}/delivery/changes"
    client.force_login(applicant)
    change = _send(
        client,
        "POST",
        base,
        {
            "reason": "technical_optimization",
            "description": "调整",
            "amount": "1000.00",
            "requested_on": "2026-07-01",
        },
    ).json()
    url = f"{base}/{change['id']}/rejection"
    body = {"rejected_on": "2026-07-02", "reason": "不必要"}
    assert _send(client, "POST", url, body).status_code == 403
    client.force_login(reviewer)
    response = _send(client, "POST", url, body)
    assert response.status_code == 201
    assert response.json()["rejection_reason"] == "不必要"
    assert client.get(base).json()["changes"][0]["status"] == "rejected"


def test_an_unknown_change_reason_is_a_field_error_not_a_crash(client, applicant, unit_org):
    project = approved_project(unit_org, investment=Decimal("1000000.00"))
    client.force_login(applicant)
    response = _send(
        client,
        "POST",
        f"/api/v1/projects/{project.pk}/delivery/changes",
        {"reason": "x", "description": "调整", "amount": "1000.00", "requested_on": "2026-07-01"},
    )
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["reason"]
