"""Writes of oversight: inspections and findings, rectification orders, the unit's report,
the re-check and the escalation to sanctions. Each checks its predicate, runs in one
transaction and writes an audit event; what a regulation decides cites its article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.selectors import work_calendar
from govit.documents.models import Document
from govit.orgs.models import User
from govit.oversight import data, policies
from govit.oversight.choices import Office, OrderStatus
from govit.oversight.errors import EscalationRefused, NotPermitted, Problem
from govit.oversight.models import Finding, Inspection, RectificationOrder, Sanction
from govit.projects.models import Project

MAX_WORKING_DAYS = 250


@transaction.atomic
def inspection_open(
    *, actor: User, project: Project, inspected_on: dt.date, offices: Sequence[str], note: str = ""
) -> Inspection:
    """Record an inspection by the competent department and the offices that joined it."""
    if not policies.inspection_open(actor, project):
        raise NotPermitted(_("You cannot inspect this project."))
    unknown = [o for o in offices if o not in Office.values]
    if unknown:
        raise ValidationError({"offices": _("Choose the offices from the list.")})
    if inspected_on > timezone.localdate():
        raise ValidationError({"inspected_on": _("An inspection is recorded once it happened.")})
    inspection = Inspection.objects.create(
        project=project,
        inspected_on=inspected_on,
        offices=sorted(set(offices)),
        note=note,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="oversight.inspection_open",
        obj=project,
        after={"inspection": inspection.pk, "inspected_on": inspected_on, "offices": offices},
    )
    return inspection


@transaction.atomic
def finding_add(*, actor: User, inspection: Inspection, kind: str, description: str) -> Finding:
    """Add a finding of a kind the project's rulebook lists, with that kind's article."""
    project = inspection.project
    if not policies.finding_add(actor, project):
        raise NotPermitted(_("You cannot record findings on this project."))
    cited = data.of(project.rulebook).kind(kind)
    if cited is None:
        raise ValidationError({"kind": _("Choose a kind of finding the rulebook lists.")})
    if not description.strip():
        raise ValidationError({"description": _("Describe what was found.")})
    finding = Finding.objects.create(
        inspection=inspection,
        kind=kind,
        label=cited.label,
        article=cited.article,
        quote=cited.quote,
        description=description,
    )
    audit.record(
        actor=actor,
        action="oversight.finding_add",
        obj=project,
        after={"finding": finding.pk, "kind": kind, "article": cited.article},
    )
    return finding


@transaction.atomic
def order_issue(
    *,
    actor: User,
    project: Project,
    findings: Sequence[Finding],
    working_days: int,
    issued_on: dt.date | None = None,
) -> RectificationOrder:
    """Order the unit to rectify findings within ``working_days`` working days (the issue
    day not counted; the deadline is the last of them)."""
    if not policies.order_issue(actor, project):
        raise NotPermitted(_("You cannot order rectification on this project."))
    if not findings or any(f.inspection.project_id != project.pk for f in findings):
        raise ValidationError({"findings": _("Choose findings of this project's inspections.")})
    if not 1 <= working_days <= MAX_WORKING_DAYS:
        raise ValidationError(
            {
                "working_days": _("Give between 1 and %(max)s working days.")
                % {"max": MAX_WORKING_DAYS}
            }
        )
    issued_on = issued_on or timezone.localdate()
    due = work_calendar().add_working_days(issued_on, working_days)
    cited = data.of(project.rulebook).order
    order = RectificationOrder.objects.create(
        project=project,
        issued_on=issued_on,
        working_days=working_days,
        due_on=due.date,
        provisional=due.provisional,
        article=cited.article,
        quote=cited.quote,
        issued_by=actor,
    )
    order.findings.set(findings)
    audit.record(
        actor=actor,
        action="oversight.order_issue",
        obj=project,
        after={
            "order": order.pk,
            "findings": [f.pk for f in findings],
            "working_days": working_days,
            "due_on": due.date,
            "article": cited.article,
        },
    )
    return order


def _locked(order: RectificationOrder) -> RectificationOrder:
    return (
        RectificationOrder.objects.select_for_update(of=("self",))
        .select_related("project", "project__unit")
        .get(pk=order.pk)
    )


@transaction.atomic
def rectification_report(
    *,
    actor: User,
    order: RectificationOrder,
    report: str,
    evidence: Sequence[Document] = (),
    reported_on: dt.date | None = None,
) -> RectificationOrder:
    """The unit reports what it rectified, with documents as evidence."""
    order = _locked(order)
    if not policies.rectification_report(actor, order.project):
        raise NotPermitted(_("Only the project unit reports its rectification."))
    if order.status not in (OrderStatus.OPEN, OrderStatus.FAILED):
        raise ValidationError({"report": _("This order is not waiting for a report.")})
    if not report.strip():
        raise ValidationError({"report": _("Say what was rectified.")})
    if not evidence:
        raise ValidationError({"evidence": _("Attach the documents that show it.")})
    if any(d.project_id != order.project_id for d in evidence):
        raise ValidationError({"evidence": _("The evidence must be documents of this project.")})
    order.report = report
    order.reported_on = reported_on or timezone.localdate()
    order.status = OrderStatus.REPORTED
    order.save(update_fields=["report", "reported_on", "status"])
    order.evidence.set(evidence)
    audit.record(
        actor=actor,
        action="oversight.rectification_report",
        obj=order.project,
        after={
            "order": order.pk,
            "reported_on": order.reported_on,
            "evidence": [d.pk for d in evidence],
            "late": order.reported_on > order.due_on,
        },
    )
    return order


@transaction.atomic
def order_recheck(
    *, actor: User, order: RectificationOrder, passed: bool, note: str = ""
) -> RectificationOrder:
    """Re-check the rectification: pass closes the order, fail opens the way to sanctions."""
    order = _locked(order)
    if not policies.order_recheck(actor, order.project):
        raise NotPermitted(_("You cannot re-check this order."))
    if order.status != OrderStatus.REPORTED:
        raise ValidationError({"passed": _("Only a reported rectification is re-checked.")})
    before = order.status
    order.status = OrderStatus.PASSED if passed else OrderStatus.FAILED
    order.rechecked_on = timezone.localdate()
    order.recheck_note = note
    order.save(update_fields=["status", "rechecked_on", "recheck_note"])
    audit.record(
        actor=actor,
        action="oversight.order_recheck",
        obj=order.project,
        before={"status": before},
        after={"order": order.pk, "status": order.status, "note": note},
    )
    return order


def escalation_open(order: RectificationOrder, today: dt.date) -> bool:
    """Not rectified: the re-check failed, or the deadline passed without a passing report."""
    if order.status == OrderStatus.FAILED:
        return True
    return order.status == OrderStatus.OPEN and today > order.due_on


@transaction.atomic
def order_escalate(
    *, actor: User, order: RectificationOrder, kind: str, reason: str = ""
) -> Sanction:
    """Escalate an order not rectified to a sanction the rulebook provides."""
    order = _locked(order)
    project = order.project
    if not policies.order_escalate(actor, project):
        raise NotPermitted(_("You cannot impose sanctions on this project."))
    today = timezone.localdate()
    rulebook = data.of(project.rulebook)
    if not escalation_open(order, today):
        raise EscalationRefused(
            _("The order is not overdue and its rectification has not failed."),
            [
                Problem(
                    _("Due on %(day)s.") % {"day": order.due_on.isoformat()},
                    "kind",
                    order.article,
                    order.quote,
                )
            ],
        )
    cited = rulebook.sanction(kind)
    if cited is None:
        raise ValidationError({"kind": _("The rulebook provides no such sanction.")})
    if Sanction.objects.filter(order=order, kind=kind, lifted_on__isnull=True).exists():
        raise ValidationError({"kind": _("That sanction is already in force.")})
    sanction = Sanction.objects.create(
        project=project,
        unit=project.unit,
        order=order,
        kind=kind,
        article=cited.article,
        quote=cited.quote,
        reason=reason,
        imposed_on=today,
        imposed_by=actor,
    )
    audit.record(
        actor=actor,
        action="oversight.order_escalate",
        obj=project,
        after={"order": order.pk, "sanction": sanction.pk, "kind": kind, "article": cited.article},
    )
    return sanction


@transaction.atomic
def sanction_lift(*, actor: User, sanction: Sanction, note: str = "") -> Sanction:
    """Lift a sanction once the rectification is in place (the order's re-check passed)."""
    sanction = (
        Sanction.objects.select_for_update().select_related("project", "order").get(pk=sanction.pk)
    )
    if not policies.sanction_lift(actor, sanction.project):
        raise NotPermitted(_("You cannot lift this sanction."))
    if sanction.lifted_on is not None:
        raise ValidationError({"note": _("The sanction has been lifted already.")})
    if sanction.order.status != OrderStatus.PASSED:
        raise ValidationError({"note": _("Lift it once the rectification passes its re-check.")})
    sanction.lifted_on = timezone.localdate()
    sanction.save(update_fields=["lifted_on"])
    audit.record(
        actor=actor,
        action="oversight.sanction_lift",
        obj=sanction.project,
        after={"sanction": sanction.pk, "kind": sanction.kind, "note": note},
    )
    return sanction


def values(order: RectificationOrder) -> dict[str, Any]:
    return {"status": order.status, "due_on": order.due_on}
