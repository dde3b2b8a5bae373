"""Who may do what with experts and reviews (object-level, with ``rules``).

The competent department keeps the pool and runs reviews; an expert sees only the reviews they
are drawn for, and scores only their own seat; the departments of a joint review's sign-off
list read it and sign for their department. Each service checks the predicate of its name.
"""

from __future__ import annotations

from typing import Any

import rules

from govit.core.permissions import Predicate, predicate
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.orgs.policies import has_role, in_owning_unit, is_active_user

is_competent: Predicate = has_role(Role.COMPETENT)
is_expert: Predicate = has_role(Role.EXPERT)
SIGNOFF_ROLES = (Role.DATACENTER, Role.DRC, Role.FINANCE)


@predicate
def is_drawn_expert(user: User, review: Any) -> bool:
    if review is None or not user.is_authenticated:
        return False
    return bool(review.assignments.filter(expert__user=user).exists())


@predicate
def holds_signoff_role(user: User, review: Any) -> bool:
    if review is None or not user.is_authenticated:
        return False
    roles = set(review.signoffs.values_list("role", flat=True))
    return bool(roles & set(user.roles))


@predicate
def is_closed(user: User, review: Any) -> bool:
    return review is not None and review.status == "closed"


# The applying unit receives the opinion (Kaihua 第八条 "申报单位在收到评审意见后") once the
# review is closed; it never sees who scored what.
unit_reads_opinion = has_role(Role.UNIT) & in_owning_unit & is_closed

expert_pool_read = is_active_user & is_competent
expert_create = is_active_user & is_competent
expert_update = is_active_user & is_competent
# Who may open the review list at all (each sees only their own reviews in it).
review_list = is_active_user & (
    is_competent | is_expert | has_role(*SIGNOFF_ROLES) | has_role(Role.UNIT)
)
review_view = is_active_user & (
    is_competent | is_drawn_expert | holds_signoff_role | unit_reads_opinion
)
review_create = is_active_user & is_competent
review_draw = is_active_user & is_competent
review_close = is_active_user & is_competent
assignment_replace = is_active_user & is_competent
assignment_score = is_active_user & is_expert
signoff_sign = is_active_user & holds_signoff_role

rules.add_perm("reviews.view_reviews", review_list)
# The same test as a plain rule, for the navigation bar: `test_rule` asks only rules, not the
# database-backed permission backend (which would cost two queries on every page).
rules.add_rule("reviews.can_list_reviews", review_list)
rules.add_perm("reviews.view_expert", expert_pool_read)
rules.add_perm("reviews.add_expert", expert_create)
rules.add_perm("reviews.change_expert", expert_update)
rules.add_perm("reviews.view_review", review_view)
rules.add_perm("reviews.add_review", review_create)
rules.add_perm("reviews.draw_review", review_draw)
rules.add_perm("reviews.close_review", review_close)
rules.add_perm("reviews.replace_expert", assignment_replace)
rules.add_perm("reviews.score_review", assignment_score)
rules.add_perm("reviews.sign_review", signoff_sign)
