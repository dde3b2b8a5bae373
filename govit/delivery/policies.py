"""Who may do what with a project's delivery records. Each service has a predicate of the
same name; the service enforces it, views use it to show or hide actions.

- view: whoever may see the project (its units and the oversight roles).
- approval_record, appropriation_add, surplus_return: the project unit (for its projects) and
  the competent department.
- payment_make: the finance department (it approves and executes treasury payments).
"""

from __future__ import annotations

import rules

from govit.orgs.choices import Role
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
