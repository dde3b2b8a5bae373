"""REST API of the data-resource catalogue: entries, their review and publication, the sharing
and open catalogues, and sharing requests."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from govit.core import pages
from govit.core.api_types import Cursor, DatabaseId, api_page
from govit.core.permissions import SIGNED_IN, permission
from govit.data_resources import policies, selectors, services, sharing
from govit.data_resources.errors import Refused
from govit.data_resources.models import DataResource
from govit.orgs.models import Organisation, User
from govit.systems.models import System

router = Router(tags=["data_resources"])
MAX_LIMIT = 200


class ErrorItem(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    detail: str
    errors: list[ErrorItem] = []


class ItemSchema(Schema):
    name: str
    data_type: str
    length: int | None = None
    grade: str


class ResourceOut(Schema):
    id: int
    classification: str
    code: str
    name: str
    unit_id: int
    summary: str
    format: str
    sharing_type: str
    sharing_condition: str
    no_sharing_basis: str
    sharing_method: str
    open_type: str
    open_condition: str
    desensitised: bool
    update_cycle: str
    released_on: dt.date | None
    related_codes: list[str] = Field(..., alias="related_code_list")
    source_system_id: int | None
    data_owner: str
    data_listed: bool
    grade: str
    status: str


class ResourceDetailOut(ResourceOut):
    items: list[ItemSchema]


class ResourcePage(Schema):
    count: int
    offset: int
    limit: int
    items: list[ResourceOut]
    next: str | None = None


class ResourceIn(Schema):
    """An entry's metadata; on update only the fields given change."""

    classification: str | None = None
    code: str | None = None
    name: str | None = None
    unit_id: DatabaseId | None = None
    summary: str | None = None
    format: str | None = None
    sharing_type: str | None = None
    sharing_condition: str | None = None
    no_sharing_basis: str | None = None
    sharing_method: str | None = None
    open_type: str | None = None
    open_condition: str | None = None
    desensitised: bool | None = None
    update_cycle: str | None = None
    released_on: dt.date | None = None
    related_codes: list[str] | None = None
    source_system_id: DatabaseId | None = None
    data_owner: str | None = None
    data_listed: bool | None = None
    items: list[ItemSchema] | None = None


class DuplicateIn(Schema):
    duplicate_of_id: DatabaseId | None


class MoveIn(Schema):
    action: Literal["submit", "approve", "return", "publish", "withdraw"]
    note: str = ""


class Filters(Schema):
    catalogue: Literal["all", "sharing", "open"] = "all"
    status: str | None = None
    sharing_type: str | None = None
    grade: str | None = None
    unit: DatabaseId | None = None
    system: DatabaseId | None = None
    q: str | None = None
    offset: int = Field(0, ge=0)
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    after: Cursor = ""


class RequestIn(Schema):
    purpose: str
    requester_id: DatabaseId


class RequestOut(Schema):
    id: int
    resource_id: int
    requester_id: int
    purpose: str
    submitted_on: dt.date
    check_due: dt.date
    checked_on: dt.date | None
    answer_due: dt.date | None
    answered_on: dt.date | None
    status: str
    reason: str
    arbitration_note: str
    provisional: bool


class AnswerIn(Schema):
    grant: bool
    reason: str = ""


class RulingIn(Schema):
    uphold: bool
    note: str


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


def _refused(exc: Refused) -> ErrorOut:
    return ErrorOut(detail=exc.detail, errors=[ErrorItem(field=exc.field, message=exc.detail)])


NOT_FOUND = ErrorOut(detail="not found")


def _data(payload: ResourceIn) -> tuple[dict[str, Any], list[dict[str, Any]] | None]:
    data = payload.dict(exclude_unset=True)
    items = data.pop("items", None)
    if "unit_id" in data:
        unit = Organisation.objects.filter(pk=data.pop("unit_id")).first()
        if unit is None:
            raise ValidationError({"unit": "unknown organisation"})
        data["unit"] = unit
    if "source_system_id" in data:
        system_id = data.pop("source_system_id")
        data["source_system"] = System.objects.filter(pk=system_id).first() if system_id else None
        if system_id and data["source_system"] is None:
            raise ValidationError({"source_system": "unknown system"})
    if "related_codes" in data:
        data["related_codes"] = ",".join(data["related_codes"] or [])
    for name in ("sharing_condition", "no_sharing_basis", "open_condition", "sharing_method"):
        if name in data and data[name] is None:
            data[name] = ""
    return data, items


