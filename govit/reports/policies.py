"""Who may see which report.

- dashboard_view: the oversight roles (the whole portfolio) and project units (their own
  projects: the figures are computed over what the actor may read).
- finance_view: the finance department, the competent department, the government and the
  audit office.
- list_export: whoever may read the list (the export holds the same rows as the page).
- vendor_list: the competent department, finance, the audit office and the government see
  every vendor's contracts, payments, changes, schedule and assessment results.
- vendor_view: those, and a vendor's own staff for their organisation's page (without the
  user units' results, which are not theirs). A project unit sees no vendor page: the figures
  span other units' projects.
- opendata_export: the competent department, the big-data centre and the government, who
  decide what the city publishes.
"""

from __future__ import annotations

from typing import Any

import rules

from govit.core.permissions import predicate
from govit.orgs.choices import Role
from govit.orgs.policies import has_role, is_active_user, oversees_all

dashboard_view = is_active_user & (oversees_all | has_role(Role.UNIT))
finance_view = is_active_user & has_role(Role.FINANCE, Role.COMPETENT, Role.GOVERNMENT, Role.AUDIT)
list_export = dashboard_view
opendata_export = is_active_user & has_role(Role.COMPETENT, Role.DATACENTER, Role.GOVERNMENT)

vendor_list = is_active_user & has_role(Role.COMPETENT, Role.FINANCE, Role.AUDIT, Role.GOVERNMENT)


@predicate
def _own_vendor(user: Any, vendor: Any) -> bool:
    return vendor is not None and vendor.pk in user.organisation_ids


vendor_view = vendor_list | (is_active_user & has_role(Role.VENDOR) & _own_vendor)

rules.add_perm("reports.view_dashboard", dashboard_view)
rules.add_perm("reports.view_vendors", vendor_list)
# One vendor's figures (its page, and its assessment result where a procurement names it).
rules.add_perm("reports.view_vendor", vendor_view)
rules.add_perm("reports.view_finance", finance_view)
rules.add_perm("reports.export_opendata", opendata_export)
