"""REST API of the expert pool and reviews: the same services and selectors as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from govit.core.api_types import Cursor, DatabaseId, api_page, link_next_page
from govit.core.permissions import permission
from govit.orgs.models import Organisation, User
from govit.projects.selectors import visible_projects
from govit.reviews import policies, selectors, services
from govit.reviews.errors import DrawError, NotAllowed
from govit.reviews.models import Expert, Review

# The most reviews one page of the list holds.
PAGE_LIMIT = 200

router = Router(tags=["reviews"])


class ErrorOut(Schema):
    detail: str
    errors: list[dict[str, str]] = []


NOT_FOUND = ErrorOut(detail="not found")


class ExpertOut(Schema):
    id: int
    name: str
    organisation_id: int
    specialties: list[str]
    available: bool
    unavailable_reason: str
    unavailable_until: dt.date | None
    performance: Decimal | None
    reviews_done: int


class ExpertIn(Schema):
    """A pool entry; on update, only the fields given change."""

    user_id: DatabaseId | None = None
    name: str | None = None
    organisation_id: DatabaseId | None = None
    specialties: list[str] | None = None
    phone: str | None = None
    available: bool | None = None
    unavailable_reason: str | None = None
    unavailable_until: dt.date | None = None


class SignOffOut(Schema):
    role: str
    signed: bool
    signed_at: dt.datetime | None


class ReviewOut(Schema):
    id: int
    project_id: int
    kind: str
    status: str
    criteria: list[dict[str, str]]
    review_on: dt.date
    due_on: dt.date | None
    due_article: str
    specialty_mix: dict[str, int]
    reserve_count: int
    drawn: int
    submitted: int
    result: dict[str, Any] | None
    signoff_mode: str
    signoffs: list[SignOffOut]


class ReviewIn(Schema):
    project_id: DatabaseId
    kind: str
    review_on: dt.date
    specialty_mix: dict[str, int]
    reserve_count: int = 0
    outlier_distance: int = 20


class ScoreIn(Schema):
    scores: dict[str, int]
    opinion: str


class ReplaceIn(Schema):
    expert_id: DatabaseId
    reason: str


class SignIn(Schema):
    note: str = ""


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _out(review: Review) -> dict[str, Any]:
    seats = list(review.assignments.all())
    entries = list(review.signoffs.all())
    return {
        "id": review.pk,
        "project_id": review.project_id,
        "kind": review.kind,
        "status": review.status,
        "criteria": review.criteria,
        "review_on": review.review_on,
        "due_on": review.due_on,
        "due_article": review.due_article,
        "specialty_mix": review.specialty_mix,
        "reserve_count": review.reserve_count,
        "drawn": sum(1 for s in seats if not s.reserve),
        "submitted": sum(1 for s in seats if not s.reserve and s.submitted_at),
        # Sealed until every drawn expert has submitted (result is empty until then).
        "result": None if review.is_sealed() else review.result,
        "signoff_mode": review.signoff_mode,
        "signoffs": [
            {"role": e.role, "signed": e.signed_at is not None, "signed_at": e.signed_at}
            for e in entries
        ],
    }


@router.get("/experts", response=list[ExpertOut])
@permission("reviews.expert_pool_read")
def expert_list(request: HttpRequest) -> Any:
    """The expert pool (the competent department only)."""
    if not policies.expert_pool_read(_actor(request)):
        raise HttpError(403, "forbidden")
    return list(selectors.expert_list(actor=_actor(request))[:500])


@router.get("/experts/{expert_id}", response={200: ExpertOut, 404: ErrorOut})
@permission("reviews.expert_pool_read")
def expert_detail(request: HttpRequest, expert_id: DatabaseId) -> Any:
    expert = selectors.expert_get(actor=_actor(request), pk=expert_id)
    return Status(200, expert) if expert is not None else Status(404, NOT_FOUND)


EXPERT_WRITE = {200: ExpertOut, 201: ExpertOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.post("/experts", response=EXPERT_WRITE)
@permission("reviews.expert_create")
def expert_create(request: HttpRequest, payload: ExpertIn) -> Any:
    """Add a user holding the expert role to the pool."""
    actor = _actor(request)
    if not policies.expert_create(actor):
        return Status(403, ErrorOut(detail="forbidden"))
    user = User.objects.filter(pk=payload.user_id or 0).first()
    organisation = Organisation.objects.filter(pk=payload.organisation_id or 0).first()
    if user is None or organisation is None or not payload.name:
        return Status(422, ErrorOut(detail="user_id, name and organisation_id are required"))
    try:
        expert = services.expert_create(
            actor=actor,
            user=user,
            name=payload.name,
            organisation=organisation,
            specialties=payload.specialties or [],
            phone=payload.phone or "",
        )
    except ValueError as exc:
        return Status(422, ErrorOut(detail=str(exc)))
    return Status(201, expert)


@router.patch("/experts/{expert_id}", response=EXPERT_WRITE)
@permission("reviews.expert_update")
def expert_update(request: HttpRequest, expert_id: DatabaseId, payload: ExpertIn) -> Any:
    """Change an expert's record or availability (unavailable needs a reason)."""
    actor = _actor(request)
    expert = selectors.expert_get(actor=actor, pk=expert_id)
    if expert is None:
        return Status(404, NOT_FOUND)
    organisation = None
    if payload.organisation_id is not None:
        organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
        if organisation is None:
            return Status(422, ErrorOut(detail="unknown organisation"))
    try:
        expert = services.expert_update(
            actor=actor,
            expert=expert,
            name=payload.name,
            organisation=organisation,
            specialties=payload.specialties,
            phone=payload.phone,
            available=payload.available,
            unavailable_reason=payload.unavailable_reason,
            unavailable_until=payload.unavailable_until,
        )
    except NotAllowed as exc:
        return Status(403, ErrorOut(detail=str(exc)))
    except ValueError as exc:
        return Status(422, ErrorOut(detail=str(exc)))
    return Status(200, expert)


