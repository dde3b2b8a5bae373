"""The signed-in user of each request, kept between requests by table versions.

Every request of a signed-in user read their row and their active memberships (two queries,
about a millisecond of a worker's time: an eighth of a light page's, issue #9). With a shared
cache, ``UserBackend`` keeps those rows per process by the versions of the users, memberships and
organisations tables (``core.row_versions``): any save or deletion of one of them reads them
again, so a user made inactive, a changed password (the session's hash) or a membership revoked
holds from the next request on, as before. Writes that send no signal bump the version
themselves (``orgs.passwords`` for the password's date).

The kept row leaves out the personal data fields (phone, identity card number, SM4-encrypted in
the table): they stay deferred, read from the table if a page asks for them, and are never held
decrypted between requests. Each request gets its own model instances, built from the kept values.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import models

from govit.core import row_versions
from govit.orgs.models import Membership, Organisation, User

# The personal data fields stay deferred (see the module's docstring).
PERSONAL = frozenset({"phone", "id_number"})
USER_FIELDS = tuple(
    field.attname for field in User._meta.concrete_fields if field.name not in PERSONAL
)
MEMBERSHIP_FIELDS = tuple(field.attname for field in Membership._meta.concrete_fields)
ORGANISATION_FIELDS = tuple(field.attname for field in Organisation._meta.concrete_fields)
TABLES: tuple[type[models.Model], ...] = (User, Membership, Organisation)


@dataclass(frozen=True)
class KeptUser:
    """A user's column values and their active memberships', each with its organisation's."""

    user: tuple[Any, ...]
    memberships: tuple[tuple[tuple[Any, ...], tuple[Any, ...]], ...]

    def build(self, db: str) -> User:
        """Fresh instances, as ``User.active_memberships`` would have read them."""
        user = User.from_db(db, USER_FIELDS, self.user)
        memberships = []
        for membership_values, organisation_values in self.memberships:
            membership = Membership.from_db(db, MEMBERSHIP_FIELDS, membership_values)
            organisation = Organisation.from_db(db, ORGANISATION_FIELDS, organisation_values)
            Membership.organisation.field.set_cached_value(membership, organisation)
            memberships.append(membership)
        user.__dict__["active_memberships"] = memberships
        return user


_kept: row_versions.Kept[KeptUser | None] = row_versions.Kept(limit=4096)


def read(pk: int) -> KeptUser | None:
    """The user's values and active memberships (two queries), or None if there is no such
    user."""
    values = User._default_manager.filter(pk=pk).values_list(*USER_FIELDS).first()
    if values is None:
        return None
    organisation_columns = tuple(f"organisation__{name}" for name in ORGANISATION_FIELDS)
    # The order of ``User.active_memberships`` (the table's, unordered) does not matter to its
    # readers: roles and organisations are sets, ``organisations`` dedupes.
    rows = Membership.objects.filter(user_id=pk, organisation__is_active=True).values_list(
        *MEMBERSHIP_FIELDS, *organisation_columns
    )
    split = len(MEMBERSHIP_FIELDS)
    return KeptUser(
        user=tuple(values),
        memberships=tuple((tuple(row[:split]), tuple(row[split:])) for row in rows),
    )


def kept_user(pk: int) -> User | None:
    """The user ``pk`` with their active memberships: from the rows this process kept for the
    tables' current versions, or read now."""
    found = _kept.get(TABLES, pk, lambda: read(pk))
    return None if found is None else found.build(User._default_manager.db)


class UserBackend(ModelBackend):
    """Django's model backend whose ``get_user`` (each request's user) uses ``kept_user``."""

    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        user = kept_user(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
