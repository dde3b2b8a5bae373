"""The context a rule reports through; the engine fills in the article and the quote."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from govit.core.calendar import DueDate, WorkCalendar
from govit.policy.engine import stages
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.results import (
    SEVERITY_RANK,
    CheckResult,
    Decision,
    Finding,
    Obligation,
    Severity,
)

if TYPE_CHECKING:
    from govit.policy.engine.compiled import Entry


class Context:
    """Per-entry reporting surface handed to a rule function."""

    __slots__ = ("_as_of", "calendar", "entry", "result", "stage", "target", "transition")

    def __init__(
        self,
        *,
        result: CheckResult,
        calendar: WorkCalendar,
        as_of: dt.date,
        stage: str | None,
        target: str | None,
        transition: str | None = None,
    ) -> None:
        self.result = result
        self.calendar = calendar
        self._as_of = as_of
        self.stage = stage
        self.target = target
        self.transition = transition
        self.entry: Entry | None = None

    @property
    def as_of(self) -> dt.date:
        """The day of the check. A rule that reads it may answer differently tomorrow, so the
        result is marked to be checked again the next day (``CheckResult.recheck_on``)."""
        self.result.recheck_by(self._as_of + dt.timedelta(days=1))
        return self._as_of

    @property
    def year(self) -> int:
        """The year of the check (the answer may change on 1 January)."""
        self.result.recheck_by(dt.date(self._as_of.year + 1, 1, 1))
        return self._as_of.year

    def has_come(self, day: dt.date) -> bool:
        """``day`` is the day of the check or before it (the answer may change on ``day``)."""
        if self._as_of >= day:
            return True
        self.result.recheck_by(day)
        return False

    # -- where the project is -------------------------------------------------------------
    def reached(self, milestone: str) -> bool:
        """The project is at or past ``milestone``, or the transition being tried goes there."""
        return stages.reached(self.stage, milestone) or stages.reached(self.target, milestone)

    # -- findings -------------------------------------------------------------------------
    def _finding(self, severity: Severity, message: str) -> None:
        entry = self.entry
        assert entry is not None
        if entry.severity_cap is not None and (
            SEVERITY_RANK[severity] > SEVERITY_RANK[entry.severity_cap]
        ):
            severity = entry.severity_cap
        self.result.findings.append(
            Finding(
                rule=entry.id,
                severity=severity,
                article=entry.article,
                quote=entry.quote,
                message=message,
                blocks=entry.blocks if severity == "block" else (),
            )
        )

    def block(self, message: str) -> None:
        self._finding("block", message)

    def warn(self, message: str) -> None:
        self._finding("warn", message)

    def info(self, message: str) -> None:
        self._finding("info", message)

    def unknown(self, *fields: str) -> None:
        """Say that the rule cannot decide because these facts are unknown."""
        self._finding(
            "info",
            _("Unknown: %(fields)s. This rule cannot be checked until it is given.")
            % {"fields": ", ".join(fields)},
        )

    # -- decisions and obligations --------------------------------------------------------
    def decide(self, name: str, value: Any, *, rank: int = 0) -> None:
        """Record a decision; where two rules decide the same thing, the higher rank wins."""
        entry = self.entry
        assert entry is not None
        current = self.result.decisions.get(name)
        if current is None or rank > current.rank:
            self.result.decisions[name] = Decision(
                value=value, article=entry.article, quote=entry.quote, rule=entry.id, rank=rank
            )

    def oblige(
        self, kind: str, due: DueDate, done_on: dt.date | None, message: str = ""
    ) -> Obligation:
        """Record a dated duty; its status follows from the due date, the done date and as_of."""
        entry = self.entry
        assert entry is not None
        if not entry.obliges:
            # Its obligations would be missing from the tick's obligations-only evaluation.
            raise RuntimeError(f"rule {entry.rule!r} records obligations: register it obliges=True")
        if done_on is not None:
            status = "met" if done_on <= due.date else "overdue"
        elif self._as_of > due.date:
            status = "overdue"
        else:
            status = "pending"
            # Overdue from the day after the due day, with the same facts.
            self.result.recheck_by(due.date + dt.timedelta(days=1))
        obligation = Obligation(
            kind=kind,
            due=due.date,
            status=status,  # type: ignore[arg-type]
            article=entry.article,
            provisional=due.provisional,
            rule=entry.id,
            quote=entry.quote,
            message=message,
            done_on=done_on,
        )
        self.result.obligations.append(obligation)
        return obligation
