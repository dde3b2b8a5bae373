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
# Who may be added as a signer (加签): the departments that review and the government.
SIGNER_ROLES = (*SIGNOFF_ROLES, Role.COMPETENT, Role.GOVERNMENT, Role.CAC)


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


def active_principals(user: User) -> list[int]:
    """The users who delegated their review tasks to ``user`` for today (委托)."""
    from django.db.models import Q
    from django.utils import timezone

    from govit.reviews.models import Delegation

    today = timezone.localdate()
    return list(
        Delegation.objects.filter(delegate=user, starts_on__lte=today, ends_on__gte=today)
        .filter(Q(ended_early_on__isnull=True) | Q(ended_early_on__gte=today))
        .values_list("principal_id", flat=True)
    )


@predicate
def is_task_actor(user: User, task: Any) -> bool:
    """The task's current assignee, or their delegate while the delegation runs."""
    if task is None or not user.is_authenticated:
        return False
    return bool(task.assignee_id == user.pk or task.assignee_id in active_principals(user))


@predicate
def is_task_creator(user: User, task: Any) -> bool:
    return task is not None and user.is_authenticated and task.created_by_id == user.pk


@predicate
def holds_review_task(user: User, review: Any) -> bool:
    """Holds (or stands in for the holder of) a task of the review, open or done."""
    if review is None or not user.is_authenticated:
        return False
    return bool(review.tasks.filter(assignee_id__in=[user.pk, *active_principals(user)]).exists())


@predicate
def is_preliminary(user: User, review: Any) -> bool:
    return review is not None and review.kind == "preliminary" and not review.panel


# The applying unit receives the opinion (Kaihua 第八条 "申报单位在收到评审意见后") once the
# review is closed; it never sees who scored what.
unit_reads_opinion = has_role(Role.UNIT) & in_owning_unit & (is_closed | is_preliminary)

expert_pool_read = is_active_user & is_competent
expert_create = is_active_user & is_competent
expert_update = is_active_user & is_competent
# Who may open the review list at all (each sees only their own reviews in it).
review_list = is_active_user & (
    is_competent | is_expert | has_role(*SIGNOFF_ROLES, Role.UNIT, Role.AGENCY)
)
review_view = is_active_user & (
    is_competent | is_drawn_expert | holds_signoff_role | unit_reads_opinion | holds_review_task
)
review_create = is_active_user & is_competent
review_draw = is_active_user & is_competent
review_close = is_active_user & is_competent
assignment_replace = is_active_user & is_competent
assignment_score = is_active_user & is_expert
signoff_sign = is_active_user & holds_signoff_role
signoff_refuse = signoff_sign
# The stages without experts and the approval chain (ADR 0014).
is_datacenter: Predicate = has_role(Role.DATACENTER)
preliminary_open = is_active_user & (is_competent | is_datacenter)
agency_commission = is_active_user & is_competent
decision_record = is_active_user & is_competent
signoff_add = is_active_user & is_competent
task_act = is_active_user & is_task_actor
task_approve = task_act
task_return = task_act
task_hand_over = task_act
task_add_signer = task_act
checklist_record = task_act
supplement_request = task_act
agency_report_upload = task_act & has_role(Role.AGENCY)
task_withdraw = is_active_user & is_task_creator
supplement_resubmit = is_active_user & has_role(Role.UNIT) & in_owning_unit
delegation_create = is_active_user
delegation_end = is_active_user

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
rules.add_perm("reviews.act_on_task", task_act)
