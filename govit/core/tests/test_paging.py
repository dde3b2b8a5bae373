"""Pages of the API lists (govit.core.paging): the deferred join gives the rows a plain slice
gives, the keyset cursor walks every visible row once, a bad cursor answers 422."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from govit.core import paging
from govit.data_resources.models import DataResource
from govit.data_resources.tests.factories import DataResourceFactory
from govit.projects import selectors
from govit.projects.models import Project, TrackedObligation
from govit.projects.tests.factories import ProjectFactory
from govit.systems.models import System
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db

TIE = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
DUE = dt.date(2026, 12, 1)


@pytest.fixture
def projects(unit_org: Any, other_unit_org: Any) -> list[Project]:
    """Nine projects of two units; six share one creation time (ties broken by id)."""
    rows: list[Project] = [
        ProjectFactory(unit=unit_org if i % 2 else other_unit_org) for i in range(9)
    ]
    Project.objects.filter(pk__in=[p.pk for p in rows[:6]]).update(created_at=TIE)
    return rows


@pytest.fixture
def obligations(projects: list[Project]) -> None:
    """Two open deadlines per project, most of them due on one day."""
    for i, project in enumerate(projects):
        for kind in ("a", "b"):
            TrackedObligation.objects.create(
                project=project,
                rule=f"rule_{kind}",
                kind=kind,
                due=DUE if i % 3 else DUE + dt.timedelta(days=i),
                status="pending",
                article="第一条",
                checked_on=DUE,
            )


def _walk(client: Any, url: str, limit: int, **params: Any) -> tuple[list[int], int]:
    """Every id a cursor walk of ``url`` yields, and the number of pages."""
    seen: list[int] = []
    after, pages = "", 0
    while True:
        query = {**params, "limit": limit, **({"after": after} if after else {})}
        response = client.get(url, query)
        assert response.status_code == 200, response.content
        pages += 1
        if url.endswith("/deadlines"):
            seen += [row["id"] for row in response.json()]
            after = _after(response.headers.get("Link", ""))
        else:
            body = response.json()
            seen += [row["id"] for row in body["items"]]
            after = body["next"] or ""
        if not after:
            return seen, pages
        assert pages < 100


def _after(link: str) -> str:
    found = re.search(r"[?&]after=([^&>]+)", link)
    return unquote(found.group(1)) if found else ""


def _link_cursor(client: Any, url: str) -> str:
    return _after(client.get(url, {"limit": 2}).headers.get("Link", ""))


def _items(client: Any, url: str, **params: Any) -> list[int]:
    body = client.get(url, params).json()
    return [row["id"] for row in (body if isinstance(body, list) else body["items"])]


# The lists, with what a caller who sees them all reads through the selectors.
LISTS: dict[str, Callable[[], list[Any]]] = {
    "/api/v1/projects": lambda: list(Project.objects.order_by("-created_at", "-id")),
    "/api/v1/systems": lambda: list(System.objects.order_by("code", "id")),
    "/api/v1/data-resources": lambda: list(DataResource.objects.order_by("code", "id")),
    "/api/v1/deadlines": lambda: list(TrackedObligation.objects.order_by("due", "pk")),
}


@pytest.fixture
def world(projects: list[Project], obligations: None, unit_org: Any, other_unit_org: Any) -> None:
    for i in range(7):
        SystemFactory(unit=unit_org if i % 2 else other_unit_org)
        DataResourceFactory(unit=unit_org if i % 2 else other_unit_org, status="published")


@pytest.mark.parametrize("url", sorted(LISTS))
def test_offsets_give_the_rows_of_the_old_slice(client: Any, reviewer: Any, world: None, url: str):
    client.force_login(reviewer)
    every = [row.pk for row in LISTS[url]()]
    assert len(every) >= 7
    for offset in (0, 1, 2, 5, len(every) - 1, len(every), len(every) + 5):
        for limit in (1, 3, 50):
            got = _items(client, url, offset=offset, limit=limit)
            assert got == every[offset : offset + limit], (offset, limit)


@pytest.mark.parametrize("url", sorted(LISTS))
@pytest.mark.parametrize("limit", [1, 2, 4, 200])
def test_a_cursor_walk_visits_every_row_once(
    client: Any, reviewer: Any, world: None, url: str, limit: int
):
    client.force_login(reviewer)
    every = [row.pk for row in LISTS[url]()]
    seen, pages = _walk(client, url, limit)
    assert seen == every
    assert pages == max(1, -(-len(every) // limit))


def test_the_last_page_has_no_next(client: Any, reviewer: Any, projects: list[Project]):
    client.force_login(reviewer)
    assert client.get("/api/v1/projects", {"limit": 9}).json()["next"] is None
    assert client.get("/api/v1/projects", {"limit": 8}).json()["next"]
    body = client.get("/api/v1/projects", {"offset": 20}).json()
    assert (body["count"], body["items"], body["next"]) == (9, [], None)


def test_a_unit_clerks_walk_yields_only_the_projects_it_may_see(
    client: Any, applicant: Any, projects: list[Project]
):
    client.force_login(applicant)
    visible = [p.pk for p in selectors.project_list(actor=applicant)]
    assert 0 < len(visible) < len(projects)
    seen, _pages = _walk(client, "/api/v1/projects", 1)
    assert seen == visible
    # A cursor made at another unit's project starts there but shows only the clerk's rows.
    other = next(p for p in projects if p.pk not in visible)
    keys = paging.sort_keys(selectors.project_list(actor=applicant))
    cursor = paging.encode(keys, (other.created_at, other.pk))
    got = _items(client, "/api/v1/projects", after=cursor, limit=200)
    assert set(got) <= set(visible)


def test_a_unit_clerks_deadline_walk_is_scoped(client: Any, applicant: Any, obligations: None):
    client.force_login(applicant)
    visible = [row.pk for row in selectors.deadlines(actor=applicant)]
    assert 0 < len(visible) < TrackedObligation.objects.count()
    assert _walk(client, "/api/v1/deadlines", 2)[0] == visible


def test_a_filter_applies_along_the_walk(client: Any, reviewer: Any, unit_org: Any, projects: Any):
    client.force_login(reviewer)
    wanted = [p.pk for p in Project.objects.filter(unit=unit_org).order_by("-created_at", "-id")]
    assert _walk(client, "/api/v1/projects", 1, unit_id=unit_org.pk)[0] == wanted


def test_offset_counts_from_the_cursor(client: Any, reviewer: Any, projects: list[Project]):
    client.force_login(reviewer)
    every = [p.pk for p in Project.objects.order_by("-created_at", "-id")]
    after = client.get("/api/v1/projects", {"limit": 2}).json()["next"]
    assert _items(client, "/api/v1/projects", after=after, offset=3, limit=2) == every[5:7]


def _cursor(names: list[str], values: list[Any]) -> str:
    import base64
    import json

    text = json.dumps({"k": names, "v": values})
    return base64.urlsafe_b64encode(text.encode()).decode()


BAD_CURSORS = [
    "not-a-cursor!",
    "%%%",
    "e30",  # {}
    _cursor(["code", "id"], ["X", 1]),  # another list's
    _cursor(["created_at", "id"], ["yesterday", 1]),
    _cursor(["created_at", "id"], ["2026-03-01T09:00:00", 1]),  # no time zone
    _cursor(["created_at", "id"], ["2026-03-01T09:00:00+00:00", "x"]),
    _cursor(["created_at", "id"], ["2026-03-01T09:00:00+00:00", 2**70]),
    _cursor(["created_at", "id"], ["2026-03-01T09:00:00+00:00", None]),
    _cursor(["created_at", "id"], ["2026-03-01T09:00:00+00:00", True]),
    _cursor(["created_at", "id"], ["2026-03-01T09:00:00+00:00"]),
    _cursor(["created_at", "id"], [["2026-03-01"], 1]),
    "A" * 1001,  # refused by the parameter's length (pydantic's own message)
]


@pytest.mark.parametrize("cursor", BAD_CURSORS)
def test_a_bad_cursor_answers_422_naming_after(
    client: Any, reviewer: Any, projects: Any, cursor: str
):
    client.force_login(reviewer)
    response = client.get("/api/v1/projects", {"after": cursor})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["after"]
    if len(cursor) <= paging.CURSOR_MAX_LENGTH:
        assert "游标" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("url", "cursor"),
    [
        ("/api/v1/systems", _cursor(["code", "id"], ["X", "y"])),
        ("/api/v1/data-resources", _cursor(["due", "id"], ["2026-01-01", 1])),
        ("/api/v1/deadlines", _cursor(["due", "id"], ["2026-13-01", 1])),
        ("/api/v1/deadlines", _cursor(["due", "id"], ["2026-01-01\x00", 1])),
    ],
)
def test_every_list_refuses_a_bad_cursor(client: Any, reviewer: Any, url: str, cursor: str):
    client.force_login(reviewer)
    response = client.get(url, {"after": cursor})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "after"


def test_a_good_cursor_of_a_gone_row_still_starts_in_place(
    client: Any, reviewer: Any, projects: list[Project]
):
    client.force_login(reviewer)
    every = [p.pk for p in Project.objects.order_by("-created_at", "-id")]
    after = client.get("/api/v1/projects", {"limit": 3}).json()["next"]
    Project.objects.filter(pk=every[2]).delete()
    assert _items(client, "/api/v1/projects", after=after, limit=2) == every[3:5]


def _queries(client: Any, url: str, params: dict[str, Any]) -> int:
    reset_queries()  # the request clears the log; count from an empty one
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", sorted(LISTS))
def test_a_deep_page_keeps_its_query_count(client: Any, reviewer: Any, world: None, url: str):
    client.force_login(reviewer)
    shallow = _queries(client, url, {"limit": 2})
    first = client.get(url, {"limit": 2}).json()
    cursor = first["next"] if isinstance(first, dict) else _link_cursor(client, url)
    assert cursor
    deep = _queries(client, url, {"limit": 2, "offset": 5})
    walked = _queries(client, url, {"limit": 2, "after": cursor})
    assert shallow == deep == walked


def test_the_keys_query_reads_only_the_sort_columns(reviewer: Any, projects: list[Project]):
    listed = selectors.project_list(actor=reviewer)
    with CaptureQueriesContext(connection) as queries:
        page = paging.page(listed, limit=3, offset=2)
    keys_sql = queries.captured_queries[0]["sql"]
    assert '"name"' not in keys_sql
    assert "JOIN" not in keys_sql.split("WHERE")[0]
    assert [p.pk for p in page.rows] == [p.pk for p in listed[2:5]]
    assert all(p.unit.name for p in page.rows)  # the joins of the list are kept
    assert len(queries) == 2


def test_an_order_that_is_not_a_key_is_refused() -> None:
    with pytest.raises(TypeError):
        paging.sort_keys(Project.objects.order_by("-created_at"))
    with pytest.raises(TypeError):
        paging.sort_keys(Project.objects.order_by("unit__name", "id"))
    with pytest.raises(TypeError):
        paging.sort_keys(Project.objects.order_by("plan_year", "id"))  # nullable


def test_a_cursor_round_trips(projects: list[Project]) -> None:
    keys = paging.sort_keys(Project.objects.order_by("-created_at", "-id"))
    now = timezone.now()
    assert paging.decode(paging.encode(keys, (now, 7)), keys) == [now, 7]
