"""Who finds which review in the review list (``selectors.review_list``): the competent
department every one; an expert the reviews they are drawn for; a sign-off department the
reviews it signs; a task's assignee the task's review; a unit its closed and preliminary
reviews; each once, whatever the number of ways it is reached."""

from __future__ import annotations

import pytest
from django.utils import timezone

from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.orgs.tests.factories import member
from govit.projects.tests.factories import ProjectFactory
from govit.reviews import selectors
from govit.reviews.models import Assignment, Review, SignOff
from govit.reviews.tests.factories import make_expert
from govit.reviews.workflow_models import ReviewTask

pytestmark = pytest.mark.django_db


def _review(unit: Organisation, by: User, **fields: object) -> Review:
    return Review.objects.create(
        project=ProjectFactory(unit=unit, state="review"),
        rulebook="kaihua",
        opened_on=timezone.localdate(),
        review_on=timezone.localdate(),
        created_by=by,
        **{"kind": "joint", **fields},
    )


def test_each_reader_finds_their_own_reviews_once(
    reviewer: User, finance_clerk: User, applicant: User, unit_org: Organisation
) -> None:
    seat, signed, tasked, closed, other = (_review(unit_org, reviewer) for _ in range(5))
    closed.status = "closed"
    closed.save(update_fields=["status"])
    expert = make_expert()
    Assignment.objects.create(review=seat, expert=expert)
    # Reached three ways: still one row.
    SignOff.objects.create(review=signed, role=Role.FINANCE)
    Assignment.objects.create(review=signed, expert=expert)
    clerk = member(Role.UNIT, unit_org, username="clerk2")
    ReviewTask.objects.create(
        review=tasked, step="countersign", assignee=clerk, created_by=reviewer
    )
    ReviewTask.objects.create(
        review=signed, step="countersign", assignee=clerk, created_by=reviewer
    )

    def found(actor: User) -> list[int]:
        return sorted(selectors.review_list(actor=actor).values_list("pk", flat=True))

    assert found(reviewer) == sorted(r.pk for r in (seat, signed, tasked, closed, other))
    assert found(expert.user) == sorted([seat.pk, signed.pk])
    assert found(finance_clerk) == [signed.pk]
    assert found(clerk) == sorted([signed.pk, tasked.pk, closed.pk])
    assert found(applicant) == [closed.pk]
    outsider = member(Role.VENDOR, username="vendor2")
    assert found(outsider) == []
