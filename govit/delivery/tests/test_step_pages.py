"""The step pages render for the roles that may act, refuse the others (403), and a form
posts through the service with field errors in Chinese."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from govit.delivery import payments, procurement, progress
from govit.delivery.models import PaymentRequest, Procurement
from govit.delivery.tests.helpers import approved_project, record_approval
from govit.orgs.choices import Role
from govit.orgs.tests.factories import OrganisationFactory
from govit.projects.tests.factories import add_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(applicant, finance_clerk, unit_org):
    project = approved_project(unit_org)
    record_approval(applicant, project)
    item = procurement.procurement_record(
        actor=applicant,
        project=project,
        title="平台采购",
        method="public_tender",
        budget_amount=Decimal("900000.00"),
        planned_on=dt.date(2026, 4, 1),
    )
    milestone = progress.milestone_add(
        actor=applicant,
        project=project,
        name="设计",
        baseline_due=dt.date(2026, 6, 30),
        planned_cost=Decimal("100000.00"),
    )
    (evidence,) = add_documents(project, "other")
    request = payments.payment_request(
        actor=applicant,
        project=project,
        milestone=milestone,
        kind="progress",
        amount=Decimal("1000.00"),
        evidence=evidence,
        requested_on=dt.date(2026, 7, 1),
    )
    return project, item, milestone, request


def test_the_unit_pages(client, applicant, world):
    project, item, milestone, _request = world
    client.force_login(applicant)
    for name, args in (
        ("delivery-detail", [project.pk]),
        ("delivery-procurement", [project.pk, item.pk]),
        ("delivery-procurement-new", [project.pk]),
        ("delivery-procurement-award", [project.pk, item.pk]),
        ("delivery-procurement-review", [project.pk, item.pk]),
        ("delivery-supervision-new", [project.pk]),
        ("delivery-progress", [project.pk]),
        ("delivery-milestone-progress", [project.pk, milestone.pk]),
        ("delivery-rebaseline", [project.pk]),
        ("delivery-progress-report-new", [project.pk]),
        ("delivery-payment-request-new", [project.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 200, name
    page = client.get(reverse("delivery-procurement", args=[project.pk, item.pk]))
    assert "对采购方式的检查结果" in page.content.decode()
    approve = reverse("delivery-payment-request-approve", args=[project.pk, _request.pk])
    assert client.get(approve).status_code == 403
    # No payment 1 to reverse: 404 before the role is asked.
    assert client.get(reverse("delivery-payment-reverse", args=[project.pk, 1])).status_code == 404


def test_finance_approves_and_pays_through_the_pages(client, finance_clerk, world):
    project, _item, _milestone, request = world
    client.force_login(finance_clerk)
    assert client.get(reverse("delivery-procurement-new", args=[project.pk])).status_code == 403
    url = reverse("delivery-payment-request-approve", args=[project.pk, request.pk])
    assert client.post(url, {"decided_on": "2026-07-02"}).status_code == 302
    url = reverse("delivery-payment-request-execute", args=[project.pk, request.pk])
    empty = client.post(url, {"paid_on": "2026-07-03"})
    assert empty.status_code == 200
    assert "这个字段是必填项" in empty.content.decode()
    assert (
        client.post(url, {"paid_on": "2026-07-03", "treasury_reference": "GK"}).status_code == 302
    )
    request.refresh_from_db()
    assert request.status == PaymentRequest.Status.EXECUTED
    page = client.get(reverse("delivery-detail", args=[project.pk])).content.decode()
    assert "冲正" in page


def test_an_award_over_the_budget_shows_the_field_error(client, applicant, world):
    project, item, _milestone, _request = world
    vendor = OrganisationFactory(kind=Role.VENDOR)
    client.force_login(applicant)
    response = client.post(
        reverse("delivery-procurement-award", args=[project.pk, item.pk]),
        {"vendor": vendor.pk, "award_amount": "900000.01", "awarded_on": "2026-05-01"},
    )
    assert response.status_code == 200
    assert "中标（成交）金额超过" in response.content.decode()
    assert Procurement.objects.get(pk=item.pk).awarded_on is None
