"""Who may do what with organisations and users (object-level, with ``rules``).

The predicates here are the building blocks later apps reuse: ``oversees_all``, ``has_role``
and ``in_owning_unit`` (the object belongs to one of the user's organisations or below).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import rules

from govit.core.permissions import Predicate, predicate
from govit.orgs.choices import ADMIN_ROLES, AdminRole, Role
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


# 三员分立 (separated administrators): the system administrator manages users, organisations and
# memberships; the security administrator grants roles and sets security settings; the audit
# administrator only reads and exports the trail. Whoever may change permissions may not read
# the trail, whatever combination of roles they were given.
holds_user_admin: Predicate = has_role(AdminRole.SYSADMIN)
holds_permission_admin: Predicate = has_role(AdminRole.SECADMIN)
holds_audit_admin: Predicate = has_role(AdminRole.AUDITADMIN)

can_manage_users = is_active_user & holds_user_admin & ~holds_audit_admin
can_change_permissions = is_active_user & holds_permission_admin & ~holds_audit_admin
can_view_audit_trail = (
    is_active_user & holds_audit_admin & ~holds_permission_admin & ~holds_user_admin
)
audit_trail_export = can_view_audit_trail

rules.add_perm("orgs.manage_users", can_manage_users)
rules.add_perm("orgs.change_permissions", can_change_permissions)
rules.add_perm("core.view_audit_trail", can_view_audit_trail)
rules.add_perm("core.audit_trail_export", audit_trail_export)


def admin_roles_conflict(held: set[str] | frozenset[str], role: str) -> bool:
    """Whether giving ``role`` to someone holding ``held`` would merge two administrators."""
    return role in ADMIN_ROLES and bool((set(held) & ADMIN_ROLES) - {role})


@predicate
def may_grant_admin_roles(user: User) -> bool:
    """Administrator roles are granted by the security administrator (or the installer)."""
    return bool(user.is_authenticated and (user.is_superuser or user.has_role(AdminRole.SECADMIN)))
