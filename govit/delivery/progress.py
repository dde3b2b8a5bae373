"""Milestones, re-baselines and progress reports. The baseline (date and planned cost) of a
milestone changes only through ``milestone_rebaseline``, an explicit step with its reason
that keeps both baselines; variances are measured against the current baseline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from govit.core import audit
from govit.delivery import policies
from govit.delivery.errors import NotPermitted
from govit.delivery.models import Milestone, ProgressReport, Rebaseline
from govit.delivery.services import _locked_project
from govit.documents.models import Document
from govit.orgs.models import User
from govit.projects.models import Project


@dataclass(frozen=True)
class Variance:
    """The project's earned-value view of its milestones (money in yuan).

    planned value: planned cost of the milestones due by today (baseline);
    earned value: planned cost of the milestones reached;
    actual cost: what the reached milestones cost.
    """

    planned_value: Decimal
    earned_value: Decimal
    actual_cost: Decimal
    late_milestones: int

    @property
    def schedule_variance(self) -> Decimal:
        return self.earned_value - self.planned_value

    @property
    def cost_variance(self) -> Decimal:
        return self.earned_value - self.actual_cost


def project_variance(milestones: list[Milestone], today: dt.date) -> Variance:
    """Schedule and cost variance of the project from its milestones."""
    planned = sum((m.planned_cost for m in milestones if m.baseline_due <= today), Decimal(0))
    done = [m for m in milestones if m.done]
    earned = sum((m.planned_cost for m in done), Decimal(0))
    actual = sum((m.actual_cost for m in done if m.actual_cost is not None), Decimal(0))
    late = sum(1 for m in milestones if m.schedule_variance_days(today) > 0)
    return Variance(Decimal(planned), Decimal(earned), Decimal(actual), late)


def _baseline(milestones: list[Milestone]) -> list[dict[str, Any]]:
    return [
        {
            "id": m.pk,
            "name": m.name,
            "baseline_due": m.baseline_due.isoformat(),
            "planned_cost": str(m.planned_cost),
        }
        for m in milestones
    ]


@transaction.atomic
def milestone_add(
    *, actor: User, project: Project, name: str, baseline_due: dt.date, planned_cost: Decimal
) -> Milestone:
    """Add a milestone with its baseline date and planned cost."""
    locked = _locked_project(project)
    if not policies.milestone_add(actor, locked):
        raise NotPermitted(_("You cannot plan milestones of this project."))
    if planned_cost < 0:
        raise ValidationError({"planned_cost": _("Amounts cannot be negative.")})
    milestone = Milestone(
        project=locked, name=name, baseline_due=baseline_due, planned_cost=planned_cost
    )
    milestone.full_clean()
    milestone.save()
    audit.record(
        actor=actor,
        action="delivery.milestone_add",
        obj=milestone,
        after={"name": name, "baseline_due": baseline_due, "planned_cost": planned_cost},
    )
    return milestone


@transaction.atomic
def milestone_progress(
    *,
    actor: User,
    milestone: Milestone,
    actual_on: dt.date | None,
    actual_cost: Decimal | None,
) -> Milestone:
    """Record when the milestone was actually reached and what it cost."""
    project = _locked_project(milestone.project)
    locked = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if not policies.milestone_progress(actor, project):
        raise NotPermitted(_("You cannot record the progress of this project."))
    if actual_cost is not None and actual_cost < 0:
        raise ValidationError({"actual_cost": _("Amounts cannot be negative.")})
    before = {"actual_on": locked.actual_on, "actual_cost": locked.actual_cost}
    locked.actual_on = actual_on
    locked.actual_cost = actual_cost
    locked.save(update_fields=["actual_on", "actual_cost"])
    audit.record(
        actor=actor,
        action="delivery.milestone_progress",
        obj=locked,
        before=before,
        after={"actual_on": actual_on, "actual_cost": actual_cost},
    )
    return locked


@transaction.atomic
def milestone_rebaseline(
    *,
    actor: User,
    project: Project,
    reason: str,
    decided_on: dt.date,
    changes: dict[int, tuple[dt.date, Decimal]],
) -> Rebaseline:
    """Re-baseline: new baseline dates and planned costs for the milestones in ``changes``
    (milestone id → (date, cost)), recorded with the reason and both baselines."""
    locked = _locked_project(project)
    if not policies.milestone_rebaseline(actor, locked):
        raise NotPermitted(_("You cannot re-baseline this project."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason of the re-baseline.")})
    milestones = list(Milestone.objects.select_for_update().filter(project=locked).order_by("id"))
    by_id = {m.pk: m for m in milestones}
    unknown = set(changes) - set(by_id)
    if unknown or not changes:
        raise ValidationError({"changes": _("Choose milestones of this project.")})
    before = _baseline(milestones)
    changed = False
    for pk, (due, cost) in changes.items():
        if cost < 0:
            raise ValidationError({"changes": _("Amounts cannot be negative.")})
        milestone = by_id[pk]
        if (milestone.baseline_due, milestone.planned_cost) != (due, cost):
            changed = True
        milestone.baseline_due = due
        milestone.planned_cost = cost
        milestone.save(update_fields=["baseline_due", "planned_cost"])
    if not changed:
        raise ValidationError({"changes": _("The new baseline is the same as the current one.")})
    number = (Rebaseline.objects.filter(project=locked).aggregate(n=Max("number"))["n"] or 0) + 1
    record = Rebaseline.objects.create(
        project=locked,
        number=number,
        reason=reason,
        decided_on=decided_on,
        before=before,
        after=_baseline(milestones),
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="delivery.milestone_rebaseline",
        obj=record,
        before={"baseline": before},
        after={"baseline": record.after, "reason": reason},
    )
    return record


@transaction.atomic
def progress_report(
    *,
    actor: User,
    project: Project,
    kind: str,
    period_end: dt.date,
    percent_complete: int,
    investment_executed: Decimal,
    summary: str,
    document: Document | None = None,
) -> ProgressReport:
    """Submit a progress report; a year-end one is the year's performance report (Wuhan
    第二十条), recorded in the project's facts so the rulebook's obligation is met."""
    locked = _locked_project(project)
    if not policies.progress_report(actor, locked):
        raise NotPermitted(_("You cannot report the progress of this project."))
    if not 0 <= percent_complete <= 100:
        raise ValidationError({"percent_complete": _("Give a percentage from 0 to 100.")})
    if document is not None and document.project_id != locked.pk:
        raise ValidationError({"document": _("Choose a document of this project.")})
    report = ProgressReport(
        project=locked,
        kind=kind,
        period_end=period_end,
        percent_complete=percent_complete,
        investment_executed=investment_executed,
        summary=summary,
        document=document,
        submitted_by=actor,
    )
    report.full_clean()
    report.save()
    if kind == ProgressReport.Kind.YEAR_END:
        years = sorted({*(locked.annual_reports or []), period_end.year})
        if years != locked.annual_reports:
            locked.annual_reports = years
            locked.save(update_fields=["annual_reports", "updated_at"])
    audit.record(
        actor=actor,
        action="delivery.progress_report",
        obj=report,
        after={
            "kind": kind,
            "period_end": period_end,
            "percent_complete": percent_complete,
            "investment_executed": investment_executed,
        },
    )
    return report