def _run(call: Any, ok: int = 200) -> Any:
    try:
        return Status(ok, call())
    except PermissionDenied as exc:
        return Status(403, ErrorOut(detail=str(exc) or "forbidden"))
    except ValidationError as exc:
        return Status(422, _errors(exc))
    except Refused as exc:
        return Status(409, _refused(exc))


def _detail(resource: DataResource) -> DataResource:
    return DataResource.objects.prefetch_related("items").get(pk=resource.pk)


@router.get("/data-resources", response=ResourcePage)
@permission("data_resources.catalogue_read")
def resource_list(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    """Entries the caller may read, or the sharing or open catalogue, a page at a time."""
    if not policies.catalogue_read(_actor(request)):
        raise HttpError(403, "forbidden")
    params = filters.dict()
    offset, limit, catalogue = params.pop("offset"), params.pop("limit"), params.pop("catalogue")
    after = params.pop("after")
    resources = selectors.resource_list(actor=_actor(request), filters=params, catalogue=catalogue)
    page = api_page(resources, limit=limit, offset=offset, after=after)
    return {
        "count": pages.count(resources),
        "offset": offset,
        "limit": limit,
        "items": page.rows,
        "next": page.next,
    }


@router.get("/data-resources/{resource_id}", response={200: ResourceDetailOut, 404: ErrorOut})
@permission(SIGNED_IN)
def resource_detail(request: HttpRequest, resource_id: DatabaseId) -> Any:
    """One entry with its data items (another unit's unpublished entry answers 404)."""
    resource = selectors.resource_get(actor=_actor(request), pk=resource_id)
    return Status(200, _detail(resource)) if resource else Status(404, NOT_FOUND)


@router.post(
    "/data-resources",
    response={201: ResourceDetailOut, 403: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
@permission("data_resources.resource_create")
def resource_create(request: HttpRequest, payload: ResourceIn) -> Any:
    """Compile an entry (a draft) with its data items."""

    def call() -> DataResource:
        data, items = _data(payload)
        created = services.resource_create(actor=_actor(request), data=data, items=items or [])
        return _detail(created)

    return _run(call, 201)


@router.patch(
    "/data-resources/{resource_id}",
    response={200: ResourceDetailOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
@permission("data_resources.resource_update")
def resource_update(request: HttpRequest, resource_id: DatabaseId, payload: ResourceIn) -> Any:
    """Change a draft, returned or withdrawn entry."""
    resource = selectors.resource_get(actor=_actor(request), pk=resource_id)
    if resource is None:
        return Status(404, NOT_FOUND)

    def call() -> DataResource:
        data, items = _data(payload)
        services.resource_update(actor=_actor(request), resource=resource, data=data, items=items)
        return _detail(resource)

    return _run(call)


@router.post(
    "/data-resources/{resource_id}/moves",
    response={200: ResourceOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
@permission(
    "data_resources.resource_submit",
    "data_resources.resource_review",
    "data_resources.resource_publish",
    "data_resources.resource_withdraw",
)
def resource_move(request: HttpRequest, resource_id: DatabaseId, payload: MoveIn) -> Any:
    """Submit, approve, return, publish or withdraw an entry."""
    actor = _actor(request)
    resource = selectors.resource_get(actor=actor, pk=resource_id)
    if resource is None:
        return Status(404, NOT_FOUND)
    calls = {
        "submit": lambda: services.resource_submit(
            actor=actor, resource=resource, note=payload.note
        ),
        "approve": lambda: services.resource_review(
            actor=actor, resource=resource, approve=True, note=payload.note
        ),
        "return": lambda: services.resource_review(
            actor=actor, resource=resource, approve=False, note=payload.note
        ),
        "publish": lambda: services.resource_publish(
            actor=actor, resource=resource, note=payload.note
        ),
        "withdraw": lambda: services.resource_withdraw(
            actor=actor, resource=resource, note=payload.note
        ),
    }
    return _run(calls[payload.action])


@router.post(
    "/data-resources/{resource_id}/duplicate",
    response={200: ResourceOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
)
@permission("data_resources.resource_review")
def resource_duplicate(request: HttpRequest, resource_id: DatabaseId, payload: DuplicateIn) -> Any:
    """The competent department records that an entry collects again another unit's data."""
    actor = _actor(request)
    resource = selectors.resource_get(actor=actor, pk=resource_id)
    original = (
        selectors.resource_get(actor=actor, pk=payload.duplicate_of_id)
        if payload.duplicate_of_id
        else None
    )
    if resource is None or (payload.duplicate_of_id and original is None):
        return Status(404, NOT_FOUND)
    return _run(
        lambda: services.resource_mark_duplicate(
            actor=actor, resource=resource, duplicate_of=original
        )
    )


@router.get("/sharing-requests", response=list[RequestOut])
@permission("data_resources.catalogue_read")
def request_list(request: HttpRequest, status: str | None = None) -> Any:
    """Requests the caller's units made or received (all of them for oversight roles)."""
    if not policies.catalogue_read(_actor(request)):
        raise HttpError(403, "forbidden")
    return list(selectors.request_list(actor=_actor(request), status=status)[:MAX_LIMIT])


@router.post(
    "/data-resources/{resource_id}/sharing-requests",
    response={201: RequestOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
)
@permission("data_resources.sharing_request_create")
def request_create(request: HttpRequest, resource_id: DatabaseId, payload: RequestIn) -> Any:
    """Ask for a published entry's data on behalf of one of the caller's units."""
    actor = _actor(request)
    resource = selectors.resource_get(actor=actor, pk=resource_id)
    requester = Organisation.objects.filter(pk=payload.requester_id).first()
    if resource is None or requester is None:
        return Status(404, NOT_FOUND)
    return _run(
        lambda: sharing.sharing_request_create(
            actor=actor, resource=resource, requester=requester, purpose=payload.purpose
        ),
        201,
    )


def _request_action(request: HttpRequest, request_id: int, call: Any) -> Any:
    found = selectors.request_get(actor=_actor(request), pk=request_id)
    if found is None:
        return Status(404, NOT_FOUND)
    return _run(lambda: call(found))


RESPONSES = {200: RequestOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.post("/sharing-requests/{request_id}/check", response=RESPONSES)
@permission("data_resources.sharing_request_check")
def request_check(request: HttpRequest, request_id: DatabaseId) -> Any:
    """The competent department's check: grant unconditional data or forward to the provider."""
    return _request_action(
        request,
        request_id,
        lambda found: sharing.sharing_request_check(actor=_actor(request), request=found),
    )


@router.post("/sharing-requests/{request_id}/answer", response=RESPONSES)
@permission("data_resources.sharing_request_answer")
def request_answer(request: HttpRequest, request_id: DatabaseId, payload: AnswerIn) -> Any:
    """The provider's answer: grant, or refuse with the reason."""
    return _request_action(
        request,
        request_id,
        lambda found: sharing.sharing_request_answer(
            actor=_actor(request), request=found, grant=payload.grant, reason=payload.reason
        ),
    )


@router.post("/sharing-requests/{request_id}/ruling", response=RESPONSES)
@permission("data_resources.sharing_request_arbitrate")
def request_ruling(request: HttpRequest, request_id: DatabaseId, payload: RulingIn) -> Any:
    """The competent department upholds a refusal or overturns it as unfounded."""
    return _request_action(
        request,
        request_id,
        lambda found: sharing.sharing_request_arbitrate(
            actor=_actor(request), request=found, uphold=payload.uphold, note=payload.note
        ),
    )
