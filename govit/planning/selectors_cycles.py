"""Reads of cycles and applications, scoped to the actor (used by views, API and home page)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Q

from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.planning import policies
from govit.planning.models.cycles import Application, CycleState, PlanningCycle
from govit.projects.models import Project
from govit.projects.policies import acting_unit_ids
from govit.projects.selectors import visible_to


def visible_cycles(actor: User) -> models.QuerySet[PlanningCycle]:
    """Cycles the actor may read: all for the competent department, the non-draft ones for
    units and the oversight roles, none for anyone else."""
    cycles = PlanningCycle.objects.all()
    if not policies.cycle_list(actor):
        return cycles.none()
    if actor.is_superuser or actor.has_role(Role.COMPETENT):
        return cycles
    return cycles.exclude(state=CycleState.DRAFT)


def cycle_for(actor: User, pk: int) -> PlanningCycle | None:
    """One cycle, or None when it does not exist or the actor may not see it."""
    return visible_cycles(actor).filter(pk=pk).first()


def open_cycles(actor: User) -> models.QuerySet[PlanningCycle]:
    return visible_cycles(actor).filter(state=CycleState.OPEN)


def visible_applications(actor: User) -> models.QuerySet[Application]:
    """Applications whose project the actor may see."""
    return Application.objects.filter(visible_to(actor)).select_related(
        "cycle", "project", "project__unit"
    )


def cycle_applications(actor: User, cycle: PlanningCycle) -> models.QuerySet[Application]:
    return visible_applications(actor).filter(cycle=cycle).order_by("project__unit__name", "id")


def application_for(actor: User, pk: int) -> Application | None:
    """One application, or None when it does not exist or the actor may not see its project."""
    return (
        visible_applications(actor)
        .select_related("project__unit__parent")
        .prefetch_related("project__co_units", "project__documents")
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class QuotaRow:
    """A unit's submitted applications in a cycle against its budget units (Harbin 第十二条)."""

    unit_id: int
    unit_name: str
    submitted: int
    drafts: int
    budget_units: int

    @property
    def over(self) -> bool:
        """More applications than budget units (不超过: equal is within)."""
        return self.submitted > self.budget_units

    @property
    def remaining(self) -> int:
        return max(self.budget_units - self.submitted, 0)


def quota_usage(actor: User, cycle: PlanningCycle) -> list[QuotaRow]:
    """Per unit, the applications in ``cycle`` the actor may see (two queries)."""
    rows = (
        cycle_applications(actor, cycle)
        .order_by()
        .values("project__unit_id")
        .annotate(
            submitted=Count("id", filter=~Q(project__state="draft")),
            drafts=Count("id", filter=Q(project__state="draft")),
        )
    )
    counts = {row["project__unit_id"]: row for row in rows}
    units = Organisation.objects.filter(pk__in=counts).only("name", "budget_unit_count")
    return sorted(
        (
            QuotaRow(
                unit_id=unit.pk,
                unit_name=unit.name,
                submitted=counts[unit.pk]["submitted"],
                drafts=counts[unit.pk]["drafts"],
                budget_units=unit.budget_unit_count,
            )
            for unit in units
        ),
        key=lambda row: row.unit_name,
    )


def unit_quota(cycle: PlanningCycle, unit: Organisation) -> QuotaRow:
    """One unit's usage in a cycle (for the application page, whoever reads it)."""
    counts = Application.objects.filter(cycle=cycle, project__unit=unit).aggregate(
        submitted=Count("id", filter=~Q(project__state="draft")),
        drafts=Count("id", filter=Q(project__state="draft")),
    )
    return QuotaRow(
        unit_id=unit.pk,
        unit_name=unit.name,
        submitted=counts["submitted"] or 0,
        drafts=counts["drafts"] or 0,
        budget_units=unit.budget_unit_count,
    )


def projects_to_apply_with(actor: User, cycle: PlanningCycle) -> models.QuerySet[Project]:
    """Draft projects of the actor's units (as the project unit) not yet in any application."""
    return (
        Project.objects.filter(
            unit_id__in=acting_unit_ids(actor),
            state="draft",
            rulebook=cycle.rulebook,
            application__isnull=True,
        )
        .filter(Q(plan_year__isnull=True) | Q(plan_year=cycle.plan_year))
        .select_related("unit")
        .order_by("name")
    )


def drafts_awaiting(actor: User) -> models.QuerySet[Application]:
    """The actor's units' applications still in draft in an open cycle (home page)."""
    return Application.objects.filter(
        project__unit_id__in=acting_unit_ids(actor),
        project__state__in=("draft", "returned"),
        cycle__state=CycleState.OPEN,
    )