@router.get("/reviews", response=list[ReviewOut])
@permission("reviews.review_list")
def review_list(
    request: HttpRequest,
    response: HttpResponse,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT)] = 50,
    after: Cursor = "",
) -> Any:
    """The reviews the caller may read (an expert's: those they are drawn for), newest first.
    The list is a bare array, so the next page's address, when more rows follow, is in the
    ``Link`` header (``rel="next"``, with ``after``)."""
    reviews = (
        selectors.review_list(actor=_actor(request))
        .prefetch_related("assignments", "signoffs")
        .order_by("-pk")
    )
    page = api_page(reviews, limit=limit, offset=offset, after=after)
    link_next_page(request, response, page)
    return [_out(r) for r in page.rows]


@router.post("/reviews", response={201: ReviewOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut})
@permission("reviews.review_create")
def review_create(request: HttpRequest, payload: ReviewIn) -> Any:
    """Open a review of a project."""
    actor = _actor(request)
    project = visible_projects(actor).filter(pk=payload.project_id).first()
    if project is None:
        return Status(404, NOT_FOUND)
    try:
        review = services.review_create(
            actor=actor,
            project=project,
            kind=payload.kind,
            review_on=payload.review_on,
            specialty_mix=payload.specialty_mix,
            reserve_count=payload.reserve_count,
            outlier_distance=payload.outlier_distance,
        )
    except NotAllowed as exc:
        return Status(403, ErrorOut(detail=str(exc)))
    except ValueError as exc:
        return Status(422, ErrorOut(detail=str(exc)))
    return Status(201, _out(review))


@router.get("/reviews/{review_id}", response={200: ReviewOut, 404: ErrorOut})
@permission("reviews.review_view")
def review_detail(request: HttpRequest, review_id: DatabaseId) -> Any:
    review = selectors.review_get(actor=_actor(request), pk=review_id)
    return Status(200, _out(review)) if review is not None else Status(404, NOT_FOUND)


def _act(request: HttpRequest, review_id: int, action: str, payload: Any = None) -> Any:
    actor = _actor(request)
    review = selectors.review_get(actor=actor, pk=review_id)
    if review is None:
        return Status(404, NOT_FOUND)
    try:
        if action == "draw":
            services.review_draw(actor=actor, review=review)
        elif action == "score":
            if selectors.own_seat(actor=actor, review=review) is None:
                return Status(404, NOT_FOUND)
            services.assignment_score(
                actor=actor, review=review, scores=payload.scores, opinion=payload.opinion
            )
        elif action == "replace":
            expert = Expert.objects.filter(pk=payload.expert_id).first()
            if expert is None:
                return Status(422, ErrorOut(detail="unknown expert"))
            services.assignment_replace(
                actor=actor, review=review, expert=expert, reason=payload.reason
            )
        elif action == "sign":
            services.signoff_sign(actor=actor, review=review, note=payload.note)
        else:
            services.review_close(actor=actor, review=review)
    except NotAllowed as exc:
        return Status(403, ErrorOut(detail=str(exc)))
    except (DrawError, ValueError) as exc:
        return Status(422, ErrorOut(detail=str(exc)))
    fresh = Review.objects.get(pk=review.pk)
    return Status(200, _out(fresh))


ACTION = {200: ReviewOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.post("/reviews/{review_id}/draw", response=ACTION)
@permission("reviews.review_view", "reviews.review_draw")
def review_draw(request: HttpRequest, review_id: DatabaseId) -> Any:
    """Draw the experts and reserves (the seed and candidates go to the audit trail)."""
    return _act(request, review_id, "draw")


@router.post("/reviews/{review_id}/scores", response=ACTION)
@permission("reviews.review_view", "reviews.assignment_score")
def assignment_score(request: HttpRequest, review_id: DatabaseId, payload: ScoreIn) -> Any:
    """A drawn expert submits their scores and opinion."""
    return _act(request, review_id, "score", payload)


@router.post("/reviews/{review_id}/replace", response=ACTION)
@permission("reviews.review_view", "reviews.assignment_replace")
def assignment_replace(request: HttpRequest, review_id: DatabaseId, payload: ReplaceIn) -> Any:
    """A drawn expert withdraws; the first reserve takes the seat."""
    return _act(request, review_id, "replace", payload)


@router.post("/reviews/{review_id}/sign", response=ACTION)
@permission("reviews.review_view", "reviews.signoff_sign")
def signoff_sign(request: HttpRequest, review_id: DatabaseId, payload: SignIn) -> Any:
    """A department of the joint review signs."""
    return _act(request, review_id, "sign", payload)


@router.post("/reviews/{review_id}/close", response=ACTION)
@permission("reviews.review_view", "reviews.review_close")
def review_close(request: HttpRequest, review_id: DatabaseId) -> Any:
    """Close a scored and signed review."""
    return _act(request, review_id, "close")


# The review stages and the approval chain register on the same router (ADR 0014).
from govit.reviews import task_api, workflow_api  # noqa: E402,F401
