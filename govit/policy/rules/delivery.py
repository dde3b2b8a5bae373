"""Procurement, contracts, supervision, changes and payments."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import NoParams, Params, rule
from govit.policy.engine.snapshot import ChangeReason, Party, ProcurementMethod, Snapshot
from govit.policy.rules.common import AmountField, amount_of, field_path, wan
from govit.policy.vocabulary import label, labels


class Supervision(Params):
    threshold: Decimal  # 以上: the threshold itself included
    amount: AmountField = "investment"
    budget_item_required: bool = False


@rule("supervision_required", Supervision)
def supervision_required(s: Snapshot, p: Supervision, c: Context) -> None:
    """Projects at or above the threshold engage a supervisor (监理)."""
    project = s.project
    amount = amount_of(project, p.amount)
    if amount is None:
        c.unknown(field_path(p.amount))
        return
    required = amount >= p.threshold
    c.decide("supervision_required", required)
    if not required:
        return
    if (
        p.budget_item_required
        and project.budget_items is not None
        and not any(item.category == "supervision" for item in project.budget_items)
    ):
        c.block(
            _("At %(amount)s the supervision fee must be in the total investment.")
            % {"amount": wan(amount)}
        )
    if c.reached("contracted") and project.supervision is False:
        c.block(
            _("At %(amount)s (at or above %(threshold)s) a supervisor must be engaged.")
            % {"amount": wan(amount), "threshold": wan(p.threshold)}
        )


@rule("supervision_filed")
def supervision_filed(s: Snapshot, p: NoParams, c: Context) -> None:
    """The engaged supervisor is filed with the competent department."""
    project = s.project
    if project.supervision and project.supervision_filed_on is None:
        c.warn(_("The supervisor has not been filed with the competent department."))


class Procurement(Params):
    threshold: Decimal | None = None  # left to the deployment where the text gives none
    expected: list[ProcurementMethod] = ["public_tender"]


@rule("procurement_method", Procurement)
def procurement_method(s: Snapshot, p: Procurement, c: Context) -> None:
    """Above the procurement threshold, public tender is the main method."""
    contract = s.project.contract
    if contract is None or contract.procurement_method is None:
        return
    if p.threshold is None:
        c.info(_("The procurement threshold is set by the deployment; none is configured."))
        return
    amount = contract.amount if contract.amount is not None else s.project.investment
    if amount is None:
        c.unknown("project.contract.amount")
        return
    if amount >= p.threshold and contract.procurement_method not in p.expected:
        c.warn(
            _("At %(amount)s the expected procurement method is %(expected)s, not %(method)s.")
            % {
                "amount": wan(amount),
                "expected": labels(p.expected),
                "method": label(contract.procurement_method),
            }
        )


class WorkingDays(Params):
    working_days: int


@rule("contract_filing_deadline", WorkingDays, obliges=True)
def contract_filing_deadline(s: Snapshot, p: WorkingDays, c: Context) -> None:
    """The signed contract is filed within N working days."""
    contract = s.project.contract
    if contract is None or contract.signed_on is None:
        return
    due = c.calendar.add_working_days(contract.signed_on, p.working_days)
    c.oblige("contract_filing", due, contract.filed_on)


class Parties(Params):
    required: list[Party]


@rule("contract_parties", Parties)
def contract_parties(s: Snapshot, p: Parties, c: Context) -> None:
    """The contract is signed by the required parties (Bijie: a three-party contract)."""
    contract = s.project.contract
    if contract is None or contract.parties is None:
        c.unknown("project.contract.parties")
        return
    if isinstance(contract.parties, int):
        if contract.parties < len(p.required):
            c.block(
                _("The contract has %(have)d parties; it needs %(need)s.")
                % {"have": contract.parties, "need": labels(p.required)}
            )
        return
    missing = [party for party in p.required if party not in contract.parties]
    if missing:
        c.block(_("The contract lacks these parties: %(missing)s.") % {"missing": labels(missing)})


Clause = Literal[
    "ip_owned_by_unit",
    "security_testing_clause",
    "emergency_response_clause",
    "deliverables_clause",
]


class Clauses(Params):
    clauses: list[Clause]


@rule("contract_clauses", Clauses)
def contract_clauses(s: Snapshot, p: Clauses, c: Context) -> None:
    """The contract contains the clauses the regulation requires."""
    contract = s.project.contract
    if contract is None:
        c.unknown("project.contract")
        return
    unknown = [clause for clause in p.clauses if getattr(contract, clause) is None]
    missing = [clause for clause in p.clauses if getattr(contract, clause) is False]
    if missing:
        c.block(_("The contract lacks the clauses: %(missing)s.") % {"missing": labels(missing)})
    if unknown:
        c.unknown(*(f"project.contract.{clause}" for clause in unknown))


ChangeRoute = Literal["filing", "joint_review", "reapproval"]


class ChangeShareOrAmount(Params):
    share_over: Decimal  # 超过: the share itself excluded
    amount_from: Decimal  # 以上(含): the amount itself included
    above: ChangeRoute = "joint_review"
    below: ChangeRoute = "filing"


def _latest_change(s: Snapshot):  # type: ignore[no-untyped-def]
    changes = s.project.changes or []
    return changes[-1] if changes else None


@rule("change_route_share_or_amount", ChangeShareOrAmount)
def change_route_share_or_amount(s: Snapshot, p: ChangeShareOrAmount, c: Context) -> None:
    """A change over a share of the total or at or above an amount goes to joint review."""
    change = _latest_change(s)
    if change is None:
        return
    base = s.project.approved_estimate or s.project.investment
    if change.amount is None or base is None or base == 0:
        c.unknown("project.changes[-1].amount", "project.investment")
        return
    share = change.amount / base
    if share > p.share_over or change.amount >= p.amount_from:
        c.decide("change_route", p.above)
        c.info(
            _("The change touches %(amount)s, %(share).1f%% of the total: %(route)s.")
            % {"amount": wan(change.amount), "share": share * 100, "route": label(p.above)}
        )
    else:
        c.decide("change_route", p.below)


class ChangeConditions(Params):
    share_max: Decimal  # 不超过: the share itself allowed
    reasons: list[ChangeReason]


@rule("change_route_conditions", ChangeConditions)
def change_route_conditions(s: Snapshot, p: ChangeConditions, c: Context) -> None:
    """Within the estimate, same goal, at most a share and an allowed reason: filing; else
    the approval procedure again."""
    change = _latest_change(s)
    if change is None:
        return
    base = s.project.approved_estimate or s.project.investment
    if change.amount is None or base is None or base == 0 or change.reason is None:
        c.unknown("project.changes[-1].amount", "project.changes[-1].reason")
        return
    failures = []
    if change.exceeds_estimate:
        failures.append(_("the investment exceeds the approved estimate"))
    if change.goal_changed:
        failures.append(_("the goal changes"))
    if change.amount / base > p.share_max:
        failures.append(
            _("the change exceeds %(share)s%% of the estimate") % {"share": p.share_max * 100}
        )
    if change.reason not in p.reasons:
        failures.append(_("the reason is not one the article allows"))
    if failures:
        c.decide("change_route", "reapproval")
        c.info(_("Re-approval needed: %(why)s.") % {"why": "; ".join(failures)})
    elif change.exceeds_estimate is None or change.goal_changed is None:
        # Filing is only open when every condition is known to hold.
        c.unknown("project.changes[-1].exceeds_estimate", "project.changes[-1].goal_changed")
    else:
        c.decide("change_route", "filing")


class ChangeByReason(Params):
    reasons: list[ChangeReason]
    route: ChangeRoute = "joint_review"


@rule("change_route_by_reason", ChangeByReason)
def change_route_by_reason(s: Snapshot, p: ChangeByReason, c: Context) -> None:
    """A change for an allowed reason goes through expert review; another is not allowed."""
    change = _latest_change(s)
    if change is None:
        return
    if change.reason is None:
        c.unknown("project.changes[-1].reason")
        return
    if change.reason in p.reasons:
        c.decide("change_route", p.route)
    else:
        c.block(_("This change's reason is not one the article allows."))


class FixedChange(Params):
    route: ChangeRoute


@rule("change_route_fixed", FixedChange)
def change_route_fixed(s: Snapshot, p: FixedChange, c: Context) -> None:
    """Every change follows the same route."""
    if _latest_change(s) is not None:
        c.decide("change_route", p.route)


@rule("remaining_payment_after_acceptance")
def remaining_payment_after_acceptance(s: Snapshot, p: NoParams, c: Context) -> None:
    """The remaining payment waits until the project passes acceptance."""
    project = s.project
    if project.remaining_payment_made and not project.acceptance_passed:
        c.block(_("The remaining payment was made although the project has not passed acceptance."))


@rule("surplus_returned")
def surplus_returned(s: Snapshot, p: NoParams, c: Context) -> None:
    """Money left over is returned."""
    project = s.project
    if project.surplus and project.surplus > 0 and not project.surplus_returned:
        c.warn(
            _("%(amount)s is left over and has not been returned.")
            % {"amount": wan(project.surplus)}
        )
