"""Deadlines and reminders: `govit tick` stores each open project's obligations, reminds the
unit before a due date, warns the unit and the competent department once it has passed, and
does nothing more on a second run the same day."""

from __future__ import annotations

import datetime as dt
import gc
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from govit.core.selectors import work_calendar
from govit.orgs.models import User
from govit.projects import deadlines
from govit.projects.choices import CLOSED_STATES
from govit.projects.models import Notice, ObligationCheck, Project, TrackedObligation
from govit.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SUBMITTED = dt.date(2026, 9, 1)  # Harbin 第十九条: the reply within 15 working days


def due_date() -> dt.date:
    return work_calendar().add_working_days(SUBMITTED, 15).date


@pytest.fixture
def under_review(applicant: User, unit_org) -> Project:
    return ProjectFactory(
        unit=unit_org,
        rulebook="harbin",
        state="expert_review",
        name="城市运行管理平台",
        plan_year=2027,
        submitted_on=dt.date(2026, 7, 20),
        review_submitted_on=SUBMITTED,
    )


def test_refresh_stores_the_rulebooks_deadline_with_its_article(under_review: Project) -> None:
    report = deadlines.deadlines_refresh(today=SUBMITTED)
    row = TrackedObligation.objects.get(project=under_review, kind="review_reply")
    assert (row.due, row.status, row.article) == (due_date(), "pending", "第十九条")
    assert report.created >= 1
    # Sunday 20 September 2026 is a make-up working day before National Day, so the 15th
    # working day after Tuesday 1 September is Monday the 21st, not Tuesday the 22nd.
    assert row.due == dt.date(2026, 9, 21)


def test_refresh_is_idempotent(under_review: Project) -> None:
    deadlines.deadlines_refresh(today=SUBMITTED)
    again = deadlines.deadlines_refresh(today=SUBMITTED)
    assert (again.created, again.updated) == (0, 0)
    assert TrackedObligation.objects.filter(project=under_review).count() >= 1


def test_a_fact_that_changes_updates_the_row(under_review: Project) -> None:
    deadlines.deadlines_refresh(today=SUBMITTED)
    Project.objects.filter(pk=under_review.pk).update(review_replied_on=dt.date(2026, 9, 10))
    report = deadlines.deadlines_refresh(today=dt.date(2026, 9, 10))
    row = TrackedObligation.objects.get(project=under_review, kind="review_reply")
    assert (row.status, row.done_on) == ("met", dt.date(2026, 9, 10))
    assert report.updated >= 1


def test_an_obligation_the_rules_no_longer_give_is_retired(under_review: Project) -> None:
    deadlines.deadlines_refresh(today=SUBMITTED)
    # A row of a rule that no longer names this duty (say, a rule changed by a deployment),
    # and an already retired one, which stays as it is.
    gone = TrackedObligation.objects.create(
        project=under_review,
        rule="retired_rule",
        kind="old_duty",
        due=SUBMITTED,
        status="pending",
        article="第一条",
        checked_on=SUBMITTED,
    )
    earlier = TrackedObligation.objects.create(
        project=under_review,
        rule="retired_rule",
        kind="older_duty",
        due=SUBMITTED,
        status="pending",
        article="第一条",
        checked_on=SUBMITTED,
        active=False,
    )
    later = SUBMITTED + dt.timedelta(days=1)
    report = deadlines.deadlines_refresh(today=later, full=True)
    gone.refresh_from_db()
    earlier.refresh_from_db()
    assert (gone.active, gone.checked_on, gone.due, gone.article) == (
        False,
        later,
        SUBMITTED,
        "第一条",
    )
    assert (earlier.active, earlier.checked_on) == (False, SUBMITTED)
    assert report.retired == 1
    assert TrackedObligation.objects.get(project=under_review, kind="review_reply").active


def test_a_closed_project_owes_nothing(under_review: Project) -> None:
    deadlines.deadlines_refresh(today=SUBMITTED)
    Project.objects.filter(pk=under_review.pk).update(state="terminated")
    deadlines.deadlines_refresh(today=SUBMITTED)
    assert not TrackedObligation.objects.filter(project=under_review, active=True).exists()


