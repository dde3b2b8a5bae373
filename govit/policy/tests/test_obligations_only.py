"""The obligations-only evaluation of ``govit tick``: only the rules registered ``obliges``
run, and no rule can record an obligation without being registered so."""

from __future__ import annotations

import inspect

import pytest

from govit.core.calendar import PURE_CALENDAR, DueDate
from govit.policy import loader
from govit.policy.engine import registry
from govit.policy.engine.compiled import Entry
from govit.policy.engine.evaluate import evaluate
from govit.policy.engine.snapshot import Snapshot
from govit.policy.tests.helpers import TODAY, D


def _snapshot(**project: object) -> Snapshot:
    return Snapshot.model_validate(
        {"as_of": TODAY, "project": {"name": "测试项目", **project}, "unit": {}}
    )


def _entry(function: registry.RuleFunction, *, obliges: bool) -> Entry:
    return Entry(
        id="test.entry",
        rule="test_rule",
        function=function,
        params=registry.NoParams(),
        article="第一条",
        quote="",
        applies_from=None,
        blocks=(),
        severity_cap=None,
        obliges=obliges,
    )


def _obliging(snapshot, params, ctx) -> None:
    ctx.oblige("report", DueDate(D(2026, 12, 1), provisional=False), None)


def _reading_a_decision(snapshot, params, ctx) -> None:
    if ctx.result.decision("approval_route") == "simplified":
        ctx.oblige("report", DueDate(D(2026, 12, 1), provisional=False), None)


def test_a_rule_registered_without_obliges_cannot_record_an_obligation():
    with pytest.raises(RuntimeError, match="obliges=True"):
        evaluate(_snapshot(), rulebook_id="t", entries=[_entry(_obliging, obliges=False)])


def test_a_rule_registered_with_obliges_records_its_obligation():
    result = evaluate(_snapshot(), rulebook_id="t", entries=[_entry(_obliging, obliges=True)])
    assert [o.kind for o in result.obligations] == ["report"]
    assert result.recheck_on == D(2026, 12, 2)


def test_a_decision_read_in_an_obligations_only_evaluation_fails():
    entries = [_entry(_reading_a_decision, obliges=True)]
    with pytest.raises(RuntimeError, match="approval_route"):
        evaluate(_snapshot(), rulebook_id="t", entries=entries, obligations_only=True)
    # In a whole evaluation the same rule reads it (none made here).
    assert not evaluate(_snapshot(), rulebook_id="t", entries=entries).obligations


def test_an_obligations_only_evaluation_skips_the_other_rules_and_unknown_fields():
    wuhan = loader.get("wuhan")
    snapshot = Snapshot.model_validate(
        {
            "as_of": TODAY,
            "project": {"name": "测试项目", "completed_on": D(2026, 1, 5), "colour": "red"},
            "unit": {},
        }
    )
    whole = wuhan.evaluate(snapshot, calendar=PURE_CALENDAR)
    partial = wuhan.evaluate(snapshot, calendar=PURE_CALENDAR, obligations_only=True)
    assert partial.obligations == whole.obligations
    assert [o.kind for o in partial.obligations] == ["acceptance"]
    obliging = {entry.id for entry in wuhan.obligation_entries}
    assert {f.rule for f in partial.findings} <= obliging
    assert {f.rule for f in whole.findings} - obliging  # the other rules did find something
    assert "snapshot.unknown_field" in {f.rule for f in whole.findings}
    assert not partial.decisions
    assert whole.decisions


def test_the_obligation_entries_are_the_entries_of_obliging_rules_in_order():
    for rulebook in loader.load_all().values():
        expected = [e for e in rulebook.entries if registry.RULES[e.rule].obliges]
        assert list(rulebook.obligation_entries) == expected
        assert expected, rulebook.id


def test_every_rule_that_records_obligations_is_registered_so():
    """The source says it where a test run may not reach: a rule whose body calls
    ``oblige`` is registered ``obliges=True`` (and one that does not, not)."""
    registry.load_rule_modules()
    for spec in registry.RULES.values():
        if not spec.function.__module__.startswith("govit.policy.rules."):
            continue
        calls = ".oblige(" in inspect.getsource(spec.function)
        assert spec.obliges == calls, spec.id


def test_obligations_only_skips_other_entries_whatever_entries_are_passed():
    wuhan = loader.get("wuhan")
    snapshot = _snapshot(completed_on=D(2026, 1, 5))
    given_all = evaluate(
        snapshot, rulebook_id="wuhan", entries=wuhan.entries, obligations_only=True
    )
    given_some = wuhan.evaluate(snapshot, obligations_only=True)
    assert given_all.obligations == given_some.obligations
    assert given_all.findings == given_some.findings
    assert not given_all.decisions
