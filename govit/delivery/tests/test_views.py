"""The delivery pages: who sees and who acts, and refusals shown with their article."""

from decimal import Decimal

import pytest
from django.urls import reverse

from govit.delivery.models import ApprovalRecord, Payment
from govit.delivery.tests.helpers import approved_project, record_approval

pytestmark = pytest.mark.django_db


def test_it_shows_the_delivery_page_to_the_unit_and_oversight(
    client, applicant, reviewer, finance_clerk, unit_org, django_assert_num_queries
):
    project = approved_project(unit_org)
    record_approval(applicant, project)
    url = reverse("delivery-detail", args=[project.pk])
    for user in (applicant, reviewer, finance_clerk):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert "武数发〔2026〕12号" in response.content.decode()


def test_the_page_makes_a_constant_number_of_queries(
    client, applicant, finance_clerk, unit_org, django_assert_max_num_queries
):
    project = approved_project(unit_org)
    record_approval(applicant, project)
    client.force_login(finance_clerk)
    url = reverse("delivery-detail", args=[project.pk])
    client.get(url)
    with django_assert_max_num_queries(40) as first:
        client.get(url)
    for day in range(1, 6):
        Payment.objects.create(
            project=project,
            kind="progress",
            milestone=f"m{day}",
            amount=Decimal("1.00"),
            paid_on=f"2026-06-0{day}",
            treasury_reference="x",
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(url)


def test_vendors_and_other_units_get_404(client, vendor, other_applicant, expert, unit_org):
    project = approved_project(unit_org)
    for user in (vendor, other_applicant, expert):
        client.force_login(user)
        assert client.get(reverse("delivery-detail", args=[project.pk])).status_code == 404


def test_the_unit_records_the_approval_through_the_form(client, applicant, unit_org):
    project = approved_project(unit_org)
    client.force_login(applicant)
    response = client.post(
        reverse("delivery-approval", args=[project.pk]),
        {
            "approving_body": "市数据局",
            "document_number": "武数发〔2026〕3号",
            "approved_on": "2026-03-02",
            "approved_amount": "800000.00",
            "investment_code": "2026-420100-65-01-000123",
        },
    )
    assert response.status_code == 302
    assert ApprovalRecord.objects.get(project=project).route == "approval"


def test_a_malformed_code_is_shown_on_the_form(client, applicant, unit_org):
    project = approved_project(unit_org)
    client.force_login(applicant)
    response = client.post(
        reverse("delivery-approval", args=[project.pk]),
        {
            "approving_body": "市数据局",
            "document_number": "x",
            "approved_on": "2026-03-02",
            "approved_amount": "800000.00",
            "investment_code": "2026-420100-65-01-00012",
        },
    )
    assert response.status_code == 200
    assert 'data-testid="error-investment_code"' in response.content.decode()


def test_finance_cannot_open_the_approval_form_and_the_unit_cannot_pay(
    client, applicant, finance_clerk, unit_org
):
    project = approved_project(unit_org)
    client.force_login(finance_clerk)
    assert client.get(reverse("delivery-approval", args=[project.pk])).status_code == 403
    client.force_login(applicant)
    assert client.get(reverse("delivery-payment-new", args=[project.pk])).status_code == 403


def test_a_refused_payment_shows_the_article(client, applicant, finance_clerk, unit_org):
    project = approved_project(unit_org, rulebook="harbin", acceptance_passed=False)
    record_approval(applicant, project)
    client.force_login(finance_clerk)
    response = client.post(
        reverse("delivery-payment-new", args=[project.pk]),
        {
            "kind": "final",
            "milestone": "尾款",
            "amount": "100000.00",
            "paid_on": "2026-06-01",
            "treasury_reference": "GK-1",
        },
    )
    assert response.status_code == 200
    assert "第二十九条" in response.content.decode()
    assert not Payment.objects.exists()


def test_finance_pays_through_the_form(client, applicant, finance_clerk, unit_org):
    project = approved_project(unit_org)
    record_approval(applicant, project)
    client.force_login(finance_clerk)
    response = client.post(
        reverse("delivery-payment-new", args=[project.pk]),
        {
            "kind": "progress",
            "milestone": "初验",
            "amount": "1000000.00",
            "paid_on": "2026-06-01",
            "treasury_reference": "GK-1",
        },
    )
    assert response.status_code == 302
    assert Payment.objects.get().amount == Decimal("1000000.00")


def test_finance_records_an_appropriation_and_the_unit_a_returned_surplus(
    client, applicant, finance_clerk, unit_org
):
    project = approved_project(unit_org)
    client.force_login(finance_clerk)
    response = client.post(
        reverse("delivery-appropriation-new", args=[project.pk]),
        {"year": "2026", "source": "fiscal", "amount": "500000.00"},
    )
    assert response.status_code == 302
    client.force_login(applicant)
    response = client.post(
        reverse("delivery-surplus-new", args=[project.pk]),
        {"amount": "1000.00", "returned_on": "2026-12-01", "note": "结余"},
    )
    assert response.status_code == 302
    page = client.get(reverse("delivery-detail", args=[project.pk])).content.decode()
    assert "50万元" in page
    project.refresh_from_db()
    assert project.surplus_returned is True


def test_a_payment_carries_its_evidence(client, applicant, finance_clerk, unit_org):
    from govit.documents.models import Document

    project = approved_project(unit_org)
    record_approval(applicant, project)
    document = Document.objects.create(project=project, type="other", title="支付凭证.pdf")
    client.force_login(finance_clerk)
    response = client.post(
        f"/api/v1/projects/{project.pk}/delivery/payments",
        {
            "kind": "progress",
            "milestone": "初验",
            "amount": "1.00",
            "paid_on": "2026-06-01",
            "treasury_reference": "GK-1",
            "evidence_id": document.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert Payment.objects.get().evidence == document
    page = client.get(reverse("delivery-detail", args=[project.pk])).content.decode()
    assert "支付凭证.pdf" in page
