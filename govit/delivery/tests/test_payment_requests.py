"""Payments in steps: the unit requests against a milestone with evidence, finance approves
and executes through the treasury, and may reverse with a reason. Over the balance (less
what open requests hold) is refused, not warned; the final payment waits for acceptance
(Harbin 第二十九条); nothing is paid twice."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from govit.core.models import AuditEvent
from govit.delivery import payments, progress
from govit.delivery.errors import NotPermitted, PaymentRefused
from govit.delivery.models import Budget, PaymentRequest
from govit.delivery.tests.helpers import APPROVED, approved_project, record_approval
from govit.projects.tests.factories import add_documents

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 7, 1)


@pytest.fixture
def setup(applicant, unit_org):
    project = approved_project(unit_org)
    record_approval(applicant, project)
    milestone = progress.milestone_add(
        actor=applicant,
        project=project,
        name="初验",
        baseline_due=dt.date(2026, 6, 30),
        planned_cost=APPROVED,
    )
    (evidence,) = add_documents(project, "other")
    return project, milestone, evidence


def ask(actor, setup, amount, kind="progress"):
    project, milestone, evidence = setup
    return payments.payment_request(
        actor=actor,
        project=project,
        milestone=milestone,
        kind=kind,
        amount=Decimal(amount),
        evidence=evidence,
        requested_on=DAY,
    )


def approve_and_pay(finance, request, reference="GK-1"):
    payments.payment_approve(actor=finance, request=request, decided_on=DAY)
    return payments.payment_execute(
        actor=finance, request=request, paid_on=DAY, treasury_reference=reference
    )


def test_a_request_up_to_the_balance_passes_and_one_fen_more_is_refused(applicant, setup):
    ask(applicant, setup, "600000.00")
    with pytest.raises(PaymentRefused) as error:
        ask(applicant, setup, "400000.01")  # the open request holds 600000
    assert error.value.problems[0].field == "amount"
    assert ask(applicant, setup, "400000.00").status == PaymentRequest.Status.REQUESTED


def test_approval_and_execution_by_finance_pay_once(applicant, finance_clerk, setup):
    request = ask(applicant, setup, "300000.00")
    payment = approve_and_pay(finance_clerk, request)
    assert Budget.objects.get(project=setup[0]).paid == Decimal("300000.00")
    request.refresh_from_db()
    assert request.status == PaymentRequest.Status.EXECUTED
    assert request.payment == payment
    with pytest.raises(payments.RequestUnavailable):
        payments.payment_execute(
            actor=finance_clerk, request=request, paid_on=DAY, treasury_reference="GK-2"
        )
    assert Budget.objects.get(project=setup[0]).paid == Decimal("300000.00")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "delivery.payment_request",
        "delivery.payment_approve",
        "delivery.payment_execute",
    } <= actions


def test_an_unapproved_request_cannot_be_executed(applicant, finance_clerk, setup):
    request = ask(applicant, setup, "1.00")
    with pytest.raises(payments.RequestUnavailable):
        payments.payment_execute(
            actor=finance_clerk, request=request, paid_on=DAY, treasury_reference="GK"
        )


def test_roles_are_separated(applicant, finance_clerk, reviewer, other_applicant, setup):
    with pytest.raises(NotPermitted):
        ask(finance_clerk, setup, "1.00")
    with pytest.raises(NotPermitted):
        ask(other_applicant, setup, "1.00")
    request = ask(applicant, setup, "1.00")
    for actor in (applicant, reviewer, other_applicant):
        with pytest.raises(NotPermitted):
            payments.payment_approve(actor=actor, request=request, decided_on=DAY)


def test_a_rejection_needs_its_reason_and_frees_the_money(applicant, finance_clerk, setup):
    request = ask(applicant, setup, str(APPROVED))
    with pytest.raises(ValidationError):
        payments.payment_reject(actor=finance_clerk, request=request, decided_on=DAY, note=" ")
    payments.payment_reject(
        actor=finance_clerk, request=request, decided_on=DAY, note="证明材料不全"
    )
    assert ask(applicant, setup, str(APPROVED)).pk


def test_harbin_holds_the_final_payment_until_acceptance(applicant, unit_org):
    project = approved_project(unit_org, rulebook="harbin", acceptance_passed=False)
    record_approval(applicant, project, amount=Decimal("1000.00"))
    milestone = progress.milestone_add(
        actor=applicant, project=project, name="尾款", baseline_due=DAY, planned_cost=1
    )
    (evidence,) = add_documents(project, "other")
    with pytest.raises(PaymentRefused) as error:
        payments.payment_request(
            actor=applicant,
            project=project,
            milestone=milestone,
            kind="final",
            amount=Decimal("100.00"),
            evidence=evidence,
            requested_on=DAY,
        )
    assert error.value.problems[0].article == "第二十九条"


def test_a_reversal_gives_the_money_back_with_its_reason(applicant, finance_clerk, setup):
    payment = approve_and_pay(finance_clerk, ask(applicant, setup, str(APPROVED)))
    with pytest.raises(ValidationError):
        payments.payment_reverse(actor=finance_clerk, payment=payment, reversed_on=DAY, reason="")
    with pytest.raises(NotPermitted):
        payments.payment_reverse(actor=applicant, payment=payment, reversed_on=DAY, reason="x")
    payments.payment_reverse(
        actor=finance_clerk, payment=payment, reversed_on=DAY, reason="收款账户错误"
    )
    assert Budget.objects.get(project=setup[0]).paid == 0
    assert PaymentRequest.objects.get(payment=payment).status == PaymentRequest.Status.REVERSED
    with pytest.raises(payments.RequestUnavailable):
        payments.payment_reverse(
            actor=finance_clerk, payment=payment, reversed_on=DAY, reason="again"
        )
    assert ask(applicant, setup, str(APPROVED)).pk


def test_a_request_needs_a_milestone_and_evidence_of_the_project(applicant, unit_org, setup):
    project, milestone, _evidence = setup
    (foreign,) = add_documents(approved_project(unit_org), "other")
    with pytest.raises(ValidationError):
        payments.payment_request(
            actor=applicant,
            project=project,
            milestone=milestone,
            kind="progress",
            amount=Decimal("1.00"),
            evidence=foreign,
            requested_on=DAY,
        )
