"""What may not be built or funded: negative lists, excluded budget items, scope exclusions."""

from __future__ import annotations

import datetime as dt

from govit.core.calendar import add_months
from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import Params, rule
from govit.policy.engine.snapshot import BudgetCategory, Feature, ProjectKind, Snapshot
from govit.policy.vocabulary import labels


class NegativeList(Params):
    features: list[Feature]
    skip_classified: bool = False
    kinds: list[ProjectKind] | None = None


@rule("negative_list", NegativeList)
def negative_list(s: Snapshot, p: NegativeList, c: Context) -> None:
    """The project may not include an item of the negative list."""
    project = s.project
    if p.skip_classified and project.classified:
        return
    if p.kinds is not None and project.kind is not None and project.kind not in p.kinds:
        return
    if project.features is None:
        c.unknown("project.features")
        return
    found = [feature for feature in p.features if feature in project.features]
    if found:
        c.block(_("Not allowed: %(items)s.") % {"items": labels(found)})


class ExcludedBudget(Params):
    categories: list[BudgetCategory]


@rule("excluded_budget_items", ExcludedBudget)
def excluded_budget_items(s: Snapshot, p: ExcludedBudget, c: Context) -> None:
    """Budget items outside the funding scope are refused and named."""
    items = s.project.budget_items
    if items is None:
        c.unknown("project.budget_items")
        return
    excluded = [item.name for item in items if item.category in p.categories]
    c.decide("excluded_budget_items", excluded)
    if excluded:
        c.block(
            _("Outside the funding scope, to be paid from their usual channels: %(items)s.")
            % {"items": "、".join(excluded)}
        )


class ScopeExclusion(Params):
    categories: list[BudgetCategory]


@rule("scope_exclusion", ScopeExclusion)
def scope_exclusion(s: Snapshot, p: ScopeExclusion, c: Context) -> None:
    """A purchase made only of excluded categories is not governed by this regulation."""
    items = s.project.budget_items
    if not items:
        return
    if all(item.category in p.categories for item in items):
        c.decide("in_scope", False)
        c.info(
            _(
                "Every budget item is of a kind this regulation does not govern: follow the "
                "government procurement rules instead."
            )
        )


class KindsParam(Params):
    kinds: list[ProjectKind] | None = None


@rule("gov_cloud_required", KindsParam)
def gov_cloud_required(s: Snapshot, p: KindsParam, c: Context) -> None:
    """The project is deployed on (or migrated to) the government cloud."""
    project = s.project
    if project.classified:
        return
    if p.kinds is not None:
        if project.kind is None:
            c.unknown("project.kind")
            return
        if project.kind not in p.kinds:
            return
    if project.gov_cloud is None:
        c.unknown("project.gov_cloud")
    elif not project.gov_cloud:
        c.block(_("The project is not deployed on the government cloud."))


@rule("data_sharing_required")
def data_sharing_required(s: Snapshot, p: Params, c: Context) -> None:
    """The project meets the data-sharing requirements."""
    if s.project.shares_data is None:
        c.unknown("project.shares_data")
    elif not s.project.shares_data:
        c.block(_("The project does not meet the data-sharing requirements."))


@rule("no_duplicate_construction")
def no_duplicate_construction(s: Snapshot, p: Params, c: Context) -> None:
    """The project does not duplicate an existing system or platform."""
    if s.project.duplicates_existing:
        c.block(_("The duplicate-construction check found an existing system that does this."))


class ZombieBar(Params):
    months: int


@rule("zombie_bar", ZombieBar)
def zombie_bar(s: Snapshot, p: ZombieBar, c: Context) -> None:
    """A unit with a confirmed zombie system may not apply for a period (以内, 含本数)."""
    found = s.unit.zombie_found_on
    if found is None:
        return
    until = add_months(found, p.months)
    submitted = s.project.submitted_on
    # Not yet submitted: barred while the day of the check is within the period.
    barred = submitted <= until if submitted else not c.has_come(until + dt.timedelta(days=1))
    if barred:
        c.block(
            _(
                "A system of this unit was found to be a zombie system on %(found)s: no "
                "applications until %(until)s."
            )
            % {"found": found.isoformat(), "until": until.isoformat()}
        )
