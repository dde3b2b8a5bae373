"""The load benchmark (benchmarks/load.py) is slow and never runs in the suite; this checks
that its scenario parses and names real routes, without importing locust (which
monkey-patches the standard library with gevent), and its helpers: the choice of simulated
users by role, the sessions it makes and removes, the CPU it reports. The scenario's HTTP
client (locust's FastHttpUser) is checked by running locust, in a process of its own, for a
few seconds against a stand-in for govit that checks what each request carries."""

from __future__ import annotations

import argparse
import ast
import csv
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import Resolver404, resolve

from benchmarks import load
from benchmarks.forms_html import form_values
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User, UserSession
from govit.orgs.tests.factories import OrganisationFactory, UserFactory, member
from govit.projects.tests.factories import ProjectFactory

LOCUSTFILE = Path(load.__file__).with_name("locustfile.py")


def _tree() -> ast.Module:
    return ast.parse(LOCUSTFILE.read_text(encoding="utf-8"))


def _strings(name: str) -> tuple[str, ...]:
    for node in _tree().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, tuple)
            return value
    raise AssertionError(f"{name} not found in the locustfile")


def test_the_scenario_names_three_kinds_of_user_with_tasks() -> None:
    classes = {n.name: n for n in _tree().body if isinstance(n, ast.ClassDef)}
    assert {"Official", "Clerk", "Leader"} <= set(classes)
    for name in ("Official", "Clerk", "Leader"):
        tasks = [
            f
            for f in classes[name].body
            if isinstance(f, ast.FunctionDef)
            and any("task" in ast.unparse(d) for d in f.decorator_list)
        ]
        assert tasks, name


def test_the_urls_it_reads_exist() -> None:
    urls = [*_strings("API_LISTS"), *_strings("PAGE_LISTS"), *load.SQL_RATIO_LISTS]
    urls += ["/", "/projects/", "/reports/", "/reports/finance/", "/projects/new/"]
    for url in urls:
        try:
            resolve(url.split("?")[0])
        except Resolver404:  # pragma: no cover - the failure message
            raise AssertionError(f"{url} is not a route") from None


def test_it_fills_a_form_as_a_browser_does() -> None:
    html = """<form><input type="hidden" name="csrfmiddlewaretoken" value="t">
    <input name="name" value="x"><input type="checkbox" name="a" value="1">
    <input type="checkbox" name="b" value="2" checked><select name="s"><option value="1">
    <option value="2" selected></select><select name="m" multiple><option value="3"></select>
    <textarea name="d">文本</textarea><input type="submit" name="go"></form>"""
    assert form_values(html) == {
        "csrfmiddlewaretoken": "t",
        "name": "x",
        "b": "2",
        "s": "2",
        "d": "文本",
    }


def test_evenly_spreads_a_choice_over_the_whole_list() -> None:
    assert load._evenly(list(range(10)), 3) == [0, 3, 6]
    assert load._evenly(list(range(10)), 10) == list(range(10))
    assert load._evenly([1, 2], 5) == [1, 2]
    assert load._evenly([], 5) == []


@pytest.mark.django_db
def test_without_the_demo_accounts_users_are_chosen_by_role_one_clerk_per_unit(
    reviewer: User,
    finance_clerk: User,
    leader: User,
    applicant: User,
    unit_org: Organisation,
    other_applicant: User,
    other_unit_org: Organisation,
) -> None:
    member(Role.UNIT, unit_org, username="applicant2")  # a second clerk of the same unit
    idle = OrganisationFactory(kind=Role.UNIT)
    member(Role.UNIT, idle, username="idle")  # a unit without projects
    closed = OrganisationFactory(kind=Role.UNIT)
    ProjectFactory(unit=closed)
    member(Role.UNIT, closed, username="gone", is_active=False)  # no active clerk
    ProjectFactory.create_batch(3, unit=unit_org)
    ProjectFactory(unit=other_unit_org)

    users = load.choose_users(clerk_units=5)

    assert users == {
        "official": ["reviewer"],
        "clerk": ["applicant", "other"],  # the larger portfolio first
        "leader": ["finance", "leader"],
    }
    assert load.choose_users(clerk_units=1)["clerk"] == ["applicant"]


