"""The deadlines job keeps a project's stored obligations only while its evaluation would give
them again: checked day after day against a full evaluation of every project, on a generated
portfolio of every rulebook, with facts changed between the days."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import pytest
from django.utils import translation

from govit.core.calendar import WorkCalendar
from govit.core.models import CalendarDay
from govit.documents.models import Document
from govit.generate.run import generate
from govit.generate.scale import Scale
from govit.policy.engine.context import Context
from govit.policy.engine.results import CheckResult
from govit.projects.deadlines import deadlines_refresh
from govit.projects.models import ObligationCheck, Project, TrackedObligation
from govit.projects.obligation_checks import (
    GOVIT_DIR,
    Stored,
    _code_files,
    facts_digest,
    run_key,
    still_holds,
)
from govit.projects.snapshot_batch import read_batch
from govit.projects.snapshots import every_unit_facts, unit_facts_for

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 24)
RULES_DIR = Path(__file__).resolve().parent.parent / "govit" / "policy" / "rules"


@pytest.fixture
def portfolio(settings, tmp_path) -> list[int]:
    settings.MEDIA_ROOT = tmp_path
    for seed, rulebook in enumerate(("wuhan", "harbin", "kaihua", "bijie", "gaoping")):
        generate(Scale(projects=40), seed=seed, rulebook_id=rulebook, today=TODAY, progress=False)
    return list(Project.objects.order_by("pk").values_list("pk", flat=True))


def _rows() -> list[tuple[object, ...]]:
    return list(
        TrackedObligation.objects.order_by("project_id", "rule", "kind").values_list(
            "project_id", "rule", "kind", "due", "status", "message", "done_on", "active"
        )
    )


def test_kept_obligations_are_what_a_full_evaluation_gives_day_after_day(portfolio):
    first = deadlines_refresh(today=TODAY)
    assert first.kept == 0
    assert first.created > 0

    same_day = deadlines_refresh(today=TODAY)
    assert same_day.kept == same_day.projects

    changed = portfolio[:3]
    days = [
        TODAY + dt.timedelta(days=1),
        TODAY + dt.timedelta(days=8),
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 1),
        dt.date(2027, 6, 30),
        dt.date(2028, 2, 29),
    ]
    kept_any = evaluated_any = False
    for day in days:
        # Facts change between the days: a document, a date, a state.
        Document.objects.create(project_id=changed[0], type="proposal", title="新", date=day)
        Project.objects.filter(pk=changed[1]).update(completed_on=day - dt.timedelta(days=3))
        report = deadlines_refresh(today=day)
        kept = _rows()
        kept_any |= report.kept > 0
        evaluated_any |= report.kept < report.projects
        full = deadlines_refresh(today=day, full=True)
        assert (full.created, full.updated, full.retired) == (0, 0, 0), day
        assert _rows() == kept, day
        assert full.overdue == report.overdue, day
    assert kept_any
    assert evaluated_any


def test_a_changed_fact_is_evaluated_again_and_the_others_are_kept(portfolio):
    deadlines_refresh(today=TODAY)
    project = Project.objects.exclude(state__in=("archived", "rejected", "terminated")).first()
    assert project is not None
    Document.objects.create(project=project, type="feasibility_study", title="可研", date=TODAY)
    before = ObligationCheck.objects.get(project=project).digest
    report = deadlines_refresh(today=TODAY)
    assert report.kept == report.projects - 1
    assert ObligationCheck.objects.get(project=project).digest != before


def test_a_pending_duty_is_checked_again_the_day_after_its_due_day(portfolio):
    deadlines_refresh(today=TODAY)
    pending = (
        TrackedObligation.objects.filter(active=True, status="pending", due__gte=TODAY)
        .order_by("due")
        .first()
    )
    assert pending is not None
    check = ObligationCheck.objects.get(project_id=pending.project_id)
    assert check.recheck_on is not None
    assert check.recheck_on <= pending.due + dt.timedelta(days=1)

    deadlines_refresh(today=pending.due)
    pending.refresh_from_db()
    assert pending.status == "pending"
    deadlines_refresh(today=pending.due + dt.timedelta(days=1))
    pending.refresh_from_db()
    assert pending.status == "overdue"


def test_a_check_holds_only_for_its_digest_and_before_its_recheck_day():
    check = Stored(digest="a" * 32, checked_on=TODAY, recheck_on=TODAY + dt.timedelta(2))
    assert still_holds(check, "a" * 32, TODAY)
    assert still_holds(check, "a" * 32, TODAY + dt.timedelta(days=1))
    assert not still_holds(check, "a" * 32, TODAY + dt.timedelta(days=2))
    assert not still_holds(check, "b" * 32, TODAY)
    assert not still_holds(check, "a" * 32, TODAY - dt.timedelta(days=1))  # the clock went back
    assert not still_holds(None, "a" * 32, TODAY)
    forever = Stored(digest="a" * 32, checked_on=TODAY, recheck_on=None)
    assert still_holds(forever, "a" * 32, dt.date(2040, 1, 1))


def test_the_digest_leaves_out_the_day_and_reads_everything_else(portfolio):
    pk = portfolio[0]
    key = run_key(WorkCalendar())
    today = read_batch([pk], as_of=TODAY).facts(pk)
    tomorrow = read_batch([pk], as_of=TODAY + dt.timedelta(days=1)).facts(pk)
    assert facts_digest(today, key) == facts_digest(tomorrow, key)
    Project.objects.filter(pk=pk).update(investment=12345)
    assert facts_digest(read_batch([pk], as_of=TODAY).facts(pk), key) != facts_digest(today, key)
    Project.objects.filter(pk=pk).update(drills=["2026-01-05"])
    assert facts_digest(read_batch([pk], as_of=TODAY).facts(pk), key) != facts_digest(today, key)


def test_the_code_digest_covers_the_rules_and_the_snapshot_builders():
    read = {path.relative_to(GOVIT_DIR).as_posix() for path in _code_files()}
    assert "policy/rules/scope.py" in read
    assert "policy/engine/context.py" in read
    assert "policy/rulebooks/wuhan.yaml" in read
    assert "policy/regulations/wuhan.txt" in read
    assert "projects/snapshot_batch.py" in read
    assert "projects/snapshots.py" in read
    assert any(name.endswith(".mo") for name in read)


def test_the_run_key_follows_the_calendar_and_the_language():
    plain = run_key(WorkCalendar())
    assert run_key(WorkCalendar()) == plain
    assert run_key(WorkCalendar(overrides={TODAY: False})) != plain
    assert run_key(WorkCalendar(covered_years=frozenset({2027}))) != plain
    with translation.override("en"):
        english = run_key(WorkCalendar())
    with translation.override("zh-hans"):
        assert run_key(WorkCalendar()) != english


def test_an_edited_calendar_evaluates_every_project_again(portfolio):
    deadlines_refresh(today=TODAY)
    CalendarDay.objects.create(date=TODAY + dt.timedelta(days=3), is_workday=False)
    report = deadlines_refresh(today=TODAY)
    assert report.kept == 0


def _context(as_of: dt.date) -> Context:
    return Context(
        result=CheckResult(rulebook="x", as_of=as_of),
        calendar=WorkCalendar(),
        as_of=as_of,
        stage="draft",
        target=None,
    )


def test_reading_the_day_marks_the_result_for_tomorrow():
    context = _context(TODAY)
    assert context.result.recheck_on is None
    assert context.as_of == TODAY
    assert context.result.recheck_on == TODAY + dt.timedelta(days=1)


def test_reading_the_year_marks_the_result_for_new_years_day():
    context = _context(TODAY)
    assert context.year == 2026
    assert context.result.recheck_on == dt.date(2027, 1, 1)


def test_has_come_marks_the_day_only_while_it_is_to_come():
    context = _context(TODAY)
    assert context.has_come(TODAY)
    assert context.has_come(TODAY - dt.timedelta(days=1))
    assert context.result.recheck_on is None
    assert not context.has_come(TODAY + dt.timedelta(days=5))
    assert context.result.recheck_on == TODAY + dt.timedelta(days=5)
    assert not context.has_come(TODAY + dt.timedelta(days=2))
    assert context.result.recheck_on == TODAY + dt.timedelta(days=2)


def test_no_rule_reads_the_day_except_through_its_context():
    """A rule that read the snapshot's day or the clock would escape ``recheck_on``."""
    offenders = []
    for path in sorted(RULES_DIR.glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "as_of"
                and not (isinstance(node.value, ast.Name) and node.value.id == "c")
            ):
                offenders.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.Attribute) and node.attr in {"today", "now", "localdate"}:
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_every_unit_facts_answer_as_the_facts_of_a_batch(portfolio):
    pairs = list(Project.objects.values_list("unit_id", "plan_year", "state"))
    batch = unit_facts_for((unit, year) for unit, year, _state in pairs)
    every = every_unit_facts()
    for unit, year, state in pairs:
        assert every.applications_for(unit, year, state) == batch.applications_for(
            unit, year, state
        )
        assert every.zombies.get(unit) == batch.zombies.get(unit)


def test_many_small_batches_store_what_one_batch_stores(portfolio):
    deadlines_refresh(today=TODAY, batch=10_000)
    one = _rows()
    TrackedObligation.objects.all().delete()
    ObligationCheck.objects.all().delete()
    report = deadlines_refresh(today=TODAY, batch=37)
    assert report.kept == 0
    assert _rows() == one
