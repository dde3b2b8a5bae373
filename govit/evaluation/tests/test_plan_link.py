"""The annual plan's ranking reads a unit's evaluation result of the year before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from govit.evaluation.models import Evaluation
from govit.orgs.models import Organisation, User
from govit.planning import ranking_plans
from govit.projects.models import Project

pytestmark = pytest.mark.django_db


def test_the_plan_ranking_reads_the_units_evaluation(
    project: Project, unit_org: Organisation, reviewer: User
) -> None:
    assert ranking_plans.unit_evaluation(unit_org.pk, 2026) is None
    Evaluation.objects.create(
        project=project,
        kind="self",
        conducted_on=dt.date(2026, 5, 6),
        total=Decimal("86.50"),
        recorded_by=reviewer,
    )
    result = ranking_plans.unit_evaluation(unit_org.pk, 2026)
    assert result is not None
    assert result.score == Decimal("86.50")
    assert ranking_plans.unit_evaluation(unit_org.pk, 2025) is None


def test_a_year_out_of_range_is_a_field_error(client, reviewer: User) -> None:
    client.force_login(reviewer)
    response = client.get("/api/v1/evaluation/results/units/1/94710847")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["year"]


@pytest.mark.parametrize("kind", ["units", "vendors"])
def test_an_id_beyond_the_database_range_is_a_field_error(client, reviewer: User, kind) -> None:
    client.force_login(reviewer)
    response = client.get(f"/api/v1/evaluation/results/{kind}/96744627737411772567519232/2057")
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == [f"{kind[:-1]}_id"]


def test_a_number_the_database_cannot_hold_answers_404_not_500(client, reviewer: User) -> None:
    """The net under unbounded parameters: the OverflowError handler of the API."""
    from govit.api import api, number_out_of_range

    assert api._exception_handlers[OverflowError] is number_out_of_range
    response = number_out_of_range(
        client.get("/api/v1/me").wsgi_request, OverflowError("too large")
    )
    assert response.status_code == 404
