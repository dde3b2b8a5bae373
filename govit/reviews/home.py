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
    waiting_tasks = selectors.open_tasks(actor=user).count()
    if waiting_tasks:
        yield NextAction(
            label=_("My review tasks"),
            url=reverse("review-tasks"),
            detail=_("Approve, return, hand over or add a signer."),
            count=waiting_tasks,
            priority=5,
        )
    if user.is_authenticated and user.has_role(*policies.SIGNOFF_ROLES):
        to_sign = selectors.signoffs_waiting_for(actor=user).count()
        if to_sign:
            yield NextAction(
                label=_("Joint reviews waiting for my department's signature"),
                url=reverse("review-list"),
                detail=_("Sign or refuse the joint review opinion."),
                count=to_sign,
                priority=8,
            )
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
    if policies.preliminary_open(user):
        yield NextAction(
            label=_("Open the preliminary review"),
            url=reverse("review-preliminary-open", args=[project.pk]),
            detail=_("Check the application against the rulebook's checklist."),
            priority=19,
        )
    if policies.agency_commission(user):
        yield NextAction(
            label=_("Commission a third-party agency"),
            url=reverse("review-agency-commission", args=[project.pk]),
            detail=_("The agency uploads its review report by the due date."),
            priority=21,
        )
        yield NextAction(
            label=_("Record a decision consultation"),
            url=reverse("review-decision-record", args=[project.pk]),
            detail=_("The consultation's participants and opinion."),
            priority=22,
        )
    if project.reviews.exists():
        yield NextAction(
            label=_("Review history"),
            url=reverse("review-project-history", args=[project.pk]),
            detail=_("Approvals, returns, hand-overs and delegations of this project's reviews."),
            priority=40,
        )
