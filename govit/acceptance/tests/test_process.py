"""The acceptance process: the checklist feeds the engine, the steps go through the lifecycle,
a failed meeting leads to rectification and re-acceptance, never into operation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from govit.acceptance import meetings, services
from govit.acceptance.errors import AcceptanceRefused, NotPermitted, TransitionBlocked
from govit.acceptance.models import Evidence, Meeting
from govit.acceptance.tests.helpers import (
    PEOPLE,
    documents,
    in_acceptance,
    on_day,
    project_at,
    record,
)
from govit.core.models import AuditEvent
from govit.projects.errors import TransitionUnavailable
from govit.projects.services.lifecycle import project_transition

pytestmark = pytest.mark.django_db


def test_it_blocks_the_application_with_the_article_while_evidence_is_missing(
    applicant, reviewer, unit_org
):
    project = project_at(unit_org, "construction")
    documents(project, "risk_assessment", "crypto_assessment", "audit_report")
    with pytest.raises(TransitionBlocked) as refused:
        services.acceptance_apply(actor=applicant, project=project)
    articles = {p.article for p in refused.value.problems}
    assert "第二十一条" in articles
    assert any("对接" in p.message or "确认" in p.message for p in refused.value.problems)
    project.refresh_from_db()
    assert project.state == "construction"

    evidence = documents(project, "other")[0]
    services.evidence_record(
        actor=applicant, project=project, item="platform_docked", document=evidence, note="已对接"
    )
    services.evidence_record(
        actor=reviewer, project=project, item="acceptance_confirmed", document=None
    )
    project.refresh_from_db()
    assert project.platform_docked is True
    assert project.acceptance_confirmed is True
    services.acceptance_apply(actor=applicant, project=project, acknowledge_warnings=True)
    project.refresh_from_db()
    assert project.state == "acceptance"
    assert AuditEvent.objects.filter(action="acceptance.evidence_record").count() == 2
    assert AuditEvent.objects.filter(action="acceptance.apply").count() == 1


def test_it_refuses_evidence_without_its_document_and_a_foreign_document(
    applicant, unit_org, other_unit_org
):
    project = project_at(unit_org, "construction")
    foreign = documents(project_at(other_unit_org, "construction"), "other")[0]
    with pytest.raises(ValidationError) as error:
        services.evidence_record(
            actor=applicant, project=project, item="platform_docked", document=None
        )
    assert "document" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.evidence_record(
            actor=applicant, project=project, item="platform_docked", document=foreign
        )
    assert not Evidence.objects.exists()


def test_the_unit_cannot_confirm_what_the_competent_department_confirms(
    applicant, reviewer, unit_org
):
    project = project_at(unit_org, "construction")
    document = documents(project, "other")[0]
    with pytest.raises(NotPermitted):
        services.evidence_record(
            actor=applicant, project=project, item="acceptance_confirmed", document=document
        )
    with pytest.raises(NotPermitted):
        services.evidence_record(
            actor=reviewer, project=project, item="platform_docked", document=document
        )


def test_it_withdraws_evidence_and_the_fact_is_unknown_again(applicant, unit_org):
    project = project_at(unit_org, "construction")
    document = documents(project, "other")[0]
    services.evidence_record(
        actor=applicant, project=project, item="platform_docked", document=document
    )
    services.evidence_withdraw(actor=applicant, project=project, item="platform_docked")
    project.refresh_from_db()
    assert project.platform_docked is None
    assert not Evidence.objects.exists()


def test_a_failed_meeting_opens_rectification_and_the_project_cannot_go_into_operation(
    applicant, reviewer, unit_org, monkeypatch
):
    on_day(monkeypatch, dt.date(2026, 6, 12))
    project = in_acceptance(unit_org)
    meeting = record(reviewer, project, "failed", rectification_days=10)
    assert meeting.rectification_due_on == dt.date(2026, 6, 25)  # 端午 (19 June) is skipped
    meetings.acceptance_conclude(actor=reviewer, project=project)
    project.refresh_from_db()
    assert project.state == "rectification"
    assert project.acceptance_passed is False
    assert project.rectification_due_on == dt.date(2026, 6, 25)
    with pytest.raises(TransitionUnavailable):
        project_transition(actor=reviewer, project=project, name="pass_acceptance")
    with pytest.raises(AcceptanceRefused):
        meetings.acceptance_conclude(actor=reviewer, project=project)
    with pytest.raises(AcceptanceRefused):
        meetings.filing_record(actor=reviewer, project=project, filed_on=dt.date(2026, 6, 12))
    with pytest.raises(AcceptanceRefused):
        meetings.asset_book(
            actor=applicant,
            project=project,
            asset_number="A-1",
            description="服务器",
            value=1,
            booked_on=dt.date(2026, 6, 12),
        )

    # Re-acceptance: the unit applies again; the old failed meeting is not this application's.
    on_day(monkeypatch, dt.date(2026, 6, 20))
    services.acceptance_apply(actor=applicant, project=project, acknowledge_warnings=True)
    project.refresh_from_db()
    assert project.state == "acceptance"
    assert project.rectified_on == dt.date(2026, 6, 20)
    with pytest.raises(AcceptanceRefused):
        meetings.acceptance_conclude(actor=reviewer, project=project)
    second = record(reviewer, project, "passed", held_on=dt.date(2026, 6, 20))
    assert second.round == 2
    # 第二十七条: safe and reliable products are checked before the project goes into use.
    with pytest.raises(TransitionBlocked) as blocked:
        meetings.acceptance_conclude(actor=reviewer, project=project)
    assert [p.article for p in blocked.value.problems] == ["第二十七条"]
    services.evidence_record(
        actor=applicant,
        project=project,
        item="safe_reliable_products",
        document=documents(project, "safe_reliable_statement")[0],
    )
    meetings.acceptance_conclude(actor=reviewer, project=project, acknowledge_warnings=True)
    project.refresh_from_db()
    assert project.state == "operation"
    assert project.acceptance_passed is True


def test_a_meeting_needs_participants_a_report_when_passed_and_days_when_failed(
    reviewer, unit_org, monkeypatch
):
    on_day(monkeypatch, dt.date(2026, 6, 12))
    project = in_acceptance(unit_org)
    with pytest.raises(ValidationError) as error:
        record(reviewer, project, "passed", report=None)
    assert "report" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record(reviewer, project, "failed", rectification_days=0)
    assert "rectification_days" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        record(reviewer, project, "failed", participants=[])
    assert "participants" in error.value.message_dict
    with pytest.raises(ValidationError):
        record(reviewer, project, "passed", held_on=dt.date(2026, 5, 1))  # before applying
    assert not Meeting.objects.exists()  # nothing half-saved


def test_only_the_competent_department_records_the_meeting(
    applicant, finance_clerk, other_applicant, expert, vendor, leader, unit_org, monkeypatch
):
    on_day(monkeypatch, dt.date(2026, 6, 12))
    project = in_acceptance(unit_org)
    for actor in (applicant, finance_clerk, other_applicant, expert, vendor, leader):
        with pytest.raises(NotPermitted):
            record(actor, project)


def test_a_meeting_is_recorded_only_while_the_project_applies(reviewer, unit_org, monkeypatch):
    on_day(monkeypatch, dt.date(2026, 6, 12))
    project = project_at(unit_org, "construction")
    with pytest.raises(AcceptanceRefused):
        meetings.meeting_record(
            actor=reviewer,
            project=project,
            held_on=dt.date(2026, 6, 10),
            result="failed",
            participants=PEOPLE,
            rectification_days=5,
        )


def test_the_step_after_the_meeting_is_taken_by_the_role_the_rulebook_names(
    applicant, reviewer, unit_org, monkeypatch
):
    from django.utils import timezone

    from govit.projects.models import StateChange

    on_day(monkeypatch, dt.date(2026, 6, 12))
    # Gaoping 第二十条: the unit (项目实施单位) carries out the acceptance; the competent
    # department records the meeting but the rulebook gives the step to the unit.
    project = project_at(unit_org, "acceptance", rulebook="gaoping")
    StateChange.objects.create(
        project=project,
        from_state="construction",
        to_state="acceptance",
        transition="apply_acceptance",
        at=timezone.now(),
    )
    record(reviewer, project, "failed", rectification_days=20)
    with pytest.raises(NotPermitted):
        meetings.acceptance_conclude(actor=reviewer, project=project)
    meetings.acceptance_conclude(actor=applicant, project=project)
    project.refresh_from_db()
    assert project.state == "rectification"
    assert project.rectification_due_on == dt.date(2026, 7, 9)  # 20 working days, 端午 skipped
