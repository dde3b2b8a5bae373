"""The boundaries: the trial run's last day, working-day deadlines across holidays, the
provisional mark, the 100万元 third-party test threshold (含本数)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from govit.acceptance import checklist, meetings, selectors, services
from govit.acceptance.errors import TransitionBlocked
from govit.acceptance.tests.helpers import documents, on_day, project_at
from govit.core.models import CalendarYear
from govit.projects.models import Contract

pytestmark = pytest.mark.django_db


def kaihua_in_trial_run(unit, started):
    project = project_at(
        unit,
        "trial_run",
        rulebook="kaihua",
        completed_on=started,
        initial_acceptance_on=started,
        trial_run_started_on=started,
        platform_docked=True,
        data_collected=True,
    )
    documents(project, "data_dictionary")
    return project


@pytest.mark.parametrize(
    ("started", "last_blocked", "first_open"),
    [
        (dt.date(2026, 1, 15), dt.date(2026, 4, 14), dt.date(2026, 4, 15)),
        # Three months end on 1 May (劳动节): the period runs to the next working day.
        (dt.date(2026, 2, 1), dt.date(2026, 5, 5), dt.date(2026, 5, 6)),
    ],
)
def test_the_kaihua_trial_run_lasts_three_months_to_its_last_day(
    applicant, unit_org, monkeypatch, started, last_blocked, first_open
):
    project = kaihua_in_trial_run(unit_org, started)
    on_day(monkeypatch, last_blocked)
    dossier = selectors.dossier_of(project)
    assert dossier.trial_run is not None
    assert dossier.trial_run.due == first_open
    assert dossier.trial_run.article == "第十三条"
    with pytest.raises(TransitionBlocked) as blocked:
        services.acceptance_apply(actor=applicant, project=project, acknowledge_warnings=True)
    assert [p.article for p in blocked.value.problems] == ["第十三条"]
    on_day(monkeypatch, first_open)
    services.acceptance_apply(actor=applicant, project=project, acknowledge_warnings=True)
    project.refresh_from_db()
    assert project.state == "acceptance"


def test_kaihua_needs_the_data_zone_before_the_application(applicant, unit_org, monkeypatch):
    project = kaihua_in_trial_run(unit_org, dt.date(2026, 1, 15))
    project.data_collected = None
    project.save(update_fields=["data_collected"])
    on_day(monkeypatch, dt.date(2026, 5, 4))
    with pytest.raises(TransitionBlocked) as blocked:
        services.acceptance_apply(actor=applicant, project=project, acknowledge_warnings=True)
    assert {p.article for p in blocked.value.problems} == {"第十三条"}
    assert (
        "归集" in blocked.value.problems[0].message or "数据" in blocked.value.problems[0].message
    )


def test_kaihua_blocks_the_initial_acceptance_without_the_data_dictionary(
    applicant, unit_org, monkeypatch
):
    on_day(monkeypatch, dt.date(2026, 1, 15))
    project = project_at(unit_org, "construction", rulebook="kaihua")
    with pytest.raises(TransitionBlocked) as blocked:
        services.initial_acceptance_record(
            actor=applicant,
            project=project,
            held_on=dt.date(2026, 1, 15),
            participants=[services.ParticipantLine(kind="person", name="王工")],
            acknowledge_warnings=True,
        )
    assert "第十三条" in {p.article for p in blocked.value.problems}
    documents(project, "data_dictionary")
    meeting = services.initial_acceptance_record(
        actor=applicant,
        project=project,
        held_on=dt.date(2026, 1, 15),
        participants=[services.ParticipantLine(kind="person", name="王工")],
        acknowledge_warnings=True,
    )
    services.trial_run_start(actor=applicant, project=project, acknowledge_warnings=True)
    project.refresh_from_db()
    assert meeting.kind == "initial"
    assert project.state == "trial_run"
    assert project.trial_run_started_on == dt.date(2026, 1, 15)


def harbin_project(unit, amount):
    project = project_at(unit, "acceptance", rulebook="harbin")
    Contract.objects.create(project=project, amount=amount)
    return project


@pytest.mark.parametrize(
    ("amount", "required"),
    [(Decimal("1000000.00"), True), (Decimal("999999.99"), False)],
)
def test_the_harbin_test_report_is_required_from_100_wan_included(unit_org, amount, required):
    project = harbin_project(unit_org, amount)
    statuses = {s.item.key: s for s in selectors.dossier_of(project).items}
    assert statuses["test_report"].applies is required
    assert statuses["test_report"].item.spec.article == "第二十七条"


def test_harbin_blocks_operation_without_the_third_party_report_at_100_wan(
    applicant, reviewer, unit_org, monkeypatch
):
    from govit.acceptance.tests.helpers import PEOPLE
    from govit.projects.models import StateChange

    on_day(monkeypatch, dt.date(2026, 6, 12))
    project = harbin_project(unit_org, Decimal("1000000.00"))
    project.safe_reliable_products = True
    project.save(update_fields=["safe_reliable_products"])
    documents(project, "risk_assessment")
    StateChange.objects.create(
        project=project,
        from_state="construction",
        to_state="acceptance",
        transition="apply_acceptance",
        at=timezone.now(),
    )
    meetings.meeting_record(
        actor=reviewer,
        project=project,
        held_on=dt.date(2026, 6, 12),
        result="passed",
        participants=PEOPLE,
        report=documents(project, "acceptance_report")[0],
    )
    with pytest.raises(TransitionBlocked) as blocked:
        meetings.acceptance_conclude(actor=applicant, project=project, acknowledge_warnings=True)
    assert "第二十七条" in {p.article for p in blocked.value.problems}
    documents(project, "test_report")
    meetings.acceptance_conclude(actor=applicant, project=project, acknowledge_warnings=True)
    project.refresh_from_db()
    assert project.state == "operation"


def gaoping_accepted(unit, accepted_on):
    return project_at(
        unit,
        "operation",
        rulebook="gaoping",
        accepted_on=accepted_on,
        acceptance_passed=True,
        operation_started_on=accepted_on,
    )


def test_gaoping_filing_and_notice_deadlines_count_working_days_across_holidays(
    reviewer, unit_org, monkeypatch
):
    # Accepted on 2026-09-15: 30 working days pass over 国庆 (1-8 October, with the make-up
    # working Saturday): 2 November, where counting Monday to Friday would give 27 October.
    project = gaoping_accepted(unit_org, dt.date(2026, 9, 15))
    on_day(monkeypatch, dt.date(2026, 10, 9))
    filing = {d.kind: d for d in selectors.dossier_of(project).deadlines}["acceptance_filing"]
    assert filing.due == dt.date(2026, 11, 2)
    assert filing.article == "第二十条"
    assert filing.status == "pending"
    assert filing.provisional is False
    # Filed on 30 September: notice within 5 working days → 13 October, after the holiday.
    meetings.filing_record(actor=reviewer, project=project, filed_on=dt.date(2026, 9, 30))
    project.refresh_from_db()
    deadlines = {d.kind: d for d in selectors.dossier_of(project).deadlines}
    assert deadlines["acceptance_filing"].status == "met"
    assert deadlines["finance_notice"].due == dt.date(2026, 10, 13)
    assert deadlines["finance_notice"].article == "第二十条"


def test_a_deadline_in_a_year_without_holiday_data_is_provisional(unit_org, monkeypatch):
    on_day(monkeypatch, dt.date(2031, 3, 3))
    project = gaoping_accepted(unit_org, dt.date(2031, 3, 2))
    filing = {d.kind: d for d in selectors.dossier_of(project).deadlines}["acceptance_filing"]
    assert filing.provisional is True
    CalendarYear.objects.create(year=2031)
    filing = {d.kind: d for d in selectors.dossier_of(project).deadlines}["acceptance_filing"]
    assert filing.provisional is False


def test_every_checklist_quote_is_verbatim_and_its_rule_checks_the_item():
    for rulebook in ("harbin", "kaihua", "wuhan", "bijie", "gaoping"):
        items = checklist.load(rulebook)
        assert items, rulebook
        from govit.policy import loader

        entries = {e.id: e for e in loader.get(rulebook).entries}
        for item in items:
            params = entries[item.spec.rule].params.model_dump()
            named = set(params.get("types") or []) | set(params.get("documents") or [])
            named |= set(params.get("facts") or [])
            if named:
                assert (item.spec.document or item.spec.fact) in named, (rulebook, item.key)
