"""The system catalogue's contribution to the home page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core.actions import NextAction, serves
from govit.orgs.choices import OVERSIGHT_ROLES, Role
from govit.orgs.models import User
from govit.projects.models import Project
from govit.systems import policies, selectors


def project_links(user: User, project: Project) -> Iterator[NextAction]:
    """On a project's page: the catalogued systems the project built or changed."""
    if not policies.catalogue_read(user):
        return
    names = list(
        selectors.system_list(actor=user).filter(projects=project).values_list("name", flat=True)
    )
    if names:
        yield NextAction(
            label=_("Information systems it built or changed"),
            url=reverse("system-list") + f"?project={project.code}",
            detail=", ".join(names[:5]),
            count=len(names),
            priority=60,
        )


@serves(*OVERSIGHT_ROLES, Role.UNIT)  # oversees_all | is_unit
def next_actions(user: User) -> Iterator[NextAction]:
    if not policies.catalogue_read(user):
        return
    yield NextAction(
        label=_("Information-system catalogue"),
        url=reverse("system-list"),
        detail=_("The government information systems, their usage, security and O&M funding."),
        count=selectors.system_list(actor=user).count(),
        priority=40,
    )
    if policies.is_competent(user):
        proposals = selectors.proposal_list(actor=user).count()
        if proposals:
            yield NextAction(
                label=_("Decide zombie and shadow proposals"),
                url=reverse("system-proposals"),
                detail=_("Systems proposed as zombies or shadows, with the evidence."),
                count=proposals,
                priority=20,
            )
    if policies.docking_confirmer(user):
        pending = selectors.system_list(actor=user, filters={"docking": "pending"}).count()
        if pending:
            yield NextAction(
                label=_("Confirm docking records"),
                url=reverse("system-list") + "?docking=pending",
                detail=_("Systems whose docking with the shared platforms awaits confirmation."),
                count=pending,
                priority=25,
            )
    overdue = selectors.disposition_list(actor=user, overdue_on=timezone.localdate()).count()
    if overdue:
        yield NextAction(
            label=_("Overdue dispositions"),
            url=reverse("system-dispositions") + "?overdue=1",
            detail=_("Disposition decisions past their due date."),
            count=overdue,
            priority=15,
        )
