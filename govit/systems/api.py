"""REST API of the system catalogue: list, detail, create, update, and usage pushes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from govit.core import pages
from govit.core.api_types import Cursor, DatabaseId, api_page
from govit.core.permissions import permission
from govit.orgs.models import Organisation, User
from govit.systems import docking, funding, policies, selectors, services
from govit.systems.choices import UsageSource
from govit.systems.models import DockingRecord, System

router = Router(tags=["systems"])
MAX_LIMIT = 200


class ErrorItem(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


class SystemOut(Schema):
    id: int
    code: str
    name: str
    unit_id: int
    unit: str = Field(..., alias="unit.name")
    purpose: str
    users: str
    on_gov_cloud: bool
    network: str
    docked_service_platform: bool
    docked_data_platform: bool
    build_cost: Decimal
    om_cost: Decimal
    om_contract_expires_on: dt.date | None
    status: str
    mlps_level: int | None
    mlps_assessed_on: dt.date | None
    crypto_status: str
    crypto_assessed_on: dt.date | None
    shares_data: bool | None
    duplicate_collection: bool | None
    in_data_catalog: bool | None
    security_compliant: bool | None
    crypto_compliant: bool | None
    major_hazard: bool | None
    project_codes: list[str] = Field(..., alias="project_code_list")
    om_funding: str
    om_funding_article: str
    zombie_confirmed_on: dt.date | None


class SystemPage(Schema):
    count: int
    offset: int
    limit: int
    items: list[SystemOut]
    next: str | None = None


class SystemIn(Schema):
    """A system's catalogue entry; on update, only the fields given change."""

    code: str | None = None
    name: str | None = None
    unit_id: DatabaseId | None = None
    purpose: str | None = None
    users: str | None = None
    on_gov_cloud: bool | None = None
    network: Literal["extranet", "intranet", "internet"] | None = None
    docked_service_platform: bool | None = None
    docked_data_platform: bool | None = None
    build_cost: Decimal | None = None
    om_cost: Decimal | None = None
    om_contract_expires_on: dt.date | None = None
    status: str | None = None
    mlps_level: int | None = None
    mlps_assessed_on: dt.date | None = None
    crypto_status: str | None = None
    crypto_assessed_on: dt.date | None = None
    shares_data: bool | None = None
    duplicate_collection: bool | None = None
    in_data_catalog: bool | None = None
    security_compliant: bool | None = None
    crypto_compliant: bool | None = None
    major_hazard: bool | None = None
    project_codes: list[str] | None = None


class SystemFilters(Schema):
    unit: DatabaseId | None = None
    status: str | None = None
    cloud: Literal["yes", "no"] | None = None
    mlps_level: str | None = None
    om_funding: str | None = None
    q: str | None = None
    offset: int = Field(0, ge=0, le=2**31 - 1)
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    after: Cursor = ""


class UsageIn(Schema):
    month: dt.date = Field(..., description="any day of the month")
    logins: int = Field(0, ge=0)
    visits: int = Field(0, ge=0)
    api_calls: int = Field(0, ge=0)


class UsageOut(Schema):
    month: dt.date
    logins: int
    visits: int
    api_calls: int
    source: str


class FundingReasonOut(Schema):
    message: str
    severity: str
    article: str


class FundingEvaluationOut(Schema):
    """The owner unit's evaluation result the decision read, and the article it is read under."""

    year: int
    grade: str
    score: Decimal | None
    article: str


class FundingOut(Schema):
    decision: str
    rulebook: str
    article: str
    reasons: list[FundingReasonOut]
    evaluation: FundingEvaluationOut | None = None


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
        items = [ErrorItem(field="", message=message) for message in exc.messages]
    return ErrorOut(detail="invalid", errors=items)