@pytest.mark.django_db
def test_the_demo_accounts_are_used_when_they_are_all_there() -> None:
    for name in ("competent", "unit", "unit2", "finance", "government"):
        UserFactory(username=name)
    assert load.choose_users() == {
        "official": ["competent"],
        "clerk": ["unit", "unit2"],
        "leader": ["finance", "government"],
    }


@pytest.mark.django_db
def test_sessions_sign_users_in_without_touching_them_and_are_removed(
    client: Client, reviewer: User, applicant: User, unit_org: Organisation
) -> None:
    ProjectFactory(unit=unit_org)
    sessions = load.make_sessions({"official": ["reviewer"], "clerk": ["applicant"]}, 2)

    assert [name for name, _key in sessions["official"]] == ["reviewer", "reviewer"]
    key = sessions["clerk"][0][1]
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert client.get("/api/v1/projects").json()["count"] == 1
    applicant.refresh_from_db()
    assert applicant.last_login is None  # the user's row is as it was
    keys = [key for pairs in sessions.values() for _name, key in pairs]
    assert UserSession.objects.filter(session_key__in=keys).count() == 4

    assert load.remove_sessions(keys) == 4
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not UserSession.objects.exists()


def test_on_an_existing_database_the_clerks_file_no_projects() -> None:
    (new_project,) = (
        f for f in ast.walk(_tree()) if isinstance(f, ast.FunctionDef) and f.name == "new_project"
    )
    assert [ast.unparse(d) for d in new_project.decorator_list] == ["task(0 if READ_ONLY else 1)"]


def test_the_cpu_of_ended_children_is_counted() -> None:
    before = load._children_cpu_seconds()
    burn = "import time\nend = time.process_time() + 0.3\nwhile time.process_time() < end: pass"
    subprocess.run([sys.executable, "-c", burn], check=True)
    assert load._children_cpu_seconds() - before >= 0.3


def _report_args(**changed: object) -> argparse.Namespace:
    """The options ``load._report`` reads: a 50-user run on the demo data."""
    options: dict[str, object] = {
        "database": "sqlite",
        "users": 50,
        "duration": 30,
        "workers": 3,
        "threads": 2,
        "data": "demo",
        "think": "1,4",
        "sign_in": False,
        "steady": True,
    }
    return argparse.Namespace(**{**options, **changed})


def test_the_report_shows_how_the_cores_were_shared() -> None:
    args = _report_args()
    result: dict[str, Any] = {
        "users": {"official": ["competent"]},
        "endpoints": [
            {
                "name": "Aggregated",
                "method": "",
                "requests": 1000,
                "errors": 0,
                "p50": 20.0,
                "p99": 90.0,
                "rps": 33.3,
                "queries": None,
            },
        ],
        "memory_mib": [120.0],
        "failures": [],
        "server_cpu_s": 24.0,
        "locust_cpu_s": 3.5,
        "locust_wall_s": 32.0,
        "load_average": [1.0, 1.5],
        "sql": [],
    }
    report = load._report(args, result)
    assert report.startswith("## sqlite: 50 users, 30 s, 3 workers × 2 threads, data: demo")
    assert "latencies from the end of the ramp-up" in report.splitlines()[0]
    assert "Server CPU (all workers): 24.0 s, 24 ms per request;" in report
    assert (
        "Load generator CPU (locust): 3.5 s, 3.5 ms per request; cores used over the 32 s "
        "run: workers 0.75, locust 0.11"
    ) in report


def test_the_report_gives_the_database_cpu_when_measured() -> None:
    args = _report_args(database="postgres", threads=1, steady=False)
    result: dict[str, Any] = {
        "users": {},
        "endpoints": [],
        "all_requests": 1000,
        "memory_mib": [120.0],
        "failures": [],
        "server_cpu_s": 24.0,
        "locust_cpu_s": 3.5,
        "locust_wall_s": 32.0,
        "database_cpu_s": 8.0,
        "load_average": [1.0, 1.5],
        "sql": [],
    }
    assert "8.0 s, 8.0 ms per request, 0.25 cores" in load._report(args, result)
    result["database_cpu_s"] = None
    assert "Database CPU" not in load._report(args, result)


def test_the_database_cpu_is_read_from_the_postgresql_processes() -> None:
    """This machine and CI run PostgreSQL; elsewhere there may be none (None)."""
    before = load.database_cpu_seconds()
    if before is None:
        pytest.skip("no PostgreSQL process on this machine")
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres") as connection:
        connection.execute("SELECT count(*) FROM generate_series(1, 3000000)").fetchone()
        after = load.database_cpu_seconds()  # the connection's process still runs
    assert after is not None
    assert after - before >= 0.1


