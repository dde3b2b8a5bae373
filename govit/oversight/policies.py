"""Who may do what in oversight. Each service has a predicate of the same name.

- view: whoever may see the project (the unit sees its own inspections and orders).
- inspection_open, finding_add, order_issue, order_recheck, order_escalate, sanction_lift:
  the competent department and finance (finance, audit, police and cryptography offices join
  an inspection as recorded offices, the competent department and finance write it).
- rectification_report: the project unit, for its own projects.
- stale_view: the oversight roles.
"""

from __future__ import annotations

import rules

from govit.orgs.choices import Role
from govit.orgs.policies import has_role, is_active_user, oversees_all
from govit.projects.policies import in_project_unit, project_view

competent = has_role(Role.COMPETENT)
finance = has_role(Role.FINANCE)
supervises = has_role(Role.COMPETENT, Role.FINANCE)
unit_manages = has_role(Role.UNIT) & in_project_unit

oversight_view = project_view
inspection_open = is_active_user & project_view & supervises
finding_add = inspection_open
order_issue = inspection_open
order_recheck = inspection_open
order_escalate = inspection_open
sanction_lift = is_active_user & project_view & competent
rectification_report = is_active_user & project_view & unit_manages
stale_view = is_active_user & oversees_all

rules.add_perm("oversight.view_oversight", oversight_view)
