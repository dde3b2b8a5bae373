"""The annual plan: compile, rank, amounts, submit, approve (versions, lifecycle), supplement."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from govit.core.models import AuditEvent
from govit.planning import library_plans, ranking_plans, selectors_plans, services_plans
from govit.planning.errors_plans import NotPermitted, PlanRefused
from govit.planning.models.plans import LibraryStatus, PlanStatus
from govit.planning.tests.plans_helpers import TODAY, admit, approved_plan, reviewed
from govit.projects.errors import ProjectError
from govit.projects.tests.factories import ProjectFactory
from govit.reviews.models import Review

pytestmark = pytest.mark.django_db


def _review(project, actor, total):
    return Review.objects.create(
        project=project,
        kind="joint",
        rulebook="wuhan",
        opened_on=TODAY,
        review_on=TODAY,
        created_by=actor,
        result={"total": total},
    )


def test_it_ranks_by_review_score_evaluation_and_priority(reviewer, unit_org, other_unit_org):
    low = admit(reviewer, reviewed(unit_org), priority=3)
    high = admit(reviewer, reviewed(other_unit_org), priority=3)
    major = admit(reviewer, reviewed(unit_org), priority=1)
    _review(low.project, reviewer, "70.00")
    _review(high.project, reviewer, "90.00")
    _review(major.project, reviewer, "75.00")
    plan = services_plans.plan_create(actor=reviewer, year=2027)
    services_plans.plan_fill(actor=reviewer, plan=plan)
    lines = {line.project_id: line for line in plan.lines.all()}
    assert lines[major.project_id].score == Decimal("95.00")  # 75 + 20 for a major decision
    assert [line.project_id for line in plan.lines.order_by("rank")] == [
        major.project_id,
        high.project_id,
        low.project_id,
    ]

    def provider(unit_id, year):
        assert year == 2026
        return ranking_plans.EvaluationResult(Decimal(0)) if unit_id == other_unit_org.pk else None

    ranking_plans.register_evaluation_provider(provider)
    try:
        services_plans.plan_rank(actor=reviewer, plan=plan)
    finally:
        ranking_plans.unregister_evaluation_provider(provider)
    high_line = plan.lines.get(project=high.project)
    assert high_line.score == Decimal("63.00")  # 0.7 × 90 + 0.3 × 0
    assert high_line.score_parts["evaluation"] == "0"
    assert plan.lines.get(project=high.project).rank == 3


def test_without_an_evaluation_provider_the_evaluation_is_none():
    assert ranking_plans.unit_evaluation(1, 2026) is None


def test_fill_takes_only_entries_in_reserve_for_the_year(reviewer, finance_clerk, unit_org):
    this_year = admit(reviewer, reviewed(unit_org))
    admit(reviewer, reviewed(unit_org), reserve_year=2028)
    withdrawn = admit(reviewer, reviewed(unit_org))
    library_plans.library_withdraw(actor=reviewer, entry=withdrawn, reason="取消")
    plan = services_plans.plan_create(actor=finance_clerk, year=2027)
    added = services_plans.plan_fill(actor=finance_clerk, plan=plan)
    assert [line.project_id for line in added] == [this_year.project_id]
    assert added[0].amount == this_year.project.investment


def test_a_withdrawn_entry_cannot_be_added(reviewer, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    library_plans.library_withdraw(actor=reviewer, entry=entry, reason="取消")
    plan = services_plans.plan_create(actor=reviewer, year=2027)
    with pytest.raises(PlanRefused):
        services_plans.plan_line_add(actor=reviewer, plan=plan, entry=entry)


def test_one_plan_a_year(reviewer):
    services_plans.plan_create(actor=reviewer, year=2027)
    with pytest.raises(ValidationError):
        services_plans.plan_create(actor=reviewer, year=2027)


def test_approval_freezes_a_version_and_plans_the_projects(reviewer, finance_clerk, unit_org):
    entries = [admit(reviewer, reviewed(unit_org)) for _ in range(2)]
    plan = services_plans.plan_create(actor=finance_clerk, year=2027)
    services_plans.plan_fill(actor=finance_clerk, plan=plan)
    services_plans.plan_submit(actor=finance_clerk, plan=plan)
    with pytest.raises(PlanRefused):
        services_plans.plan_line_add(actor=reviewer, plan=plan, entry=entries[0])
    version = services_plans.plan_approve(
        actor=reviewer,
        plan=plan,
        reference="武政〔2026〕1号",
        approved_on=TODAY,
        acknowledge_warnings=True,
    )
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert version.number == 1
    assert version.total == Decimal("2000000.00")
    assert version.lines.count() == 2
    for entry in entries:
        entry.refresh_from_db()
        entry.project.refresh_from_db()
        assert entry.status == LibraryStatus.PLANNED
        assert entry.project.state == "planned"
        assert entry.project.in_annual_plan
        assert entry.project.history.filter(transition="include_in_plan").exists()
    event = AuditEvent.objects.get(action="planning.plan.approve")
    assert event.after["version"] == 1
    assert len(event.after["planned"]) == 2


def test_a_refused_lifecycle_step_refuses_the_whole_approval(reviewer, unit_org):
    good = admit(reviewer, reviewed(unit_org))
    # Moved on meanwhile: a project already approved cannot be included again, but it is
    # skipped; a rejected one has no way into the plan.
    bad = admit(reviewer, reviewed(unit_org))
    plan = services_plans.plan_create(actor=reviewer, year=2027)
    services_plans.plan_fill(actor=reviewer, plan=plan)
    services_plans.plan_submit(actor=reviewer, plan=plan)
    type(bad.project).objects.filter(pk=bad.project_id).update(state="returned")
    with pytest.raises(ProjectError) as refused:
        services_plans.plan_approve(
            actor=reviewer, plan=plan, reference="x", approved_on=TODAY, acknowledge_warnings=True
        )
    assert bad.project.code in refused.value.detail
    plan.refresh_from_db()
    good.project.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED
    assert not plan.versions.exists()
    assert good.project.state == "expert_review"


def test_the_government_step_roles_bind_the_approver(settings, reviewer, finance_clerk, unit_org):
    # Wuhan's include_in_plan is taken by the government or the competent department: finance
    # may compile but the lifecycle refuses its approval.
    entry = admit(reviewer, reviewed(unit_org))
    plan = services_plans.plan_create(actor=finance_clerk, year=2027)
    services_plans.plan_line_add(actor=finance_clerk, plan=plan, entry=entry)
    services_plans.plan_submit(actor=finance_clerk, plan=plan)
    with pytest.raises(NotPermitted):
        services_plans.plan_approve(
            actor=finance_clerk,
            plan=plan,
            reference="x",
            approved_on=TODAY,
            acknowledge_warnings=True,
        )


def test_approval_needs_a_submitted_plan_a_reference_and_no_future_date(reviewer, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    plan = services_plans.plan_create(actor=reviewer, year=2027)
    with pytest.raises(PlanRefused):
        services_plans.plan_submit(actor=reviewer, plan=plan)  # empty
    services_plans.plan_line_add(actor=reviewer, plan=plan, entry=entry)
    with pytest.raises(PlanRefused):
        services_plans.plan_approve(actor=reviewer, plan=plan, reference="x", approved_on=TODAY)
    services_plans.plan_submit(actor=reviewer, plan=plan)
    with pytest.raises(ValidationError):
        services_plans.plan_approve(actor=reviewer, plan=plan, reference=" ", approved_on=TODAY)
    with pytest.raises(ValidationError):
        services_plans.plan_approve(
            actor=reviewer,
            plan=plan,
            reference="x",
            approved_on=dt.date.today() + dt.timedelta(days=1),
        )


def test_reopen_and_approve_again_makes_a_second_version_to_compare(reviewer, unit_org):
    first, second = (admit(reviewer, reviewed(unit_org)) for _ in range(2))
    version1 = approved_plan(reviewer, [first])
    plan = version1.plan
    services_plans.plan_reopen(actor=reviewer, plan=plan, reason="追加项目，调整金额")
    line = plan.lines.get()
    services_plans.plan_line_update(actor=reviewer, line=line, amount=Decimal("800000.00"))
    services_plans.plan_line_add(actor=reviewer, plan=plan, entry=second)
    services_plans.plan_submit(actor=reviewer, plan=plan)
    version2 = services_plans.plan_approve(
        actor=reviewer,
        plan=plan,
        reference="武政〔2026〕2号",
        approved_on=TODAY,
        acknowledge_warnings=True,
    )
    assert version2.number == 2
    version1.refresh_from_db()
    assert version1.lines.get().amount == Decimal("1000000.00")  # frozen
    comparison = selectors_plans.compare_versions(version1, version2)
    assert [c.code for c in comparison.added] == [second.project.code]
    assert comparison.removed == []
    assert [(c.before, c.after) for c in comparison.changed] == [
        (Decimal("1000000.00"), Decimal("800000.00"))
    ]
    assert comparison.difference == Decimal("800000.00")


def test_reopen_needs_a_reason(reviewer, unit_org):
    plan = approved_plan(reviewer, [admit(reviewer, reviewed(unit_org))]).plan
    with pytest.raises(ValidationError):
        services_plans.plan_reopen(actor=reviewer, plan=plan, reason="")


def test_supplementary_inclusion_is_its_own_step_with_the_article(leader, reviewer, unit_org):
    plan = approved_plan(reviewer, [admit(reviewer, reviewed(unit_org))]).plan
    urgent = reviewed(unit_org, emergency=True)
    version = services_plans.plan_supplement(
        actor=leader,
        plan=plan,
        project=urgent,
        amount=Decimal("300000"),
        reason="防汛应急指挥需要",
        reference="武政〔2026〕9号",
        approved_on=TODAY,
        acknowledge_warnings=True,
    )
    assert version.number == 2
    line = version.lines.get(project=urgent)
    assert line.supplementary
    assert line.article == "第七条"
    assert line.reason == "防汛应急指挥需要"
    urgent.refresh_from_db()
    assert urgent.state == "planned"
    event = AuditEvent.objects.get(action="planning.plan.supplement")
    assert event.after["article"] == "第七条"


def test_supplement_needs_an_approved_plan_and_a_reason(reviewer, unit_org):
    plan = services_plans.plan_create(actor=reviewer, year=2027)
    urgent = reviewed(unit_org)
    with pytest.raises(PlanRefused):
        services_plans.plan_supplement(
            actor=reviewer,
            plan=plan,
            project=urgent,
            amount=Decimal(1),
            reason="x",
            reference="x",
            approved_on=TODAY,
        )
    approved = approved_plan(reviewer, [admit(reviewer, reviewed(unit_org))], year=2028).plan
    with pytest.raises(ValidationError):
        services_plans.plan_supplement(
            actor=reviewer,
            plan=approved,
            project=urgent,
            amount=Decimal(1),
            reason=" ",
            reference="x",
            approved_on=TODAY,
        )


@pytest.mark.parametrize("persona", ["applicant", "other_applicant", "expert", "vendor"])
def test_units_and_assigned_roles_cannot_compile_or_approve(request, persona, reviewer, unit_org):
    actor = request.getfixturevalue(persona)
    with pytest.raises(NotPermitted):
        services_plans.plan_create(actor=actor, year=2027)
    plan = approved_plan(reviewer, [admit(reviewer, reviewed(unit_org))]).plan
    with pytest.raises(NotPermitted):
        services_plans.plan_reopen(actor=actor, plan=plan, reason="x")
    with pytest.raises(NotPermitted):
        services_plans.plan_supplement(
            actor=actor,
            plan=plan,
            project=ProjectFactory(unit=unit_org),
            amount=Decimal(1),
            reason="x",
            reference="x",
            approved_on=TODAY,
        )
    assert not selectors_plans.plans(actor=actor).exists()


def test_a_draft_line_goes_when_its_entry_is_withdrawn(reviewer, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    plan = services_plans.plan_create(actor=reviewer, year=2027)
    services_plans.plan_line_add(actor=reviewer, plan=plan, entry=entry)
    library_plans.library_withdraw(actor=reviewer, entry=entry, reason="取消")
    assert not plan.lines.exists()


def test_an_entry_in_a_submitted_plan_cannot_be_withdrawn(reviewer, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    plan = services_plans.plan_create(actor=reviewer, year=2027)
    services_plans.plan_line_add(actor=reviewer, plan=plan, entry=entry)
    services_plans.plan_submit(actor=reviewer, plan=plan)
    with pytest.raises(PlanRefused):
        library_plans.library_withdraw(actor=reviewer, entry=entry, reason="取消")
