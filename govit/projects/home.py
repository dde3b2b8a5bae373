"""The project app's contribution to the home page."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core.actions import NextAction
from govit.orgs.models import User
from govit.projects import policies, selectors


def next_actions(user: User) -> Iterator[NextAction]:
    if policies.project_create_any(user):
        yield NextAction(
            label=_("Create a project"),
            url=reverse("project-create"),
            detail=_("Start an application: the facts, the budget and the documents."),
            priority=20,
        )
    waiting = selectors.projects_awaiting(actor=user).count()
    if waiting:
        yield NextAction(
            label=_("Projects waiting for you to act"),
            url=reverse("project-list") + "?awaiting=1",
            detail=_("Projects in a state from which you can take the next step."),
            count=waiting,
            priority=10,
        )


def deadline_actions(user: User) -> Iterator[NextAction]:
    """Deadlines due soon or overdue on the user's projects, and unread notices."""
    from govit.projects.deadlines import reminder_horizon
    from govit.projects.models.deadlines import ObligationStatus

    if selectors.visible_projects(user).query.is_empty():
        return  # no project to read: no deadline, and no calendar to load
    rows = selectors.deadlines(actor=user)
    counts = rows.aggregate(
        overdue=Count("pk", filter=Q(status=ObligationStatus.OVERDUE)),
        soon=Count(
            "pk",
            filter=Q(
                status=ObligationStatus.PENDING,
                due__lte=reminder_horizon(timezone.localdate()),
            ),
        ),
    )
    overdue, soon = counts["overdue"], counts["soon"]
    if overdue:
        yield NextAction(
            label=_("Overdue deadlines"),
            url=reverse("deadline-list") + "?status=overdue",
            detail=_("Duties whose due date has passed, with the article that sets each."),
            count=overdue,
            priority=5,
        )
    if soon:
        yield NextAction(
            label=_("Deadlines coming up"),
            url=reverse("deadline-list") + "?status=pending",
            detail=_("Duties due within the reminder period."),
            count=soon,
            priority=8,
        )
