"""The daily tick lists the overdue acceptance duties once; the home page shows each role its
acceptance to-dos; the project page links to the dossier."""

import datetime as dt

import pytest

from govit.acceptance import home, meetings
from govit.acceptance.models import Overdue
from govit.acceptance.tests.helpers import in_acceptance, on_day, project_at, record
from govit.core import ticks
from govit.projects import links
from govit.projects.models import Project

pytestmark = pytest.mark.django_db


def test_the_tick_job_is_registered():
    assert "acceptance.overdue" in {job.name for job in ticks.jobs()}


def test_the_tick_lists_overdue_filing_and_rectification_once_and_resolves_them(
    reviewer, unit_org, monkeypatch
):
    on_day(monkeypatch, dt.date(2026, 6, 12))
    failed = in_acceptance(unit_org)
    record(reviewer, failed, "failed", rectification_days=5)
    meetings.acceptance_conclude(actor=reviewer, project=failed)
    filed_late = project_at(
        unit_org,
        "operation",
        rulebook="gaoping",
        accepted_on=dt.date(2026, 4, 1),
        acceptance_passed=True,
    )
    on_day(monkeypatch, dt.date(2026, 7, 1))
    tick = next(job for job in ticks.jobs() if job.name == "acceptance.overdue")
    assert tick.run() == "acceptance: 2 overdue (2 new, 0 resolved)"
    assert tick.run() == "acceptance: 2 overdue (0 new, 0 resolved)"
    kinds = dict(Overdue.objects.values_list("project_id", "kind"))
    assert kinds == {failed.pk: "rectification", filed_late.pk: "acceptance_filing"}
    assert Overdue.objects.get(project=filed_late).article == "第二十条"

    meetings.filing_record(actor=reviewer, project=filed_late, filed_on=dt.date(2026, 7, 1))
    assert tick.run().endswith("(0 new, 1 resolved)")
    assert Overdue.objects.filter(resolved_on__isnull=True).count() == 1


def _tick_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from govit.acceptance import tick

    with CaptureQueriesContext(connection) as captured:
        line = tick.tick(batch=100)
    return len(captured.captured_queries), line


def test_the_tick_runs_a_fixed_number_of_queries_whatever_the_number_of_projects(
    reviewer, unit_org, other_unit_org, monkeypatch
):
    on_day(monkeypatch, dt.date(2026, 6, 12))

    def add(count):
        for i in range(count):
            failed = in_acceptance(unit_org if i % 2 else other_unit_org)
            record(reviewer, failed, "failed", rectification_days=5)
            meetings.acceptance_conclude(actor=reviewer, project=failed)
            project_at(
                unit_org,
                "operation",
                rulebook="gaoping",
                accepted_on=dt.date(2026, 4, 1),
                acceptance_passed=True,
            )

    add(1)
    on_day(monkeypatch, dt.date(2026, 7, 1))
    few, line = _tick_queries()
    assert line == "acceptance: 2 overdue (2 new, 0 resolved)"
    few_daily, _line = _tick_queries()
    on_day(monkeypatch, dt.date(2026, 6, 12))
    add(8)
    Project.objects.filter(acceptance_overdue__isnull=False, rulebook="gaoping").update(
        acceptance_filed_on=dt.date(2026, 6, 30),
        finance_notified_on=dt.date(2026, 6, 30),
    )
    on_day(monkeypatch, dt.date(2026, 7, 1))
    many, line = _tick_queries()
    assert line == "acceptance: 17 overdue (16 new, 1 resolved)"
    assert many == few
    assert _tick_queries()[0] == few_daily


def _labels(user):
    return {action.label: action.count for action in home.next_actions(user)}


def test_each_role_sees_its_acceptance_to_dos(
    applicant, reviewer, finance_clerk, vendor, expert, unit_org, monkeypatch
):
    on_day(monkeypatch, dt.date(2026, 6, 12))
    in_acceptance(unit_org)
    project_at(unit_org, "construction")
    accepted = project_at(
        unit_org, "operation", accepted_on=dt.date(2026, 6, 1), acceptance_passed=True
    )
    assert _labels(reviewer)["验收会议"] == 1
    assert _labels(reviewer)["备案验收报告"] == 1
    assert _labels(applicant)["准备验收材料"] == 1
    assert _labels(applicant)["登记验收项目的资产"] == 1
    assert "验收会议" not in _labels(applicant)
    meetings.filing_record(actor=reviewer, project=accepted, filed_on=dt.date(2026, 6, 5))
    meetings.finance_notice_send(actor=reviewer, project=accepted, sent_on=dt.date(2026, 6, 8))
    assert _labels(finance_clerk) == {"待确认的验收告知": 1}
    assert _labels(vendor) == {}
    assert _labels(expert) == {}


def test_the_project_page_links_to_the_dossier_from_construction_on(applicant, unit_org):
    draft = project_at(unit_org, "draft")
    building = project_at(unit_org, "construction")
    assert not [link for link in links.for_project(applicant, draft) if "/acceptance/" in link.url]
    assert [link for link in links.for_project(applicant, building) if "/acceptance/" in link.url]


def test_a_trial_run_past_its_end_is_not_listed_as_overdue(unit_org, monkeypatch):
    project_at(
        unit_org,
        "trial_run",
        rulebook="kaihua",
        initial_acceptance_on=dt.date(2026, 1, 5),
        trial_run_started_on=dt.date(2026, 1, 5),
    )
    on_day(monkeypatch, dt.date(2026, 6, 1))
    tick = next(job for job in ticks.jobs() if job.name == "acceptance.overdue")
    assert tick.run().startswith("acceptance: 0 overdue")
