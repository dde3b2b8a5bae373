"""HTTP under load: govit behind gunicorn, 200 simulated users (locust), on SQLite or PostgreSQL.

    .venv/bin/python benchmarks/load.py --database sqlite   --duration 60
    .venv/bin/python benchmarks/load.py --database postgres --duration 60
    .venv/bin/python benchmarks/load.py --database postgres --data generate:city
    .venv/bin/python benchmarks/load.py --database-url postgres://postgres@127.0.0.1:5432/NAME

Steps: a throwaway database (a SQLite file in a temporary folder, or a PostgreSQL database
``govit_load_<pid>`` at ``--postgres``, dropped at the end), ``govit migrate``, ``govit demo
load`` (or ``govit generate`` with ``--data generate:SCALE``); or, with ``--database-url``, an
existing, filled database that is not created, migrated, loaded or dropped (the clerks then
file no projects, and on PostgreSQL the rows written per table during the run are reported);
``collectstatic``; the simulated users (the demo accounts, or users chosen by role:
``choose_users``) and their sessions, made beforehand and deleted at the end; then gunicorn
with ``--workers`` workers (DEBUG off, two-factor sign-in off, the query-count header on:
benchmark settings, refused in production), locust headless (benchmarks/locustfile.py) for
``--duration`` seconds; then the peak resident memory of each worker (VmHWM in
/proc/<pid>/status) before gunicorn stops; then, for each list endpoint, its time in process
and the time of its bare SQL (the same statements run directly on a cursor).

Locust runs on the same cores as gunicorn, so the report gives the CPU time of both, the
workers' (from /proc) and the load generator's (locust's user and system time, from
``getrusage`` of this process's finished children), and the share of a core each used over
the run: how the machine's cores were shared between the server and the load.

Prints a Markdown report (per endpoint: requests, errors, p50, p99, requests/s, queries per
request; the memory; the SQL ratios) and writes it with the raw figures to ``--out``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).with_name("locustfile.py")

# The list endpoints whose time is compared with their bare SQL, read as the official.
SQL_RATIO_LISTS = (
    "/projects/",
    "/projects/?state=construction",
    "/projects/?q=系统",
    "/systems/",
    "/data-resources/",
    "/projects/deadlines/",
    "/reports/",
    "/api/v1/projects",
    "/api/v1/systems",
    "/api/v1/data-resources",
    "/api/v1/deadlines",
    "/api/v1/reviews",
    "/api/v1/planning/library",
)


def _run(command: list[str], env: dict[str, str]) -> None:
    subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def _postgres(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql)


def _wait_until_up(base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/accounts/login/", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit("gunicorn did not answer within a minute")


def _workers(master: int) -> list[int]:
    children = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master):
            children.append(int(status.parent.name))
    return sorted(children)


def _peak_memory_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _stat_fields(text: str) -> tuple[str, list[str]]:
    """(command name, the fields after it) of the text of a /proc/<pid>/stat file."""
    head, _, rest = text.rpartition(")")
    return head.split("(", 1)[1], rest.split()


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    _name, fields = _stat_fields(Path(f"/proc/{pid}/stat").read_text())
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _process_stat(status: Path) -> tuple[str, int, list[str]] | None:
    """(command name, parent pid, the fields after the name) of a /proc/<pid>/stat file."""
    try:
        name, fields = _stat_fields(status.read_text())
    except OSError:
        return None
    return name, int(fields[1]), fields


def database_cpu_seconds() -> float | None:
    """CPU time of the PostgreSQL server on this machine so far: its processes' own, and the
    ended ones' (the parallel workers and closed connections, waited for by the postmaster),
    or None if no PostgreSQL runs here (SQLite runs inside the workers)."""
    stats = {
        int(path.parent.name): found
        for path in Path("/proc").glob("[0-9]*/stat")
        if (found := _process_stat(path)) is not None
    }
    ticks = 0
    seen = False
    for name, parent, fields in stats.values():
        if name != "postgres":
            continue
        seen = True
        ticks += int(fields[11]) + int(fields[12])
        if stats.get(parent, ("",))[0] != "postgres":  # the postmaster: add its ended children
            ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK") if seen else None


def _children_cpu_seconds() -> float:
    """User and system CPU time of this process's children that have ended and been waited
    for (with their own waited-for children), so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _failures(prefix: Path) -> list[str]:
    with open(f"{prefix}_failures.csv", encoding="utf-8") as handle:
        return [
            f"{row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}×)"
            for row in csv.DictReader(handle)
        ]


