"""Helpers to build experts and reviews in tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.orgs.tests.factories import OrganisationFactory, member
from govit.reviews.models import Expert


def make_expert(
    specialties: list[str] | None = None,
    organisation: Organisation | None = None,
    **fields: Any,
) -> Expert:
    """An expert holding the expert role, employed by ``organisation`` (a new one by default)."""
    organisation = organisation or OrganisationFactory(kind=Role.AGENCY)
    user: User = member(Role.EXPERT, organisation)
    return Expert.objects.create(
        user=user,
        name=fields.pop("name", user.display_name),
        organisation=organisation,
        specialties=specialties or ["software"],
        **fields,
    )


REVIEW_DAY = dt.date(2026, 12, 1)
