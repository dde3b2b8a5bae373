"""Services of cycles and applications: the window (both ends included), the chapters, the
quota, submission through the lifecycle, withdrawal, and the refused roles and units."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from govit.core.models import AuditEvent
from govit.planning import calls
from govit.planning import services_applications as apps
from govit.planning import services_cycles as cycles
from govit.planning.errors_cycles import (
    ApplicationRefused,
    CycleStepUnavailable,
    NotPermitted,
    TransitionUnavailable,
    WarningsNotAcknowledged,
)
from govit.planning.models.cycles import CallTiming, CycleState
from govit.planning.tests.cycles_helpers import make_application, make_cycle
from govit.projects.errors import TransitionBlocked

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 7, 15)


def test_it_counts_the_opening_and_closing_days_in_the_window():
    cycle = make_cycle()
    cycle.call_opens_on, cycle.call_closes_on = dt.date(2025, 7, 1), dt.date(2025, 7, 31)
    assert cycle.timing(dt.date(2025, 6, 30)) == CallTiming.BEFORE
    assert cycle.timing(dt.date(2025, 7, 1)) == CallTiming.OPEN
    assert cycle.timing(dt.date(2025, 7, 31)) == CallTiming.OPEN
    assert cycle.timing(dt.date(2025, 8, 1)) == CallTiming.LATE


def test_it_takes_the_rulebooks_defaults():
    harbin = calls.cycle_defaults("harbin", 2026, TODAY)
    assert harbin == {
        "call_opens_on": dt.date(2025, 7, 1),
        "call_closes_on": dt.date(2025, 7, 31),
        "compile_by": dt.date(2025, 10, 31),
    }
    kaihua = calls.cycle_defaults("kaihua", 2026, TODAY)
    assert kaihua["call_closes_on"] == dt.date(2025, 9, 30)
    wuhan = calls.cycle_defaults("wuhan", 2026, TODAY)
    assert wuhan["call_opens_on"] == TODAY


def test_the_competent_department_creates_and_steps_a_cycle(reviewer):
    today = timezone.localdate()
    cycle = cycles.cycle_create(
        actor=reviewer,
        plan_year=2027,
        title="2027年度需求征集",
        call_opens_on=today,
        call_closes_on=today,
        compile_by=today,
    )
    assert cycle.state == CycleState.DRAFT
    cycle = cycles.cycle_open(actor=reviewer, cycle=cycle)
    cycle = cycles.cycle_close(actor=reviewer, cycle=cycle)
    cycle = cycles.cycle_compile(actor=reviewer, cycle=cycle)
    assert cycle.state == CycleState.COMPILED
    actions = list(
        AuditEvent.objects.filter(object_id=str(cycle.pk), action__startswith="planning.cycle")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "planning.cycle.create",
        "planning.cycle.open",
        "planning.cycle.close",
        "planning.cycle.compile",
    ]
    with pytest.raises(CycleStepUnavailable):
        cycles.cycle_open(actor=reviewer, cycle=cycle)
    with pytest.raises(NotPermitted):
        cycles.cycle_update(actor=reviewer, cycle=cycle, title="x")


def test_it_refuses_a_window_that_closes_before_it_opens(reviewer):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as info:
        cycles.cycle_create(
            actor=reviewer,
            plan_year=2027,
            title="t",
            call_opens_on=today,
            call_closes_on=today - dt.timedelta(days=1),
            compile_by=today,
        )
    assert "call_closes_on" in info.value.message_dict


def test_it_refuses_a_second_cycle_for_the_year(reviewer):
    make_cycle(plan_year=2027, state=CycleState.DRAFT)
    today = timezone.localdate()
    with pytest.raises(ValidationError) as info:
        cycles.cycle_create(
            actor=reviewer,
            plan_year=2027,
            title="t",
            call_opens_on=today,
            call_closes_on=today,
            compile_by=today,
        )
    assert "plan_year" in info.value.message_dict


@pytest.mark.parametrize("who", ["applicant", "finance_clerk", "expert", "vendor", "leader"])
def test_only_the_competent_department_manages_cycles(who, request):
    user = request.getfixturevalue(who)
    cycle = make_cycle(state=CycleState.DRAFT)
    today = timezone.localdate()
    with pytest.raises(NotPermitted):
        cycles.cycle_create(
            actor=user,
            plan_year=2030,
            title="t",
            call_opens_on=today,
            call_closes_on=today,
            compile_by=today,
        )
    with pytest.raises(NotPermitted):
        cycles.cycle_open(actor=user, cycle=cycle)


def test_a_unit_submits_on_the_closing_day(applicant, unit_org):
    cycle = make_cycle(opens=-5, closes=0)
    application = make_application(cycle, unit=unit_org, user=applicant)
    assessment = apps.application_assess(actor=applicant, application=application)
    assert assessment.blocking == [], assessment.blocking
    done = apps.application_submit(
        actor=applicant, application=application, acknowledge_warnings=True
    )
    done.project.refresh_from_db()
    assert done.project.state == "submitted"
    assert done.late is False
    assert AuditEvent.objects.filter(action="planning.application.submit").count() == 1
    assert AuditEvent.objects.filter(action="project.transition").count() == 1


def test_a_unit_submits_on_the_opening_day(applicant, unit_org):
    cycle = make_cycle(opens=0, closes=3)
    application = make_application(cycle, unit=unit_org, user=applicant)
    apps.application_submit(actor=applicant, application=application, acknowledge_warnings=True)
    application.project.refresh_from_db()
    assert application.project.state == "submitted"


def test_it_refuses_before_the_call_opens(applicant, unit_org):
    cycle = make_cycle(opens=1, closes=3)
    application = make_application(cycle, unit=unit_org, user=applicant)
    with pytest.raises(ApplicationRefused) as info:
        apps.application_submit(actor=applicant, application=application)
    assert info.value.problems[0].field == "cycle"


def test_a_late_application_needs_acknowledging_and_is_marked_late(applicant, unit_org):
    cycle = make_cycle(opens=-10, closes=-1, rulebook="wuhan")
    application = make_application(cycle, unit=unit_org, user=applicant)
    with pytest.raises(WarningsNotAcknowledged) as info:
        apps.application_submit(actor=applicant, application=application)
    assert info.value.problems[0].rule == "planning.late"
    done = apps.application_submit(
        actor=applicant, application=application, acknowledge_warnings=True
    )
    assert done.late is True


def test_a_late_kaihua_application_cites_article_six():
    cycle = make_cycle(opens=-10, closes=-1, rulebook="kaihua")
    checks = calls.window_checks(cycle, emergency=False, today=timezone.localdate())
    assert [(c.severity, c.article) for c in checks] == [("warn", "第六条")]
    assert "原则上不得列入年度信息化项目计划" in checks[0].quote


@pytest.mark.parametrize(
    ("rulebook", "article"), [("harbin", "第十七条"), ("wuhan", "第七条"), ("kaihua", "第六条")]
)
def test_a_late_urgent_project_is_shown_its_own_route(rulebook, article):
    cycle = make_cycle(opens=-10, closes=-1, rulebook=rulebook)
    checks = calls.window_checks(cycle, emergency=True, today=timezone.localdate())
    assert ("info", article) in [(c.severity, c.article) for c in checks]


def test_it_refuses_a_closed_call(applicant, unit_org):
    cycle = make_cycle(state=CycleState.CLOSED)
    application = make_application(cycle, unit=unit_org, user=applicant)
    with pytest.raises(ApplicationRefused):
        apps.application_submit(actor=applicant, application=application)


def test_an_empty_required_chapter_blocks_with_its_article(applicant, unit_org):
    cycle = make_cycle()
    application = make_application(
        cycle, unit=unit_org, user=applicant, chapters={"goals": "x", "crypto": "y"}
    )
    with pytest.raises(ApplicationRefused) as info:
        apps.application_submit(actor=applicant, application=application)
    problems = {p.field: p.article for p in info.value.problems}
    assert problems["chapters.sharing"] == "第十三条"
    assert "chapters.crypto" not in problems


def test_kaihua_lets_an_incomplete_plan_in_with_a_warning(applicant, unit_org):
    cycle = make_cycle(rulebook="kaihua")
    application = make_application(
        cycle, unit=unit_org, user=applicant, form="construction_plan", chapters={}
    )
    checks = calls.chapter_checks(application)
    assert checks
    assert {c.severity for c in checks} == {"warn"}


def test_a_missing_document_blocks_through_the_engine(settings, applicant, unit_org):
    # Kaihua 第六条: the 申报表 goes in with the application (the engine's documents rule).
    settings.GOVIT_RULEBOOK = "kaihua"
    cycle = make_cycle(rulebook="kaihua")
    application = make_application(
        cycle, unit=unit_org, user=applicant, documents=(), form="construction_plan", kind="new"
    )
    assessment = apps.application_assess(actor=applicant, application=application)
    engine = {c.rule: c.article for c in assessment.blocking}
    assert engine["application.form"] == "第六条"
    assert all(c.article for c in assessment.blocking)
    with pytest.raises(TransitionBlocked) as info:
        apps.application_submit(actor=applicant, application=application, acknowledge_warnings=True)
    assert "application.form" in {p.rule for p in info.value.problems}


def test_the_quota_counts_to_the_budget_units_inclusive(settings, unit_org, applicant):
    # Harbin 第十二条: 不超过 the number of budget units (3): the third is in, the fourth warns.
    settings.GOVIT_RULEBOOK = "harbin"
    cycle = make_cycle(rulebook="harbin")
    for _ in range(2):
        make_application(cycle, unit=unit_org, state="submitted", documents=())
    third = make_application(
        cycle, unit=unit_org, user=applicant, documents=("implementation_plan",)
    )
    rules = {c.rule for c in apps.application_assess(actor=applicant, application=third).checks}
    assert "application.quota" not in rules
    third.project.state = "submitted"
    third.project.save(update_fields=["state"])
    fourth = make_application(
        cycle, unit=unit_org, user=applicant, documents=("implementation_plan",)
    )
    warnings = apps.application_assess(actor=applicant, application=fourth).warnings
    quota = [c for c in warnings if c.rule == "application.quota"]
    assert quota
    assert quota[0].article == "第十二条"


def test_a_unit_withdraws_before_the_review_and_not_after(applicant, unit_org, reviewer):
    cycle = make_cycle()
    application = make_application(cycle, unit=unit_org, user=applicant)
    apps.application_submit(actor=applicant, application=application, acknowledge_warnings=True)
    done = apps.application_withdraw(actor=applicant, application=application, reason="重新论证")
    done.project.refresh_from_db()
    assert done.project.state == "draft"
    assert done.withdrawn_at is not None
    apps.application_submit(actor=applicant, application=application, acknowledge_warnings=True)
    application.project.state = "expert_review"
    application.project.save(update_fields=["state"])
    with pytest.raises(TransitionUnavailable):
        apps.application_withdraw(actor=applicant, application=application)


@pytest.mark.parametrize(
    "who", ["other_applicant", "reviewer", "finance_clerk", "expert", "vendor", "leader"]
)
def test_only_the_units_clerk_saves_submits_and_withdraws(who, request, unit_org):
    user = request.getfixturevalue(who)
    cycle = make_cycle()
    application = make_application(cycle, unit=unit_org)
    with pytest.raises(NotPermitted):
        apps.application_save(actor=user, application=application, chapters={})
    with pytest.raises(NotPermitted):
        apps.application_submit(actor=user, application=application)
    with pytest.raises(NotPermitted):
        apps.application_withdraw(actor=user, application=application)


def test_a_unit_starts_an_application_with_a_new_project(applicant, unit_org):
    cycle = make_cycle()
    application = apps.application_create(
        actor=applicant, cycle=cycle, form="feasibility_study", unit=unit_org, name="救助平台"
    )
    assert application.project.plan_year == cycle.plan_year
    assert application.project.unit == unit_org
    assert AuditEvent.objects.filter(action="planning.application.create").exists()


def test_it_refuses_bad_input_with_field_errors(applicant, unit_org, project):
    cycle = make_cycle()
    with pytest.raises(ValidationError) as info:
        apps.application_create(actor=applicant, cycle=cycle, form="nonsense", project=project)
    assert "form" in info.value.message_dict
    application = apps.application_create(
        actor=applicant, cycle=cycle, form="implementation_plan", project=project
    )
    with pytest.raises(ValidationError) as info:
        apps.application_create(
            actor=applicant, cycle=cycle, form="implementation_plan", project=project
        )
    assert "project" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        apps.application_save(actor=applicant, application=application, chapters={"nope": "x"})
    assert "chapters.nope" in info.value.message_dict


def test_another_unit_cannot_apply_with_a_project_not_its_own(other_applicant, project):
    with pytest.raises(NotPermitted):
        apps.application_create(
            actor=other_applicant, cycle=make_cycle(), form="feasibility_study", project=project
        )


def test_a_late_urgent_application_is_told_its_route_on_the_page(settings, applicant, unit_org):
    settings.GOVIT_RULEBOOK = "harbin"
    cycle = make_cycle(opens=-10, closes=-1, rulebook="harbin")
    application = make_application(
        cycle, unit=unit_org, user=applicant, documents=("implementation_plan",), emergency=True
    )
    checks = apps.application_assess(actor=applicant, application=application).checks
    routes = [c for c in checks if c.rule == "planning.emergency_route"]
    assert [(c.severity, c.article) for c in routes] == [("info", "第十七条")]


def test_a_kaihua_om_plan_is_refused_for_a_construction_project(applicant, unit_org):
    cycle = make_cycle(rulebook="kaihua")
    application = make_application(cycle, unit=unit_org, form="om_plan", kind="new")
    assert [(c.severity, c.field) for c in calls.kind_check(application)] == [("block", "form")]
    application.project.kind = "om"
    assert calls.kind_check(application) == []
