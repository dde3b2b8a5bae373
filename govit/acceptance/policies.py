"""Who may do what in a project's acceptance. Each service has a predicate of the same name;
the service enforces it, views use it to show or hide actions.

- view: whoever may see the project (its units and the oversight roles); vendors and experts
  see nothing of it.
- the project unit prepares the evidence, declares completion, holds the initial acceptance,
  starts the trial run, applies for acceptance and books the assets;
- the competent department confirms the prerequisites it must confirm (Wuhan 第二十一条),
  convenes and records the acceptance meeting, records the filing and sends the notice to
  finance;
- finance acknowledges the notice;
- the lifecycle step after a meeting is taken by the role the rulebook names (checked again by
  ``project_transition``).
"""

from __future__ import annotations

import rules

from govit.orgs.choices import Role
from govit.orgs.policies import has_role, is_active_user
from govit.projects.policies import in_project_unit, not_closed, project_view

competent = has_role(Role.COMPETENT)
finance = has_role(Role.FINANCE)
drc = has_role(Role.DRC)
unit_manages = has_role(Role.UNIT) & in_project_unit

acceptance_view = project_view
evidence_record = is_active_user & project_view & unit_manages & not_closed
evidence_confirm = is_active_user & project_view & competent & not_closed
completion_declare = is_active_user & project_view & unit_manages & not_closed
initial_acceptance_record = completion_declare
trial_run_start = completion_declare
acceptance_apply = completion_declare
meeting_record = is_active_user & project_view & competent & not_closed
acceptance_conclude = is_active_user & project_view & (unit_manages | competent | drc) & not_closed
filing_record = is_active_user & project_view & competent
finance_notice_send = is_active_user & project_view & competent
finance_notice_receive = is_active_user & project_view & finance
asset_book = is_active_user & project_view & unit_manages

rules.add_perm("acceptance.view_acceptance", acceptance_view)
