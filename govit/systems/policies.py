"""Who may do what in the system catalogue (object-level, with ``rules``).

A unit reads and edits its own systems and those of the units below it; oversight roles read
every system; the competent department edits any system and alone decides proposals and
dispositions. Docking records (docs/systems.md): the unit or the competent department enters
them; the competent department or the big-data centre confirms them, never the one who entered
the record (four eyes); the unit, the competent department or the big-data centre records
their end. Each service checks the predicate of its name; views only show or hide actions.
"""

from __future__ import annotations

import rules

from govit.core.permissions import Predicate, predicate
from govit.orgs.choices import Role
from govit.orgs.policies import has_role, in_owning_unit, is_active_user, oversees_all

is_competent: Predicate = has_role(Role.COMPETENT)
is_unit: Predicate = has_role(Role.UNIT)
is_datacenter: Predicate = has_role(Role.DATACENTER)

# Who may open the catalogue at all: oversight roles and units (not experts or vendors).
catalogue_read = is_active_user & (oversees_all | is_unit)
system_view = is_active_user & (oversees_all | in_owning_unit)
system_create = is_active_user & (is_competent | is_unit)
# Object-level: the system (or the unit it is created for) is the unit's, or the actor is the
# competent department.
system_update = is_active_user & (is_competent | (is_unit & in_owning_unit))
usage_record = system_update
proposal_decide = is_active_user & is_competent
disposition_decide = is_active_user & is_competent


@predicate
def did_not_record(user: object, record: object) -> bool:
    """The record (a DockingRecord) was entered by someone else."""
    return record is not None and getattr(record, "recorded_by_id", None) != getattr(
        user, "pk", None
    )


docking_view = system_view
docking_record = system_update
# Who may confirm docking at all (the page shows the action); per record, not one's own entry.
docking_confirmer = is_active_user & (is_competent | is_datacenter)
docking_confirm = docking_confirmer & did_not_record
# Object-level on the system: its unit (or the competent department), or the big-data centre.
docking_end = is_active_user & (is_datacenter | system_update)

rules.add_perm("systems.view_catalogue", catalogue_read)
rules.add_perm("systems.view_system", system_view)
rules.add_perm("systems.add_system", system_create)
rules.add_perm("systems.change_system", system_update)
rules.add_perm("systems.record_usage", usage_record)
rules.add_perm("systems.decide_proposal", proposal_decide)
rules.add_perm("systems.decide_disposition", disposition_decide)
rules.add_perm("systems.view_docking", docking_view)
rules.add_perm("systems.record_docking", docking_record)
rules.add_perm("systems.confirm_docking", docking_confirmer)
rules.add_perm("systems.end_docking", docking_end)
