"""The delivery API: reads, writes, refusals with their article, other units and roles."""

import json
from decimal import Decimal

import pytest

from govit.delivery.tests.helpers import approved_project, record_approval

pytestmark = pytest.mark.django_db

APPROVAL = {
    "approving_body": "市数据局",
    "document_number": "武数发〔2026〕3号",
    "approved_on": "2026-03-02",
    "approved_amount": "1000.00",
}
PAYMENT = {
    "kind": "progress",
    "milestone": "初验",
    "amount": "1000.00",
    "paid_on": "2026-06-01",
    "treasury_reference": "GK-1",
}


def _send(client, method, url, body):
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_it_records_the_approval_and_pays_to_the_fen(client, applicant, finance_clerk, unit_org):
    project = approved_project(unit_org)
    base = f"/api/v1/projects/{project.pk}/delivery"
    client.force_login(applicant)
    response = _send(client, "PUT", base + "/approval", APPROVAL)
    assert response.status_code == 201, response.content
    assert response.json()["route_article"] == "第八条"
    client.force_login(finance_clerk)
    over = _send(client, "POST", base + "/payments", {**PAYMENT, "amount": "1000.01"})
    assert over.status_code == 409
    assert over.json()["errors"][0]["field"] == "amount"
    assert _send(client, "POST", base + "/payments", PAYMENT).status_code == 201
    body = client.get(base).json()
    assert Decimal(body["balance"]) == 0
    assert len(body["payments"]) == 1


def test_the_refusal_cites_the_article(client, applicant, finance_clerk, unit_org):
    project = approved_project(unit_org, rulebook="harbin", acceptance_passed=False)
    record_approval(applicant, project, amount=Decimal("1000.00"))
    client.force_login(finance_clerk)
    response = _send(
        client,
        "POST",
        f"/api/v1/projects/{project.pk}/delivery/payments",
        {**PAYMENT, "kind": "final"},
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["article"] == "第二十九条"


def test_wrong_roles_are_refused_with_403(client, applicant, finance_clerk, unit_org):
    project = approved_project(unit_org)
    base = f"/api/v1/projects/{project.pk}/delivery"
    client.force_login(finance_clerk)
    assert _send(client, "PUT", base + "/approval", APPROVAL).status_code == 403
    client.force_login(applicant)
    assert _send(client, "POST", base + "/payments", PAYMENT).status_code == 403


def test_another_unit_and_vendors_get_404(client, other_applicant, vendor, unit_org):
    project = approved_project(unit_org)
    for user in (other_applicant, vendor):
        client.force_login(user)
        assert client.get(f"/api/v1/projects/{project.pk}/delivery").status_code == 404


def test_the_delivery_read_makes_a_constant_number_of_queries(
    client, applicant, finance_clerk, unit_org, django_assert_num_queries
):
    from govit.delivery.tests.helpers import pay

    project = approved_project(unit_org)
    record_approval(applicant, project)
    pay(finance_clerk, project, Decimal("1.00"))
    client.force_login(finance_clerk)
    url = f"/api/v1/projects/{project.pk}/delivery"
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(url)
    for _ in range(4):
        pay(finance_clerk, project, Decimal("1.00"))
    with django_assert_num_queries(len(first.captured_queries)):
        assert len(client.get(url).json()["payments"]) == 5
