"""What govit's users do, for locust: run by benchmarks/load.py (see docs/benchmarks.md).

Three kinds of user (official, clerk, leader), signed in as the accounts load.py chose for
each kind (the demo accounts, or on other data users found by their roles; clerks from several
units): by default each takes a session the benchmark made beforehand with Django's session
engine (``GOVIT_LOAD_SESSIONS``, a JSON file ``{"cookie": name, "sessions": {kind:
[[username, key], ...]}}``, dealt round the kind's accounts so that the clerks spread over
their units), since a real sign-in hashes the password (PBKDF2-SM3, 250,000 iterations: about
0.5 s of CPU) and 200 sign-ins at once would measure only that; without the file, each signs in
through the ordinary sign-in form as one of the kind's accounts (``GOVIT_LOAD_USERS``, JSON
``{kind: [usernames]}``; the demo accounts by default; two-factor sign-in off: the benchmark
server runs with ``GOVIT_2FA_ENFORCED=0``). At start each user reads, once, the ids of up to
100 projects it may see through the API (a random page of its list), and opens only those.
Then they browse with a think time between requests (``GOVIT_LOAD_THINK``, seconds, "1,4" by
default):

- the competent department's official: the home page, the project list with filters, project
  pages, the dashboard, the catalogues and the API lists;
- a unit's clerk: the home page, the unit's projects, a project page, its deadlines, and now
  and then a new project through the project form (not with ``GOVIT_LOAD_READ_ONLY``, set
  when the benchmark runs on an existing database whose business data it must not change);
- finance and the government leader: the dashboard, the finance view, the project list.

Each response's ``X-Govit-Queries`` header (a development-only middleware the benchmark turns
on) is summed per endpoint and written as JSON to ``GOVIT_LOAD_QUERIES`` when locust stops.

The users are ``FastHttpUser``s (geventhttpclient), not ``HttpUser``s (python-requests): locust
runs on the same two cores as the server, and with requests it spent about 1.5 times the CPU
per request (docs/benchmarks.md, "Load generator: FastHttpUser"). Where the two clients
differ, the code below says so: a connection error gives a response with status 0 and no body
(``ok`` is true for it, so the status is tested instead), and the session cookie goes into the
client's ``cookiejar`` as a cookie the server would have set for the host.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections import defaultdict
from http.cookiejar import Cookie
from typing import Any
from urllib.parse import urlsplit

import gevent  # type: ignore[import-untyped]
from locust import FastHttpUser, between, events, task

from benchmarks.forms_html import form_values

PASSWORD = os.environ.get("GOVIT_LOAD_PASSWORD", "govit-demo-2026")
THINK = tuple(float(v) for v in os.environ.get("GOVIT_LOAD_THINK", "1,4").split(","))
# Seconds after the ramp-up at which the statistics start again (load.py --steady --warmup).
WARMUP = float(os.environ.get("GOVIT_LOAD_WARMUP") or 0)
READ_ONLY = os.environ.get("GOVIT_LOAD_READ_ONLY", "").lower() in ("1", "true", "yes")
PAGE = 100  # project ids each user reads at start
# How deep in its list a user looks for them: fifty pages of the project list. Offsets into the
# whole province (up to 100,000) cost the database a walk over every row before them, which
# no user does by paging and which, 300 times at start, made the ramp-up measure only that.
DEEPEST = 5_000
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

# Filters a user applies to the project list.
PROJECT_FILTERS = (
    "",
    "?state=construction",
    "?state=draft",
    "?q=系统",
    "?plan_year=2026",
    "?page=2",
    "?awaiting=on",
)
# The API lists every official reads.
API_LISTS = (
    "/api/v1/projects",
    "/api/v1/systems",
    "/api/v1/data-resources",
    "/api/v1/deadlines",
    "/api/v1/reviews",
    "/api/v1/planning/library",
)
PAGE_LISTS = ("/systems/", "/data-resources/", "/projects/deadlines/", "/reviews/")

QUERIES: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # name → [requests, queries]


DEMO_USERS = {
    "official": ["competent"],
    "clerk": ["unit", "unit2"],
    "leader": ["finance", "government"],
}


def _sessions() -> tuple[str, dict[str, list[tuple[str, str]]]]:
    path = os.environ.get("GOVIT_LOAD_SESSIONS")
    if not path:
        return "", {}
    with open(path, encoding="utf-8") as handle:
        made = json.load(handle)
    sessions = {
        kind: [(str(name), str(key)) for name, key in pairs]
        for kind, pairs in made["sessions"].items()
    }
    for pairs in sessions.values():
        pairs.reverse()  # popped from the end: dealt in the order load.py made them
    return str(made["cookie"]), sessions


SESSION_COOKIE, SESSIONS = _sessions()
ACCOUNTS: dict[str, list[str]] = (
    json.loads(os.environ.get("GOVIT_LOAD_USERS") or "{}") or DEMO_USERS
)
SIGNED_IN: dict[str, int] = defaultdict(int)  # kind → users started by sign-in so far


def session_cookie(name: str, value: str, base_url: str) -> Cookie:
    """The session cookie as the server at ``base_url`` sets it (no Domain attribute: for its
    host only, which the cookie jar records as ``host.local`` when the host name has no dot)."""
    host = urlsplit(base_url).hostname or ""
    return Cookie(
        version=0,
        name=name,
        value=value,
        port=None,
        port_specified=False,
        domain=host if "." in host else f"{host}.local",
        domain_specified=False,
        domain_initial_dot=False,
        path="/",
        path_specified=True,
        secure=False,
        expires=None,
        discard=True,
        comment=None,
        comment_url=None,
        rest={"HttpOnly": ""},
    )


def _count_queries(name: str, response: Any, exception: Any, **_kwargs: Any) -> None:
    # A connection error's response has ``headers`` None.
    headers = getattr(response, "headers", None) or {}
    header = headers.get("X-Govit-Queries")
    if header is not None and exception is None:
        QUERIES[name][0] += 1
        QUERIES[name][1] += int(header)


# ``GOVIT_LOAD_TIMELINE``: a file to which each request's start (seconds since the epoch),
# name and response time (ms) are written when locust stops, one line each, for looking at
# when the slow ones happened.
TIMELINE = os.environ.get("GOVIT_LOAD_TIMELINE", "")
_timeline: list[str] = []


def _note_request(name: str, response_time: float, start_time: float = 0.0, **_kw: Any) -> None:
    _timeline.append(f"{start_time:.3f}\t{name}\t{response_time:.1f}")


def _write_timeline(**_kwargs: Any) -> None:
    with open(TIMELINE, "w", encoding="utf-8") as out:
        out.write("\n".join(_timeline))


def _write_queries(**_kwargs: Any) -> None:
    path = os.environ.get("GOVIT_LOAD_QUERIES")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump(dict(QUERIES), out)


def _reset_after_warmup(environment: Any, **_kwargs: Any) -> None:
    """Once every user has started, start the statistics again ``WARMUP`` seconds later."""
    if WARMUP <= 0:
        return

    def later(**_spawned: Any) -> None:
        runner = environment.runner
        gevent.spawn_later(WARMUP, runner.stats.reset_all)

    environment.events.spawning_complete.add_listener(later)


events.init.add_listener(_reset_after_warmup)  # type: ignore[no-untyped-call]
events.request.add_listener(_count_queries)  # type: ignore[no-untyped-call]
events.quitting.add_listener(_write_queries)  # type: ignore[no-untyped-call]
if TIMELINE:
    events.request.add_listener(_note_request)  # type: ignore[no-untyped-call]
    events.quitting.add_listener(_write_timeline)  # type: ignore[no-untyped-call]


class GovitUser(FastHttpUser):
    abstract = True
    wait_time = between(*THINK)
    kind = ""
    project_ids: list[int]

    def on_start(self) -> None:
        if SESSIONS.get(self.kind):
            _username, key = SESSIONS[self.kind].pop()
            self.client.cookiejar.set_cookie(session_cookie(SESSION_COOKIE, key, self.host or ""))
        else:
            # Counted before signing in: the users start together and the sign-in yields to
            # the others, which would otherwise all read the same count.
            names, turn = ACCOUNTS[self.kind], SIGNED_IN[self.kind]
            SIGNED_IN[self.kind] += 1
            self.sign_in(names[turn % len(names)])
        self.project_ids = self.read_project_ids()

    def read_project_ids(self) -> list[int]:
        """The ids of up to ``PAGE`` projects this user may see: the first page of its
        project list through the API, or a page at a random offset (within the first
        ``DEEPEST``) when there are more."""
        name = "/api/v1/projects?limit=100 (start)"
        answer = self.client.get(f"/api/v1/projects?limit={PAGE}", name=name)
        body = answer.json() if answer.status_code == 200 else {}
        items, count = body.get("items", []), int(body.get("count", 0))
        if count > PAGE:
            offset = random.randrange(min(count, DEEPEST) - PAGE + 1)
            answer = self.client.get(f"/api/v1/projects?limit={PAGE}&offset={offset}", name=name)
            items = answer.json().get("items", []) if answer.status_code == 200 else items
        return [item["id"] for item in items] or [1]

    def sign_in(self, username: str) -> None:
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = CSRF.search(page.text or "")
        self.client.post(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": token.group(1) if token else "",
                "username": username,
                "password": PASSWORD,
            },
            name="/accounts/login/ (sign in)",
        )

    def project_page(self) -> None:
        pk = random.choice(self.project_ids)
        self.client.get(f"/projects/{pk}/", name="/projects/[id]/")

    def project_list(self) -> None:
        self.client.get("/projects/" + random.choice(PROJECT_FILTERS), name="/projects/?filters")


class Official(GovitUser):
    """主管部门审核人: sees every unit."""

    weight = 4
    kind = "official"

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="/")

    @task(4)
    def projects(self) -> None:
        self.project_list()

    @task(4)
    def project(self) -> None:
        self.project_page()

    @task(2)
    def dashboard(self) -> None:
        self.client.get("/reports/", name="/reports/")

    @task(3)
    def api_list(self) -> None:
        url = random.choice(API_LISTS)
        self.client.get(url, name=url)

    @task(2)
    def page_list(self) -> None:
        url = random.choice(PAGE_LISTS)
        self.client.get(url, name=url)


class Clerk(GovitUser):
    """申报单位经办人: sees the unit's projects, and files new ones."""

    weight = 5
    kind = "clerk"

    @task(2)
    def home(self) -> None:
        self.client.get("/", name="/")

    @task(4)
    def projects(self) -> None:
        self.project_list()

    @task(4)
    def project(self) -> None:
        self.project_page()

    @task(1)
    def deadlines(self) -> None:
        self.client.get("/projects/deadlines/", name="/projects/deadlines/")

    @task(1)
    def api_projects(self) -> None:
        self.client.get("/api/v1/projects", name="/api/v1/projects")

    @task(0 if READ_ONLY else 1)
    def new_project(self) -> None:
        form = self.client.get("/projects/new/", name="/projects/new/")
        values = form_values(form.text or "")
        values.pop("q", None)  # the search box of the page's header
        values.update(
            {
                "name": f"压力测试项目{random.randrange(10**9)}",
                "plan_year": "2027",
                "investment": "120",
                "description": "负载测试提交的项目申报",
            }
        )
        # A dict is posted form-encoded; the redirect to the new project is followed, and
        # ``url`` is then the project's (geventhttpclient rewrites the request in place).
        with self.client.post(
            "/projects/new/", values, name="/projects/new/ (submit)", catch_response=True
        ) as answer:
            if answer.status_code != 200 or "/new/" in (answer.url or "/new/"):
                answer.failure(f"not created: {answer.status_code}")


class Leader(GovitUser):
    """财政科员 and 分管领导: the dashboard, the finance view and the project list."""

    weight = 1
    kind = "leader"

    @task(3)
    def dashboard(self) -> None:
        self.client.get("/reports/", name="/reports/")

    @task(2)
    def finance(self) -> None:
        self.client.get("/reports/finance/", name="/reports/finance/")

    @task(3)
    def projects(self) -> None:
        self.project_list()

    @task(2)
    def project(self) -> None:
        self.project_page()


USERS = (Official, Clerk, Leader)
