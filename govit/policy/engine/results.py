"""What the engine returns: findings, obligations and decisions, each citing its article."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["block", "warn", "info"]
Status = Literal["pending", "met", "overdue"]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warn": 1, "block": 2}


@dataclass(slots=True)
class Finding:
    """Something a rule noticed. ``block`` stops the transitions named in ``blocks``."""

    rule: str
    severity: Severity
    article: str
    quote: str
    message: str
    blocks: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "article": self.article,
            "quote": self.quote,
            "message": self.message,
            "blocks": list(self.blocks),
        }


@dataclass(slots=True)
class Obligation:
    """A dated duty: met when done on or before the due date, else pending or overdue."""

    kind: str
    due: dt.date
    status: Status
    article: str
    provisional: bool
    rule: str = ""
    quote: str = ""
    message: str = ""
    done_on: dt.date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "due": self.due.isoformat(),
            "status": self.status,
            "article": self.article,
            "provisional": self.provisional,
            "rule": self.rule,
            "quote": self.quote,
            "message": self.message,
            "done_on": self.done_on.isoformat() if self.done_on else None,
        }


@dataclass(slots=True)
class Decision:
    """A value the rulebook decides (a route, a requirement), with the article that decides it."""

    value: Any
    article: str
    quote: str = ""
    rule: str = ""
    rank: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "article": self.article,
            "quote": self.quote,
            "rule": self.rule,
        }


@dataclass(slots=True)
class CheckResult:
    """The engine's answer for one snapshot."""

    rulebook: str
    as_of: dt.date
    findings: list[Finding] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    decisions: dict[str, Decision] = field(default_factory=dict)
    # The first day on which the same facts may give a different result (a pending duty falls
    # due, a rule read the day of the check); None: only other facts can change it.
    recheck_on: dt.date | None = None
    # Only the rules that may record obligations were run (``evaluate``): no decisions, and
    # only those rules' findings; ``recheck_on`` is when the obligations may change.
    obligations_only: bool = False

    def recheck_by(self, day: dt.date) -> None:
        """The result may differ from ``day`` on."""
        if self.recheck_on is None or day < self.recheck_on:
            self.recheck_on = day

    def blocking(self, target: str) -> list[Finding]:
        """The findings that stop a transition into ``target``."""
        return [f for f in self.findings if f.severity == "block" and target in f.blocks]

    def warnings(self, target: str | None = None) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warn"]

    def decision(self, name: str) -> Any:
        if self.obligations_only:
            raise RuntimeError(
                f"decision {name!r} read in an obligations-only evaluation: the rules that "
                "make decisions were not run"
            )
        found = self.decisions.get(name)
        return None if found is None else found.value

    def as_dict(self) -> dict[str, Any]:
        return {
            "rulebook": self.rulebook,
            "as_of": self.as_of.isoformat(),
            "findings": [f.as_dict() for f in self.findings],
            "obligations": [o.as_dict() for o in self.obligations],
            "decisions": {name: d.as_dict() for name, d in self.decisions.items()},
        }
