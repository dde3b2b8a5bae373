"""Read queries of the reviews app, scoped to the actor (STYLE.md rule 5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from govit.core.models import AuditEvent
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.orgs.selectors import unit_scope_ids
from govit.projects.models import Project
from govit.projects.policies import project_view
from govit.reviews import policies
from govit.reviews.choices import ReviewStatus, TaskStatus
from govit.reviews.models import Assignment, Delegation, Expert, Review, ReviewTask, SignOff


def expert_list(*, actor: User) -> models.QuerySet[Expert]:
    """The pool, for the competent department only."""
    if not policies.expert_pool_read(actor):
        return Expert.objects.none()
    return Expert.objects.select_related("organisation", "user").order_by("pk")


def review_list(*, actor: User) -> models.QuerySet[Review]:
    """Every review for the competent department; an expert's drawn reviews; a sign-off
    department's joint reviews."""
    reviews = Review.objects.select_related("project", "project__unit")
    if not policies.review_list(actor):
        return reviews.none()
    if policies.is_competent(actor):
        return reviews
    own_units = models.Q(pk__in=[])
    if actor.has_role(Role.UNIT):
        # The unit reads its closed reviews, and its preliminary reviews (what to correct).
        own_units = models.Q(project__unit_id__in=unit_scope_ids(actor)) & (
            models.Q(status=ReviewStatus.CLOSED) | models.Q(kind="preliminary", panel=False)
        )
    # The reviews in which the actor holds a seat, a sign-off or a task, as one set of ids
    # (a UNION of three index look-ups): joining the three tables and keeping distinct rows
    # took 280 ms on a province's 91,000 reviews, this takes a few.
    seats = Assignment.objects.filter(expert__user=actor).values("review_id").order_by()
    signoffs = SignOff.objects.filter(role__in=actor.roles).values("review_id").order_by()
    tasks = (
        ReviewTask.objects.filter(assignee_id__in=[actor.pk, *policies.active_principals(actor)])
        .values("review_id")
        .order_by()
    )
    return reviews.filter(models.Q(pk__in=seats.union(signoffs, tasks)) | own_units)


def reviews_waiting_for(*, actor: User) -> models.QuerySet[Review]:
    """The reviews in which ``actor`` holds a seat and has not scored yet."""
    return Review.objects.filter(
        status=ReviewStatus.DRAWN,
        assignments__expert__user=actor,
        assignments__reserve=False,
        assignments__submitted_at__isnull=True,
    )


def own_seat(*, actor: User, review: Review) -> Assignment | None:
    return review.assignments.filter(expert__user=actor).first()


def review_get(*, actor: User, pk: int) -> Review | None:
    """The review if ``actor`` may read it (else None, which views answer with 404)."""
    review = Review.objects.select_related("project", "project__unit").filter(pk=pk).first()
    if review is None or not policies.review_view(actor, review):
        return None
    return review


def expert_get(*, actor: User, pk: int) -> Expert | None:
    return expert_list(actor=actor).filter(pk=pk).first()


def seats(*, review: Review) -> list[Assignment]:
    """The drawn experts and reserves, in order."""
    return list(review.assignments.select_related("expert", "expert__organisation"))


def _principals(actor: User) -> list[int]:
    return [actor.pk, *policies.active_principals(actor)]


def open_tasks(*, actor: User) -> models.QuerySet[ReviewTask]:
    """The waiting tasks of ``actor`` and of those who delegated to them today (the to-do)."""
    if not actor.is_authenticated:
        return ReviewTask.objects.none()
    return (
        ReviewTask.objects.filter(status=TaskStatus.OPEN, assignee_id__in=_principals(actor))
        .select_related("review", "review__project", "assignee")
        .order_by("due_on", "pk")
    )


def sent_tasks(*, actor: User) -> models.QuerySet[ReviewTask]:
    """Waiting tasks ``actor`` created for others (which they may withdraw)."""
    return (
        ReviewTask.objects.filter(status=TaskStatus.OPEN, created_by=actor)
        .exclude(assignee=actor)
        .select_related("review", "review__project", "assignee")
    )


def task_get(*, actor: User, pk: int) -> ReviewTask | None:
    """The task if ``actor`` may read its review (else None: 404)."""
    task = ReviewTask.objects.select_related("review", "review__project", "assignee").filter(pk=pk)
    found = task.first()
    if found is None or not policies.review_view(actor, found.review):
        return None
    return found


def review_tasks(*, review: Review) -> list[ReviewTask]:
    return list(review.tasks.select_related("assignee", "acted_by", "created_by", "document"))


def delegations_of(*, actor: User) -> models.QuerySet[Delegation]:
    return Delegation.objects.filter(principal=actor).select_related("delegate")[:50]


def delegation_get(*, actor: User, pk: int) -> Delegation | None:
    return Delegation.objects.filter(principal=actor, pk=pk).first()


def signoffs_waiting_for(*, actor: User) -> models.QuerySet[Review]:
    """Scored joint reviews on which the actor's department has not decided yet."""
    return Review.objects.filter(
        status=ReviewStatus.SCORED,
        signoffs__role__in=actor.roles,
        signoffs__signed_at__isnull=True,
    ).distinct()


def project_review_history(*, actor: User, project: Project) -> models.QuerySet[AuditEvent]:
    """The review events of a project (tasks, returns, hand-overs...), for who may see it."""
    if not project_view(actor, project):
        return AuditEvent.objects.none()
    return AuditEvent.objects.filter(
        action__startswith="reviews.", after__project=project.pk
    ).order_by("sequence")


# The phases of the dashboard's review throughput (govit/reports/throughput.py); the review
# list filters on the same definitions so that a figure and its list agree.
PHASES = ("in_review", "overdue", "paused", "done")


def phase_filter(phase: str, today: dt.date) -> models.Q:
    """``in_review``: no opinion yet; ``overdue``: no opinion, past its due day and the clock
    running (a review returned for supplement is not overdue); ``paused``: no opinion and the
    clock stopped (退回补正); ``done``: the opinion is given."""
    waiting = models.Q(opinion_on__isnull=True)
    if phase == "in_review":
        return waiting
    if phase == "overdue":
        return waiting & models.Q(due_on__lt=today, clock_paused_on__isnull=True)
    if phase == "paused":
        return waiting & models.Q(clock_paused_on__isnull=False)
    if phase == "done":
        return models.Q(opinion_on__isnull=False)
    raise ValueError(phase)


def filter_reviews(
    reviews: models.QuerySet[Review], filters: dict[str, Any], today: dt.date
) -> models.QuerySet[Review]:
    """Apply the review list's filters (cleaned by ``forms.ReviewFilterForm``)."""
    if filters.get("stage"):
        reviews = reviews.filter(kind=filters["stage"])
    if filters.get("status"):
        reviews = reviews.filter(status=filters["status"])
    if filters.get("phase"):
        reviews = reviews.filter(phase_filter(filters["phase"], today))
    month = filters.get("month")
    if month:
        first = dt.date(month.year, month.month, 1)
        reviews = reviews.filter(opinion_on__gte=first, opinion_on__lt=_next_month(first))
    if filters.get("plan_year"):
        reviews = reviews.filter(project__plan_year=filters["plan_year"])
    if filters.get("unit"):
        reviews = reviews.filter(project__unit_id=filters["unit"])
    if filters.get("project_state"):
        reviews = reviews.filter(project__state=filters["project_state"])
    if filters.get("project_kind"):
        kind = filters["project_kind"]
        reviews = reviews.filter(project__kind="" if kind == "-" else kind)
    return reviews


def _next_month(first: dt.date) -> dt.date:
    return dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
