"""The delivery app's contribution to the home page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from govit.core.actions import NextAction, serves
from govit.delivery import selectors
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.policy.engine import stages
from govit.projects.models import Project


# Each count below is of one of these roles (its selector is empty for the others).
@serves(Role.COMPETENT, Role.UNIT, Role.FINANCE, Role.SUPERVISOR, Role.VENDOR)
def next_actions(user: User) -> Iterator[NextAction]:
    waiting = selectors.projects_awaiting_approval_record(actor=user).count()
    if waiting:
        yield NextAction(
            label=_("Record approvals"),
            url=reverse("delivery-index"),
            detail=_("Approved projects without an approval record (document number, amount)."),
            count=waiting,
            priority=25,
        )
    changes = selectors.changes_awaiting_approval(actor=user).count()
    if changes:
        yield NextAction(
            label=_("Approve changes"),
            url=reverse("delivery-index"),
            detail=_("Change requests waiting for the competent department."),
            count=changes,
            priority=20,
        )
    requests = selectors.payment_requests_awaiting(actor=user).count()
    if requests:
        yield NextAction(
            label=_("Decide payment requests"),
            url=reverse("delivery-index"),
            detail=_("Payment requests to approve and pay through the treasury."),
            count=requests,
            priority=20,
        )
    engagements = selectors.supervisor_engagements(actor=user).count()
    if engagements:
        yield NextAction(
            label=_("Your supervision engagements"),
            url=reverse("delivery-index"),
            detail=_("The projects your organisation supervises: submit the reports."),
            count=engagements,
            priority=30,
        )
    contracts = selectors.vendor_contracts(actor=user).count()
    if contracts:
        yield NextAction(
            label=_("Your contracts"),
            url=reverse("delivery-index"),
            detail=_("The contracts your organisation signed as the vendor."),
            count=contracts,
            priority=30,
        )


def project_links(user: User, project: Project) -> Iterator[NextAction]:
    """On an approved project's page: its delivery records (approval, money, contracts)."""
    if stages.reached(project.state, "approved"):
        yield NextAction(
            label=_("Delivery and funds"),
            url=reverse("delivery-detail", args=[project.pk]),
            detail=_("Approval record, appropriations, payments, contracts and changes."),
            priority=10,
        )
