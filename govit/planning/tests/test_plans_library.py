"""The project library: admission after review, adjustments with history, who may do what."""

import pytest
from django.core.exceptions import ValidationError

from govit.core.models import AuditEvent
from govit.planning import library_plans, selectors_plans
from govit.planning.errors_plans import NotPermitted, PlanRefused
from govit.planning.models.plans import AdjustmentKind, LibraryEntry, LibraryStatus
from govit.planning.tests.plans_helpers import admit, reviewed
from govit.policy import loader
from govit.projects.errors import ProjectError
from govit.projects.tests.factories import ProjectFactory, add_documents

pytestmark = pytest.mark.django_db


def test_it_admits_a_reviewed_project_with_history_and_audit(reviewer, unit_org):
    project = reviewed(unit_org)
    entry = admit(reviewer, project, priority=1, reason="重点保障")
    assert entry.status == LibraryStatus.RESERVED
    row = entry.adjustments.get()
    assert row.kind == AdjustmentKind.ADMIT
    assert row.actor == reviewer
    assert row.after["priority"] == 1
    assert AuditEvent.objects.filter(action="planning.library.admit", object_id=entry.pk).exists()


def test_it_refuses_a_project_before_review(reviewer, unit_org):
    for state in ("draft", "submitted"):
        project = ProjectFactory(unit=unit_org, state=state)
        with pytest.raises(PlanRefused) as refused:
            admit(reviewer, project)
        assert refused.value.problems[0].article == "第八条"


def test_it_refuses_a_second_admission(reviewer, unit_org):
    project = reviewed(unit_org)
    admit(reviewer, project)
    with pytest.raises(PlanRefused):
        admit(reviewer, project)


@pytest.mark.parametrize("persona", ["applicant", "finance_clerk", "expert", "leader"])
def test_it_refuses_admission_by_others(request, persona, unit_org):
    project = reviewed(unit_org)
    with pytest.raises(NotPermitted):
        admit(request.getfixturevalue(persona), project)


def test_the_rules_can_block_the_bijie_step_and_nothing_is_saved(settings, reviewer, unit_org):
    settings.GOVIT_RULEBOOK = "bijie"
    project = ProjectFactory(unit=unit_org, rulebook="bijie", state="expert_review")
    with pytest.raises(ProjectError):
        admit(reviewer, project, acknowledge_warnings=True)
    assert not LibraryEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="planning.library.admit").exists()


def test_it_takes_the_bijie_step_into_the_library(settings, reviewer, unit_org):
    settings.GOVIT_RULEBOOK = "bijie"
    project = ProjectFactory(unit=unit_org, rulebook="bijie", state="expert_review")
    for document in add_documents(project, "crypto_plan", "demand_plan"):
        document.reviewed = True
        document.save(update_fields=["reviewed"])
    admit(reviewer, project, acknowledge_warnings=True)
    project.refresh_from_db()
    assert project.state == "library"
    assert project.in_library is True
    assert project.history.filter(transition="admit_to_library").exists()


def test_admission_states_follow_each_rulebook():
    states = {rid: library_plans.admission_states(rb) for rid, rb in loader.load_all().items()}
    assert states["wuhan"] == {"expert_review"}
    assert states["harbin"] == {"preliminary_review"}
    assert states["kaihua"] == {"decision"}
    assert {"expert_review", "library"} <= states["bijie"]
    assert states["gaoping"] == {"preliminary_review"}


def test_it_reclassifies_moves_and_withdraws_with_reasons(reviewer, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    library_plans.library_reclassify(
        actor=reviewer, entry=entry, category="data", domain="economy", priority=2, reason="调整"
    )
    library_plans.library_move_year(actor=reviewer, entry=entry, reserve_year=2028, reason="延后")
    library_plans.library_withdraw(actor=reviewer, entry=entry, reason="需求取消")
    entry.refresh_from_db()
    assert (entry.category, entry.reserve_year, entry.status) == ("data", 2028, "withdrawn")
    kinds = list(entry.adjustments.values_list("kind", "reason"))
    assert kinds[1:] == [("reclassify", "调整"), ("move_year", "延后"), ("withdraw", "需求取消")]
    move = entry.adjustments.get(kind="move_year")
    assert (move.before, move.after) == ({"reserve_year": 2027}, {"reserve_year": 2028})
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"planning.library.reclassify", "planning.library.move_year"} <= actions


def test_an_adjustment_needs_a_reason_and_a_change(reviewer, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    with pytest.raises(ValidationError) as missing:
        library_plans.library_move_year(actor=reviewer, entry=entry, reserve_year=2028, reason=" ")
    assert "reason" in missing.value.message_dict
    with pytest.raises(ValidationError):
        library_plans.library_move_year(actor=reviewer, entry=entry, reserve_year=2027, reason="x")
    with pytest.raises(ValidationError):
        library_plans.library_move_year(actor=reviewer, entry=entry, reserve_year=2101, reason="x")


def test_a_withdrawn_entry_can_be_admitted_again(reviewer, unit_org):
    project = reviewed(unit_org)
    entry = admit(reviewer, project)
    library_plans.library_withdraw(actor=reviewer, entry=entry, reason="暂缓")
    again = admit(reviewer, project, reserve_year=2028)
    assert again.pk == entry.pk
    assert again.status == "reserved"
    assert again.reserve_year == 2028


@pytest.mark.parametrize("persona", ["applicant", "finance_clerk", "leader"])
def test_only_the_competent_department_adjusts(request, persona, reviewer, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    with pytest.raises(NotPermitted):
        library_plans.library_withdraw(
            actor=request.getfixturevalue(persona), entry=entry, reason="x"
        )


def test_a_unit_sees_its_own_entries_only(
    reviewer, applicant, other_applicant, expert, unit_org, other_unit_org
):
    own = admit(reviewer, reviewed(unit_org))
    other = admit(reviewer, reviewed(other_unit_org))
    assert list(selectors_plans.library_entries(actor=applicant)) == [own]
    assert list(selectors_plans.library_entries(actor=other_applicant)) == [other]
    assert set(selectors_plans.library_entries(actor=reviewer)) == {own, other}
    assert not selectors_plans.library_entries(actor=expert).exists()
    assert selectors_plans.library_entry(actor=applicant, pk=other.pk) is None
