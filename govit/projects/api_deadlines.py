"""REST API of the deadlines ``govit tick`` keeps and the notices it sends."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from govit.core.api_types import Cursor, DatabaseId, api_page, link_next_page
from govit.core.permissions import SIGNED_IN, permission
from govit.orgs.models import User
from govit.projects import deadlines, selectors

router = Router(tags=["deadlines"])
PAGE_LIMIT = 200


class DeadlineOut(Schema):
    id: int
    project_id: int
    project_name: str
    unit: str
    kind: str
    due: dt.date
    status: str
    article: str
    provisional: bool
    message: str


class NoticeOut(Schema):
    id: int
    kind: str
    due: dt.date
    project_id: int
    project_name: str
    obligation_kind: str
    article: str
    created_at: dt.datetime
    read_at: dt.datetime | None


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@router.get("/deadlines", response=list[DeadlineOut])
@permission("projects.view_project")
def deadline_list(
    request: HttpRequest,
    response: HttpResponse,
    status: Literal["", "pending", "overdue"] = "",
    unit_id: DatabaseId | None = None,
    kind: str = "",
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
    limit: Annotated[int, Query(ge=1, le=PAGE_LIMIT)] = 50,
    after: Cursor = "",
) -> list[DeadlineOut]:
    """The open deadlines of the projects the caller may read (``status``: pending, overdue),
    soonest first. The list is a bare array, so the next page's address, when more rows follow,
    is in the ``Link`` header (``rel="next"``, with ``after``)."""
    filters = selectors.DeadlineFilter(status=status, unit_id=unit_id, kind=kind)
    listed = selectors.deadlines(actor=_actor(request), filters=filters)
    page = api_page(listed, limit=limit, offset=offset, after=after)
    link_next_page(request, response, page)
    return [
        DeadlineOut(
            id=row.pk,
            project_id=row.project_id,
            project_name=row.project.name,
            unit=row.project.unit.name,
            kind=row.kind,
            due=row.due,
            status=row.status,
            article=row.article,
            provisional=row.provisional,
            message=row.message,
        )
        for row in page.rows
    ]


def _notice(notice: object) -> NoticeOut:
    from govit.projects.models import Notice

    assert isinstance(notice, Notice)
    return NoticeOut(
        id=notice.pk,
        kind=notice.kind,
        due=notice.due,
        project_id=notice.obligation.project_id,
        project_name=notice.obligation.project.name,
        obligation_kind=notice.obligation.kind,
        article=notice.obligation.article,
        created_at=notice.created_at,
        read_at=notice.read_at,
    )


@router.get("/notices", response=list[NoticeOut])
@permission(SIGNED_IN)
def notice_list(request: HttpRequest, unread: bool = False) -> list[NoticeOut]:
    """The caller's own notices, newest first (at most 200)."""
    notices = selectors.my_notices(actor=_actor(request), unread_only=unread)[:PAGE_LIMIT]
    return [_notice(notice) for notice in notices]


@router.post("/notices/{notice_id}/read", response=NoticeOut)
@permission(SIGNED_IN)
def notice_read(request: HttpRequest, notice_id: DatabaseId) -> NoticeOut:
    """Mark one of the caller's notices as read; another user's notice answers 404."""
    actor = _actor(request)
    notice = selectors.my_notices(actor=actor).filter(pk=notice_id).first()
    if notice is None:
        raise HttpError(404, "not found")
    return _notice(deadlines.notice_mark_read(actor, notice))
