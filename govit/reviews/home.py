"""The reviews app's contribution to the home page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from govit.core.actions import NextAction
from govit.orgs.models import User
from govit.projects.models import Project
from govit.reviews import policies, selectors


def next_actions(user: User) -> Iterator[NextAction]:
    if policies.is_expert(user):
        waiting = selectors.reviews_waiting_for(actor=user).count()
        if waiting:
            yield NextAction(
                label=_("Reviews waiting for my scores"),
                url=reverse("review-list"),
                detail=_("Score every criterion and write your opinion."),
                count=waiting,
                priority=10,
            )
    if policies.is_competent(user):
        yield NextAction(
            label=_("Expert reviews"),
            url=reverse("review-list"),
            detail=_("Open reviews, draw experts, follow scoring and sign-off."),
            count=selectors.review_list(actor=user).exclude(status="closed").count(),
            priority=35,
        )


def project_links(user: User, project: Project) -> Iterator[NextAction]:
    """On a project's page, for the competent department: open an expert review of it."""
    if policies.review_create(user):
        yield NextAction(
            label=_("Open an expert review"),
            url=reverse("review-create", args=[project.pk]),
            detail=_("Draw experts to review this project."),
            priority=20,
        )
