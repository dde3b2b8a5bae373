"""The evaluation app's contribution to the home page and to a project's page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from govit.core.actions import NextAction, serves
from govit.evaluation import selectors
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.policy.engine import stages
from govit.projects.models import Project


@serves(Role.UNIT)  # the acting unit's projects only
def next_actions(user: User) -> Iterator[NextAction]:
    due = selectors.projects_to_self_evaluate(user).count()
    if due:
        yield NextAction(
            label=_("Self-evaluations"),
            url=reverse("evaluation-index"),
            detail=_("Projects in operation waiting for the unit's performance self-evaluation."),
            count=due,
            priority=30,
        )


def project_links(user: User, project: Project) -> Iterator[NextAction]:
    """Every project past drafting has its performance targets and evaluations."""
    if stages.reached(project.state, "submitted"):
        yield NextAction(
            label=_("Performance evaluation"),
            url=reverse("evaluation-project", args=[project.pk]),
            detail=_("Performance targets, self-evaluation, post-evaluation and grades."),
            priority=40,
        )
