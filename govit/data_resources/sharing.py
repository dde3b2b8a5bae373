"""Sharing requests between units: the competent department's check, the provider's answer,
their deadlines in working days, and the ruling on a disputed refusal (Gaoping practice).

The check is due ``GOVIT_SHARING_CHECK_DAYS`` working days after the request; an
unconditionally shared entry is granted at the check, a conditional one is forwarded to the
provider, who answers within ``GOVIT_SHARING_ANSWER_DAYS`` working days when the data is on the
platform, ``GOVIT_SHARING_PUBLISH_ANSWER_DAYS`` when it must be published first. A refusal needs
its reason; the competent department may overturn an unfounded refusal.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.calendar import WorkCalendar
from govit.core.selectors import work_calendar
from govit.data_resources import policies
from govit.data_resources.choices import RequestStatus, ResourceStatus, SharingType
from govit.data_resources.errors import NotAllowed, Refused
from govit.data_resources.models import DataResource, SharingRequest
from govit.orgs.models import Organisation, User


def check_due(submitted_on: dt.date, calendar: WorkCalendar) -> tuple[dt.date, bool]:
    due = calendar.add_working_days(submitted_on, settings.GOVIT_SHARING_CHECK_DAYS)
    return due.date, due.provisional


def answer_due(
    checked_on: dt.date, resource: DataResource, calendar: WorkCalendar
) -> tuple[dt.date, bool]:
    days = (
        settings.GOVIT_SHARING_ANSWER_DAYS
        if resource.data_listed
        else settings.GOVIT_SHARING_PUBLISH_ANSWER_DAYS
    )
    due = calendar.add_working_days(checked_on, days)
    return due.date, due.provisional


def _state(request: SharingRequest) -> dict[str, object]:
    return {
        "status": request.status,
        "check_due": str(request.check_due),
        "answer_due": str(request.answer_due) if request.answer_due else None,
        "reason": request.reason,
    }


@transaction.atomic
def sharing_request_create(
    *,
    actor: User,
    resource: DataResource,
    requester: Organisation,
    purpose: str,
    today: dt.date | None = None,
) -> SharingRequest:
    """A unit asks for another unit's published, shareable data."""
    if not policies.sharing_request_create(actor) or requester.pk not in actor.organisation_ids:
        raise NotAllowed(_("Only a unit asks for data, for itself."))
    if resource.status != ResourceStatus.PUBLISHED:
        raise Refused(_("Only published entries can be requested."))
    if resource.sharing_type == SharingType.NONE:
        raise Refused(
            _("This entry is not shared: %(basis)s") % {"basis": resource.no_sharing_basis}
        )
    if resource.unit_id == requester.pk:
        raise Refused(_("A unit does not request its own data."))
    if not purpose.strip():
        raise ValidationError({"purpose": _("Say what the data is for and on what basis.")})
    day = today or timezone.localdate()
    due, provisional = check_due(day, work_calendar())
    request = SharingRequest.objects.create(
        resource=resource,
        requester=requester,
        requested_by=actor,
        purpose=purpose.strip(),
        submitted_on=day,
        check_due=due,
        provisional=provisional,
    )
    audit.record(actor=actor, action="sharing_request.create", obj=request, after=_state(request))
    return request


def _locked(request: SharingRequest) -> SharingRequest:
    return SharingRequest.objects.select_for_update().select_related("resource").get(pk=request.pk)


@transaction.atomic
def sharing_request_check(
    *, actor: User, request: SharingRequest, today: dt.date | None = None
) -> SharingRequest:
    """The competent department checks a request: unconditional data is granted, conditional
    data is forwarded to the provider with its answer deadline."""
    if not policies.sharing_request_check(actor, request):
        raise NotAllowed(_("Only the competent department checks sharing requests."))
    request = _locked(request)
    if request.status != RequestStatus.PENDING_CHECK:
        raise Refused(_("This request was already checked."))
    before = _state(request)
    day = today or timezone.localdate()
    request.checked_on = day
    if request.resource.sharing_type == SharingType.UNCONDITIONAL:
        request.status = RequestStatus.GRANTED
        request.answered_on = day
    else:
        request.status = RequestStatus.FORWARDED
        due, provisional = answer_due(day, request.resource, work_calendar())
        request.answer_due = due
        request.provisional = request.provisional or provisional
    request.save()
    audit.record(
        actor=actor,
        action="sharing_request.check",
        obj=request,
        before=before,
        after=_state(request),
    )
    return request


@transaction.atomic
def sharing_request_answer(
    *,
    actor: User,
    request: SharingRequest,
    grant: bool,
    reason: str = "",
    today: dt.date | None = None,
) -> SharingRequest:
    """The provider grants a forwarded request or refuses it with the reason."""
    if not policies.sharing_request_answer(actor, request):
        raise NotAllowed(_("Only the provider unit answers requests for its data."))
    request = _locked(request)
    if request.status != RequestStatus.FORWARDED:
        raise Refused(_("Only a forwarded request can be answered."))
    if not grant and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the refusal.")})
    before = _state(request)
    request.answered_on = today or timezone.localdate()
    request.status = RequestStatus.GRANTED if grant else RequestStatus.REFUSED
    request.reason = reason.strip()
    request.save()
    audit.record(
        actor=actor,
        action="sharing_request.answer",
        obj=request,
        before=before,
        after=_state(request),
    )
    return request


@transaction.atomic
def sharing_request_arbitrate(
    *, actor: User, request: SharingRequest, uphold: bool, note: str
) -> SharingRequest:
    """The competent department rules on a refusal: upheld, or overturned as unfounded (the
    provider then counts as not sharing data as required)."""
    if not policies.sharing_request_arbitrate(actor, request):
        raise NotAllowed(_("Only the competent department rules on refusals."))
    request = _locked(request)
    if request.status != RequestStatus.REFUSED:
        raise Refused(_("Only a refusal can be ruled on."))
    if not note.strip():
        raise ValidationError({"note": _("Give the grounds of the ruling.")})
    before = _state(request)
    request.arbitration_note = note.strip()
    if not uphold:
        request.status = RequestStatus.OVERTURNED
    request.save()
    audit.record(
        actor=actor,
        action="sharing_request.arbitrate",
        obj=request,
        before=before,
        after={**_state(request), "upheld": uphold},
    )
    return request
