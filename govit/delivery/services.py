"""Writes of the delivery records: each checks its predicate, runs in one transaction and
writes an audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.money import format_wan
from govit.core.selectors import work_calendar
from govit.delivery import policies
from govit.delivery.choices import PaymentKind
from govit.delivery.errors import NotPermitted, PaymentRefused, Problem
from govit.delivery.models import (
    Appropriation,
    ApprovalRecord,
    Budget,
    Payment,
    PaymentRequest,
    SurplusReturn,
)
from govit.documents.models import Document
from govit.orgs.models import User
from govit.policy import loader
from govit.policy.engine.results import CheckResult
from govit.policy.engine.snapshot import Snapshot
from govit.projects import guards
from govit.projects.models import Project
from govit.projects.snapshots import build_snapshot, with_snapshot_parts
from govit.projects.validators import validate_investment_code


def project_snapshot(project: Project) -> Snapshot:
    """The project as the rules read it today (its parts in a fixed number of queries)."""
    project = with_snapshot_parts(Project.objects.filter(pk=project.pk)).get()
    return build_snapshot(project, as_of=timezone.localdate())


def evaluate(
    project: Project,
    *,
    update: dict[str, Any] | None = None,
    snapshot: Snapshot | None = None,
) -> CheckResult:
    """The rulebook's verdict on the project as stored now, optionally with facts changed
    (``snapshot``: the project's snapshot already built for this request)."""
    today = timezone.localdate()
    snapshot = snapshot or project_snapshot(project)
    if update:
        snapshot = snapshot.model_copy(
            update={"project": snapshot.project.model_copy(update=update)}
        )
    return loader.get(project.rulebook).evaluate(snapshot, calendar=work_calendar(), as_of=today)


def check_investment_code(code: str) -> None:
    """The national investment-project code: YYYY-AAAAAA-II-TT-NNNNNN, 24 characters."""
    try:
        validate_investment_code(code)
    except ValidationError as exc:
        raise ValidationError({"investment_code": exc.messages}) from None


def _locked_project(project: Project) -> Project:
    return Project.objects.select_for_update(of=("self",)).select_related("unit").get(pk=project.pk)


@transaction.atomic
def approval_record(
    *,
    actor: User,
    project: Project,
    approving_body: str,
    document_number: str,
    approved_on: dt.date,
    approved_amount: Decimal,
    approved_estimate: Decimal | None = None,
    conditions: str = "",
    investment_code: str = "",
) -> ApprovalRecord:
    """Record (or correct) the project's approval, with the route the rulebook decides."""
    locked = _locked_project(project)
    if not policies.approval_record(actor, locked):
        raise NotPermitted(_("You cannot record the approval of this project."))
    code = investment_code.strip() or locked.investment_code
    if code:
        check_investment_code(code)
    if approved_amount < 0 or (approved_estimate is not None and approved_estimate < 0):
        raise ValidationError({"approved_amount": _("Amounts cannot be negative.")})
    decision = evaluate(locked).decisions.get("approval_route")
    record = ApprovalRecord.objects.filter(project=locked).first()
    before = audit.to_json_value(_approval_values(record)) if record else None
    record = record or ApprovalRecord(project=locked)
    record.approving_body = approving_body
    record.document_number = document_number
    record.approved_on = approved_on
    record.approved_amount = approved_amount
    record.approved_estimate = approved_estimate
    record.conditions = conditions
    record.investment_code = code
    record.route = str(decision.value) if decision else ""
    record.route_article = decision.article if decision else ""
    record.recorded_by = actor
    record.save()
    budget = Budget.objects.select_for_update().filter(project=locked).first()
    if budget is None:
        Budget.objects.create(project=locked, approved=approved_amount)
    else:
        if approved_amount < budget.paid:
            raise ValidationError(
                {
                    "approved_amount": _("%(paid)s has been paid already: approve at least that.")
                    % {"paid": format_wan(budget.paid)}
                }
            )
        budget.approved = approved_amount
        budget.save(update_fields=["approved"])
    # The project's facts follow the approval, so the rules read the approved estimate.
    synced: list[str] = []
    if code and not locked.investment_code:
        locked.investment_code = code
        synced.append("investment_code")
    if approved_estimate is not None and locked.approved_estimate != approved_estimate:
        locked.approved_estimate = approved_estimate
        synced.append("approved_estimate")
    if synced:
        locked.save(update_fields=[*synced, "updated_at"])
    audit.record(
        actor=actor,
        action="delivery.approval_record",
        obj=locked,
        before=before,
        after=_approval_values(record),
    )
    return record


def _approval_values(record: ApprovalRecord) -> dict[str, Any]:
    return {
        "approving_body": record.approving_body,
        "document_number": record.document_number,
        "approved_on": record.approved_on,
        "approved_amount": record.approved_amount,
        "approved_estimate": record.approved_estimate,
        "conditions": record.conditions,
        "route": record.route,
        "route_article": record.route_article,
        "investment_code": record.investment_code,
    }


@transaction.atomic
def appropriation_add(
    *, actor: User, project: Project, year: int, source: str, amount: Decimal
) -> Appropriation:
    """Record money appropriated to the project for a year from a funding source."""
    if not policies.appropriation_add(actor, project):
        raise NotPermitted(_("You cannot record appropriations for this project."))
    appropriation = Appropriation(project=project, year=year, source=source, amount=amount)
    appropriation.full_clean()
    appropriation.save()
    audit.record(
        actor=actor,
        action="delivery.appropriation_add",
        obj=project,
        after={"year": year, "source": source, "amount": amount},
    )
    return appropriation


def _refusals(project: Project, kind: str) -> list[Problem]:
    """What the rulebook says against paying now, each with its article."""
    problems: list[Problem] = []
    now = evaluate(project)
    withheld = now.decisions.get("om_funding")
    if withheld is not None and withheld.value == "withheld":
        problems.append(
            Problem(
                message=_("The acceptance was not filed: no further funds may be paid."),
                article=withheld.article,
                quote=withheld.quote,
                rule=withheld.rule,
            )
        )
    if kind == PaymentKind.FINAL:
        # The rulebook judges a final payment by the project as the payment would leave it.
        before = {f.rule for f in now.findings if f.severity == "block"}
        after = evaluate(project, update={"remaining_payment_made": True})
        problems.extend(
            Problem.of(f) for f in after.findings if f.severity == "block" and f.rule not in before
        )
    return problems


def committed_total(project: Project, *, exclude: int | None = None) -> Decimal:
    """What open payment requests (requested or approved, not yet executed) hold."""
    requests = PaymentRequest.objects.filter(project=project, status__in=PaymentRequest.OPEN)
    if exclude is not None:
        requests = requests.exclude(pk=exclude)
    return sum((r.amount for r in requests), Decimal(0))


def payment_check(
    project: Project,
    *,
    kind: str,
    amount: Decimal,
    budget: Budget | None,
    committed: Decimal = Decimal(0),
) -> None:
    """The one place a payment is checked, for a request, its approval and its execution:
    within the approved amount still unpaid (less what open requests already hold) and what
    the rulebook allows. Call it with the project and the budget row locked. Refusals are
    errors, never warnings."""
    if kind not in PaymentKind.values:
        raise ValidationError({"kind": _("Choose a kind of payment from the list.")})
    if amount <= 0:
        raise ValidationError({"amount": _("A payment is more than zero.")})
    if budget is None:
        raise PaymentRefused(
            _("The project has no approval recorded: nothing may be paid."),
            [Problem(message=_("Record the approval first."), field="amount")],
        )
    balance = budget.approved - budget.paid - committed
    if amount > balance:
        raise PaymentRefused(
            _("The payment exceeds the approved amount still unpaid (%(balance)s).")
            % {"balance": format_wan(balance)},
            [
                Problem(
                    message=_("At most %(balance)s yuan may be paid.") % {"balance": balance},
                    field="amount",
                )
            ],
        )
    problems = _refusals(project, kind)
    problems.extend(Problem.of(f) for f in guards.payment_blocks(project))  # e.g. sanctions
    if problems:
        raise PaymentRefused(_("The rules do not allow this payment."), problems)


@transaction.atomic
def payment_make(
    *,
    actor: User,
    project: Project,
    kind: str,
    milestone: str,
    amount: Decimal,
    paid_on: dt.date,
    treasury_reference: str,
    evidence: Document | None = None,
) -> Payment:
    """Pay through the treasury against a milestone, within the approved amount and the rules."""
    locked = _locked_project(project)
    if not policies.payment_make(actor, locked):
        raise NotPermitted(_("You cannot make payments for this project."))
    if evidence is not None and evidence.project_id != locked.pk:
        raise ValidationError({"evidence": _("The evidence must be a document of this project.")})
    # The budget row lock serialises payments: the balance is read under it, so two payments
    # at once cannot together overdraw what was approved.
    budget = Budget.objects.select_for_update().filter(project=locked).first()
    payment_check(
        locked, kind=kind, amount=amount, budget=budget, committed=committed_total(locked)
    )
    assert budget is not None
    payment = Payment.objects.create(
        project=locked,
        kind=kind,
        milestone=milestone,
        amount=amount,
        paid_on=paid_on,
        treasury_reference=treasury_reference,
        evidence=evidence,
        made_by=actor,
    )
    budget.paid = budget.paid + amount
    budget.save(update_fields=["paid"])
    if kind == PaymentKind.FINAL and not locked.remaining_payment_made:
        locked.remaining_payment_made = True
        locked.save(update_fields=["remaining_payment_made", "updated_at"])
    audit.record(
        actor=actor,
        action="delivery.payment_make",
        obj=locked,
        before={"paid": budget.paid - amount},
        after={
            "paid": budget.paid,
            "kind": kind,
            "milestone": milestone,
            "amount": amount,
            "treasury_reference": treasury_reference,
        },
    )
    return payment


@transaction.atomic
def surplus_return(
    *, actor: User, project: Project, amount: Decimal, returned_on: dt.date, note: str = ""
) -> SurplusReturn:
    """Record money left over and returned (Wuhan 第十八条); the project's facts follow."""
    locked = _locked_project(project)
    if not policies.surplus_return(actor, locked):
        raise NotPermitted(_("You cannot record returned surplus for this project."))
    if amount <= 0:
        raise ValidationError({"amount": _("A returned surplus is more than zero.")})
    record = SurplusReturn.objects.create(
        project=locked, amount=amount, returned_on=returned_on, note=note, recorded_by=actor
    )
    budget, _created = Budget.objects.select_for_update().get_or_create(project=locked)
    budget.surplus_returned = budget.surplus_returned + amount
    budget.save(update_fields=["surplus_returned"])
    before = {"surplus": locked.surplus, "surplus_returned": locked.surplus_returned}
    locked.surplus = (locked.surplus or Decimal(0)) + amount
    locked.surplus_returned = True
    locked.save(update_fields=["surplus", "surplus_returned", "updated_at"])
    audit.record(
        actor=actor,
        action="delivery.surplus_return",
        obj=locked,
        before=before,
        after={"surplus": locked.surplus, "surplus_returned": True, "amount": amount},
    )
    return record
