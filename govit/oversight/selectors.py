"""Read queries of oversight, scoped to the actor through the project."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from govit.orgs.models import User
from govit.oversight import policies
from govit.oversight.choices import OrderStatus
from govit.oversight.models import Inspection, RectificationOrder, Sanction, StaleFlag
from govit.projects.models import Project
from govit.projects.selectors import visible_projects, visible_to


def oversight_project(*, actor: User, pk: int) -> Project | None:
    project = visible_projects(actor).select_related("unit").filter(pk=pk).first()
    if project is None or not policies.oversight_view(actor, project):
        return None
    return project


def inspections(project: Project) -> QuerySet[Inspection]:
    return project.inspections.prefetch_related("findings")


def orders(actor: User) -> QuerySet[RectificationOrder]:
    return RectificationOrder.objects.filter(visible_to(actor)).select_related(
        "project", "project__unit"
    )


def order_of(*, actor: User, pk: int) -> RectificationOrder | None:
    return orders(actor).prefetch_related("findings", "evidence").filter(pk=pk).first()


def open_orders(actor: User) -> QuerySet[RectificationOrder]:
    return orders(actor).exclude(status=OrderStatus.PASSED)


def sanctions(actor: User) -> QuerySet[Sanction]:
    return Sanction.objects.filter(visible_to(actor)).select_related("project", "unit")


def stale(actor: User) -> QuerySet[StaleFlag]:
    if not policies.stale_view(actor):
        return StaleFlag.objects.none()
    return StaleFlag.objects.select_related("project", "project__unit")


def rebaselines(actor: User) -> QuerySet[Any]:
    """Every recorded re-baseline of the projects the actor may read, newest first: the
    oversight page shows them next to the stale projects (a moved baseline hides lateness)."""
    from govit.delivery.models import Rebaseline
    from govit.projects.selectors import visible_to

    return (
        Rebaseline.objects.filter(visible_to(actor))
        .select_related("project", "project__unit", "recorded_by")
        .order_by("-decided_on", "-pk")
    )
