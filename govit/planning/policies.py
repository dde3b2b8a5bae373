"""Who may do what with planning cycles and applications (this file: cycles and applications;
the project library and annual plans keep theirs in ``policies_plans.py``). Each service has a
predicate of the same name; the service enforces it, views use it to show or hide actions.

- cycles: read by the project units and every oversight role; a draft cycle only by the
  competent department; created, edited, opened, closed and compiled by the competent
  department. Experts, agencies, vendors and supervisors see no cycle.
- applications: read by whoever may see the project (its units and the oversight roles);
  created, saved, submitted and withdrawn only by a clerk (role ``unit``) of the project's unit.
"""

from __future__ import annotations

from typing import Any

import rules

from govit.core.permissions import predicate
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.orgs.policies import has_role, is_active_user, oversees_all
from govit.projects.policies import in_project_unit, project_view

competent = has_role(Role.COMPETENT)
unit_clerk = has_role(Role.UNIT)


@predicate
def cycle_not_draft(user: User, cycle: Any) -> bool:
    return bool(cycle is not None and cycle.state != "draft")


@predicate
def cycle_editable(user: User, cycle: Any) -> bool:
    return bool(cycle is not None and cycle.is_editable)


@predicate
def in_applying_unit(user: User, application: Any) -> bool:
    """The user is a clerk of the application's project unit (or a unit above it)."""
    return bool(application is not None and in_project_unit(user, application.project))


@predicate
def sees_application(user: User, application: Any) -> bool:
    return bool(application is not None and project_view(user, application.project))


@predicate
def application_in_draft(user: User, application: Any) -> bool:
    return bool(application is not None and application.is_draft)


cycle_list = is_active_user & (oversees_all | unit_clerk)
cycle_view = is_active_user & (competent | ((oversees_all | unit_clerk) & cycle_not_draft))
cycle_create = is_active_user & competent
cycle_update = is_active_user & competent & cycle_editable
cycle_attach_guide = cycle_update
cycle_open = is_active_user & competent
cycle_close = is_active_user & competent
cycle_compile = is_active_user & competent

application_view = is_active_user & sees_application
application_create = is_active_user & unit_clerk & in_project_unit
application_save = is_active_user & unit_clerk & in_applying_unit & application_in_draft
application_submit = is_active_user & unit_clerk & in_applying_unit
application_withdraw = is_active_user & unit_clerk & in_applying_unit
application_export = application_view

rules.add_perm("planning.view_cycle", cycle_view)
rules.add_perm("planning.manage_cycle", cycle_create)
rules.add_perm("planning.view_application", application_view)

# The plan and library predicates live in policies_plans; named here so that views can name
# them as "planning.<predicate>" (govit.core.permissions).
from govit.planning.policies_plans import (  # noqa: E402, F401
    duplicate_check,
    library_admit,
    library_list,
    library_move_year,
    library_reclassify,
    library_view,
    library_withdraw,
    plan_approve,
    plan_create,
    plan_export,
    plan_fill,
    plan_line_add,
    plan_line_remove,
    plan_line_update,
    plan_rank,
    plan_reopen,
    plan_submit,
    plan_supplement,
    plan_view,
)
