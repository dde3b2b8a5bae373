"""The delivery services: approval records, payments at their boundaries, surplus returns."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from govit.core.models import AuditEvent
from govit.delivery import services
from govit.delivery.errors import NotPermitted, PaymentRefused
from govit.delivery.models import Budget, Payment
from govit.delivery.tests.helpers import APPROVED, approved_project, pay, record_approval
from govit.documents.models import Document

pytestmark = pytest.mark.django_db

CODE = "2026-420100-65-01-000123"


def test_it_records_the_approval_with_the_route_the_rulebook_decides(applicant, unit_org):
    project = approved_project(unit_org, investment=Decimal("500000.00"))
    record = record_approval(applicant, project, investment_code=CODE)
    assert record.route == "approval"
    assert record.route_article == "第八条"
    assert record.investment_code == CODE
    project.refresh_from_db()
    assert project.investment_code == CODE
    assert Budget.objects.get(project=project).approved == APPROVED
    assert AuditEvent.objects.filter(action="delivery.approval_record").count() == 1


def test_it_records_the_filing_route_just_below_the_threshold(applicant, unit_org):
    project = approved_project(unit_org, investment=Decimal("499999.99"))
    assert record_approval(applicant, project).route == "filing"


@pytest.mark.parametrize(
    "code",
    [
        "2026-420100-65-01-00012",  # 23 characters
        "2026-420100-65-01-0001234",  # 25 characters
        "2026-42010A-65-01-000123",
        "2026/420100-65-01-000123",
        "1999-420100-65-01-000123",
    ],
)
def test_it_refuses_a_malformed_investment_code(applicant, unit_org, code):
    project = approved_project(unit_org)
    with pytest.raises(ValidationError) as error:
        record_approval(applicant, project, investment_code=code)
    assert "investment_code" in error.value.message_dict


def test_it_refuses_the_approval_record_to_finance_and_other_units(
    finance_clerk, other_applicant, unit_org
):
    project = approved_project(unit_org)
    for actor in (finance_clerk, other_applicant):
        with pytest.raises(NotPermitted):
            record_approval(actor, project)


def test_the_competent_department_may_record_the_approval(reviewer, unit_org):
    project = approved_project(unit_org)
    assert record_approval(reviewer, project).document_number


def test_it_pays_exactly_the_balance_and_refuses_one_fen_more(applicant, finance_clerk, unit_org):
    project = approved_project(unit_org)
    record_approval(applicant, project)
    pay(finance_clerk, project, Decimal("600000.00"))
    with pytest.raises(PaymentRefused) as error:
        pay(finance_clerk, project, Decimal("400000.01"))
    assert error.value.problems[0].field == "amount"
    pay(finance_clerk, project, Decimal("400000.00"))
    assert Budget.objects.get(project=project).paid == APPROVED
    with pytest.raises(PaymentRefused):
        pay(finance_clerk, project, Decimal("0.01"))
    assert AuditEvent.objects.filter(action="delivery.payment_make").count() == 2


def test_it_refuses_a_payment_without_an_approval(finance_clerk, unit_org):
    project = approved_project(unit_org)
    with pytest.raises(PaymentRefused):
        pay(finance_clerk, project, Decimal("1.00"))


def test_only_finance_makes_payments(applicant, reviewer, unit_org):
    project = approved_project(unit_org)
    record_approval(applicant, project)
    for actor in (applicant, reviewer):
        with pytest.raises(NotPermitted):
            pay(actor, project, Decimal("1.00"))


def test_a_stale_budget_does_not_let_two_payments_overdraw(applicant, finance_clerk, unit_org):
    """Both requests read the project before either paid; the balance is re-read under the
    budget row's lock, so the second is refused."""
    project = approved_project(unit_org)
    record_approval(applicant, project)
    first_copy = type(project).objects.get(pk=project.pk)
    second_copy = type(project).objects.get(pk=project.pk)
    pay(finance_clerk, first_copy, Decimal("600000.00"))
    with pytest.raises(PaymentRefused):
        pay(finance_clerk, second_copy, Decimal("600000.00"))
    assert Payment.objects.count() == 1


def test_harbin_holds_the_final_payment_until_acceptance_passes(applicant, finance_clerk, unit_org):
    project = approved_project(unit_org, rulebook="harbin", acceptance_passed=False)
    record_approval(applicant, project)
    pay(finance_clerk, project, Decimal("900000.00"))
    with pytest.raises(PaymentRefused) as error:
        pay(finance_clerk, project, Decimal("100000.00"), kind="final")
    assert error.value.problems[0].article == "第二十九条"
    project.acceptance_passed = True
    project.save(update_fields=["acceptance_passed"])
    pay(finance_clerk, project, Decimal("100000.00"), kind="final")
    project.refresh_from_db()
    assert project.remaining_payment_made is True


def test_harbin_lets_progress_payments_through_before_acceptance(
    applicant, finance_clerk, unit_org
):
    project = approved_project(unit_org, rulebook="harbin", acceptance_passed=False)
    record_approval(applicant, project)
    assert pay(finance_clerk, project, Decimal("100000.00")).pk


def test_gaoping_withholds_funds_while_the_acceptance_is_not_filed(
    applicant, finance_clerk, unit_org
):
    project = approved_project(
        unit_org, rulebook="gaoping", accepted_on=dt.date(2026, 9, 1), acceptance_filed_on=None
    )
    record_approval(applicant, project)
    with pytest.raises(PaymentRefused) as error:
        pay(finance_clerk, project, Decimal("1.00"))
    assert error.value.problems[0].article == "第二十条"
    project.acceptance_filed_on = dt.date(2026, 9, 3)
    project.save(update_fields=["acceptance_filed_on"])
    assert pay(finance_clerk, project, Decimal("1.00")).pk


def test_gaoping_pays_before_acceptance(applicant, finance_clerk, unit_org):
    project = approved_project(unit_org, rulebook="gaoping")
    record_approval(applicant, project)
    assert pay(finance_clerk, project, Decimal("1.00")).pk


def test_the_evidence_must_belong_to_the_project(applicant, finance_clerk, unit_org):
    project = approved_project(unit_org)
    other = approved_project(unit_org)
    record_approval(applicant, project)
    document = Document.objects.create(project=other, type="other", title="x")
    with pytest.raises(ValidationError):
        services.payment_make(
            actor=finance_clerk,
            project=project,
            kind="progress",
            milestone="x",
            amount=Decimal("1.00"),
            paid_on=dt.date(2026, 6, 1),
            treasury_reference="x",
            evidence=document,
        )


def test_it_records_returned_surplus(applicant, unit_org):
    project = approved_project(unit_org)
    services.surplus_return(
        actor=applicant,
        project=project,
        amount=Decimal("5000.00"),
        returned_on=dt.date(2026, 12, 1),
    )
    project.refresh_from_db()
    assert project.surplus_returned is True
    assert project.surplus == Decimal("5000.00")
    assert AuditEvent.objects.filter(action="delivery.surplus_return").count() == 1


def test_it_records_appropriations(applicant, finance_clerk, other_applicant, unit_org):
    project = approved_project(unit_org)
    services.appropriation_add(
        actor=finance_clerk, project=project, year=2026, source="fiscal", amount=Decimal("1.00")
    )
    with pytest.raises(NotPermitted):
        services.appropriation_add(
            actor=other_applicant,
            project=project,
            year=2026,
            source="fiscal",
            amount=Decimal("1.00"),
        )
