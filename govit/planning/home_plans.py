"""The library and plans' contribution to the home page and to a project's page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from govit.core.actions import NextAction, serves
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.planning import policies_plans as policies
from govit.planning import selectors_plans
from govit.planning.models.plans import PlanStatus
from govit.projects.models import Project


# Admission: the competent department; approval: it, finance and the government.
@serves(Role.COMPETENT, Role.FINANCE, Role.GOVERNMENT)
def next_actions(user: User) -> Iterator[NextAction]:
    waiting = selectors_plans.admittable_projects(actor=user).count()
    if waiting:
        yield NextAction(
            label=_("Admit projects to the library"),
            url=reverse("planning-library-admit"),
            detail=_("Projects that passed review and are not in the project library yet."),
            count=waiting,
            priority=30,
        )
    if policies.plan_approve(user):
        submitted = selectors_plans.plans(actor=user).filter(status=PlanStatus.SUBMITTED).count()
        if submitted:
            yield NextAction(
                label=_("Annual plans awaiting approval"),
                url=reverse("planning-plans"),
                detail=_("Record the government's approval: each approval is a new version."),
                count=submitted,
                priority=20,
            )


def project_links(user: User, project: Project) -> Iterator[NextAction]:
    """On a project's page: its library entry, and the duplicate-construction check."""
    entry = getattr(project, "library_entry", None)
    if entry is not None:
        yield NextAction(
            label=_("Project library"),
            url=reverse("planning-library-entry", args=[entry.pk]),
            detail=entry.get_status_display(),
            priority=20,
        )
    if policies.duplicate_check(user, project):
        yield NextAction(
            label=_("Similar projects and systems"),
            url=reverse("planning-project-similar", args=[project.pk]),
            detail=_("Duplicate-construction check against the library and the catalogue."),
            priority=40,
        )
