"""Milestones, variances, re-baselines (explicit, with reason, history kept) and progress
reports (a year-end one meets Wuhan's 第二十条 obligation)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from govit.core.models import AuditEvent
from govit.delivery import progress
from govit.delivery.errors import NotPermitted
from govit.delivery.models import Milestone, Rebaseline
from govit.delivery.services import evaluate
from govit.delivery.tests.helpers import approved_project

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 9, 1)


def add(actor, project, name, due, cost):
    return progress.milestone_add(
        actor=actor, project=project, name=name, baseline_due=due, planned_cost=Decimal(cost)
    )


def test_variances_per_milestone_and_for_the_project(applicant, unit_org):
    project = approved_project(unit_org)
    design = add(applicant, project, "设计", dt.date(2026, 6, 30), "200000.00")
    build = add(applicant, project, "开发", dt.date(2026, 8, 31), "500000.00")
    add(applicant, project, "上线", dt.date(2026, 12, 31), "300000.00")
    design = progress.milestone_progress(
        actor=applicant,
        milestone=design,
        actual_on=dt.date(2026, 7, 10),
        actual_cost=Decimal("230000.00"),
    )
    assert design.schedule_variance_days(TODAY) == 10
    assert design.cost_variance == Decimal("-30000.00")
    assert build.schedule_variance_days(TODAY) == 1  # open and one day past its baseline
    milestones = list(Milestone.objects.filter(project=project))
    variance = progress.project_variance(milestones, TODAY)
    assert variance.planned_value == Decimal("700000.00")
    assert variance.earned_value == Decimal("200000.00")
    assert variance.actual_cost == Decimal("230000.00")
    assert variance.schedule_variance == Decimal("-500000.00")
    assert variance.cost_variance == Decimal("-30000.00")
    assert variance.late_milestones == 2


def test_a_milestone_due_today_is_not_late(applicant, unit_org):
    milestone = add(applicant, approved_project(unit_org), "设计", TODAY, "1.00")
    assert milestone.schedule_variance_days(TODAY) == 0
    assert milestone.schedule_variance_days(TODAY + dt.timedelta(days=1)) == 1


def test_a_rebaseline_is_recorded_with_its_reason_and_both_baselines(applicant, unit_org):
    project = approved_project(unit_org)
    build = add(applicant, project, "开发", dt.date(2026, 8, 31), "500000.00")
    go_live = add(applicant, project, "上线", dt.date(2026, 12, 31), "300000.00")
    with pytest.raises(ValidationError):
        progress.milestone_rebaseline(
            actor=applicant,
            project=project,
            reason="",
            decided_on=TODAY,
            changes={build.pk: (dt.date(2026, 10, 31), Decimal("550000.00"))},
        )
    with pytest.raises(ValidationError):
        progress.milestone_rebaseline(
            actor=applicant,
            project=project,
            reason="需求增加",
            decided_on=TODAY,
            changes={build.pk: (build.baseline_due, build.planned_cost)},
        )
    record = progress.milestone_rebaseline(
        actor=applicant,
        project=project,
        reason="上级要求增加统一身份认证对接",
        decided_on=TODAY,
        changes={build.pk: (dt.date(2026, 10, 31), Decimal("550000.00"))},
    )
    assert record.number == 1
    (before, after) = record.pairs()[0]
    assert before["baseline_due"] == "2026-08-31"
    assert after["baseline_due"] == "2026-10-31"
    assert after["planned_cost"] == "550000.00"
    build.refresh_from_db()
    assert build.baseline_due == dt.date(2026, 10, 31)
    progress.milestone_rebaseline(
        actor=applicant,
        project=project,
        reason="再次调整",
        decided_on=TODAY,
        changes={go_live.pk: (dt.date(2027, 1, 31), Decimal("300000.00"))},
    )
    assert list(Rebaseline.objects.filter(project=project).values_list("number", flat=True)) == [
        1,
        2,
    ]
    assert AuditEvent.objects.filter(action="delivery.milestone_rebaseline").count() == 2


def test_another_projects_milestone_cannot_be_rebaselined(applicant, unit_org):
    project = approved_project(unit_org)
    other = add(applicant, approved_project(unit_org), "设计", TODAY, "1.00")
    add(applicant, project, "设计", TODAY, "1.00")
    with pytest.raises(ValidationError):
        progress.milestone_rebaseline(
            actor=applicant,
            project=project,
            reason="x",
            decided_on=TODAY,
            changes={other.pk: (TODAY, Decimal("2.00"))},
        )


def test_finance_vendors_and_other_units_cannot_plan_or_report(
    finance_clerk, vendor, other_applicant, unit_org
):
    project = approved_project(unit_org)
    for actor in (finance_clerk, vendor, other_applicant):
        with pytest.raises(NotPermitted):
            add(actor, project, "设计", TODAY, "1.00")


def test_a_year_end_report_meets_wuhans_annual_report_obligation(applicant, unit_org):
    project = approved_project(
        unit_org, rulebook="wuhan", construction_started_on=dt.date(2025, 3, 1)
    )

    def open_years():
        return [
            o.due.year
            for o in evaluate(project).obligations
            if o.kind == "annual_report" and o.status != "met"
        ]

    assert 2025 in open_years()
    progress.progress_report(
        actor=applicant,
        project=project,
        kind="year_end",
        period_end=dt.date(2025, 12, 20),
        percent_complete=40,
        investment_executed=Decimal("400000.00"),
        summary="2025年度绩效评价报告",
    )
    project.refresh_from_db()
    assert project.annual_reports == [2025]
    assert 2025 not in open_years()
    with pytest.raises(ValidationError):
        progress.progress_report(
            actor=applicant,
            project=project,
            kind="periodic",
            period_end=dt.date(2026, 3, 31),
            percent_complete=101,
            investment_executed=Decimal("0"),
            summary="x",
        )


def test_the_progress_page_shows_variances_and_rebaselines(client, applicant, unit_org):
    project = approved_project(unit_org)
    build = add(applicant, project, "开发", dt.date(2026, 8, 31), "500000.00")
    progress.milestone_rebaseline(
        actor=applicant,
        project=project,
        reason="需求增加",
        decided_on=TODAY,
        changes={build.pk: (dt.date(2026, 10, 31), Decimal("550000.00"))},
    )
    client.force_login(applicant)
    page = client.get(reverse("delivery-progress", args=[project.pk])).content.decode()
    assert "需求增加" in page
    assert "2026-08-31" in page
    assert "2026-10-31" in page
    response = client.post(
        reverse("delivery-milestone-new", args=[project.pk]),
        {"name": "验收", "baseline_due": "2027-03-31", "planned_cost": "100000"},
    )
    assert response.status_code == 302
    assert Milestone.objects.filter(project=project, name="验收").exists()


def test_the_progress_page_shows_the_year_end_report_deadlines(client, applicant, unit_org):
    project = approved_project(
        unit_org, rulebook="wuhan", construction_started_on=dt.date(2025, 3, 1)
    )
    client.force_login(applicant)
    page = client.get(reverse("delivery-progress", args=[project.pk])).content.decode()
    assert 'data-testid="annual-report-obligations"' in page
    assert "第二十条" in page
