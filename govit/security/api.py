"""REST API of the security registers: a system's registers with its duties, records of
gradings, assessments, contracts, incidents and drills, and the overdue duties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from govit.core.api_types import DatabaseId
from govit.core.permissions import permission
from govit.core.selectors import work_calendar
from govit.orgs.models import User
from govit.security import overdue, policies, selectors, services

MAX_LIMIT = 200

router = Router(tags=["security"])


class ErrorItem(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


class GradingIn(Schema):
    business_level: int
    service_level: int
    graded_on: dt.date
    filing_number: str = ""
    filed_on: dt.date | None = None


class GradingOut(GradingIn):
    id: int
    level: int


class AssessmentIn(Schema):
    kind: str
    done_on: dt.date
    agency: str = ""
    conclusion: str = ""
    score: Decimal | None = None
    high_risks: int = 0
    remediated_on: dt.date | None = None
    summary: str = ""


class AssessmentOut(AssessmentIn):
    id: int


class ContractIn(Schema):
    vendor: str
    reference: str = ""
    starts_on: dt.date
    ends_on: dt.date
    security_test: bool = True
    crypto: bool = True
    risk: bool = True


class ContractOut(ContractIn):
    id: int


class IncidentIn(Schema):
    occurred_at: dt.datetime
    severity: str = "general"
    symptoms: str
    handling: str = ""
    reported_to: str = ""
    reported_on: dt.date | None = None
    closed_on: dt.date | None = None


class IncidentOut(IncidentIn):
    id: int


class DrillIn(Schema):
    held_on: dt.date
    scenario: str
    participants: str = ""
    record: str
    findings: str = ""


class DrillOut(DrillIn):
    id: int


class DutyOut(Schema):
    kind: str
    due: dt.date
    overdue: bool
    basis: str
    last_done: dt.date | None


class RegisterOut(Schema):
    system_id: int
    grading: GradingOut | None
    assessments: list[AssessmentOut]
    incidents: list[IncidentOut]
    duties: list[DutyOut]
    facts: dict[str, bool | None]


class OverdueOut(Schema):
    system_id: int
    system: str
    unit: str
    duty: DutyOut


class OverduePage(Schema):
    count: int
    offset: int
    limit: int
    items: list[OverdueOut]


class OverduePaging(Schema):
    offset: int = Field(0, ge=0, le=2**31 - 1)
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _errors(exc: ValidationError) -> ErrorOut:
    if hasattr(exc, "error_dict"):
        items = [
            ErrorItem(field="" if name == NON_FIELD_ERRORS else name, message=message)
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        items = [ErrorItem(field="", message=m) for m in exc.messages]
    return ErrorOut(detail="invalid", errors=items)


NOT_FOUND = ErrorOut(detail="not found")


@router.get("/security/systems/{system_id}", response={200: RegisterOut, 404: ErrorOut})
@permission("security.register_view")
def system_register(request: HttpRequest, system_id: DatabaseId) -> Any:
    """A system's registers, its dated duties and the facts they decide."""
    system = selectors.system_get(actor=_actor(request), pk=system_id)
    if system is None:
        return Status(404, NOT_FOUND)
    register = selectors.registers([system], today=timezone.localdate(), calendar=work_calendar())[
        system.pk
    ]
    return Status(
        200,
        {
            "system_id": system.pk,
            "grading": register.grading,
            "assessments": register.assessments,
            "incidents": register.incidents,
            "duties": [d.__dict__ for d in register.duties],
            "facts": register.facts,
        },
    )


def _record(request: HttpRequest, system_id: int, service: Any, payload: Schema) -> Any:
    actor = _actor(request)
    system = selectors.system_get(actor=actor, pk=system_id)
    if system is None:
        return Status(404, NOT_FOUND)
    try:
        return Status(201, service(actor=actor, system=system, data=payload.dict()))
    except PermissionDenied as exc:
        return Status(403, ErrorOut(detail=str(exc) or "forbidden"))
    except ValidationError as exc:
        return Status(422, _errors(exc))


