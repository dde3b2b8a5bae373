"""The evaluation services: targets whose weights total 100, the self-evaluation window of
each rulebook at its first and last day, scoring with deviations, roles refused, audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from govit.core.models import AuditEvent
from govit.core.selectors import work_calendar
from govit.evaluation import services
from govit.evaluation.errors import NotPermitted, OutsideWindow
from govit.evaluation.models import Evaluation, PerformanceTarget
from govit.evaluation.tests.helpers import ROWS, full_marks, in_operation, with_targets
from govit.evaluation.windows import self_evaluation_window
from govit.orgs.models import Organisation, User
from govit.projects.models import Project

ONE_DAY = dt.timedelta(days=1)


def test_weights_must_total_100(applicant: User, unit_org: Organisation) -> None:
    project = in_operation(unit_org)
    rows = [dict(r) for r in ROWS]
    rows[0]["weight"] = Decimal("39.99")
    with pytest.raises(ValidationError) as refused:
        services.targets_set(actor=applicant, project=project, rows=rows)
    assert "weight" in refused.value.message_dict
    assert not PerformanceTarget.objects.filter(project=project).exists()
    made = with_targets(applicant, project)
    assert sum(t.weight for t in made) == 100
    assert AuditEvent.objects.filter(action="evaluation.targets_set").count() == 1


def test_a_quantitative_target_needs_its_value(applicant: User, unit_org: Organisation) -> None:
    project = in_operation(unit_org)
    rows = [dict(r) for r in ROWS]
    rows[1]["target_value"] = None
    with pytest.raises(ValidationError) as refused:
        services.targets_set(actor=applicant, project=project, rows=rows)
    assert "target_value_1" in refused.value.message_dict


def test_another_unit_cannot_set_targets(other_applicant: User, unit_org: Organisation) -> None:
    with pytest.raises(NotPermitted):
        services.targets_set(actor=other_applicant, project=in_operation(unit_org), rows=ROWS)


def _submit(actor: User, project: Project, day: dt.date) -> Evaluation:
    targets = list(PerformanceTarget.objects.filter(project=project))
    return services.self_evaluation_submit(
        actor=actor,
        project=project,
        conducted_on=day,
        summary="",
        results=full_marks(targets),
    )


@pytest.mark.parametrize(
    ("rulebook", "opens", "article"),
    [
        ("harbin", dt.date(2025, 7, 15), "第三十条"),  # 6 months after operation (and acceptance)
        ("wuhan", dt.date(2026, 1, 15), "第二十二条"),  # 12 months after operation
        ("gaoping", dt.date(2026, 1, 1), "第二十一条"),  # after the budget year 2025
    ],
)
def test_window_first_and_last_day(
    applicant: User, unit_org: Organisation, rulebook: str, opens: dt.date, article: str
) -> None:
    project = in_operation(unit_org, rulebook)
    with_targets(applicant, project)
    window = self_evaluation_window(project, work_calendar())
    assert window.opens == opens
    assert window.article == article
    assert window.closes is not None
    for day in (opens - ONE_DAY, window.closes + ONE_DAY):
        with pytest.raises(OutsideWindow) as refused:
            _submit(applicant, project, day)
        assert refused.value.problems[0].article == article
    assert _submit(applicant, project, opens).grade == "excellent"
    assert _submit(applicant, project, window.closes).total == Decimal(100)
    project.refresh_from_db()
    assert project.self_evaluated_on == window.closes


def test_window_closing_days(unit_org: Organisation) -> None:
    calendar = work_calendar()
    harbin = self_evaluation_window(in_operation(unit_org, "harbin"), calendar)
    assert harbin.closes == calendar.deadline_after_months(dt.date(2025, 1, 15), 12).date
    wuhan = self_evaluation_window(in_operation(unit_org, "wuhan"), calendar)
    assert wuhan.opens == dt.date(2026, 1, 15)
    assert wuhan.closes == calendar.deadline_after_months(dt.date(2025, 1, 15), 24).date
    gaoping = self_evaluation_window(in_operation(unit_org, "gaoping"), calendar)
    assert gaoping.closes == dt.date(2026, 3, 31)  # a Tuesday


def test_harbin_counts_from_the_later_of_acceptance_and_operation(unit_org: Organisation) -> None:
    project = in_operation(unit_org, "harbin", accepted_on=dt.date(2025, 3, 1))
    assert self_evaluation_window(project, work_calendar()).opens == dt.date(2025, 9, 1)


def test_no_window_without_dates(applicant: User, unit_org: Organisation) -> None:
    project = in_operation(unit_org, "wuhan", operation_started_on=None)
    with_targets(applicant, project)
    with pytest.raises(OutsideWindow) as refused:
        _submit(applicant, project, dt.date(2026, 6, 1))
    assert refused.value.problems[0].article == "第二十二条"


def test_kaihua_self_evaluation_comes_before_the_evaluation(
    applicant: User, finance_clerk: User, unit_org: Organisation
) -> None:
    project = in_operation(unit_org, "kaihua")
    targets = with_targets(applicant, project)
    _submit(applicant, project, dt.date(2025, 6, 1))
    Evaluation.objects.create(
        project=project,
        kind="sampled",
        conducted_on=dt.date(2026, 2, 1),
        recorded_by=finance_clerk,
    )
    window = self_evaluation_window(project, work_calendar())
    assert window.closes == dt.date(2026, 2, 1)  # the same day counts as before
    _submit(applicant, project, dt.date(2026, 2, 1))
    with pytest.raises(OutsideWindow):
        services.self_evaluation_submit(
            actor=applicant,
            project=project,
            conducted_on=dt.date(2026, 2, 2),
            summary="",
            results=full_marks(targets),
        )


def test_scores_deviations_and_the_grade(applicant: User, unit_org: Organisation) -> None:
    project = in_operation(unit_org, "wuhan")
    targets = with_targets(applicant, project)
    results = full_marks(targets)
    results[0]["actual_value"] = Decimal(30)  # 30 of 40: 30 points of 40
    results[2]["score"] = Decimal(24)
    with pytest.raises(ValidationError) as refused:
        services.self_evaluation_submit(
            actor=applicant,
            project=project,
            conducted_on=dt.date(2026, 3, 2),
            summary="",
            results=results,
        )
    assert set(refused.value.message_dict) == {
        f"deviation_reason_{targets[0].pk}",
        f"deviation_reason_{targets[2].pk}",
    }
    results[0]["deviation_reason"] = "部分事项未能接入"
    results[2]["deviation_reason"] = "宣传不足"
    evaluation = services.self_evaluation_submit(
        actor=applicant,
        project=project,
        conducted_on=dt.date(2026, 3, 2),
        summary="",
        results=results,
    )
    assert evaluation.total == Decimal(84)  # 30 + 20 + 24 + 10
    assert evaluation.grade == "good"
    assert evaluation.results.count() == 4
    event = AuditEvent.objects.get(action="evaluation.self_evaluation_submit")
    assert event.after is not None
    assert event.after["grade"] == "good"


@pytest.mark.parametrize("who", ["other_applicant", "reviewer", "finance_clerk"])
def test_only_the_unit_self_evaluates(
    request: pytest.FixtureRequest, applicant: User, unit_org: Organisation, who: str
) -> None:
    project = in_operation(unit_org)
    with_targets(applicant, project)
    with pytest.raises(NotPermitted):
        _submit(request.getfixturevalue(who), project, dt.date(2026, 3, 2))


def test_targets_are_frozen_once_evaluated(applicant: User, unit_org: Organisation) -> None:
    project = in_operation(unit_org)
    with_targets(applicant, project)
    _submit(applicant, project, dt.date(2026, 3, 2))
    with pytest.raises(ValidationError):
        with_targets(applicant, project)


def test_year_end_report_during_construction(applicant: User, unit_org: Organisation) -> None:
    project = in_operation(
        unit_org, state="construction", construction_started_on=dt.date(2025, 5, 1)
    )
    with pytest.raises(OutsideWindow) as refused:
        services.annual_report_record(
            actor=applicant,
            project=project,
            year=2024,
            conducted_on=dt.date(2024, 12, 20),
            summary="进度正常",
        )
    assert refused.value.problems[0].article == "第二十条"
    services.annual_report_record(
        actor=applicant,
        project=project,
        year=2025,
        conducted_on=dt.date(2025, 12, 20),
        summary="进度正常",
    )
    project.refresh_from_db()
    assert project.annual_reports == [2025]


def test_ex_ante_cites_the_rulebook(applicant: User, unit_org: Organisation) -> None:
    project = in_operation(unit_org, "bijie", state="planned")
    evaluation = services.ex_ante_record(
        actor=applicant,
        project=project,
        conducted_on=dt.date(2025, 1, 1),
        evaluator="",
        summary="项目必要、可行",
    )
    assert evaluation.article == "第三十二条"
