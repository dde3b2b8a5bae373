"""Read queries of the reviews app, scoped to the actor (STYLE.md rule 5)."""

from __future__ import annotations

from django.db import models

from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.orgs.selectors import unit_scope_ids
from govit.reviews import policies
from govit.reviews.choices import ReviewStatus
from govit.reviews.models import Assignment, Expert, Review


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
    own_units = models.Q(status=ReviewStatus.CLOSED, project__unit_id__in=unit_scope_ids(actor))
    if not actor.has_role(Role.UNIT):
        own_units = models.Q(pk__in=[])
    return reviews.filter(
        models.Q(assignments__expert__user=actor)
        | models.Q(signoffs__role__in=actor.roles)
        | own_units
    ).distinct()


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
