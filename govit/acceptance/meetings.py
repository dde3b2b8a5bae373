"""Writes of the acceptance meeting and what follows it: the result and its lifecycle step,
rectification, the filing of the report, the notice to finance and the booked assets. Each
checks its predicate, runs in one transaction and writes an audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.acceptance import policies
from govit.acceptance.choices import MeetingKind, MeetingResult
from govit.acceptance.errors import AcceptanceRefused, NotPermitted, Problem
from govit.acceptance.models import Asset, Filing, Meeting
from govit.acceptance.participants import ParticipantLine, add_participants
from govit.acceptance.services import locked_project, own_document, take_step
from govit.core import audit
from govit.core.selectors import work_calendar
from govit.documents.models import Document
from govit.orgs.models import User
from govit.projects.models import Project, StateChange


def _not_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def current_application(project: Project) -> StateChange | None:
    """The last lifecycle step into acceptance (the application a meeting answers)."""
    return (
        StateChange.objects.filter(project=project, to_state="acceptance")
        .order_by("-at", "-id")
        .first()
    )


def current_meeting(project: Project) -> Meeting | None:
    """The acceptance meeting of the present application, if it was recorded."""
    application = current_application(project)
    if application is None:
        return None
    return (
        Meeting.objects.filter(project=project, kind=MeetingKind.FINAL, application=application)
        .order_by("-id")
        .first()
    )


@transaction.atomic
def meeting_record(
    *,
    actor: User,
    project: Project,
    held_on: dt.date,
    result: str,
    participants: Sequence[ParticipantLine],
    report: Document | None = None,
    opinion: str = "",
    rectification_days: int | None = None,
) -> Meeting:
    """Record the acceptance meeting the competent department convened; a failed one sets the
    rectification deadline, counted in working days from the day after the meeting."""
    locked = locked_project(project)
    if not policies.meeting_record(actor, locked):
        raise NotPermitted(_("The competent department convenes and records the meeting."))
    if locked.state != "acceptance":
        raise AcceptanceRefused(
            _("A meeting is recorded while the project is applying for acceptance."),
            [Problem(message=_("Apply for acceptance first."), field="held_on")],
        )
    application = current_application(locked)
    if application is not None and current_meeting(locked) is not None:
        raise AcceptanceRefused(
            _("The meeting of this application is recorded already."),
            [Problem(message=_("Conclude it, or apply again after rectification."), field="")],
        )
    if result not in MeetingResult.values:
        raise ValidationError({"result": _("Choose passed or failed.")})
    _not_future(held_on, "held_on")
    if locked.acceptance_applied_on and held_on < locked.acceptance_applied_on:
        raise ValidationError(
            {"held_on": _("The meeting cannot be before the application for acceptance.")}
        )
    own_document(locked, report, "report")
    if result == MeetingResult.PASSED and report is None:
        raise ValidationError({"report": _("A passed acceptance needs its report.")})
    due: dt.date | None = None
    if result == MeetingResult.FAILED:
        if not rectification_days or rectification_days <= 0:
            raise ValidationError(
                {"rectification_days": _("Give the working days allowed for rectification.")}
            )
        due = work_calendar().add_working_days(held_on, rectification_days).date
    else:
        rectification_days = None
    rounds = Meeting.objects.filter(project=locked, kind=MeetingKind.FINAL).count()
    meeting = Meeting.objects.create(
        project=locked,
        kind=MeetingKind.FINAL,
        application=application,
        round=rounds + 1,
        held_on=held_on,
        result=result,
        opinion=opinion,
        report=report,
        rectification_days=rectification_days,
        rectification_due_on=due,
        recorded_by=actor,
    )
    add_participants(meeting, participants)
    if due is not None:
        # The rulebooks read the deadline from the project (Harbin 第二十九条 限期整改).
        locked.rectification_due_on = due
        locked.save(update_fields=["rectification_due_on", "updated_at"])
    audit.record(
        actor=actor,
        action="acceptance.meeting_record",
        obj=locked,
        after={
            "meeting": meeting.pk,
            "round": meeting.round,
            "held_on": held_on,
            "result": result,
            "participants": len(participants),
            "rectification_due_on": due,
        },
    )
    return meeting


@transaction.atomic
def acceptance_conclude(
    *, actor: User, project: Project, acknowledge_warnings: bool = False
) -> StateChange:
    """Take the lifecycle step the meeting's result calls for: rectification after a failure,
    operation after a pass. A failed project has no step into operation."""
    locked = locked_project(project)
    if not policies.acceptance_conclude(actor, locked):
        raise NotPermitted(_("You cannot conclude the acceptance of this project."))
    meeting = current_meeting(locked) if locked.state == "acceptance" else None
    if meeting is None:
        raise AcceptanceRefused(
            _("The acceptance meeting of this application is not recorded."),
            [Problem(message=_("Record the meeting first."), field="")],
        )
    target = "operation" if meeting.passed else "rectification"
    change = take_step(
        actor=actor,
        project=locked,
        to=target,
        acknowledge_warnings=acknowledge_warnings,
        note=meeting.opinion,
    )
    after: dict[str, object] = {"meeting": meeting.pk, "result": meeting.result, "state": target}
    if meeting.passed:
        # The step records today as the acceptance day; the acceptance is the meeting's day,
        # from which the filing period runs (Gaoping 第二十条 竣工验收后 30 个工作日内).
        locked.refresh_from_db(fields=["accepted_on"])
        if locked.accepted_on != meeting.held_on:
            locked.accepted_on = meeting.held_on
            locked.save(update_fields=["accepted_on", "updated_at"])
            after["accepted_on"] = meeting.held_on
    audit.record(actor=actor, action="acceptance.conclude", obj=locked, after=after)
    return change


def _passed(project: Project) -> None:
    if not project.acceptance_passed:
        raise AcceptanceRefused(
            _("The project has not passed acceptance."),
            [Problem(message=_("Conclude a passed acceptance first."), field="")],
        )


@transaction.atomic
def filing_record(
    *, actor: User, project: Project, filed_on: dt.date, report: Document | None = None
) -> Filing:
    """Record that the acceptance report was filed with the competent department."""
    locked = locked_project(project)
    if not policies.filing_record(actor, locked):
        raise NotPermitted(_("The competent department records the filing."))
    _passed(locked)
    if Filing.objects.filter(project=locked).exists():
        raise AcceptanceRefused(_("The acceptance report is filed already."))
    _not_future(filed_on, "filed_on")
    if locked.accepted_on and filed_on < locked.accepted_on:
        raise ValidationError({"filed_on": _("The filing cannot be before the acceptance.")})
    own_document(locked, report, "report")
    filing = Filing.objects.create(project=locked, filed_on=filed_on, report=report, filed_by=actor)
    locked.acceptance_filed_on = filed_on
    locked.save(update_fields=["acceptance_filed_on", "updated_at"])
    audit.record(
        actor=actor,
        action="acceptance.filing_record",
        obj=locked,
        after={"acceptance_filed_on": filed_on, "report": report.pk if report else None},
    )
    return filing


def _filing(project: Project) -> Filing:
    filing = Filing.objects.select_for_update().filter(project=project).first()
    if filing is None:
        raise AcceptanceRefused(
            _("The acceptance report is not filed yet."),
            [Problem(message=_("Record the filing first."), field="")],
        )
    return filing


@transaction.atomic
def finance_notice_send(*, actor: User, project: Project, sent_on: dt.date) -> Filing:
    """Record the written notice to finance after the filing."""
    locked = locked_project(project)
    if not policies.finance_notice_send(actor, locked):
        raise NotPermitted(_("The competent department notifies finance."))
    filing = _filing(locked)
    if filing.notice_sent_on is not None:
        raise AcceptanceRefused(_("Finance has been notified already."))
    _not_future(sent_on, "sent_on")
    if sent_on < filing.filed_on:
        raise ValidationError({"sent_on": _("The notice cannot be before the filing.")})
    filing.notice_sent_on = sent_on
    filing.notice_sent_by = actor
    filing.save(update_fields=["notice_sent_on", "notice_sent_by"])
    locked.finance_notified_on = sent_on
    locked.save(update_fields=["finance_notified_on", "updated_at"])
    audit.record(
        actor=actor,
        action="acceptance.finance_notice_send",
        obj=locked,
        after={"finance_notified_on": sent_on},
    )
    return filing


@transaction.atomic
def finance_notice_receive(*, actor: User, project: Project, received_on: dt.date) -> Filing:
    """Finance acknowledges the notice."""
    locked = locked_project(project)
    if not policies.finance_notice_receive(actor, locked):
        raise NotPermitted(_("Finance acknowledges the notice."))
    filing = _filing(locked)
    if filing.notice_sent_on is None:
        raise AcceptanceRefused(_("No notice has been sent to finance yet."))
    if filing.notice_received_on is not None:
        raise AcceptanceRefused(_("The notice has been acknowledged already."))
    _not_future(received_on, "received_on")
    if received_on < filing.notice_sent_on:
        raise ValidationError({"received_on": _("It cannot be received before it was sent.")})
    filing.notice_received_on = received_on
    filing.notice_received_by = actor
    filing.save(update_fields=["notice_received_on", "notice_received_by"])
    audit.record(
        actor=actor,
        action="acceptance.finance_notice_receive",
        obj=locked,
        after={"notice_received_on": received_on},
    )
    return filing


@transaction.atomic
def asset_book(
    *,
    actor: User,
    project: Project,
    asset_number: str,
    description: str,
    value: Decimal,
    booked_on: dt.date,
) -> Asset:
    """Book an asset of the accepted project (Wuhan 第二十二条 资产入账)."""
    locked = locked_project(project)
    if not policies.asset_book(actor, locked):
        raise NotPermitted(_("The project unit books the project's assets."))
    _passed(locked)
    _not_future(booked_on, "booked_on")
    if value < 0:
        raise ValidationError({"value": _("The value cannot be negative.")})
    asset_number = asset_number.strip()
    if Asset.objects.filter(project=locked, asset_number=asset_number).exists():
        raise ValidationError({"asset_number": _("This asset number is booked already.")})
    asset = Asset(
        project=locked,
        asset_number=asset_number,
        description=description,
        value=value,
        booked_on=booked_on,
        recorded_by=actor,
    )
    asset.full_clean()
    asset.save()
    if locked.assets_booked_on is None or booked_on < locked.assets_booked_on:
        locked.assets_booked_on = booked_on
        locked.save(update_fields=["assets_booked_on", "updated_at"])
    audit.record(
        actor=actor,
        action="acceptance.asset_book",
        obj=locked,
        after={"asset_number": asset_number, "value": value, "booked_on": booked_on},
    )
    return asset
