"""Sanctions take effect in the platform through the guards of ``govit.projects.guards``:
a suspended or terminated project cannot move (except into suspension or termination), and
a project whose funds are suspended cannot be paid."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from govit.oversight.choices import STOPS_PAYMENTS, STOPS_STEPS
from govit.oversight.models import Sanction
from govit.policy.engine.results import Finding
from govit.projects.guards import CACHE_PREFIX
from govit.projects.models import Project

STILL_OPEN = ("suspended", "terminated")


def _finding(sanction: Sanction, message: str) -> Finding:
    return Finding(
        rule=f"oversight.{sanction.kind}",
        severity="block",
        article=sanction.article,
        quote=sanction.quote,
        message=message,
    )


CACHE = CACHE_PREFIX + "oversight"


def _in_force(project: Project) -> list[Sanction]:
    """The sanctions in force on the project or on its unit's plan: one query, kept on the
    project object, since a page asks once per available step."""
    cached: list[Sanction] | None = getattr(project, CACHE, None)
    if cached is None:
        cached = list(
            Sanction.objects.filter(
                Q(project=project) | Q(unit_id=project.unit_id, kind="suspend_plan"),
                lifted_on__isnull=True,
            ).order_by("pk")
        )
        setattr(project, CACHE, cached)
    return cached


def _active(project: Project, kinds: tuple[str, ...]) -> list[Sanction]:
    return [s for s in _in_force(project) if s.kind in kinds and s.project_id == project.pk]


# Steps a unit whose annual plan is suspended cannot take: new applications, entering a plan.
PLAN_STEPS = ("submitted", "planned")


def step_guard(project: Project, target: str) -> list[Finding]:
    if target in STILL_OPEN:
        return []
    found = []
    plan = next((s for s in _in_force(project) if s.kind == "suspend_plan"), None)
    if target in PLAN_STEPS and plan is not None:
        found.append(
            _finding(
                plan,
                _("%(sanction)s is in force: the unit cannot apply or enter the plan.")
                % {"sanction": plan.get_kind_display()},
            )
        )
    return found + [
        _finding(
            s,
            _("%(sanction)s is in force: the project cannot move.")
            % {"sanction": s.get_kind_display()},
        )
        for s in _active(project, tuple(STOPS_STEPS))
    ]


def payment_guard(project: Project) -> list[Finding]:
    return [
        _finding(
            s,
            _("%(sanction)s is in force: the project's funds cannot be paid.")
            % {"sanction": s.get_kind_display()},
        )
        for s in _active(project, tuple(STOPS_PAYMENTS))
    ]


def plan_suspended(unit_id: int) -> Sanction | None:
    """The sanction suspending the unit's annual plan, if one is in force (for planning)."""
    return (
        Sanction.objects.filter(unit_id=unit_id, kind="suspend_plan", lifted_on__isnull=True)
        .order_by("pk")
        .first()
    )
