"""Performance evaluation: year-end reports, self-evaluation windows, post-evaluation."""

from __future__ import annotations

import datetime as dt

from govit.core.calendar import add_months
from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import NoParams, Params, rule
from govit.policy.engine.snapshot import Snapshot


class Window(Params):
    months_from: int
    months_to: int
    after: str = "operation_started_on"  # or accepted_on


@rule("self_evaluation_window", Window, obliges=True)
def self_evaluation_window(s: Snapshot, p: Window, c: Context) -> None:
    """Self-evaluation happens between N and M months after an event (both ends included)."""
    start: dt.date | None = getattr(s.project, p.after)
    if start is None:
        return
    due = c.calendar.deadline_after_months(start, p.months_to)
    done = s.project.self_evaluated_on
    c.oblige("self_evaluation", due, done)
    opens = add_months(start, p.months_from)
    if done is not None and done < opens:
        c.warn(
            _("The self-evaluation of %(done)s came before the window opened on %(opens)s.")
            % {"done": done.isoformat(), "opens": opens.isoformat()}
        )


class AfterYear(Params):
    month: int
    day: int


@rule("self_evaluation_after_budget_year", AfterYear, obliges=True)
def self_evaluation_after_budget_year(s: Snapshot, p: AfterYear, c: Context) -> None:
    """Self-evaluation follows the end of the budget year (the date is the deployment's)."""
    project = s.project
    if project.plan_year is None or project.approved_on is None:
        return
    due = c.calendar.next_workday_on_or_after(dt.date(project.plan_year + 1, p.month, p.day))
    c.oblige("self_evaluation", due, project.self_evaluated_on)


@rule("annual_report_during_construction", obliges=True)
def annual_report_during_construction(s: Snapshot, p: NoParams, c: Context) -> None:
    """Each year of construction ends with a performance report (due 31 December)."""
    project = s.project
    start = project.construction_started_on or (
        project.contract.signed_on if project.contract else None
    )
    if start is None:
        return
    end_year = project.completed_on.year if project.completed_on else c.year
    reported = set(project.annual_reports or ())
    for year in range(start.year, end_year + 1):
        due = dt.date(year, 12, 31)
        if project.completed_on is not None and project.completed_on < due and year == end_year:
            break
        done = due if year in reported else None
        c.oblige("annual_report", c.calendar.next_workday_on_or_after(due), done)
