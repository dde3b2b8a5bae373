"""Who may do what with a project's delivery records. Each service has a predicate of the
same name; the service enforces it, views use it to show or hide actions.

- view: whoever may see the project (its units and the oversight roles).
- approval_record, appropriation_add, surplus_return: the project unit (for its projects) and
  the competent department.
- payment_make: the finance department (it approves and executes treasury payments).
- contracts: recorded, filed and amended by the project unit and the competent department;
  read by whoever sees the project and by the contract's vendor (only its own contracts).
"""

from __future__ import annotations

from typing import Any

import rules

from govit.core.permissions import predicate
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.orgs.policies import has_role, is_active_user
from govit.projects.policies import in_project_unit, not_closed, project_view

competent = has_role(Role.COMPETENT)
finance = has_role(Role.FINANCE)
unit_manages = has_role(Role.UNIT) & in_project_unit

delivery_view = project_view
approval_record = is_active_user & project_view & (competent | unit_manages)
appropriation_add = is_active_user & project_view & (finance | unit_manages) & not_closed
payment_make = is_active_user & project_view & finance & not_closed
surplus_return = is_active_user & project_view & (finance | unit_manages)

rules.add_perm("delivery.view_delivery", delivery_view)


@predicate
def vendor_of(user: User, contract: Any) -> bool:
    """The user works for the contract's vendor (role ``vendor``)."""
    if contract is None or not user.is_authenticated:
        return False
    return any(
        m.role == Role.VENDOR and m.organisation_id == contract.vendor_id
        for m in user.active_memberships
    )


contract_record = is_active_user & project_view & (competent | unit_manages) & not_closed
contract_file = is_active_user & project_view & (competent | unit_manages)
contract_amend = contract_record


def contract_view(user: User, contract: Any) -> bool:
    """Whoever may see the project, and the contract's vendor."""
    return bool(project_view(user, contract.project) or vendor_of(user, contract))


change_request = is_active_user & project_view & (competent | unit_manages) & not_closed
change_approve = is_active_user & project_view & competent

# Procurement: planned, reviewed, awarded and linked by the unit or the competent department.
procurement_record = contract_record
procurement_control_price = contract_file
procurement_award = contract_record

# Supervision: engaged and filed by the unit or the competent department; reports by the
# supervisor's own users, read by them and by whoever sees the project.
supervision_engage = contract_record
supervision_file = contract_file


@predicate
def supervisor_of(user: User, engagement: Any) -> bool:
    """The user works for the engagement's supervisor (role ``supervisor``)."""
    if engagement is None or not user.is_authenticated:
        return False
    return any(
        m.role == Role.SUPERVISOR and m.organisation_id == engagement.supervisor_id
        for m in user.active_memberships
    )


supervision_report = is_active_user & supervisor_of


def supervision_view(user: User, engagement: Any) -> bool:
    """Whoever may see the project, and the engaged supervisor's users."""
    return bool(project_view(user, engagement.project) or supervisor_of(user, engagement))


# Milestones, re-baselines and progress reports: the unit (and the competent department).
milestone_add = is_active_user & project_view & (competent | unit_manages) & not_closed
milestone_progress = milestone_add
milestone_rebaseline = milestone_add
progress_report = milestone_add

# Payments in two steps: the unit requests, finance approves and executes (or rejects), and
# finance reverses an executed payment.
payment_request = is_active_user & project_view & unit_manages & not_closed
payment_approve = payment_make
payment_execute = payment_make
payment_reverse = is_active_user & project_view & finance

change_reject = change_approve