def test_reminder_on_the_last_day_of_the_horizon_not_the_day_before(
    settings, under_review: Project, applicant: User
) -> None:
    settings.GOVIT_REMINDER_WORKING_DAYS = 5
    calendar = work_calendar()
    deadlines.deadlines_refresh(today=SUBMITTED)
    # The due date is exactly 5 working days ahead on this day: reminded.
    first_day = next(
        day
        for offset in range(40)
        if calendar.add_working_days(day := SUBMITTED + dt.timedelta(days=offset), 5).date
        >= due_date()
    )
    before = first_day - dt.timedelta(days=1)
    assert calendar.add_working_days(before, 5).date < due_date()
    assert deadlines.notices_send(today=before).reminders == 0
    sent = deadlines.notices_send(today=first_day)
    assert sent.reminders == 1
    notice = Notice.objects.get()
    assert (notice.recipient, notice.kind, notice.due) == (applicant, "reminder", due_date())


def test_reminders_and_overdue_notices_go_once_to_the_right_people(
    under_review: Project, applicant: User, other_applicant: User, reviewer: User
) -> None:
    applicant.email = "applicant@example.org"
    applicant.save()
    deadlines.deadlines_refresh(today=dt.date(2026, 9, 18))
    first = deadlines.notices_send(today=dt.date(2026, 9, 18))
    assert (first.reminders, first.overdue, first.emails) == (1, 0, 1)
    assert len(mail.outbox) == 1
    assert "第十九条" in mail.outbox[0].body
    again = deadlines.notices_send(today=dt.date(2026, 9, 18))
    assert (again.reminders, again.overdue, again.emails) == (0, 0, 0)
    # The day after the due date: overdue, to the unit and the competent department.
    deadlines.deadlines_refresh(today=dt.date(2026, 9, 23))
    late = deadlines.notices_send(today=dt.date(2026, 9, 23))
    assert late.overdue == 2
    recipients = set(Notice.objects.filter(kind="overdue").values_list("recipient", flat=True))
    assert recipients == {applicant.pk, reviewer.pk}
    assert not Notice.objects.filter(recipient=other_applicant).exists()
    assert deadlines.notices_send(today=dt.date(2026, 9, 24)).overdue == 0


def test_on_the_due_date_it_is_not_yet_overdue(under_review: Project, reviewer: User) -> None:
    deadlines.deadlines_refresh(today=due_date())
    assert deadlines.notices_send(today=due_date()).overdue == 0
    day_after = due_date() + dt.timedelta(days=1)
    deadlines.deadlines_refresh(today=day_after)
    assert deadlines.notices_send(today=day_after).overdue >= 1


def test_a_done_duty_is_not_chased(under_review: Project) -> None:
    Project.objects.filter(pk=under_review.pk).update(review_replied_on=dt.date(2026, 9, 30))
    deadlines.deadlines_refresh(today=dt.date(2026, 10, 9))
    row = TrackedObligation.objects.get(project=under_review, kind="review_reply")
    assert row.status == "overdue"
    assert row.done_on is not None
    assert deadlines.notices_send(today=dt.date(2026, 10, 9)).overdue == 0


def test_the_tick_job_is_registered_and_reports() -> None:
    from govit.core import ticks

    assert "projects.deadlines" in {job.name for job in ticks.jobs()}
    assert deadlines.tick().startswith("deadlines:")


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_deadlines_page_is_scoped_to_the_users_projects(
    under_review: Project, applicant: User, other_applicant: User, reviewer: User
) -> None:
    deadlines.deadlines_refresh(today=dt.date(2026, 9, 23))
    deadlines.notices_send(today=dt.date(2026, 9, 23))
    page = _signed_in(applicant).get(reverse("deadline-list"))
    assert page.status_code == 200
    assert "城市运行管理平台" in page.content.decode()
    assert "第十九条" in page.content.decode()
    other = _signed_in(other_applicant).get(reverse("deadline-list"))
    assert "城市运行管理平台" not in other.content.decode()
    overdue = _signed_in(reviewer).get(reverse("deadline-list") + "?status=overdue")
    assert "城市运行管理平台" in overdue.content.decode()


def test_the_deadlines_page_query_count_does_not_grow_with_rows(
    django_assert_max_num_queries, applicant: User, unit_org
) -> None:
    for _n in range(12):
        ProjectFactory(
            unit=unit_org,
            rulebook="harbin",
            state="expert_review",
            plan_year=2027,
            submitted_on=dt.date(2026, 7, 20),
            review_submitted_on=SUBMITTED,
        )
    deadlines.deadlines_refresh(today=dt.date(2026, 9, 23))
    client = _signed_in(applicant)
    with django_assert_max_num_queries(15):
        assert client.get(reverse("deadline-list")).status_code == 200