def _responses(out: type[Schema]) -> dict[int, type[Schema]]:
    return {201: out, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.post("/security/systems/{system_id}/gradings", response=_responses(GradingOut))
@permission("security.register_view", "security.grading_record")
def grading_record(request: HttpRequest, system_id: DatabaseId, payload: GradingIn) -> Any:
    """Record a grading (the level is the higher of the two grades) and its filing."""
    return _record(request, system_id, services.grading_record, payload)


@router.post("/security/systems/{system_id}/assessments", response=_responses(AssessmentOut))
@permission("security.register_view", "security.assessment_record")
def assessment_record(request: HttpRequest, system_id: DatabaseId, payload: AssessmentIn) -> Any:
    """Record an assessment or test with its conclusion."""
    return _record(request, system_id, services.assessment_record, payload)


@router.post("/security/systems/{system_id}/contracts", response=_responses(ContractOut))
@permission("security.register_view", "security.contract_record")
def contract_record(request: HttpRequest, system_id: DatabaseId, payload: ContractIn) -> Any:
    """Record a service contract with its yearly testing duties (Bijie 第二十八条)."""
    return _record(request, system_id, services.contract_record, payload)


@router.post("/security/systems/{system_id}/incidents", response=_responses(IncidentOut))
@permission("security.register_view", "security.incident_record")
def incident_record(request: HttpRequest, system_id: DatabaseId, payload: IncidentIn) -> Any:
    """Record an incident (Gaoping 第三十二条)."""
    return _record(request, system_id, services.incident_record, payload)


@router.post("/security/systems/{system_id}/drills", response=_responses(DrillOut))
@permission("security.register_view", "security.drill_record")
def drill_record(request: HttpRequest, system_id: DatabaseId, payload: DrillIn) -> Any:
    """Record a drill of the emergency plan."""
    return _record(request, system_id, services.drill_record, payload)


class IncidentPatch(Schema):
    handling: str | None = None
    reported_to: str | None = None
    reported_on: dt.date | None = None
    closed_on: dt.date | None = None


@router.patch(
    "/security/incidents/{incident_id}",
    response={200: IncidentOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
@permission("security.incident_update")
def incident_update(request: HttpRequest, incident_id: DatabaseId, payload: IncidentPatch) -> Any:
    """Complete an incident's record: handling, report, closure (only the fields given)."""
    actor = _actor(request)
    incident = selectors.incident_list(actor=actor).filter(pk=incident_id).first()
    if incident is None:
        return Status(404, NOT_FOUND)
    try:
        data = payload.dict(exclude_unset=True)
        return Status(200, services.incident_update(actor=actor, incident=incident, data=data))
    except PermissionDenied as exc:
        return Status(403, ErrorOut(detail=str(exc) or "forbidden"))
    except ValidationError as exc:
        return Status(422, _errors(exc))


@router.get("/security/overdue", response=OverduePage)
@permission("security.overdue_list_read")
def overdue_list(request: HttpRequest, paging: Query[OverduePaging]) -> Any:
    """Every overdue duty of the systems the caller may read (competent department, oversight),
    the earliest due first, a page at a time."""
    actor = _actor(request)
    if not policies.overdue_list_read(actor):
        raise HttpError(403, "forbidden")
    total, rows = overdue.overdue_page(
        actor=actor,
        today=timezone.localdate(),
        calendar=work_calendar(),
        offset=paging.offset,
        limit=paging.limit,
    )
    return {
        "count": total,
        "offset": paging.offset,
        "limit": paging.limit,
        "items": [
            {
                "system_id": row.system.pk,
                "system": row.system.name,
                "unit": row.system.unit.name,
                "duty": row.duty.__dict__,
            }
            for row in rows
        ],
    }
