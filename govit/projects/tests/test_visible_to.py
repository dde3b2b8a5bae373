"""``visible_to``: the rows of the projects a user may read, without a join with the whole
project table for those who read every project."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from govit.orgs.models import Organisation, User
from govit.projects.models import Project, TrackedObligation
from govit.projects.selectors import deadlines, visible_to
from govit.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def _obligation(project: Project) -> TrackedObligation:
    return TrackedObligation.objects.create(
        project=project,
        rule="review_reply",
        kind="review_reply",
        due="2026-12-01",
        status="pending",
        article="第十九条",
        checked_on="2026-11-24",
    )


def test_those_who_read_every_project_get_no_filter(reviewer: User, applicant: User) -> None:
    assert visible_to(reviewer) == Q()
    assert visible_to(applicant) != Q()


def test_the_rows_are_those_of_the_visible_projects(
    reviewer: User,
    applicant: User,
    other_applicant: User,
    unit_org: Organisation,
    other_unit_org: Organisation,
) -> None:
    mine = _obligation(ProjectFactory(unit=unit_org))
    theirs = _obligation(ProjectFactory(unit=other_unit_org))
    assert set(deadlines(actor=reviewer)) == {mine, theirs}
    assert set(deadlines(actor=applicant)) == {mine}
    assert set(deadlines(actor=other_applicant)) == {theirs}
    assert "projects_project" not in str(
        TrackedObligation.objects.filter(visible_to(reviewer)).query
    )


def test_a_signed_out_or_inactive_user_reads_nothing(applicant: User, unit_org) -> None:
    _obligation(ProjectFactory(unit=unit_org))
    applicant.is_active = False
    assert not TrackedObligation.objects.filter(visible_to(applicant)).exists()
    assert not TrackedObligation.objects.filter(visible_to(AnonymousUser())).exists()  # type: ignore[arg-type]
