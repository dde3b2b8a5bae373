"""Who may do what with organisations and users (object-level, with ``rules``).

The predicates here are the building blocks later apps reuse: ``oversees_all``, ``has_role``
and ``in_owning_unit`` (the object belongs to one of the user's organisations or below).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from govit.core.permissions import predicate
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.orgs.selectors import unit_scope_ids


def owner_id(obj: Any) -> int | None:
    """The id of the organisation an object belongs to (its ``unit``, ``organisation`` or
    itself when it is an organisation)."""
    if isinstance(obj, Organisation):
        return obj.pk
    for attr in ("unit_id", "organisation_id", "owner_id"):
        value = getattr(obj, attr, None)
        if value is not None:
            return int(value)
    return None


@predicate
def is_active_user(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active)


@predicate
def oversees_all(user: User) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or user.oversees_all))


def has_role(*roles: str) -> Callable[..., bool]:
    """A predicate: the user holds one of ``roles``."""

    def holds_role(user: User) -> bool:
        return bool(user.is_authenticated and user.has_role(*roles))

    holds_role.__name__ = f"has_role({','.join(roles)})"
    return predicate(holds_role)  # type: ignore[no-any-return]


@predicate
def in_owning_unit(user: User, obj: Any) -> bool:
    if obj is None or not user.is_authenticated:
        return False
    owner = owner_id(obj)
    return owner is not None and owner in unit_scope_ids(user)


can_view_organisation = is_active_user & (oversees_all | in_owning_unit)
can_view_members = is_active_user & (has_role(Role.COMPETENT) | in_owning_unit)

rules.add_perm("orgs.view_organisation", can_view_organisation)
rules.add_perm("orgs.view_members", can_view_members)
