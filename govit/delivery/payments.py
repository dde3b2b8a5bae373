"""Payments in steps: the unit requests a payment against a milestone with its evidence,
finance approves (or rejects) and executes it through the treasury (国库集中支付), and may
reverse an executed payment with a reason. Every step runs ``services.payment_check`` with
the project and the budget row locked, so nothing is paid twice or beyond the approval."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from govit.core import audit
from govit.delivery import policies
from govit.delivery.choices import PaymentKind
from govit.delivery.errors import NotPermitted, ProjectError
from govit.delivery.models import Budget, Milestone, Payment, PaymentRequest
from govit.delivery.services import _locked_project, committed_total, payment_check
from govit.documents.models import Document
from govit.orgs.models import User
from govit.projects.models import Project


class RequestUnavailable(ProjectError):
    """The request is not in a state that allows this step (decided or paid already)."""

    status = 409
    code = "unavailable"


def _locked_request(request: PaymentRequest) -> tuple[PaymentRequest, Project, Budget | None]:
    project = _locked_project(request.project)
    locked = PaymentRequest.objects.select_for_update().get(pk=request.pk)
    budget = Budget.objects.select_for_update().filter(project=project).first()
    return locked, project, budget


@transaction.atomic
def payment_request(
    *,
    actor: User,
    project: Project,
    milestone: Milestone,
    kind: str,
    amount: Decimal,
    evidence: Document,
    requested_on: dt.date,
) -> PaymentRequest:
    """The unit asks for a payment against a milestone; over the balance it is refused."""
    locked = _locked_project(project)
    if not policies.payment_request(actor, locked):
        raise NotPermitted(_("You cannot request payments for this project."))
    if milestone.project_id != locked.pk:
        raise ValidationError({"milestone": _("Choose a milestone of this project.")})
    if evidence.project_id != locked.pk:
        raise ValidationError({"evidence": _("The evidence must be a document of this project.")})
    budget = Budget.objects.select_for_update().filter(project=locked).first()
    payment_check(
        locked, kind=kind, amount=amount, budget=budget, committed=committed_total(locked)
    )
    request = PaymentRequest.objects.create(
        project=locked,
        milestone=milestone,
        kind=kind,
        amount=amount,
        evidence=evidence,
        requested_on=requested_on,
        requested_by=actor,
    )
    audit.record(
        actor=actor,
        action="delivery.payment_request",
        obj=request,
        after={"milestone": milestone.name, "kind": kind, "amount": amount},
    )
    return request


@transaction.atomic
def payment_approve(
    *, actor: User, request: PaymentRequest, decided_on: dt.date, note: str = ""
) -> PaymentRequest:
    """Finance approves a request (checked again: the rules may have changed since)."""
    locked, project, budget = _locked_request(request)
    if not policies.payment_approve(actor, project):
        raise NotPermitted(_("Only the finance department approves payments."))
    if locked.status != PaymentRequest.Status.REQUESTED:
        raise RequestUnavailable(_("This request was decided already."))
    payment_check(
        project,
        kind=locked.kind,
        amount=locked.amount,
        budget=budget,
        committed=committed_total(project, exclude=locked.pk),
    )
    return _decide(actor, locked, PaymentRequest.Status.APPROVED, decided_on, note)


@transaction.atomic
def payment_reject(
    *, actor: User, request: PaymentRequest, decided_on: dt.date, note: str
) -> PaymentRequest:
    """Finance rejects a request, with its reason; the money it held is free again."""
    locked, project, _budget = _locked_request(request)
    if not policies.payment_approve(actor, project):
        raise NotPermitted(_("Only the finance department rejects payment requests."))
    if locked.status not in PaymentRequest.OPEN:
        raise RequestUnavailable(_("This request was decided already."))
    if not note.strip():
        raise ValidationError({"note": _("Give the reason of the rejection.")})
    return _decide(actor, locked, PaymentRequest.Status.REJECTED, decided_on, note)


def _decide(
    actor: User, locked: PaymentRequest, status: str, decided_on: dt.date, note: str
) -> PaymentRequest:
    before = locked.status
    locked.status = status
    locked.decided_by = actor
    locked.decided_on = decided_on
    locked.decision_note = note
    locked.save(update_fields=["status", "decided_by", "decided_on", "decision_note"])
    audit.record(
        actor=actor,
        action=f"delivery.payment_{'approve' if status == 'approved' else 'reject'}",
        obj=locked,
        before={"status": before},
        after={"status": status, "decided_on": decided_on, "note": note},
    )
    return locked


@transaction.atomic
def payment_execute(
    *, actor: User, request: PaymentRequest, paid_on: dt.date, treasury_reference: str
) -> Payment:
    """Finance pays an approved request through the treasury: once, within the balance."""
    locked, project, budget = _locked_request(request)
    if not policies.payment_execute(actor, project):
        raise NotPermitted(_("Only the finance department executes payments."))
    if locked.status != PaymentRequest.Status.APPROVED:
        raise RequestUnavailable(_("Only an approved request that is not paid yet can be paid."))
    if not treasury_reference.strip():
        raise ValidationError({"treasury_reference": _("Give the treasury payment reference.")})
    payment_check(
        project,
        kind=locked.kind,
        amount=locked.amount,
        budget=budget,
        committed=committed_total(project, exclude=locked.pk),
    )
    assert budget is not None
    payment = Payment.objects.create(
        project=project,
        kind=locked.kind,
        milestone=locked.milestone.name[:200],
        amount=locked.amount,
        paid_on=paid_on,
        treasury_reference=treasury_reference,
        evidence=locked.evidence,
        made_by=actor,
    )
    budget.paid = budget.paid + locked.amount
    budget.save(update_fields=["paid"])
    locked.status = PaymentRequest.Status.EXECUTED
    locked.payment = payment
    locked.save(update_fields=["status", "payment"])
    if locked.kind == PaymentKind.FINAL and not project.remaining_payment_made:
        project.remaining_payment_made = True
        project.save(update_fields=["remaining_payment_made", "updated_at"])
    audit.record(
        actor=actor,
        action="delivery.payment_execute",
        obj=locked,
        before={"paid": budget.paid - locked.amount},
        after={
            "paid": budget.paid,
            "amount": locked.amount,
            "paid_on": paid_on,
            "treasury_reference": treasury_reference,
        },
    )
    return payment


@transaction.atomic
def payment_reverse(*, actor: User, payment: Payment, reversed_on: dt.date, reason: str) -> Payment:
    """Finance reverses an executed payment, with its reason: the balance gets it back."""
    project = _locked_project(payment.project)
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if not policies.payment_reverse(actor, project):
        raise NotPermitted(_("Only the finance department reverses payments."))
    if locked.reversed_on is not None:
        raise RequestUnavailable(_("This payment was reversed already."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason of the reversal.")})
    if reversed_on < locked.paid_on:
        raise ValidationError({"reversed_on": _("A payment is reversed after it was made.")})
    budget = Budget.objects.select_for_update().get(project=project)
    locked.reversed_on = reversed_on
    locked.reversal_reason = reason
    locked.reversed_by = actor
    locked.save(update_fields=["reversed_on", "reversal_reason", "reversed_by"])
    budget.paid = budget.paid - locked.amount
    budget.save(update_fields=["paid"])
    PaymentRequest.objects.filter(payment=locked).update(status=PaymentRequest.Status.REVERSED)
    if (
        locked.kind == PaymentKind.FINAL
        and not Payment.objects.filter(
            project=project, kind=PaymentKind.FINAL, reversed_on__isnull=True
        ).exists()
    ):
        project.remaining_payment_made = False
        project.save(update_fields=["remaining_payment_made", "updated_at"])
    audit.record(
        actor=actor,
        action="delivery.payment_reverse",
        obj=locked,
        before={"paid": budget.paid + locked.amount},
        after={"paid": budget.paid, "reversed_on": reversed_on, "reason": reason},
    )
    return locked
