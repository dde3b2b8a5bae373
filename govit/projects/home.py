"""The project app's contribution to the home page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
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
