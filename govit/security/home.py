"""The security registers' contribution to the home page."""

from __future__ import annotations

from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from govit.core.actions import NextAction, serves
from govit.orgs.choices import OVERSIGHT_ROLES
from govit.orgs.models import User
from govit.security import policies


@serves(*OVERSIGHT_ROLES)  # is_competent | oversees_all (the competent department oversees all)
def next_actions(user: User) -> Iterator[NextAction]:
    if not policies.overdue_list_read(user):
        return
    yield NextAction(
        label=_("Overdue security duties"),
        url=reverse("security-overdue"),
        detail=_("Filings, MLPS and cryptography assessments and contract tests past due."),
        count=None,
        priority=30,
    )
