"""Who may do what in the security registers (object-level, with ``rules``).

The unit that owns a system keeps its registers (grading, filing, assessments, contracts,
incidents, drills); the competent department may record for any system and alone sees the
list of every unit's overdue duties; oversight roles read everything.
"""

from __future__ import annotations

import rules

from govit.core.permissions import Predicate
from govit.orgs.choices import Role
from govit.orgs.policies import has_role, in_owning_unit, is_active_user, oversees_all

is_competent: Predicate = has_role(Role.COMPETENT)
is_unit: Predicate = has_role(Role.UNIT)

registers_read = is_active_user & (oversees_all | is_unit)
# Object-level: the object is a System.
register_view = is_active_user & (oversees_all | in_owning_unit)
register_update = is_active_user & (is_competent | (is_unit & in_owning_unit))
grading_record = register_update
assessment_record = register_update
assessment_remediate = register_update
contract_record = register_update
incident_record = register_update
incident_update = register_update
drill_record = register_update
overdue_list_read = is_active_user & (is_competent | oversees_all)

rules.add_perm("security.view_registers", registers_read)
rules.add_perm("security.change_registers", register_update)
rules.add_perm("security.view_overdue", overdue_list_read)