# The stand-in for govit: the routes the scenario reads, each answered as govit would for
# what the request carries (its session cookie, its CSRF token, its form fields).
TOKEN = "csrf-token-1"
PROJECTS = {5, 6}
NEW_PROJECT = 7


class _Govit(BaseHTTPRequestHandler):
    sessions: set[str] = set()  # valid session keys
    refuse_projects = False  # answer a submitted project with the form again
    seen: list[tuple[str, str, str]] = []  # method, path, what was wrong ("" when nothing)
    posted: list[dict[str, list[str]]] = []  # the project forms submitted

    def log_message(self, *_args: Any) -> None:
        pass

    def _cookies(self) -> dict[str, str]:
        pairs = (c.strip().partition("=") for c in self.headers.get("Cookie", "").split(";"))
        return {name: value for name, _eq, value in pairs if name}

    def _answer(self, status: int, body: str = "", **headers: str) -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Govit-Queries", "3")
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(data)

    def _form(self) -> dict[str, list[str]]:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        if not self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            self.seen.append((self.command, self.path, "not form-encoded"))
        return parse_qs(body)

    def _signed_in(self) -> bool:
        if self._cookies().get("sessionid") in self.sessions:
            return True
        self.seen.append((self.command, self.path, "no session"))
        self._answer(302, Location="/accounts/login/?next=" + self.path)
        return False

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == "/accounts/login/":
            self.seen.append(("GET", self.path, ""))
            form = f'<input type="hidden" name="csrfmiddlewaretoken" value="{TOKEN}">'
            self._answer(200, form, Set_Cookie=f"csrftoken={TOKEN}; Path=/")
            return
        if not self._signed_in():
            return
        self.seen.append(("GET", self.path, ""))
        if path == "/api/v1/projects":
            items = [{"id": pk} for pk in sorted(PROJECTS)]
            self._answer(200, json.dumps({"count": len(items), "items": items}))
        elif path == "/projects/new/":
            self._answer(
                200,
                f'<input name="q" value=""><form><input type="hidden" name="csrfmiddlewaretoken" '
                f'value="{TOKEN}"><input name="name" value=""><select name="unit">'
                '<option value="3">单位</option></select></form>',
            )
        elif path.startswith("/projects/") and path.split("/")[2].isdigit():
            pk = int(path.split("/")[2])
            self._answer(200 if pk in PROJECTS | {NEW_PROJECT} else 404, "project")
        else:
            self._answer(200, "page")

    def do_POST(self) -> None:
        form = self._form()
        csrf_ok = form.get("csrfmiddlewaretoken") == [TOKEN] and (
            self._cookies().get("csrftoken") == TOKEN
        )
        if self.path == "/accounts/login/":
            self.seen.append(("POST", self.path, "" if csrf_ok else "no CSRF token"))
            username = form.get("username", [""])[0]
            if csrf_ok and form.get("password") == ["govit-demo-2026"]:
                self.sessions.add(f"signed-in-{username}")
                self._answer(
                    302, Set_Cookie=f"sessionid=signed-in-{username}; Path=/", Location="/"
                )
            else:
                self._answer(200, "the sign-in form again")
            return
        if not self._signed_in():
            return
        self.posted.append(form)
        self.seen.append(("POST", self.path, ""))
        if self.refuse_projects or not form.get("name") or "q" in form:
            self._answer(200, "the project form again")
        else:
            self._answer(302, Location=f"/projects/{NEW_PROJECT}/")


@pytest.fixture
def govit_stand_in() -> Iterator[str]:
    _Govit.sessions, _Govit.seen, _Govit.posted = set(), [], []
    _Govit.refuse_projects = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Govit)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _locust(
    base: str, tmp_path: Path, env: dict[str, str], *, steady: bool = False
) -> dict[str, Any]:
    """Run the scenario with 10 users for a few seconds; its statistics, failures and query
    counts."""
    prefix = tmp_path / "locust"
    queries = tmp_path / "queries.json"
    subprocess.run(
        load.locust_command(
            LOCUSTFILE, users=10, spawn_rate=10, seconds=5, host=base, prefix=prefix, steady=steady
        ),
        env={
            **os.environ,
            "GOVIT_LOAD_THINK": "0.05,0.1",
            "GOVIT_LOAD_QUERIES": str(queries),
            **env,
        },
        cwd=load.ROOT,
        check=False,
        capture_output=True,
        timeout=60,
    )
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        stats = {row["Name"]: row for row in csv.DictReader(handle)}
    return {
        "stats": stats,
        "failures": load._failures(prefix),
        "queries": json.loads(queries.read_text(encoding="utf-8")),
    }