def _data(actor: User, payload: SystemIn) -> dict[str, Any]:
    data = payload.dict(exclude_unset=True)
    if "unit_id" in data:
        unit = Organisation.objects.filter(pk=data.pop("unit_id")).first()
        if unit is None:
            raise ValidationError({"unit": "unknown organisation"})
        data["unit"] = unit
    if "project_codes" in data:
        data["project_codes"] = ", ".join(data["project_codes"] or [])
    for name in ("purpose", "users"):
        if name in data and data[name] is None:
            data[name] = ""
    return data


@router.get("/systems", response=SystemPage)
@permission("systems.view_catalogue")
def system_list(request: HttpRequest, filters: Query[SystemFilters]) -> dict[str, Any]:
    """The systems the caller may read, filtered, a page at a time."""
    if not policies.catalogue_read(_actor(request)):
        raise HttpError(403, "forbidden")
    params = filters.dict()
    offset, limit, after = params.pop("offset"), params.pop("limit"), params.pop("after")
    systems = selectors.system_list(actor=_actor(request), filters=params)
    page = api_page(systems, limit=limit, offset=offset, after=after)
    return {
        "count": pages.count(systems),
        "offset": offset,
        "limit": limit,
        "items": page.rows,
        "next": page.next,
    }


def _visible(request: HttpRequest, system_id: int) -> System | None:
    return selectors.system_get(actor=_actor(request), pk=system_id)


NOT_FOUND = ErrorOut(detail="not found")


@router.get("/systems/{system_id}", response={200: SystemOut, 404: ErrorOut})
@permission("systems.view_system")
def system_detail(request: HttpRequest, system_id: DatabaseId) -> Any:
    """One system (another unit's system answers 404)."""
    system = _visible(request, system_id)
    return Status(200, system) if system is not None else Status(404, NOT_FOUND)


@router.get("/systems/{system_id}/om-funding", response={200: FundingOut, 404: ErrorOut})
@permission("systems.view_system")
def system_funding(request: HttpRequest, system_id: DatabaseId) -> Any:
    """The active rulebook's O&M funding decision for the system, with the reasons."""
    system = _visible(request, system_id)
    if system is None:
        return Status(404, NOT_FOUND)
    result = funding.om_funding_evaluate(system)
    used, reason = result.evaluation, result.evaluation_reason
    evaluation = (
        {"year": used.year, "grade": used.grade, "score": used.score, "article": reason.article}
        if used is not None and reason is not None
        else None
    )
    return Status(
        200,
        {
            "decision": result.decision,
            "rulebook": result.rulebook,
            "article": result.article,
            "reasons": [r.__dict__ for r in result.reasons],
            "evaluation": evaluation,
        },
    )


@router.post("/systems", response={201: SystemOut, 403: ErrorOut, 422: ErrorOut})
@permission("systems.add_system")
def system_create(request: HttpRequest, payload: SystemIn) -> Any:
    """Register a system."""
    actor = _actor(request)
    try:
        system = services.system_create(actor=actor, data=_data(actor, payload))
    except PermissionDenied as exc:
        return Status(403, ErrorOut(detail=str(exc) or "forbidden"))
    except ValidationError as exc:
        return Status(422, _errors(exc))
    return Status(201, system)


