"""Helpers for rule tests: build a snapshot from keyword facts, evaluate, find results."""

from __future__ import annotations

import datetime as dt
from typing import Any

from govit.core.calendar import PURE_CALENDAR
from govit.policy import loader
from govit.policy.engine.results import CheckResult, Finding, Obligation
from govit.policy.engine.snapshot import Snapshot

D = dt.date
TODAY = D(2026, 11, 24)


def check(
    rulebook_id: str,
    *,
    as_of: dt.date = TODAY,
    unit: dict[str, Any] | None = None,
    target: str | None = None,
    transition: str | None = None,
    **project: Any,
) -> CheckResult:
    """Evaluate ``rulebook_id`` over a project with the given facts (name defaults)."""
    project.setdefault("name", "测试项目")
    snapshot = Snapshot.model_validate({"as_of": as_of, "project": project, "unit": unit or {}})
    return loader.get(rulebook_id).evaluate(
        snapshot, calendar=PURE_CALENDAR, target=target, transition=transition
    )


def findings(result: CheckResult, rule: str, severity: str | None = None) -> list[Finding]:
    """The findings of one rule entry (optionally of one severity)."""
    return [
        f
        for f in result.findings
        if f.rule == rule and (severity is None or f.severity == severity)
    ]


def blocked(result: CheckResult, rule: str) -> bool:
    """Whether the entry reported a block finding."""
    return bool(findings(result, rule, "block"))


def obligation(result: CheckResult, kind: str) -> Obligation:
    """The single obligation of a kind (fails the test if there is not exactly one)."""
    found = [o for o in result.obligations if o.kind == kind]
    assert len(found) == 1, f"expected one {kind} obligation, got {found}"
    return found[0]


def doc(kind: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, **fields}
