"""The funding block of the self-evaluation form: the year's appropriations, the payments of
the year (reversals and other years left out), the execution rate and its 10 points."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from govit.delivery.models import Appropriation, Payment
from govit.evaluation import services
from govit.evaluation.funding import funding_block
from govit.evaluation.models import Evaluation
from govit.evaluation.tests.helpers import full_marks, in_operation, with_targets
from govit.orgs.models import Organisation, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def evaluation(applicant: User, unit_org: Organisation) -> Evaluation:
    project = in_operation(unit_org)
    return services.self_evaluation_submit(
        actor=applicant,
        project=project,
        conducted_on=dt.date(2026, 3, 2),
        summary="总体达标",
        results=full_marks(with_targets(applicant, project)),
    )


def _pay(evaluation: Evaluation, amount: int, on: dt.date, reversed_on=None) -> None:
    Payment.objects.create(
        project=evaluation.project,
        kind="progress",
        milestone="进度款",
        amount=Decimal(amount),
        paid_on=on,
        treasury_reference=f"GK-{on:%Y%m%d}-{amount}",
        reversed_on=reversed_on,
    )


def test_the_block_reads_the_years_budget_and_payments(evaluation: Evaluation) -> None:
    year = evaluation.year or evaluation.conducted_on.year
    Appropriation.objects.create(
        project=evaluation.project, year=year, source="fiscal", amount=Decimal(600_000)
    )
    Appropriation.objects.create(
        project=evaluation.project, year=year, source="superior", amount=Decimal(400_000)
    )
    Appropriation.objects.create(
        project=evaluation.project, year=year + 1, source="fiscal", amount=Decimal(9_000_000)
    )
    _pay(evaluation, 500_000, dt.date(year, 1, 1))
    _pay(evaluation, 300_000, dt.date(year, 12, 31))  # the last day counts
    _pay(evaluation, 100_000, dt.date(year + 1, 1, 1))  # the next year does not
    _pay(evaluation, 200_000, dt.date(year, 6, 1), reversed_on=dt.date(year, 6, 5))
    block = funding_block(evaluation)
    assert block.year == year
    assert block.full_year_budget == block.opening_budget == Decimal(1_000_000)
    assert block.executed == Decimal(800_000)
    assert block.rate == Decimal("80.00")
    assert block.score == Decimal("8.00")


@pytest.mark.parametrize(
    ("paid", "rate", "score"),
    [(1_000_000, "100.00", "10.00"), (1_200_000, "120.00", "10.00"), (0, "0.00", "0.00")],
)
def test_the_score_is_capped_at_its_points(evaluation, paid, rate, score) -> None:
    year = evaluation.year or evaluation.conducted_on.year
    Appropriation.objects.create(
        project=evaluation.project, year=year, source="fiscal", amount=Decimal(1_000_000)
    )
    if paid:
        _pay(evaluation, paid, dt.date(year, 5, 1))
    block = funding_block(evaluation)
    assert block.rate == Decimal(rate)
    assert block.score == Decimal(score)


def test_no_budget_no_rate(evaluation: Evaluation, settings) -> None:
    settings.GOVIT_BUDGET_EXECUTION_WEIGHT = 15
    block = funding_block(evaluation)
    assert block.rate is None
    assert block.score is None
    assert block.weight == Decimal(15)


def test_the_page_and_the_form_show_the_block(
    client: Client, applicant: User, evaluation: Evaluation
) -> None:
    year = evaluation.year or evaluation.conducted_on.year
    Appropriation.objects.create(
        project=evaluation.project, year=year, source="fiscal", amount=Decimal(1_000_000)
    )
    _pay(evaluation, 250_000, dt.date(year, 4, 1))
    client.force_login(applicant)
    page = client.get(reverse("evaluation-detail", args=[evaluation.pk])).content.decode()
    assert 'data-testid="funding"' in page
    assert "25.00%" in page
    book = client.get(reverse("evaluation-export", args=[evaluation.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(book.content)).active
    assert sheet is not None
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "25%" in cells
    assert "100" in cells  # the full-year budget: 1,000,000 yuan = 100 万元
    assert "2.5" in cells  # the score of budget execution: 25% of 10 points