def test_a_notice_is_marked_read_only_by_its_recipient(
    under_review: Project, applicant: User, other_applicant: User
) -> None:
    deadlines.deadlines_refresh(today=dt.date(2026, 9, 23))
    deadlines.notices_send(today=dt.date(2026, 9, 23))
    notice = Notice.objects.get(recipient=applicant)
    url = reverse("notice-read", args=[notice.pk])
    assert _signed_in(other_applicant).post(url).status_code == 404
    assert _signed_in(applicant).get(url).status_code == 405
    assert _signed_in(applicant).post(url).status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_api_lists_deadlines_and_notices(
    under_review: Project, applicant: User, other_applicant: User
) -> None:
    deadlines.deadlines_refresh(today=dt.date(2026, 9, 23))
    deadlines.notices_send(today=dt.date(2026, 9, 23))
    client = _signed_in(applicant)
    rows = client.get("/api/v1/deadlines?status=overdue").json()
    assert [(r["kind"], r["article"]) for r in rows] == [("review_reply", "第十九条")]
    assert _signed_in(other_applicant).get("/api/v1/deadlines").json() == []
    assert client.get("/api/v1/deadlines?status=bogus").status_code == 422
    assert client.get("/api/v1/deadlines?limit=0").status_code == 422
    notices = client.get("/api/v1/notices?unread=true").json()
    assert len(notices) == 1
    other = _signed_in(other_applicant)
    assert other.post(f"/api/v1/notices/{notices[0]['id']}/read").status_code == 404
    read = client.post(f"/api/v1/notices/{notices[0]['id']}/read")
    assert read.status_code == 200
    assert read.json()["read_at"]
    assert client.get("/api/v1/notices?unread=true").json() == []


def test_the_home_page_shows_overdue_deadlines(under_review: Project, applicant: User) -> None:
    deadlines.deadlines_refresh(today=dt.date(2026, 9, 23))
    TrackedObligation.objects.update(status="overdue")
    page = _signed_in(applicant).get("/")
    assert "?status=overdue" in page.content.decode()


def _stored() -> list[tuple[object, ...]]:
    return list(
        TrackedObligation.objects.order_by("project_id", "rule", "kind").values_list(
            "project_id", "rule", "kind", "due", "status", "article", "active"
        )
    )


def test_workers_fall_back_to_one_process_where_they_cannot_fork(under_review: Project) -> None:
    """SQLite, or a run inside a transaction: the batches run here, with the same result."""
    report = deadlines.deadlines_refresh(today=SUBMITTED, batch=1, workers=2)
    assert report.projects == Project.objects.exclude(state__in=CLOSED_STATES).count()
    assert TrackedObligation.objects.filter(project=under_review, kind="review_reply").exists()


@pytest.mark.django_db(transaction=True)
def test_workers_store_what_one_process_stores(under_review: Project, unit_org) -> None:
    """Forked processes on PostgreSQL (the data committed, so that they see it)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the deadlines job forks only on PostgreSQL")
    for _ in range(3):
        ProjectFactory(
            unit=unit_org, rulebook="harbin", state="expert_review", review_submitted_on=SUBMITTED
        )
    forked = deadlines.deadlines_refresh(today=SUBMITTED, batch=1, workers=2)
    stored = _stored()
    assert ObligationCheck.objects.count() == 4
    TrackedObligation.objects.all().delete()
    alone = deadlines.deadlines_refresh(today=SUBMITTED, batch=1, full=True)
    assert stored == _stored() != []
    assert (forked.projects, forked.created) == (alone.projects, alone.created) == (4, len(stored))


def test_garbage_collection_is_paused_during_a_batch_and_resumes_after(
    under_review: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    during: list[bool] = []
    refresh_chunk = deadlines._refresh_chunk

    def spy(*args: Any, **kwargs: Any) -> None:
        during.append(gc.isenabled())
        refresh_chunk(*args, **kwargs)

    monkeypatch.setattr(deadlines, "_refresh_chunk", spy)
    deadlines.deadlines_refresh()
    assert during == [False]
    assert gc.isenabled()


def test_garbage_collection_turned_off_by_the_caller_stays_off(under_review: Project) -> None:
    gc.disable()
    try:
        deadlines.deadlines_refresh()
        assert not gc.isenabled()
    finally:
        gc.enable()
