"""Oversight on the home page and on a project's page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from govit.core.actions import NextAction, serves
from govit.orgs.choices import OVERSIGHT_ROLES, Role
from govit.orgs.models import User
from govit.oversight import selectors
from govit.oversight.choices import OrderStatus
from govit.policy.engine import stages
from govit.projects.models import Project


# Orders of the projects one may read (none for the assigned roles); stale: oversight only.
@serves(*OVERSIGHT_ROLES, Role.UNIT)
def next_actions(user: User) -> Iterator[NextAction]:
    waiting = selectors.open_orders(user).filter(status=OrderStatus.OPEN).count()
    if waiting:
        yield NextAction(
            label=_("Rectification orders"),
            url=reverse("oversight-index"),
            detail=_("Orders waiting for a rectification report or a re-check."),
            count=waiting,
            priority=20,
        )
    stale = selectors.stale(user).count()
    if stale:
        yield NextAction(
            label=_("Stale projects"),
            url=reverse("oversight-stale"),
            detail=_("Projects whose progress has not been updated for a long time."),
            count=stale,
            priority=45,
        )


def project_links(user: User, project: Project) -> Iterator[NextAction]:
    if stages.reached(project.state, "approved"):
        yield NextAction(
            label=_("Inspections and rectification"),
            url=reverse("oversight-project", args=[project.pk]),
            detail=_("Inspections, findings, rectification orders and sanctions."),
            priority=45,
        )
