"""The organisation app's contribution to the home page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from govit.core.actions import NextAction
from govit.orgs import selectors
from govit.orgs.models import User


def next_actions(user: User) -> Iterator[NextAction]:
    for organisation in user.organisations:
        yield NextAction(
            label=_("View %(name)s") % {"name": organisation.name},
            url=reverse("organisation-detail", args=[organisation.pk]),
            detail=_("Your organisation, its members and subordinate units."),
            priority=80,
        )
    if user.oversees_all:
        count = selectors.organisation_list(actor=user).count()
        yield NextAction(
            label=_("Browse organisations"),
            url=reverse("organisation-list"),
            detail=_("Every organisation registered on the platform."),
            count=count,
            priority=70,
        )
    if user.is_staff:
        yield NextAction(
            label=_("Administer users and organisations"),
            url=reverse("admin:index"),
            detail=_("Accounts, roles, the holiday calendar and the audit trail."),
            priority=90,
        )
