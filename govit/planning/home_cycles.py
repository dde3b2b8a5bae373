"""The cycles' contribution to the home page and to a project's page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from govit.core.actions import NextAction, serves
from govit.orgs.choices import OVERSIGHT_ROLES, Role
from govit.orgs.models import User
from govit.planning import policies
from govit.planning import selectors_cycles as selectors
from govit.projects.models import Project
from govit.projects.policies import acting_unit_ids


@serves(*OVERSIGHT_ROLES, Role.UNIT)  # oversees_all | unit_clerk
def next_actions(user: User) -> Iterator[NextAction]:
    """Units: each open call and their drafts in it; the competent department: the cycles."""
    if not policies.cycle_list(user):
        return
    if user.has_role(Role.COMPETENT):
        yield NextAction(
            label=_("Planning cycles"),
            url=reverse("planning-cycles"),
            detail=_("Calls for demand, application guides, timetables and quotas."),
            priority=40,
        )
    if not acting_unit_ids(user):
        return
    for cycle in selectors.open_cycles(user)[:5]:
        yield NextAction(
            label=_("Open call for demand: %(title)s") % {"title": cycle.title},
            url=reverse("planning-cycle-detail", args=[cycle.pk]),
            detail=_("Applications from %(opens)s to %(closes)s (both days included).")
            % {
                "opens": cycle.call_opens_on.isoformat(),
                "closes": cycle.call_closes_on.isoformat(),
            },
            priority=15,
        )
    drafts = selectors.drafts_awaiting(user).count()
    if drafts:
        yield NextAction(
            label=_("Finish your applications"),
            url=reverse("planning-cycles"),
            detail=_("Draft or returned applications in an open call."),
            count=drafts,
            priority=16,
        )


def project_links(user: User, project: Project) -> Iterator[NextAction]:
    """On a project's page: its application in a planning cycle."""
    # Only the two values shown: the application with its project, unit and cycle is some 120
    # columns, and building that query cost more than running it.
    found = (
        selectors.visible_applications(user)
        .filter(project=project)
        .values_list("pk", "cycle__title")
        .first()
    )
    if found is not None:
        pk, title = found
        yield NextAction(
            label=_("Application"),
            url=reverse("planning-application-detail", args=[pk]),
            detail=title,
            priority=5,
        )