def _stats(prefix: Path, queries: dict[str, list[int]]) -> list[dict[str, Any]]:
    rows = []
    with open(f"{prefix}_stats.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["Name"]
            if row["Request Count"] == "0":  # its requests all came before the statistics began
                continue
            done, total = queries.get(name, [0, 0])
            rows.append(
                {
                    "name": name,
                    "method": row["Type"],
                    "requests": int(row["Request Count"]),
                    "errors": int(row["Failure Count"]),
                    "p50": float(row["50%"] or 0),
                    "p99": float(row["99%"] or 0),
                    "rps": float(row["Requests/s"] or 0),
                    "queries": round(total / done, 1) if done else None,
                }
            )
    return rows


def _sql_ratios(session_key: str, repeat: int) -> list[dict[str, Any]]:
    """Each list endpoint in process (median of ``repeat``) against its own SQL statements
    run bare on a cursor (median of ``repeat`` of their summed time), read with the session
    ``session_key`` (the official's)."""
    _setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    results = []
    for url in SQL_RATIO_LISTS:
        client.get(url)  # warm
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                client.get(url)
                times.append(time.perf_counter() - start)
        statements = [
            q["sql"]
            for q in captured.captured_queries
            if q["sql"].lstrip().upper().startswith("SELECT")
        ]
        bare = []
        with connection.cursor() as cursor:
            for _ in range(repeat):
                start = time.perf_counter()
                for sql in statements:
                    cursor.execute(sql)
                    cursor.fetchall()
                bare.append(time.perf_counter() - start)
        endpoint_ms = statistics.median(times) * 1000
        sql_ms = statistics.median(bare) * 1000
        results.append(
            {
                "url": url,
                "queries": len(captured.captured_queries),
                "endpoint_ms": round(endpoint_ms, 1),
                "sql_ms": round(sql_ms, 2),
                "ratio": round(endpoint_ms / sql_ms, 1) if sql_ms else None,
            }
        )
    return results


# The demo accounts, by kind of simulated user (the kinds of benchmarks/locustfile.py).
DEMO_USERS = {
    "official": ("competent",),
    "clerk": ("unit", "unit2"),
    "leader": ("finance", "government"),
}
# Without the demo accounts, this many unit clerks, each from a different unit.
CLERK_UNITS = 20


def _evenly(items: list[Any], count: int) -> list[Any]:
    """``count`` items spread evenly over ``items`` (all of them if there are fewer)."""
    if len(items) <= count:
        return list(items)
    return [items[i * len(items) // count] for i in range(count)]


def choose_users(clerk_units: int = CLERK_UNITS) -> dict[str, list[str]]:
    """The usernames each kind of simulated user signs in as: the demo accounts when they are
    all there; otherwise, by role (generated data, an existing database): the first active
    holder of the competent department's role, one unit clerk in each of ``clerk_units`` units
    spread evenly over the units with projects (from the largest to the smallest portfolio),
    and the first holders of the finance and government roles."""
    from django.db.models import Count

    from govit.orgs.choices import Role
    from govit.orgs.models import Membership, Organisation, User

    demo = [name for names in DEMO_USERS.values() for name in names]
    if User.objects.filter(username__in=demo, is_active=True).count() == len(demo):
        return {kind: list(names) for kind, names in DEMO_USERS.items()}

    holders = Membership.objects.filter(
        user__is_active=True, organisation__is_active=True
    ).order_by("user_id", "organisation_id")

    def first(role: str) -> str:
        membership = holders.filter(role=role).select_related("user").first()
        if membership is None:
            raise SystemExit(f"no active user holds the role {role!r}")
        return membership.user.username

    units = list(
        Organisation.objects.filter(kind=Role.UNIT, is_active=True)
        .annotate(projects_count=Count("projects"))
        .filter(projects_count__gt=0)
        .order_by("-projects_count", "id")
        .values_list("id", flat=True)
    )
    clerk_of: dict[int, str] = {}
    for organisation_id, username in holders.filter(
        role=Role.UNIT, organisation_id__in=units
    ).values_list("organisation_id", "user__username"):
        clerk_of.setdefault(organisation_id, username)
    clerks = _evenly([clerk_of[unit] for unit in units if unit in clerk_of], clerk_units)
    if not clerks:
        raise SystemExit("no active unit clerk in a unit with projects")
    return {
        "official": [first(Role.COMPETENT)],
        "clerk": clerks,
        "leader": [first(Role.FINANCE), first(Role.GOVERNMENT)],
    }


def _new_session(user: Any) -> str:
    """A signed-in session for ``user``, as a sign-in makes it (the session engine's record
    and govit's own session record) but without ``login()``, which would write the user's
    last sign-in time: the benchmark may run on a database whose business data it must leave
    as it found it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils import timezone

    from govit.orgs.models import UserSession

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    key = str(store.session_key)
    now = timezone.now()
    UserSession.objects.create(
        session_key=key, user=user, started_at=now, last_seen_at=now, ip_address="127.0.0.1"
    )
    return key


def make_sessions(users: dict[str, list[str]], count: int) -> dict[str, list[list[str]]]:
    """``count`` sessions for each kind of user, dealt round the kind's usernames in turn:
    ``{kind: [[username, session key], ...]}``, for the locustfile."""
    from govit.orgs.models import User

    accounts = {
        user.username: user
        for user in User.objects.filter(username__in=[n for ns in users.values() for n in ns])
    }
    return {
        kind: [
            [names[i % len(names)], _new_session(accounts[names[i % len(names)]])]
            for i in range(count)
        ]
        for kind, names in users.items()
    }


def remove_sessions(keys: list[str]) -> int:
    """Delete the sessions the benchmark made (and govit's records of them)."""
    from django.contrib.sessions.models import Session

    from govit.orgs.models import UserSession

    removed = 0
    for start in range(0, len(keys), 500):
        batch = keys[start : start + 500]
        removed += UserSession.objects.filter(session_key__in=batch).delete()[0]
        Session.objects.filter(session_key__in=batch).delete()
    return removed


def _setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govit.settings")
    django.setup()


def _table_writes(url: str) -> dict[str, int]:
    """Rows inserted, updated and deleted so far in each table of a PostgreSQL database."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_user_tables"
        ).fetchall()
    return {str(name): int(count) for name, count in rows}


def locust_command(
    locustfile: Path,
    *,
    users: int,
    spawn_rate: float,
    seconds: int,
    host: str,
    prefix: Path,
    steady: bool = False,
) -> list[str]:
    """Locust, headless, writing its statistics to ``prefix``_*.csv (``steady``: from the end of
    the ramp-up on)."""
    return [
        str(BIN / "locust"),
        "-f",
        str(locustfile),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(spawn_rate),
        "--run-time",
        f"{seconds}s",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        *(["--reset-stats"] if steady else []),
    ]


def _steady_words(args: argparse.Namespace) -> str:
    warmup = getattr(args, "warmup", 0)
    if warmup:
        return f", latencies from {warmup:g} s after the end of the ramp-up"
    return ", latencies from the end of the ramp-up"


def _report(args: argparse.Namespace, result: dict[str, Any]) -> str:
    lines = [
        f"## {args.database}: {args.users} users, {args.duration} s, {args.workers} workers "
        f"× {args.threads} threads, data: {args.data}, think time {args.think} s"
        + (", signing in through the form" if args.sign_in else "")
        + (_steady_words(args) if getattr(args, "steady", False) else ""),
        "",
        "Simulated users: "
        + "; ".join(f"{kind}: {', '.join(names)}" for kind, names in result["users"].items()),
        "",
        "| endpoint | requests | errors | p50 ms | p99 ms | req/s | queries/request |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in result["endpoints"]:
        lines.append(
            f"| {row['method']} {row['name']} | {row['requests']} | {row['errors']} | "
            f"{row['p50']:.0f} | {row['p99']:.0f} | {row['rps']:.1f} | {row['queries']} |"
        )
    memory = ", ".join(f"{mib:.0f}" for mib in result["memory_mib"])
    total = next((r for r in result["endpoints"] if r["name"] == "Aggregated"), None)
    # Every request served (the query counter sees them all; the latency statistics may start
    # after the ramp-up).
    requests = result.get("all_requests") or (total["requests"] if total else 0)
    cpu_ms = result["server_cpu_s"] * 1000 / requests if requests else 0
    locust_ms = result["locust_cpu_s"] * 1000 / requests if requests else 0
    wall = result["locust_wall_s"]
    lines += [
        "",
        f"Peak resident memory per worker (VmHWM, MiB): {memory}",
        "",
        f"Server CPU (all workers): {result['server_cpu_s']} s, {cpu_ms:.0f} ms per request; "
        f"load average before/after: {result['load_average'][0]}/{result['load_average'][1]}",
        "",
        f"Load generator CPU (locust): {result['locust_cpu_s']} s, {locust_ms:.1f} ms per "
        f"request; cores used over the {wall:.0f} s run: workers "
        f"{result['server_cpu_s'] / wall if wall else 0:.2f}, locust "
        f"{result['locust_cpu_s'] / wall if wall else 0:.2f}",
        "",
    ]
    database = result.get("database_cpu_s")
    if database is not None:
        per_request = database * 1000 / requests if requests else 0
        lines[-1:-1] = [
            "",
            f"Database CPU (every PostgreSQL process on this machine, while locust ran): "
            f"{database} s, {per_request:.1f} ms per request, "
            f"{database / wall if wall else 0:.2f} cores",
        ]
    if "writes" in result:
        writes = ", ".join(f"{table} {rows}" for table, rows in result["writes"].items())
        lines += [f"Rows written during the run, by table: {writes or 'none'}", ""]
    lines += [f"Failure: {failure}" for failure in result["failures"]]
    lines += [""] if result["failures"] else []
    lines += [
        "| list endpoint | queries | in process ms | bare SQL ms | ratio |",
        "|---|---|---|---|---|",
    ]
    for row in result["sql"]:
        lines.append(
            f"| {row['url']} | {row['queries']} | {row['endpoint_ms']} | {row['sql_ms']} | "
            f"{row['ratio']} |"
        )
    return "\n".join(lines) + "\n"


def _kind(url: str) -> str:
    if url.startswith(("postgres://", "postgresql://")):
        return "postgres"
    if url.startswith("sqlite://"):
        return "sqlite"
    raise SystemExit(f"--database-url: a PostgreSQL or SQLite URL, not {url!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument(
        "--database-url",
        help="an existing, filled database (PostgreSQL or SQLite URL): not created, migrated, "
        "loaded or dropped; only the benchmark's sessions are added, and removed at the end",
    )
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument(
        "--steady",
        action="store_true",
        help="latencies from the end of the ramp-up on (locust --reset-stats)",
    )
    parser.add_argument(
        "--warmup",
        type=float,
        default=0,
        help="with --steady: latencies from this many seconds after the ramp-up on (the "
        "users' start requests and each scope's first dashboard left out)",
    )
    parser.add_argument("--spawn-rate", type=float, default=20)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker (docs/operations.md: 2)"
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--think", default="1,4", help="seconds between a user's requests")
    parser.add_argument("--data", default="demo", help="demo, or generate:SCALE")
    parser.add_argument("--clerk-units", type=int, default=CLERK_UNITS, help="clerks' units")
    parser.add_argument("--repeat", type=int, default=5, help="runs per SQL ratio figure")
    parser.add_argument(
        "--sign-in", action="store_true", help="sign in through the form (slow: the hasher)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "benchmarks")
    parser.add_argument(
        "--locustfile", type=Path, default=LOCUSTFILE, help="another scenario, to compare"
    )
    args = parser.parse_args(argv)
    existing = args.database_url is not None
    if existing:
        args.database = _kind(args.database_url)
        args.data = "existing database " + args.database_url.rsplit("/", 1)[-1]
        if args.sign_in:
            parser.error("--sign-in writes sign-in records: not on an existing database")

    workdir = Path(tempfile.mkdtemp(prefix="govit-load-"))
    database = f"govit_load_{os.getpid()}"
    if existing:
        url = args.database_url
    elif args.database == "sqlite":
        url = f"sqlite:///{workdir / 'govit.sqlite3'}"
    else:
        url = f"{args.postgres}/{database}"
        _postgres(f"{args.postgres}/postgres", f'CREATE DATABASE "{database}"')
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "GOVIT_VAR_DIR": str(workdir),
        "DEBUG": "false",
        "GOVIT_2FA_ENFORCED": "false",
        "GOVIT_QUERY_COUNT_HEADER": "true",
        "GOVIT_LOAD_THINK": args.think,
        "GOVIT_LOAD_WARMUP": str(args.warmup if args.steady else 0),
        "GOVIT_LOAD_QUERIES": str(workdir / "queries.json"),
        # On an existing database the clerks file no projects: they only read.
        "GOVIT_LOAD_READ_ONLY": "true" if existing else "",
    }
    os.environ.update({k: env[k] for k in ("DATABASE_URL", "GOVIT_VAR_DIR", "DEBUG")})
    os.environ.update({"GOVIT_2FA_ENFORCED": "false"})
    govit = str(BIN / "govit")
    gunicorn = None
    keys: list[str] = []
    writes_before: dict[str, int] = {}
    try:
        started = time.monotonic()
        if not existing:
            _run([govit, "migrate", "--no-input"], env)
            if args.data == "demo":
                _run([govit, "demo", "load"], env)
            else:
                _run([govit, "generate", "--scale", args.data.partition(":")[2]], env)
        _run([govit, "collectstatic", "--no-input", "--verbosity", "0"], env)
        _setup_django()
        from django.conf import settings
        from django.db import connections

        if existing and args.database == "postgres":
            writes_before = _table_writes(url)
        users = choose_users(args.clerk_units)
        sessions = make_sessions(users, args.users)
        keys = [key for pairs in sessions.values() for _name, key in pairs]
        official_key = keys[0]
        connections.close_all()
        if not args.sign_in:
            env["GOVIT_LOAD_SESSIONS"] = str(workdir / "sessions.json")
            payload = {"cookie": settings.SESSION_COOKIE_NAME, "sessions": sessions}
            (workdir / "sessions.json").write_text(json.dumps(payload), encoding="utf-8")
        env["GOVIT_LOAD_USERS"] = json.dumps(users)
        print(f"data ready in {time.monotonic() - started:.0f} s; users {users}", file=sys.stderr)
        gunicorn = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "govit.wsgi:application",
                "--workers",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--bind",
                f"127.0.0.1:{args.port}",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        base = f"http://127.0.0.1:{args.port}"
        _wait_until_up(base)
        prefix = workdir / "locust"
        cpu_before = sum(_cpu_seconds(pid) for pid in _workers(gunicorn.pid))
        database_before = database_cpu_seconds() if args.database == "postgres" else None
        load_before = os.getloadavg()[0]
        locust_cpu_before = _children_cpu_seconds()
        locust_started = time.monotonic()
        subprocess.run(  # noqa: S603
            locust_command(
                args.locustfile,
                users=args.users,
                spawn_rate=args.spawn_rate,
                seconds=args.duration,
                host=base,
                prefix=prefix,
                steady=args.steady,
            ),
            env=env,
            cwd=ROOT,
            check=False,
        )
        locust_wall = time.monotonic() - locust_started
        locust_cpu = _children_cpu_seconds() - locust_cpu_before
        workers = _workers(gunicorn.pid)
        memory = [_peak_memory_mib(pid) for pid in workers]
        cpu = sum(_cpu_seconds(pid) for pid in workers) - cpu_before
        database_after = database_cpu_seconds() if database_before is not None else None
        queries = json.loads((workdir / "queries.json").read_text(encoding="utf-8"))
        result: dict[str, Any] = {
            "users": users,
            "all_requests": sum(int(counts[0]) for counts in queries.values()),
            "endpoints": _stats(prefix, queries),
            "memory_mib": memory,
            "failures": _failures(prefix),
            "server_cpu_s": round(cpu, 1),
            "locust_cpu_s": round(locust_cpu, 1),
            "locust_wall_s": round(locust_wall, 1),
            "database_cpu_s": (
                round(database_after - database_before, 1)
                if database_before is not None and database_after is not None
                else None
            ),
            "load_average": [round(load_before, 1), round(os.getloadavg()[0], 1)],
        }
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        gunicorn = None
        result["sql"] = _sql_ratios(official_key, args.repeat)
        remove_sessions(keys)
        keys = []
        if writes_before:
            connections.close_all()
            time.sleep(1)  # the statistics collector reports at most once a second
            after = _table_writes(url)
            result["writes"] = {
                table: after[table] - writes_before.get(table, 0)
                for table in sorted(after)
                if after[table] != writes_before.get(table, 0)
            }
        report = _report(args, result)
        print(report)
        args.out.mkdir(parents=True, exist_ok=True)
        stem = args.out / f"load-{args.database}-{time.strftime('%Y%m%d-%H%M%S')}"
        stem.with_suffix(".json").write_text(json.dumps(result, indent=2), encoding="utf-8")
        stem.with_suffix(".md").write_text(report, encoding="utf-8")
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(timeout=30)
        if keys:
            remove_sessions(keys)
        if args.database == "postgres" and not existing:
            from django.db import connections

            connections.close_all()
            _postgres(
                f"{args.postgres}/postgres", f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'
            )
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
