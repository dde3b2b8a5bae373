"""Creating and editing projects; taking steps: permissions, rules, dates, history, audit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from govit.acceptance.tests.helpers import meeting_before_step
from govit.core import audit
from govit.core.models import AuditEvent
from govit.orgs.choices import Role
from govit.orgs.tests.factories import OrganisationFactory, member
from govit.projects import services, signals
from govit.projects.errors import (
    NotPermitted,
    TransitionBlocked,
    TransitionUnavailable,
    WarningsNotAcknowledged,
)
from govit.projects.models import BudgetItem, CodeSequence, Project, StateChange
from govit.projects.services import BudgetLine
from govit.projects.tests.factories import add_documents, ready_project

pytestmark = pytest.mark.django_db


def create(actor, unit, **facts):
    return services.project_create(
        actor=actor,
        unit=unit,
        name="社会救助信息系统",
        facts={"plan_year": 2026, "investment": Decimal("1200000"), **facts},
        budget_items=[BudgetLine("软件开发", "software", Decimal("1200000"))],
    )


def test_it_creates_a_draft_in_the_deployments_rulebook_with_a_code(applicant, unit_org):
    project = create(applicant, unit_org)
    assert project.state == "draft"
    assert project.rulebook == "wuhan"
    assert project.code == "WH-2026-0001"
    assert project.created_by == applicant
    assert [i.name for i in project.budget_items.all()] == ["软件开发"]
    history = list(project.history.all())
    assert [(h.from_state, h.to_state, h.transition) for h in history] == [("", "draft", "create")]
    assert AuditEvent.objects.filter(action="project.create", object_id=str(project.pk)).exists()


def test_it_numbers_codes_per_rulebook_and_year(applicant, unit_org, settings):
    first = create(applicant, unit_org)
    second = create(applicant, unit_org)
    later = create(applicant, unit_org, plan_year=2027)
    settings.GOVIT_RULEBOOK = "kaihua"
    other = create(applicant, unit_org)
    assert [first.code, second.code, later.code, other.code] == [
        "WH-2026-0001",
        "WH-2026-0002",
        "WH-2027-0001",
        "KH-2026-0001",
    ]
    assert other.rulebook == "kaihua"
    assert CodeSequence.objects.get(key="WH-2026").last == 2


def test_a_unit_below_the_users_unit_may_be_chosen(applicant, unit_org):
    child = OrganisationFactory(parent=unit_org)
    assert create(applicant, child).unit == child


@pytest.mark.parametrize("persona", ["reviewer", "finance_clerk", "expert", "other_applicant"])
def test_it_refuses_to_create_for_a_unit_the_user_is_not_in(request, persona, unit_org):
    user = request.getfixturevalue(persona)
    with pytest.raises(NotPermitted):
        create(user, unit_org)
    assert not Project.objects.exists()


def test_it_refuses_bad_facts_and_saves_nothing(applicant, unit_org):
    with pytest.raises(ValidationError) as caught:
        services.project_create(
            actor=applicant,
            unit=unit_org,
            name="坏项目",
            facts={"plan_year": 1990, "features": ["swimming_pool"]},
            budget_items=[BudgetLine("x", "software", Decimal("-1"))],
        )
    assert {"plan_year", "features"} <= set(caught.value.message_dict)
    assert not Project.objects.exists()
    assert not BudgetItem.objects.exists()
    assert not CodeSequence.objects.filter(last__gt=0).exists()


def test_a_bad_budget_line_is_named_by_its_position(applicant, unit_org):
    with pytest.raises(ValidationError) as caught:
        services.project_create(
            actor=applicant,
            unit=unit_org,
            name="项目",
            budget_items=[
                BudgetLine("a", "software", Decimal(1)),
                BudgetLine("b", "no-such", Decimal(1)),
            ],
        )
    assert "budget_items.1.category" in caught.value.message_dict
    assert not Project.objects.exists()


def test_it_refuses_an_unknown_fact(applicant, unit_org):
    with pytest.raises(ValidationError) as caught:
        create(applicant, unit_org, state="approved")
    assert "state" in caught.value.message_dict


def test_the_unit_edits_a_draft_and_the_edit_is_audited(applicant, project):
    services.project_update(
        actor=applicant,
        project=project,
        facts={"investment": Decimal("300000"), "classified": False},
        budget_items=[BudgetLine("硬件", "hardware", Decimal("300000"))],
    )
    project.refresh_from_db()
    assert project.investment == Decimal("300000")
    assert project.classified is False
    assert [(i.name, i.category) for i in project.budget_items.all()] == [("硬件", "hardware")]
    event = AuditEvent.objects.filter(action="project.update").get()
    assert event.after["investment"] == "300000"
    assert event.after["budget_items"] == [["硬件", "hardware", "300000"]]
    assert audit.verify()[1] is None


def test_the_unit_cannot_edit_once_submitted_but_the_competent_department_can(
    applicant, reviewer, project
):
    Project.objects.filter(pk=project.pk).update(state="submitted")
    with pytest.raises(NotPermitted):
        services.project_update(actor=applicant, project=project, facts={"name": "改名"})
    services.project_update(actor=reviewer, project=project, facts={"name": "改名"})
    project.refresh_from_db()
    assert project.name == "改名"


def test_the_unit_edits_again_when_returned(applicant, project):
    Project.objects.filter(pk=project.pk).update(state="returned")
    services.project_update(actor=applicant, project=project, facts={"emergency": True})
    project.refresh_from_db()
    assert project.emergency is True


def test_another_unit_cannot_edit(other_applicant, project):
    with pytest.raises(NotPermitted):
        services.project_update(actor=other_applicant, project=project, facts={"name": "x"})


def test_it_updates_contract_changes_and_systems(reviewer, project):
    services.project_update(
        actor=reviewer,
        project=project,
        contract={"amount": Decimal("900000"), "parties": ["unit", "vendor"]},
        changes=[{"description": "增加模块", "amount": Decimal("50000"), "reason": "other"}],
        systems=[{"name": "救助系统", "in_catalog": True}],
    )
    project.refresh_from_db()
    assert project.contract.amount == Decimal("900000")
    assert project.changes.get().description == "增加模块"
    assert project.systems.get().in_catalog is True


def test_it_names_a_bad_contract_field(reviewer, project):
    with pytest.raises(ValidationError) as caught:
        services.project_update(
            actor=reviewer, project=project, contract={"procurement_method": "lottery"}
        )
    assert "contract.procurement_method" in caught.value.message_dict


# -- transitions --------------------------------------------------------------------------


def test_a_step_is_refused_with_the_blocking_finding_and_its_article(applicant, project):
    Project.objects.filter(pk=project.pk).update(features=["machine_room"])
    with pytest.raises(TransitionBlocked) as caught:
        services.project_transition(actor=applicant, project=project, name="submit")
    problems = caught.value.problems
    assert any(p.article == "第十二条" and "不得新建机房" in p.quote for p in problems)
    project.refresh_from_db()
    assert project.state == "draft"
    assert project.submitted_on is None
    assert not StateChange.objects.exclude(transition="create").exists()


def test_a_step_is_taken_and_writes_state_date_history_and_audit(applicant, project):
    add_documents(project, "crypto_plan")
    change = services.project_transition(
        actor=applicant, project=project, name="submit", note="请审核"
    )
    project.refresh_from_db()
    assert project.state == "submitted"
    assert project.submitted_on == timezone.localdate()
    assert (change.from_state, change.to_state, change.actor, change.note) == (
        "draft",
        "submitted",
        applicant,
        "请审核",
    )
    assert change.label == "申报"
    event = AuditEvent.objects.filter(action="project.transition").get()
    assert event.before == {"state": "draft"}
    assert event.after["state"] == "submitted"


def test_warnings_must_be_acknowledged(applicant, reviewer, unit_org):
    project = ready_project(unit_org, state="draft", paid_before_approval=True)
    with pytest.raises(WarningsNotAcknowledged) as caught:
        services.project_transition(actor=applicant, project=project, name="submit")
    assert caught.value.problems[0].field == "acknowledge_warnings"
    assert caught.value.problems[0].article == "第十四条"
    change = services.project_transition(
        actor=applicant, project=project, name="submit", acknowledge_warnings=True
    )
    assert change.acknowledged[0]["rule"] == "money.no_payment_before_design"


def test_a_step_the_state_does_not_offer_is_unavailable(applicant, project):
    with pytest.raises(TransitionUnavailable):
        services.project_transition(actor=applicant, project=project, name="approve")


def test_a_role_the_step_does_not_name_is_refused_with_the_roles_that_may(reviewer, project):
    add_documents(project, "crypto_plan")
    with pytest.raises(NotPermitted) as caught:
        services.project_transition(actor=reviewer, project=project, name="submit")
    assert "项目建设单位" in caught.value.detail


def test_a_member_of_a_unit_above_the_project_unit_may_take_the_unit_step(unit_org):
    child = OrganisationFactory(parent=unit_org)
    project = ready_project(child)
    head = member(Role.UNIT, unit_org)
    assert services.project_transition(actor=head, project=project, name="submit").to_state == (
        "submitted"
    )


def test_a_co_building_unit_sees_the_project_but_cannot_submit_it(other_applicant, unit_org):
    project = ready_project(unit_org)
    project.co_units.add(other_applicant.organisations[0])
    with pytest.raises(NotPermitted):
        services.project_transition(actor=other_applicant, project=project, name="submit")


def test_another_unit_cannot_act(other_applicant, unit_org):
    project = ready_project(unit_org)
    with pytest.raises(NotPermitted):
        services.project_transition(actor=other_applicant, project=project, name="submit")


def test_a_stale_copy_cannot_move_the_project_twice(applicant, reviewer, unit_org):
    """Two people looked at the same submitted project; the second acts after the first."""
    project = ready_project(unit_org, state="submitted")
    first_view = Project.objects.get(pk=project.pk)
    second_view = Project.objects.get(pk=project.pk)
    services.project_transition(actor=reviewer, project=first_view, name="start_review")
    assert second_view.state == "submitted"  # stale
    with pytest.raises(TransitionUnavailable):
        services.project_transition(actor=reviewer, project=second_view, name="start_review")
    assert Project.objects.get(pk=project.pk).state == "expert_review"
    assert StateChange.objects.exclude(transition="create").count() == 1


def test_the_route_decides_between_approve_file_and_government(reviewer, leader, unit_org):
    small = ready_project(unit_org, state="planned", investment=Decimal("499999.99"))
    with pytest.raises(TransitionBlocked) as caught:
        services.project_transition(actor=reviewer, project=small, name="approve")
    assert caught.value.problems[0].article == "第八条"
    assert services.project_transition(actor=reviewer, project=small, name="file").to_state == (
        "filed"
    )
    large = ready_project(unit_org, state="planned", investment=Decimal("30000000"))
    with pytest.raises(TransitionBlocked):
        services.project_transition(actor=reviewer, project=large, name="approve")
    change = services.project_transition(actor=leader, project=large, name="approve_by_government")
    assert change.to_state == "approved"


@pytest.mark.parametrize(
    ("state", "name", "actor", "facts"),
    [
        ("submitted", "start_review", "reviewer", {"review_submitted_on": "today"}),
        ("returned", "submit", "applicant", {"submitted_on": "today", "resubmitted_on": "today"}),
        ("expert_review", "include_in_plan", "reviewer", {"in_annual_plan": True}),
        ("planned", "approve", "reviewer", {"approved_on": "today"}),
        ("contracted", "start_construction", "applicant", {"construction_started_on": "today"}),
        ("construction", "apply_acceptance", "applicant", {"completed_on": "today"}),
        ("acceptance", "fail_acceptance", "applicant", {"acceptance_passed": False}),
        (
            "acceptance",
            "pass_acceptance",
            "reviewer",
            {"accepted_on": "today", "acceptance_passed": True, "operation_started_on": "today"},
        ),
        ("operation", "evaluate", "applicant", {"self_evaluated_on": "today"}),
        ("rectification", "reapply_acceptance", "applicant", {"rectified_on": "today"}),
    ],
)
def test_each_step_records_its_dates(request, unit_org, state, name, actor, facts):
    project = ready_project(unit_org, state=state)
    if name in ("pass_acceptance", "fail_acceptance"):
        meeting_before_step(project, "passed" if name == "pass_acceptance" else "failed")
    services.project_transition(actor=request.getfixturevalue(actor), project=project, name=name)
    project.refresh_from_db()
    today = timezone.localdate()
    for field, expected in facts.items():
        assert getattr(project, field) == (today if expected == "today" else expected), field


def test_resuming_keeps_the_first_construction_date(reviewer, unit_org):
    started = dt.date(2025, 3, 1)
    project = ready_project(
        unit_org, state="suspended", construction_started_on=started, approved_on=started
    )
    services.project_transition(actor=reviewer, project=project, name="resume")
    project.refresh_from_db()
    assert project.state == "construction"
    assert project.construction_started_on == started


def test_signing_the_contract_dates_it(applicant, unit_org):
    project = ready_project(unit_org, state="procurement")
    services.project_transition(actor=applicant, project=project, name="sign_contract")
    project.refresh_from_db()
    assert project.contract.signed_on == timezone.localdate()


def test_the_side_effects_run_after_commit(applicant, unit_org, django_capture_on_commit_callbacks):
    project = ready_project(unit_org)
    received = []

    def listener(sender, project_id, change_id, **kwargs):
        received.append((project_id, change_id))

    signals.project_transitioned.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            change = services.project_transition(actor=applicant, project=project, name="submit")
        assert received == []
        for callback in callbacks:
            callback()
        assert received == [(project.pk, change.pk)]
    finally:
        signals.project_transitioned.disconnect(listener)


def test_check_steps_reports_what_blocks_each_step_for_the_actor(applicant, reviewer, project):
    Project.objects.filter(pk=project.pk).update(features=["machine_room"])
    project.refresh_from_db()
    checks = services.check_steps(actor=applicant, project=project)
    assert [(c.transition.name, c.permitted, c.open) for c in checks] == [("submit", True, False)]
    assert checks[0].blocking[0].article == "第十二条"
    assert services.check_steps(actor=reviewer, project=project)[0].permitted is False
