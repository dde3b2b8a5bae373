"""Who may do what in the data-resource catalogue (object-level, with ``rules``).

A unit compiles and edits its own entries; the competent department reviews, publishes and
withdraws any entry and checks sharing requests; the provider answers requests for its data.
Published entries of the sharing and open catalogues are readable by every unit.
"""

from __future__ import annotations

from typing import Any

import rules

from govit.core.permissions import Predicate, predicate
from govit.orgs.choices import Role
from govit.orgs.policies import has_role, is_active_user, oversees_all
from govit.orgs.selectors import unit_scope_ids

is_competent: Predicate = has_role(Role.COMPETENT)
is_unit: Predicate = has_role(Role.UNIT)


@predicate
def owns_resource(user: Any, resource: Any) -> bool:
    """The entry (or a request's entry) belongs to one of the user's units or below."""
    if resource is None or not user.is_authenticated:
        return False
    unit_id = getattr(resource, "unit_id", None)
    if unit_id is None and hasattr(resource, "resource"):
        unit_id = resource.resource.unit_id
    return unit_id is not None and unit_id in unit_scope_ids(user)


@predicate
def requested_it(user: Any, request: Any) -> bool:
    return bool(
        request is not None
        and user.is_authenticated
        and request.requester_id in unit_scope_ids(user)
    )


catalogue_read = is_active_user & (oversees_all | is_unit)
resource_create = is_active_user & (is_competent | is_unit)
resource_update = is_active_user & (is_competent | (is_unit & owns_resource))
resource_submit = is_active_user & is_unit & owns_resource
resource_review = is_active_user & is_competent
resource_publish = is_active_user & is_competent
resource_withdraw = is_active_user & (is_competent | (is_unit & owns_resource))
sharing_request_create = is_active_user & is_unit
sharing_request_check = is_active_user & is_competent
sharing_request_answer = is_active_user & is_unit & owns_resource
sharing_request_arbitrate = is_active_user & is_competent
sharing_request_view = is_active_user & (oversees_all | requested_it | owns_resource)

rules.add_perm("data_resources.view_catalogue", catalogue_read)
rules.add_perm("data_resources.add_dataresource", resource_create)
rules.add_perm("data_resources.change_dataresource", resource_update)
rules.add_perm("data_resources.review_dataresource", resource_review)
rules.add_perm("data_resources.answer_sharingrequest", sharing_request_answer)
