"""Review throughput on the dashboard: opinions per month (a review finished on the last day
of a month counts in that month), median and p90 working days per stage with the clock
stopped during 退回补正, reviews in review and beyond their deadline, each figure's list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govit.orgs.models import Organisation, User
from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory
from govit.reports import selectors, throughput
from govit.reviews.models import Review

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 4, 15)  # a Wednesday


def _review(project: Project, by: User, kind: str, opened: dt.date, **fields: Any) -> Review:
    return Review.objects.create(
        project=project,
        kind=kind,
        rulebook=project.rulebook,
        opened_on=opened,
        review_on=opened,
        created_by=by,
        **fields,
    )


@pytest.fixture
def reviews(reviewer: User, unit_org: Organisation, other_unit_org: Organisation) -> dict[str, Any]:
    ours = ProjectFactory(unit=unit_org, state="review", plan_year=2026)
    theirs = ProjectFactory(unit=other_unit_org, state="review", plan_year=2027)
    march = dt.date(2026, 3, 2)  # a Monday; no holiday in March 2026
    made = {
        # 21 working days from 2 March to 31 March, 5 of them with the unit: 16.
        "last_day": _review(
            ours,
            reviewer,
            "preliminary",
            march,
            status="closed",
            opinion_on=dt.date(2026, 3, 31),
            paused_days=5,
        ),
        # 5 working days (3 to 6 March, 9 March).
        "quick": _review(
            ours, reviewer, "preliminary", march, status="closed", opinion_on=dt.date(2026, 3, 9)
        ),
        "april": _review(
            theirs, reviewer, "joint", march, status="closed", opinion_on=dt.date(2026, 4, 1)
        ),
        "late": _review(ours, reviewer, "third_party", march, due_on=dt.date(2026, 4, 14)),
        "due_today": _review(ours, reviewer, "third_party", march, due_on=TODAY),
        "paused": _review(
            theirs,
            reviewer,
            "preliminary",
            march,
            due_on=dt.date(2026, 4, 1),
            clock_paused_on=dt.date(2026, 3, 20),
        ),
        "decision": _review(
            ours,
            reviewer,
            "decision",
            dt.date(2026, 4, 10),
            status="closed",
            held_on=dt.date(2026, 4, 8),
            opinion_on=dt.date(2026, 4, 8),
        ),
    }
    return {"ours": ours, "theirs": theirs, **made}


def _figures(actor: User, filters: selectors.PortfolioFilter | None = None) -> Any:
    filters = filters or selectors.PortfolioFilter()
    projects = selectors.filtered_projects(actor=actor, filters=filters)
    return throughput.throughput(actor, projects, filters, today=TODAY)


def test_percentiles_by_nearest_rank() -> None:
    assert throughput.percentile([], 0.9) is None
    assert throughput.percentile([5, 16], 0.9) == 16
    assert throughput.percentile(list(range(1, 11)), 0.9) == 9
    assert throughput.median([5, 16]) == 10.5


def test_a_review_finished_on_the_last_day_of_a_month_counts_in_that_month(
    reviewer: User, reviews
) -> None:
    data = _figures(reviewer)
    months = {bar.key: bar.value for bar in data.months}
    assert len(months) == 12
    assert list(months)[-1] == "2026-04"
    assert months["2026-03"] == 2  # 9 and 31 March
    assert months["2026-04"] == 2  # 1 April (joint) and the consultation of 8 April
    assert months["2025-05"] == 0


def test_median_and_p90_per_stage_without_the_stopped_clock(reviewer: User, reviews) -> None:
    stages = {stage.key: stage for stage in _figures(reviewer).stages}
    assert list(stages) == ["preliminary", "joint", "third_party", "decision"]
    preliminary = stages["preliminary"]
    assert (preliminary.done, preliminary.median_days, preliminary.p90_days) == (2, 10.5, 16)
    assert (preliminary.in_review, preliminary.overdue, preliminary.paused) == (1, 0, 1)
    joint = stages["joint"]  # 2 March to 1 April: 22 working days
    assert (joint.done, joint.median_days, joint.p90_days) == (1, 22, 22)
    third = stages["third_party"]
    assert (third.done, third.in_review, third.overdue) == (0, 2, 1)  # due today is in time
    assert third.median_days is None
    decision = stages["decision"]
    assert (decision.done, decision.median_days) == (1, None)  # no submission day to count from


def test_each_figure_opens_its_list(reviewer: User, reviews) -> None:
    client = Client()
    client.force_login(reviewer)
    data = _figures(reviewer)
    stages = {stage.key: stage for stage in data.stages}

    def listed(url: str) -> set[int]:
        response = client.get(url)
        assert response.status_code == 200
        return {review.pk for review in response.context["reviews"]}

    march = next(bar for bar in data.months if bar.key == "2026-03")
    assert listed(march.url) == {reviews["last_day"].pk, reviews["quick"].pk}
    april = next(bar for bar in data.months if bar.key == "2026-04")
    assert listed(april.url) == {reviews["april"].pk, reviews["decision"].pk}
    assert listed(stages["preliminary"].urls["done"]) == {
        reviews["last_day"].pk,
        reviews["quick"].pk,
    }
    assert listed(stages["preliminary"].urls["paused"]) == {reviews["paused"].pk}
    assert listed(stages["third_party"].urls["in_review"]) == {
        reviews["late"].pk,
        reviews["due_today"].pk,
    }
    # The list computes "overdue" with the real today: both third-party reviews are past.
    assert reviews["late"].pk in listed(stages["third_party"].urls["overdue"])


def test_the_dashboard_filters_go_down_to_the_review_list(reviewer: User, reviews) -> None:
    filters = selectors.PortfolioFilter(plan_year=2027)
    data = _figures(reviewer, filters)
    assert sum(bar.value for bar in data.months) == 1
    april = next(bar for bar in data.months if bar.key == "2026-04")
    assert "plan_year=2027" in april.url
    client = Client()
    client.force_login(reviewer)
    assert {r.pk for r in client.get(april.url).context["reviews"]} == {reviews["april"].pk}


def test_a_bad_month_is_reported_on_its_field(reviewer: User, reviews) -> None:
    client = Client()
    client.force_login(reviewer)
    response = client.get(reverse("review-list") + "?month=2026-13")
    assert response.status_code == 200
    assert "month" in response.context["form"].errors
    assert len(response.context["reviews"]) == 7  # the bad filter is not applied


def test_a_unit_counts_only_the_reviews_it_may_read(applicant: User, reviews) -> None:
    stages = {stage.key: stage for stage in _figures(applicant).stages}
    # The unit reads its closed reviews and its preliminary ones, not the open third-party.
    assert stages["preliminary"].done == 2
    assert stages["third_party"].in_review == 0
    assert stages["joint"].done == 0  # another unit's


def test_the_api_serves_the_throughput(reviewer: User, reviews) -> None:
    client = Client()
    client.force_login(reviewer)
    data = client.get("/api/v1/reports/portfolio").json()["review_throughput"]
    assert len(data["opinions_per_month"]) == 12
    preliminary = next(s for s in data["stages"] if s["stage"] == "preliminary")
    assert (preliminary["done"], preliminary["median_working_days"]) == (2, 10.5)
    assert preliminary["urls"]["done"].startswith("/reviews/")


def test_queries_do_not_grow_with_the_reviews(reviewer: User, reviews) -> None:
    client = Client()
    client.force_login(reviewer)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as direct:
            _figures(reviewer)
        with CaptureQueriesContext(connection) as page:
            assert client.get(reverse("dashboard")).status_code == 200
        return len(direct), len(page)

    count()  # warm the caches (the calendar package, the session)
    before = count()
    for n in range(25):
        _review(
            reviews["ours"],
            reviewer,
            ("preliminary", "joint", "third_party")[n % 3],
            dt.date(2026, 1, 5),
            status="closed",
            opinion_on=dt.date(2026, 2, 1 + n),
            paused_days=n % 4,
        )
    assert count() == before
