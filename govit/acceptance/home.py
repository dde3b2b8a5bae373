"""The acceptance app's contribution to the home page and to a project's page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from govit.acceptance import selectors
from govit.core.actions import NextAction, serves
from govit.orgs.choices import OVERSIGHT_ROLES, Role
from govit.orgs.models import User
from govit.policy.engine import stages
from govit.projects.models import Project


# Each count is of the unit, the competent department or finance, or of the projects one may
# read (none for the assigned roles: experts, agencies, vendors, supervisors).
@serves(*OVERSIGHT_ROLES, Role.UNIT)
def next_actions(user: User) -> Iterator[NextAction]:
    """The to-dos of the user's role in the acceptance process."""
    index = reverse("acceptance-index")
    counts = (
        (
            selectors.unit_projects_preparing(actor=user).count(),
            _("Prepare acceptance evidence"),
            _("Projects being completed, in trial run or in rectification."),
            30,
        ),
        (
            selectors.assets_to_book(actor=user).count(),
            _("Book the assets of accepted projects"),
            _("Accepted projects whose assets are not booked yet."),
            35,
        ),
        (
            selectors.meetings_to_record(actor=user).count(),
            _("Acceptance meetings"),
            _("Projects applying for acceptance: convene and record the meeting."),
            20,
        ),
        (
            selectors.filings_to_record(actor=user).count(),
            _("File acceptance reports"),
            _("Accepted projects whose acceptance report is not filed."),
            22,
        ),
        (
            selectors.notices_to_send(actor=user).count(),
            _("Notify finance of filed acceptances"),
            _("Filed acceptances whose written notice to finance is not sent."),
            22,
        ),
        (
            selectors.notices_to_receive(actor=user).count(),
            _("Acceptance notices to acknowledge"),
            _("Notices of filed acceptances sent to finance."),
            20,
        ),
        (
            selectors.overdue_duties(actor=user).count(),
            _("Overdue acceptance duties"),
            _("Filings, notices and rectifications past their due date."),
            10,
        ),
    )
    for count, label, detail, priority in counts:
        if count:
            yield NextAction(label=label, url=index, detail=detail, count=count, priority=priority)


def project_links(user: User, project: Project) -> Iterator[NextAction]:
    """On a project under construction or later: its acceptance dossier."""
    if stages.reached(project.state, "construction"):
        yield NextAction(
            label=_("Acceptance"),
            url=reverse("acceptance-detail", args=[project.pk]),
            detail=_("Prerequisites, trial run, meetings, filing, notice to finance, assets."),
            priority=12,
        )
