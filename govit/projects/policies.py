"""Who may do what with projects. Each service has a predicate of the same name; the service
enforces it, views and templates use it only to show or hide actions.

- view: the project unit and its co-building units (their members holding the ``unit`` role,
  and the units above them), and every oversight role; experts, agencies, vendors and
  supervisors see no project until the apps that assign them exist.
- create: holders of the ``unit`` role, for their own unit or one below it.
- update: the competent department at any time; the project unit while the project is a
  draft or returned for supplement.
- transition: a role the rulebook's step names; for ``unit``, in the project's unit or above.
"""

from __future__ import annotations

from typing import Any

import rules

from govit.core.permissions import predicate
from govit.orgs.choices import OVERSIGHT_ROLES, Role
from govit.orgs.models import Organisation, User
from govit.orgs.policies import has_role, is_active_user, oversees_all
from govit.orgs.selectors import subtree_ids
from govit.policy.schema import Transition


def role_scope_ids(user: User, role: str) -> frozenset[int]:
    """The organisations in which ``user`` holds ``role``, and every organisation below them
    (cached on the user object for the request)."""
    cache: dict[str, frozenset[int]] = user.__dict__.setdefault("_role_scope_ids", {})
    if role not in cache:
        cache[role] = subtree_ids(
            m.organisation_id for m in user.active_memberships if m.role == role
        )
    return cache[role]


def acting_unit_ids(user: User) -> frozenset[int]:
    """The units whose projects ``user`` reads and acts on as the project unit."""
    return role_scope_ids(user, Role.UNIT)


def _unit_id(obj: Any) -> int | None:
    return obj.pk if isinstance(obj, Organisation) else getattr(obj, "unit_id", None)


@predicate
def in_project_unit(user: User, project: Any) -> bool:
    """The user is a member (role ``unit``) of the project's unit or above it."""
    unit_id = _unit_id(project)
    return bool(user.is_authenticated and unit_id is not None and unit_id in acting_unit_ids(user))


@predicate
def in_co_building_unit(user: User, project: Any) -> bool:
    if project is None or not user.is_authenticated:
        return False
    return bool(project.co_unit_ids & acting_unit_ids(user))


@predicate
def open_to_unit_edits(user: User, project: Any) -> bool:
    return bool(project is not None and project.is_open_to_unit_edits)


@predicate
def not_closed(user: User, project: Any) -> bool:
    return bool(project is not None and not project.is_closed)


competent = has_role(Role.COMPETENT)

project_view = is_active_user & (oversees_all | in_project_unit | in_co_building_unit)
project_create = is_active_user & has_role(Role.UNIT) & in_project_unit
project_create_any = is_active_user & has_role(Role.UNIT)
project_update = is_active_user & (competent | (in_project_unit & open_to_unit_edits))
document_upload = is_active_user & (competent | (in_project_unit & not_closed))


def holds_step_role(user: User, project: Any, transition: Transition) -> bool:
    """The user may take this step: they hold one of its roles, and for ``unit`` they are in
    the project's unit or above it; oversight roles act on every project they may see."""
    if not (user.is_authenticated and user.is_active):
        return False
    for role in transition.roles:
        if role == Role.UNIT.value:
            if in_project_unit(user, project):
                return True
        elif role in OVERSIGHT_ROLES and user.has_role(role):
            return True
    return False


def project_transition(user: User, project: Any, transition: Transition) -> bool:
    """Predicate of ``services.project_transition`` (the rules are checked by the service)."""
    return bool(project_view(user, project) and holds_step_role(user, project, transition))


rules.add_perm("projects.view_project", project_view)
rules.add_perm("projects.create_project", project_create_any)
rules.add_perm("projects.edit_project", project_update)
rules.add_perm("projects.upload_document", document_upload)
