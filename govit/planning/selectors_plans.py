"""Read queries of the project library and the annual plans, scoped to the actor."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from govit.orgs.models import User
from govit.planning import policies_plans as policies
from govit.planning.library_plans import admission_states
from govit.planning.models.plans import (
    AnnualPlan,
    LibraryAdjustment,
    LibraryEntry,
    PlanLine,
    PlanVersion,
    PlanVersionLine,
)
from govit.policy import loader
from govit.projects.models import Project
from govit.projects.selectors import visible_projects, visible_to


@dataclass(frozen=True)
class LibraryFilter:
    status: str = ""
    reserve_year: int | None = None
    category: str = ""
    domain: str = ""
    priority: int | None = None


def library_entries(*, actor: User, filters: LibraryFilter | None = None) -> QuerySet[LibraryEntry]:
    """The entries of the projects the actor may see (a unit: its own), by year and priority."""
    filters = filters or LibraryFilter()
    entries = LibraryEntry.objects.filter(visible_to(actor)).select_related("project__unit")
    if filters.status:
        entries = entries.filter(status=filters.status)
    if filters.reserve_year is not None:
        entries = entries.filter(reserve_year=filters.reserve_year)
    if filters.category:
        entries = entries.filter(category=filters.category)
    if filters.domain:
        entries = entries.filter(domain=filters.domain)
    if filters.priority is not None:
        entries = entries.filter(priority=filters.priority)
    return entries.order_by("reserve_year", "priority", "project__code")


def library_entry(*, actor: User, pk: int) -> LibraryEntry | None:
    """One entry with its history, or None outside the actor's scope."""
    history = LibraryAdjustment.objects.select_related("actor").order_by("at", "id")
    return (
        library_entries(actor=actor)
        .prefetch_related(Prefetch("adjustments", queryset=history))
        .filter(pk=pk)
        .first()
    )


def admittable_projects(*, actor: User) -> QuerySet[Project]:
    """Projects of the deployment's rulebook that passed review and are not in the library."""
    if not policies.library_admit(actor):
        return Project.objects.none()
    rulebook = loader.get(settings.GOVIT_RULEBOOK)
    return (
        visible_projects(actor)
        .filter(rulebook=rulebook.id, state__in=sorted(admission_states(rulebook)))
        .exclude(library_entry__status__in=["reserved", "planned"])
        .select_related("unit")
        .order_by("code")
    )


def plans(*, actor: User) -> QuerySet[AnnualPlan]:
    """The annual plans (the oversight roles read them; units do not)."""
    if not policies.plan_view(actor):
        return AnnualPlan.objects.none()
    return AnnualPlan.objects.select_related("created_by").order_by("-year", "-id")


def plan(*, actor: User, pk: int) -> AnnualPlan | None:
    """One plan with its lines and versions, or None."""
    lines = PlanLine.objects.select_related("project__unit", "project__library_entry").order_by(
        "rank", "id"
    )
    return (
        plans(actor=actor)
        .prefetch_related(
            Prefetch("lines", queryset=lines),
            Prefetch("versions", queryset=PlanVersion.objects.select_related("approved_by")),
        )
        .filter(pk=pk)
        .first()
    )


def plan_version(*, actor: User, plan_pk: int, number: int) -> PlanVersion | None:
    """One approved version of a plan with its frozen lines."""
    if not policies.plan_view(actor):
        return None
    return (
        PlanVersion.objects.select_related("plan", "approved_by")
        .prefetch_related(Prefetch("lines", queryset=PlanVersionLine.objects.order_by("rank")))
        .filter(plan_id=plan_pk, number=number)
        .first()
    )


def supplement_candidates(*, actor: User, plan: AnnualPlan) -> QuerySet[Project]:
    """Projects that could be added to the approved plan (not closed, not in it)."""
    return (
        visible_projects(actor)
        .filter(rulebook=plan.rulebook)
        .exclude(state__in=["archived", "rejected", "terminated", "draft"])
        .exclude(plan_lines__plan=plan)
        .select_related("unit")
        .order_by("code")
    )


@dataclass(frozen=True)
class LineChange:
    code: str
    name: str
    unit: str
    before: Decimal | None
    after: Decimal | None

    @property
    def difference(self) -> Decimal:
        return (self.after or Decimal(0)) - (self.before or Decimal(0))


@dataclass(frozen=True)
class Comparison:
    """What changed from one approved version to another."""

    older: PlanVersion
    newer: PlanVersion
    added: list[LineChange]
    removed: list[LineChange]
    changed: list[LineChange]

    @property
    def difference(self) -> Decimal:
        return Decimal(self.newer.total) - Decimal(self.older.total)


def compare_versions(older: PlanVersion, newer: PlanVersion) -> Comparison:
    """Projects added, removed and with another amount, between two versions."""
    before = {line.project_id: line for line in older.lines.all()}
    after = {line.project_id: line for line in newer.lines.all()}

    def change(old: PlanVersionLine | None, new: PlanVersionLine | None) -> LineChange:
        line = new or old
        assert line is not None
        return LineChange(
            code=line.code,
            name=line.name,
            unit=line.unit_name,
            before=old.amount if old else None,
            after=new.amount if new else None,
        )

    return Comparison(
        older=older,
        newer=newer,
        added=[change(None, after[p]) for p in after if p not in before],
        removed=[change(before[p], None) for p in before if p not in after],
        changed=[
            change(before[p], after[p])
            for p in after
            if p in before and before[p].amount != after[p].amount
        ],
    )
