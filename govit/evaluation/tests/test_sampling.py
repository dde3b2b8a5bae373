"""Post-evaluation after the self-evaluation, the seeded draw of Kaihua's key projects
(replayable from the audit trail), Bijie's comprehensive assessment, and the results other
apps read."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from govit.core.models import AuditEvent
from govit.evaluation import results, sampling, services
from govit.evaluation.errors import NotPermitted, OutsideWindow
from govit.evaluation.tests.helpers import full_marks, in_operation, with_targets
from govit.orgs.models import Organisation, User
from govit.orgs.tests.factories import OrganisationFactory


def test_post_evaluation_follows_the_self_evaluation(
    applicant: User, finance_clerk: User, unit_org: Organisation
) -> None:
    project = in_operation(unit_org, "harbin")
    targets = with_targets(applicant, project)
    kwargs = {
        "actor": finance_clerk,
        "project": project,
        "conducted_on": dt.date(2025, 10, 1),
        "evaluator": "某咨询公司",
        "summary": "",
        "results": full_marks(targets),
    }
    with pytest.raises(OutsideWindow) as refused:
        sampling.post_evaluation_record(**kwargs)  # type: ignore[arg-type]
    assert refused.value.problems[0].article == "第三十条"
    services.self_evaluation_submit(
        actor=applicant,
        project=project,
        conducted_on=dt.date(2025, 8, 1),
        summary="",
        results=full_marks(targets),
    )
    evaluation = sampling.post_evaluation_record(**kwargs)  # type: ignore[arg-type]
    assert (evaluation.kind, evaluation.grade) == ("post", "excellent")
    with pytest.raises(NotPermitted):
        sampling.post_evaluation_record(**{**kwargs, "actor": applicant})  # type: ignore[arg-type]


def test_the_draw_is_seeded_logged_and_replayable(
    reviewer: User, applicant: User, unit_org: Organisation
) -> None:
    projects = [in_operation(unit_org, "kaihua") for _ in range(6)]
    in_operation(unit_org, "kaihua", operation_started_on=dt.date.today())  # not a year yet
    draw = sampling.sampling_draw(actor=reviewer, rulebook="kaihua", year=2026, size=3, seed="s1")
    assert draw.candidates == [p.pk for p in projects]
    assert len(draw.chosen) == 3
    again = sampling.sampling_draw(actor=reviewer, rulebook="kaihua", year=2026, size=3, seed="s1")
    assert again.chosen == draw.chosen
    event = AuditEvent.objects.filter(action="evaluation.sampling_draw").first()
    assert event is not None
    assert event.after is not None
    assert (
        sampling.sampling_replay(
            event.after["seed"], event.after["candidates"], event.after["size"]
        )
        == event.after["chosen"]
    )
    with pytest.raises(NotPermitted):
        sampling.sampling_draw(actor=applicant, rulebook="kaihua", year=2026, size=1)
    with pytest.raises(ValidationError):
        sampling.sampling_draw(actor=reviewer, rulebook="bijie", year=2026, size=1)


def test_a_drawn_kaihua_project_is_evaluated_a_year_in(
    reviewer: User, applicant: User, unit_org: Organisation
) -> None:
    project = in_operation(unit_org, "kaihua")
    targets = with_targets(applicant, project)
    draw = sampling.sampling_draw(actor=reviewer, rulebook="kaihua", year=2026, size=1, seed="x")
    services.self_evaluation_submit(
        actor=applicant,
        project=project,
        conducted_on=dt.date(2025, 12, 1),
        summary="",
        results=full_marks(targets),
    )
    kwargs = {
        "actor": reviewer,
        "project": project,
        "evaluator": "专家组",
        "summary": "",
        "results": full_marks(targets),
        "draw": draw,
    }
    with pytest.raises(OutsideWindow) as refused:  # the day before a year of operation
        sampling.post_evaluation_record(conducted_on=dt.date(2026, 1, 14), **kwargs)  # type: ignore[arg-type]
    assert refused.value.problems[0].quote == "在项目终验完成正式运行1年后"
    evaluation = sampling.post_evaluation_record(conducted_on=dt.date(2026, 1, 15), **kwargs)  # type: ignore[arg-type]
    assert evaluation.kind == "sampled"
    assert evaluation.draw == draw


def test_comprehensive_assessment_and_the_results_it_feeds(
    reviewer: User, applicant: User, unit_org: Organisation
) -> None:
    project = in_operation(unit_org, "bijie")
    vendor = OrganisationFactory(kind="vendor")
    agency = OrganisationFactory(kind="agency")
    parties = [
        {"subject": "user_unit", "organisation": unit_org, "score": Decimal(85)},
        {"subject": "vendor", "organisation": vendor, "score": Decimal(92)},
        {"subject": "review_agency", "organisation": agency, "score": Decimal(59)},
    ]
    made = sampling.comprehensive_record(
        actor=reviewer,
        project=project,
        conducted_on=dt.date(2025, 6, 1),
        evaluator="第三方",
        summary="",
        parties=parties,
    )
    assert [e.grade for e in made] == ["good", "excellent", "poor"]
    assert made[0].article == "第三十三条"
    assert results.vendor_result(vendor, 2025).average == Decimal(92)
    assert results.vendor_result(vendor, 2024).count == 0
    unit = results.unit_result(unit_org, 2025)
    assert (unit.count, unit.average, unit.grade) == (1, Decimal(85), "good")
    with pytest.raises(NotPermitted):
        sampling.comprehensive_record(
            actor=applicant,
            project=project,
            conducted_on=dt.date(2025, 6, 1),
            evaluator="x",
            summary="",
            parties=parties,
        )
    with pytest.raises(OutsideWindow):
        sampling.comprehensive_record(
            actor=reviewer,
            project=project,
            conducted_on=dt.date(2025, 1, 14),
            evaluator="x",
            summary="",
            parties=parties,
        )


def test_unit_result_averages_the_units_scored_evaluations(
    applicant: User, unit_org: Organisation
) -> None:
    project = in_operation(unit_org, "wuhan")
    targets = with_targets(applicant, project)
    marks = full_marks(targets)
    marks[0]["actual_value"] = Decimal(20)  # 20 of 40
    marks[0]["deviation_reason"] = "延期"
    services.self_evaluation_submit(
        actor=applicant,
        project=project,
        conducted_on=dt.date(2026, 2, 1),
        summary="",
        results=marks,
    )
    result = results.unit_result(unit_org.pk, 2026)
    assert (result.count, result.average, result.grade) == (1, Decimal(80), "good")
