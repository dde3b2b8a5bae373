"""The yearly cycle: application deadlines, quotas, O&M content of applications."""

from __future__ import annotations

import datetime as dt

from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import NoParams, Params, rule
from govit.policy.engine.snapshot import ProjectKind, Snapshot


class Deadline(Params):
    month: int
    day: int
    year_offset: int = -1  # relative to the plan year: applications come the year before
    late_blocks: bool = True


@rule("application_deadline", Deadline, obliges=True)
def application_deadline(s: Snapshot, p: Deadline, c: Context) -> None:
    """Applications for a plan year are due by a fixed date; a late one misses the plan."""
    project = s.project
    if project.plan_year is None:
        c.unknown("project.plan_year")
        return
    # A deadline that falls on a rest day moves to the next working day (民法典 第二百零三条).
    deadline = c.calendar.next_workday_on_or_after(
        dt.date(project.plan_year + p.year_offset, p.month, p.day)
    )
    due = deadline.date
    obligation = c.oblige("application", deadline, project.submitted_on)
    if obligation.status == "overdue" and p.late_blocks and not project.emergency:
        c.block(
            _("The application was not submitted by %(due)s: it cannot enter the %(year)s plan.")
            % {"due": due.isoformat(), "year": project.plan_year}
        )


@rule("application_quota")
def application_quota(s: Snapshot, p: NoParams, c: Context) -> None:
    """A unit applies for no more projects a year than it has budget units (不超过, 含本数)."""
    unit = s.unit
    if unit.applications_this_cycle is None or unit.budget_unit_count is None:
        c.unknown("unit.applications_this_cycle", "unit.budget_unit_count")
        return
    if unit.applications_this_cycle > unit.budget_unit_count:
        c.block(
            _("This is application %(count)d of the unit this year; it has %(units)d budget units.")
            % {"count": unit.applications_this_cycle, "units": unit.budget_unit_count}
        )


class OmYears(Params):
    years: int
    kinds: list[ProjectKind]


@rule("om_years_included", OmYears)
def om_years_included(s: Snapshot, p: OmYears, c: Context) -> None:
    """Construction projects include the stated years of O&M service."""
    project = s.project
    if project.kind is None:
        c.unknown("project.kind")
        return
    if project.kind not in p.kinds:
        return
    if project.om_years_included is None:
        c.unknown("project.om_years_included")
    elif project.om_years_included < p.years:
        c.block(
            _("The project includes %(have)d years of O&M; it must include %(need)d.")
            % {"have": project.om_years_included, "need": p.years}
        )


@rule("om_no_bulk_update")
def om_no_bulk_update(s: Snapshot, p: NoParams, c: Context) -> None:
    """An O&M project does not include bulk replacement purchases."""
    project = s.project
    if project.kind == "om" and project.bulk_update_procurement:
        c.block(_("An O&M project may not include bulk replacement purchases."))