@router.patch(
    "/systems/{system_id}", response={200: SystemOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
)
@permission("systems.change_system")
def system_update(request: HttpRequest, system_id: DatabaseId, payload: SystemIn) -> Any:
    """Change the fields given."""
    actor = _actor(request)
    system = _visible(request, system_id)
    if system is None:
        return Status(404, NOT_FOUND)
    try:
        system = services.system_update(actor=actor, system=system, data=_data(actor, payload))
    except PermissionDenied as exc:
        return Status(403, ErrorOut(detail=str(exc) or "forbidden"))
    except ValidationError as exc:
        return Status(422, _errors(exc))
    return Status(200, System.objects.select_related("unit").get(pk=system.pk))


@router.post(
    "/systems/{system_id}/usage",
    response={200: UsageOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
@permission("systems.record_usage")
def usage_push(request: HttpRequest, system_id: DatabaseId, payload: UsageIn) -> Any:
    """Report a month's usage figures (replaces what was reported for that month)."""
    actor = _actor(request)
    system = _visible(request, system_id)
    if system is None:
        return Status(404, NOT_FOUND)
    if not policies.usage_record(actor, system):
        return Status(403, ErrorOut(detail="forbidden"))
    try:
        usage = services.usage_record(
            actor=actor, system=system, source=UsageSource.API, **payload.dict()
        )
    except ValidationError as exc:
        return Status(422, _errors(exc))
    return Status(200, usage)


class DockingOut(Schema):
    id: int
    system_id: int
    platform: str
    docked_on: dt.date
    method: str
    reference: str
    evidence_name: str
    evidence_sm3: str
    note: str
    status: str
    recorded_by: str = Field(..., alias="recorded_by.username")
    recorded_at: dt.datetime
    confirmed_by: str | None = Field(None, alias="confirmed_by.username")
    confirmed_on: dt.date | None
    ended_on: dt.date | None


class DockingIn(Schema):
    """A docking record (the evidence file is uploaded on the system's page)."""

    platform: str
    docked_on: dt.date
    method: str
    reference: str = Field("", max_length=100)
    note: str = ""
    ended_on: dt.date | None = None


class DockingEndIn(Schema):
    ended_on: dt.date


def _docking_out(record: DockingRecord) -> DockingRecord:
    return DockingRecord.objects.select_related("recorded_by", "confirmed_by").get(pk=record.pk)


@router.get("/systems/{system_id}/docking", response={200: list[DockingOut], 404: ErrorOut})
@permission("systems.view_docking")
def docking_list(request: HttpRequest, system_id: DatabaseId) -> Any:
    """The system's docking records with the platforms it docked with."""
    system = _visible(request, system_id)
    if system is None:
        return Status(404, NOT_FOUND)
    return Status(200, list(selectors.docking_records(system=system)))


@router.post(
    "/systems/{system_id}/docking",
    response={201: DockingOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
@permission("systems.record_docking")
def docking_create(request: HttpRequest, system_id: DatabaseId, payload: DockingIn) -> Any:
    """Record a docking; it decides the system's docked fact once confirmed."""
    system = _visible(request, system_id)
    if system is None:
        return Status(404, NOT_FOUND)
    try:
        record = docking.docking_record(actor=_actor(request), system=system, **payload.dict())
    except PermissionDenied as exc:
        return Status(403, ErrorOut(detail=str(exc) or "forbidden"))
    except ValidationError as exc:
        return Status(422, _errors(exc))
    return Status(201, _docking_out(record))


@router.post(
    "/systems/docking/{record_id}/confirm",
    response={200: DockingOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
@permission("systems.confirm_docking")
def docking_confirm(request: HttpRequest, record_id: DatabaseId) -> Any:
    """Confirm a docking record (the competent department or the big-data centre)."""
    record = selectors.docking_get(actor=_actor(request), pk=record_id)
    if record is None:
        return Status(404, NOT_FOUND)
    try:
        record = docking.docking_confirm(actor=_actor(request), record=record)
    except PermissionDenied as exc:
        return Status(403, ErrorOut(detail=str(exc) or "forbidden"))
    except ValidationError as exc:
        return Status(422, _errors(exc))
    return Status(200, _docking_out(record))


@router.post(
    "/systems/docking/{record_id}/end",
    response={200: DockingOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
@permission("systems.end_docking")
def docking_end(request: HttpRequest, record_id: DatabaseId, payload: DockingEndIn) -> Any:
    """Record the day the docking ended (or the record was withdrawn)."""
    record = selectors.docking_get(actor=_actor(request), pk=record_id)
    if record is None:
        return Status(404, NOT_FOUND)
    try:
        record = docking.docking_end(actor=_actor(request), record=record, **payload.dict())
    except PermissionDenied as exc:
        return Status(403, ErrorOut(detail=str(exc) or "forbidden"))
    except ValidationError as exc:
        return Status(422, _errors(exc))
    return Status(200, _docking_out(record))
