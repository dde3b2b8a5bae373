"""Routes and preconditions of approval: amount tiers, merged design review, plan membership."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import Params, rule
from govit.policy.engine.snapshot import Snapshot
from govit.policy.rules.common import AmountField, amount_of, field_path, wan
from govit.policy.vocabulary import label, labels

Route = Literal["filing", "approval", "government_approval"]
ROUTE_RANK = {"filing": 0, "approval": 1, "government_approval": 2}


class RouteThreshold(Params):
    threshold: Decimal
    at_or_above: Route
    below: Route | None = None
    amount: AmountField = "investment"


@rule("approval_route_threshold", RouteThreshold)
def approval_route_threshold(s: Snapshot, p: RouteThreshold, c: Context) -> None:
    """An amount at or above the threshold (以上, 含本数) takes the stricter route."""
    amount = amount_of(s.project, p.amount)
    if amount is None:
        c.unknown(field_path(p.amount))
        return
    if amount >= p.threshold:
        c.decide("approval_route", p.at_or_above, rank=ROUTE_RANK[p.at_or_above])
        c.info(
            _("%(amount)s is at or above %(threshold)s: route %(route)s.")
            % {"amount": wan(amount), "threshold": wan(p.threshold), "route": label(p.at_or_above)}
        )
    elif p.below is not None:
        c.decide("approval_route", p.below, rank=ROUTE_RANK[p.below])
        c.info(
            _("%(amount)s is below %(threshold)s: route %(route)s.")
            % {"amount": wan(amount), "threshold": wan(p.threshold), "route": label(p.below)}
        )


class FixedRoute(Params):
    route: Route


@rule("approval_route_fixed", FixedRoute)
def approval_route_fixed(s: Snapshot, p: FixedRoute, c: Context) -> None:
    """Every project takes the same route (the text knows no amount tiers)."""
    c.decide("approval_route", p.route, rank=ROUTE_RANK[p.route])


MergeCondition = Literal["emergency", "simple", "superior_approved", "planned_with_design_depth"]


class DesignMerge(Params):
    when_any: list[MergeCondition]


@rule("design_review_merge", DesignMerge)
def design_review_merge(s: Snapshot, p: DesignMerge, c: Context) -> None:
    """Feasibility study and preliminary design are reviewed together when a condition holds."""
    project = s.project
    facts: dict[str, bool | None] = {
        "emergency": project.emergency,
        "simple": project.simple,
        "superior_approved": project.superior_approved,
        "planned_with_design_depth": (
            None
            if project.in_annual_plan is None
            else bool(
                project.in_annual_plan
                and (
                    project.has_document("preliminary_design")
                    or project.has_document("implementation_plan")
                )
            )
        ),
    }
    met = [name for name in p.when_any if facts[name]]
    if met:
        c.decide("design_review", "merged")
        c.info(_("Conditions met for a merged review: %(met)s.") % {"met": labels(met)})
        return
    unknown = [name for name in p.when_any if facts[name] is None]
    if unknown:
        # planned_with_design_depth is derived; the fact that can be missing is the plan's.
        fields = {"planned_with_design_depth": "in_annual_plan"}
        c.unknown(*(f"project.{fields.get(name, name)}" for name in unknown))
    c.decide("design_review", "separate")


class PlanRequired(Params):
    emergency_route: bool = True


@rule("annual_plan_required", PlanRequired)
def annual_plan_required(s: Snapshot, p: PlanRequired, c: Context) -> None:
    """A project outside the annual plan is not approved or funded (unless an emergency)."""
    project = s.project
    if project.in_annual_plan is None:
        c.unknown("project.in_annual_plan")
        return
    if project.in_annual_plan:
        return
    if p.emergency_route and project.emergency:
        c.decide("approval_route", "government_approval", rank=ROUTE_RANK["government_approval"])
        c.warn(
            _(
                "Not in the annual plan: as an emergency it needs the government's approval "
                "to be added to the plan."
            )
        )
        return
    c.block(_("The project is not in the annual plan, so it cannot be approved or funded."))


@rule("no_construction_before_approval")
def no_construction_before_approval(s: Snapshot, p: Params, c: Context) -> None:
    """Construction may not start before approval (不得未批先建)."""
    project = s.project
    started = project.construction_started_on
    if started is None:
        return
    if project.approved_on is None or started < project.approved_on:
        c.block(
            _("Construction started on %(started)s, before the project was approved.")
            % {"started": started.isoformat()}
        )


@rule("no_payment_before_approval")
def no_payment_before_approval(s: Snapshot, p: Params, c: Context) -> None:
    """No investment is released before the design (implementation plan) is approved."""
    if s.project.paid_before_approval:
        c.block(_("Money was paid before the preliminary design was approved."))


class InvestmentCode(Params):
    kinds: list[str] = ["new"]


@rule("investment_code_required", InvestmentCode)
def investment_code_required(s: Snapshot, p: InvestmentCode, c: Context) -> None:
    """New, non-classified projects are registered on the online investment platform."""
    import re

    project = s.project
    if project.classified:
        return
    if project.kind is None:
        c.unknown("project.kind")
        return
    if project.kind not in p.kinds:
        return
    code = project.investment_code
    if not code:
        c.block(_("The project has no code of the online investment approval platform."))
    elif not re.fullmatch(r"\d{4}-\d{6}-\d{2}-\d{2}-\d{6}", code):
        c.block(_("%(code)s is not a code of the form YYYY-AAAAAA-II-TT-NNNNNN.") % {"code": code})


class RouteGate(Params):
    transitions: dict[str, Route]


@rule("route_gate", RouteGate)
def route_gate(s: Snapshot, p: RouteGate, c: Context) -> None:
    """A transition that carries out a route is only open when the rules decided that route."""
    if c.transition is None or c.transition not in p.transitions:
        return
    decided = c.result.decision("approval_route")
    wanted = p.transitions[c.transition]
    if decided is None:
        c.block(_("The approval route is not decided yet: give the investment first."))
    elif decided != wanted:
        c.block(
            _("The rules decided the route %(decided)s, so this step (%(wanted)s) is not open.")
            % {"decided": label(decided), "wanted": label(wanted)}
        )


class SectorRoute(Params):
    kinds: list[str]


@rule("approval_by_sector", SectorRoute)
def approval_by_sector(s: Snapshot, p: SectorRoute, c: Context) -> None:
    """Projects of schools, hospitals and the like are approved by their sector's department and
    filed with the competent department."""
    kind = s.unit.kind
    if kind is None:
        return
    if kind in p.kinds:
        c.decide("approval_route", "filing", rank=3)
        c.info(_("Approved by the sector's competent department and filed here."))
