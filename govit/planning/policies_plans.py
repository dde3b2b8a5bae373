"""Who may do what with the project library and the annual plans. Each service has a predicate
of the same name; the service enforces it, views use it to show or hide actions.

- library: the competent department admits, reclassifies, moves and withdraws entries; a unit
  reads its own projects' entries (as the project unit or a co-building unit), oversight roles
  read all; experts, agencies and vendors read none.
- plans: the competent department and finance compile (create, fill, lines, submit, reopen);
  the competent department, finance and the government record the approval and supplementary
  inclusions (the project lifecycle then checks the step's own roles); units do not read plans.
- duplicate check: whoever may see the project; what it lists is scoped to the actor.
"""

from __future__ import annotations

from typing import Any

import rules

from govit.core.permissions import predicate
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.orgs.policies import has_role, is_active_user, oversees_all
from govit.projects.policies import project_view


@predicate
def entry_visible(user: User, entry: Any) -> bool:
    return bool(entry is not None and project_view(user, entry.project))


@predicate
def plan_is_draft(user: User, plan: Any) -> bool:
    return bool(plan is not None and plan.is_draft)


competent = has_role(Role.COMPETENT)
compilers = has_role(Role.COMPETENT, Role.FINANCE)
approvers = has_role(Role.COMPETENT, Role.FINANCE, Role.GOVERNMENT)

library_view = is_active_user & entry_visible
library_list = is_active_user
library_admit = is_active_user & competent
library_reclassify = is_active_user & competent
library_move_year = is_active_user & competent
library_withdraw = is_active_user & competent

plan_view = is_active_user & oversees_all
plan_create = is_active_user & compilers
plan_fill = is_active_user & compilers
plan_line_add = is_active_user & compilers
plan_line_update = is_active_user & compilers
plan_line_remove = is_active_user & compilers
plan_rank = is_active_user & compilers
plan_submit = is_active_user & compilers
plan_reopen = is_active_user & compilers
plan_approve = is_active_user & approvers
plan_supplement = is_active_user & approvers
plan_export = plan_view

duplicate_check = is_active_user & project_view

rules.add_perm("planning.view_library_entry", library_view)
rules.add_perm("planning.view_plan", plan_view)
