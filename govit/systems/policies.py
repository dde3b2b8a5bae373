"""Who may do what in the system catalogue (object-level, with ``rules``).

A unit reads and edits its own systems and those of the units below it; oversight roles read
every system; the competent department edits any system and alone decides proposals and
dispositions. Each service checks the predicate of its name; views only show or hide actions.
"""

from __future__ import annotations

import rules

from govit.core.permissions import Predicate
from govit.orgs.choices import Role
from govit.orgs.policies import has_role, in_owning_unit, is_active_user, oversees_all

is_competent: Predicate = has_role(Role.COMPETENT)
is_unit: Predicate = has_role(Role.UNIT)

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

rules.add_perm("systems.view_catalogue", catalogue_read)
rules.add_perm("systems.view_system", system_view)
rules.add_perm("systems.add_system", system_create)
rules.add_perm("systems.change_system", system_update)
rules.add_perm("systems.record_usage", usage_record)
rules.add_perm("systems.decide_proposal", proposal_decide)
rules.add_perm("systems.decide_disposition", disposition_decide)
