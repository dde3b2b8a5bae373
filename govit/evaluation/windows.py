"""The window in which a project's self-evaluation may be made, computed from the project's
dates with the article of its rulebook (the numbers come from the rulebook's own entries, so
the engine's obligations and this check agree):

- harbin 第三十条: 6 to 12 months after the project passed acceptance and went into operation;
- wuhan 第二十二条: 12 to 24 months after it went into operation;
- kaihua 第十四条: once it runs, and before the evaluation (the same day counts as before);
- gaoping 第二十一条: after the budget year, by the date the deployment sets (31 March);
- bijie 第三十二条: once in use; the text sets no date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from govit.core.calendar import WorkCalendar, add_months
from govit.evaluation.choices import Kind
from govit.evaluation.models import Evaluation
from govit.policy import loader
from govit.projects.models import Project

ENTRY = {
    "harbin": "evaluation.self_window",
    "wuhan": "evaluation.self",
    "kaihua": "evaluation.self_first",
    "gaoping": "evaluation.self",
    "bijie": "performance.self_evaluation",
}


@dataclass(frozen=True)
class Window:
    """First and last day (both included; None: not bounded) with the article."""

    opens: dt.date | None
    closes: dt.date | None
    article: str
    quote: str
    provisional: bool = False

    def contains(self, day: dt.date) -> bool:
        if self.opens is None or day < self.opens:
            return False
        return self.closes is None or day <= self.closes


def _entry(rulebook: str) -> tuple[str, str, dict[str, Any]]:
    wanted = ENTRY[rulebook]
    for entry in loader.get(rulebook).entries:
        if entry.id == wanted:
            return entry.article, entry.quote, entry.params.model_dump()
    raise LookupError(f"{rulebook} has no rule {wanted}")


def self_evaluation_window(project: Project, calendar: WorkCalendar) -> Window:
    """The window of ``project`` (``opens`` is None while the dates it counts from are missing)."""
    rulebook = project.rulebook
    article, quote, params = _entry(rulebook)
    if rulebook in ("harbin", "wuhan"):
        if rulebook == "harbin":
            accepted, started = project.accepted_on, project.operation_started_on
            start = max(accepted, started) if accepted and started else None
        else:
            start = project.operation_started_on
        if start is None:
            return Window(None, None, article, quote)
        due = calendar.deadline_after_months(start, params["months_to"])
        return Window(
            add_months(start, params["months_from"]), due.date, article, quote, due.provisional
        )
    if rulebook == "gaoping":
        if project.plan_year is None:
            return Window(None, None, article, quote)
        year = project.plan_year + 1
        due = calendar.next_workday_on_or_after(dt.date(year, params["month"], params["day"]))
        return Window(dt.date(year, 1, 1), due.date, article, quote, due.provisional)
    start = project.operation_started_on or project.accepted_on
    if start is None:
        return Window(None, None, article, quote)
    closes = None
    if rulebook == "kaihua":
        first = (
            Evaluation.objects.filter(project=project, kind=Kind.SAMPLED)
            .order_by("conducted_on")
            .values_list("conducted_on", flat=True)
            .first()
        )
        closes = first
    return Window(start, closes, article, quote)