def test_the_users_browse_with_the_sessions_made_for_them(
    govit_stand_in: str, tmp_path: Path
) -> None:
    run = _locust(govit_stand_in, tmp_path, {"GOVIT_LOAD_SESSIONS": _sessions(tmp_path)})

    assert run["failures"] == []
    assert [wrong for *_request, wrong in _Govit.seen if wrong] == []  # the cookie was sent
    pages = {path for method, path, _ in _Govit.seen if path.startswith("/projects/")}
    read = {int(p.split("/")[2]) for p in pages if p.split("/")[2].isdigit()}
    assert read
    assert read <= PROJECTS | {NEW_PROJECT}
    submitted = run["stats"]["/projects/new/ (submit)"]
    assert int(submitted["Request Count"]) > 0
    assert submitted["Failure Count"] == "0"
    assert all(form["name"][0].startswith("压力测试项目") for form in _Govit.posted)
    assert {form["unit"][0] for form in _Govit.posted} == {"3"}
    requests, queries = run["queries"]["/"]
    # locust writes its CSV once a second, so the last second's requests may be missing there
    assert requests >= int(run["stats"]["/"]["Request Count"]) > 0
    assert queries == 3 * requests


def test_the_users_sign_in_through_the_form_and_a_refused_project_is_a_failure(
    govit_stand_in: str, tmp_path: Path
) -> None:
    _Govit.refuse_projects = True
    users = {"official": ["competent"], "clerk": ["unit", "unit2"], "leader": ["finance"]}

    run = _locust(govit_stand_in, tmp_path, {"GOVIT_LOAD_USERS": json.dumps(users)})

    sign_ins = [
        wrong
        for method, path, wrong in _Govit.seen
        if method == "POST" and path == "/accounts/login/"
    ]
    assert sign_ins == [""] * 10  # each user once, with the CSRF cookie and token
    assert _Govit.sessions == {f"signed-in-{name}" for names in users.values() for name in names}
    assert [wrong for *_request, wrong in _Govit.seen if wrong] == []
    refused = int(run["stats"]["/projects/new/ (submit)"]["Failure Count"])
    assert refused > 0
    assert run["failures"] == [
        f"POST /projects/new/ (submit): CatchResponseError('not created: 200') ({refused}×)"
    ]


def _sessions(tmp_path: Path) -> str:
    """Ten sessions of each kind of user, known to the stand-in; the file's path."""
    keys = {
        kind: [[f"{kind}-user", f"{kind}-{i}"] for i in range(10)]
        for kind in ("official", "clerk", "leader")
    }
    _Govit.sessions = {key for pairs in keys.values() for _name, key in pairs}
    sessions = tmp_path / "sessions.json"
    sessions.write_text(json.dumps({"cookie": "sessionid", "sessions": keys}), encoding="utf-8")
    return str(sessions)


START = "/api/v1/projects?limit=100 (start)"


@pytest.mark.parametrize(("warmup", "steady", "counted"), [("0", False, True), ("2", True, False)])
def test_a_warm_up_after_the_ramp_up_leaves_the_start_out_of_the_statistics(
    govit_stand_in: str, tmp_path: Path, warmup: str, steady: bool, counted: bool
) -> None:
    env = {"GOVIT_LOAD_SESSIONS": _sessions(tmp_path), "GOVIT_LOAD_WARMUP": warmup}
    run = _locust(govit_stand_in, tmp_path, env, steady=steady)
    started = sum(1 for method, path, _ in _Govit.seen if path.startswith("/api/v1/projects"))
    assert started >= 10  # every user read its projects at start
    in_stats = int(run["stats"].get(START, {}).get("Request Count", 0))
    assert (in_stats > 0) is counted
    assert int(run["stats"]["Aggregated"]["Request Count"]) > 0  # what came after is counted
