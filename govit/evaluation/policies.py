"""Who may do what in the evaluation app. Each service has a predicate of the same name.

- view: whoever may see the project.
- targets_set, ex_ante_record: the project unit (its own projects) and the competent department.
- annual_report_record, self_evaluation_submit: the project unit (its own projects).
- post_evaluation_record, comprehensive_record, sampling_draw: the competent department and
  finance (they commission or run the evaluations and apply the results).
"""

from __future__ import annotations

import rules

from govit.orgs.choices import Role
from govit.orgs.policies import has_role, is_active_user
from govit.projects.policies import in_project_unit, not_closed, project_view

competent = has_role(Role.COMPETENT)
finance = has_role(Role.FINANCE)
unit_manages = has_role(Role.UNIT) & in_project_unit
evaluates = has_role(Role.COMPETENT, Role.FINANCE)

evaluation_view = project_view
targets_set = is_active_user & project_view & (competent | unit_manages) & not_closed
ex_ante_record = is_active_user & project_view & (competent | unit_manages)
annual_report_record = is_active_user & project_view & unit_manages
self_evaluation_submit = is_active_user & project_view & unit_manages
post_evaluation_record = is_active_user & project_view & evaluates
comprehensive_record = is_active_user & project_view & evaluates
sampling_draw = is_active_user & evaluates

rules.add_perm("evaluation.view_evaluation", evaluation_view)
