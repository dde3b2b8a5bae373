"""Who may see which report.

- dashboard_view: the oversight roles (the whole portfolio) and project units (their own
  projects: the figures are computed over what the actor may read).
- finance_view: the finance department, the competent department, the government and the
  audit office.
- list_export: whoever may read the list (the export holds the same rows as the page).
- opendata_export: the competent department, the big-data centre and the government, who
  decide what the city publishes.
"""

from __future__ import annotations

import rules

from govit.orgs.choices import Role
from govit.orgs.policies import has_role, is_active_user, oversees_all

dashboard_view = is_active_user & (oversees_all | has_role(Role.UNIT))
finance_view = is_active_user & has_role(Role.FINANCE, Role.COMPETENT, Role.GOVERNMENT, Role.AUDIT)
list_export = dashboard_view
opendata_export = is_active_user & has_role(Role.COMPETENT, Role.DATACENTER, Role.GOVERNMENT)

rules.add_perm("reports.view_dashboard", dashboard_view)
rules.add_perm("reports.view_finance", finance_view)
rules.add_perm("reports.export_opendata", opendata_export)
