"""CPU per request of the pages users hit most, in process, on the demo data.

    .venv/bin/python benchmarks/pages.py [--requests 20] [--user competent] [--profile URL]

Makes a throwaway SQLite database in a temporary folder (``govit migrate``, ``govit demo
load``; ``--database PATH`` reuses or keeps one), then signs in as ``--user`` with Django's
test client (a session made as a sign-in makes it, without the slow password hash) and
requests each page ``--requests`` times after one warm-up request, with ``DEBUG`` off and
the two-factor sign-in off. Prints, per page, the median and mean CPU time of this process
per request (``time.process_time``: what other processes on a shared machine do not
distort), the median wall-clock time and the queries per request, as a Markdown table.

``--profile URL`` prints the cProfile of that URL (cumulative, top 40) instead
(``--profile-file FILE`` also writes it, for ``pstats``).
``--database-url URL`` measures on an existing database instead (the province data set on
PostgreSQL, say), as ``--user`` (a username there); the session it makes is deleted at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

# The pages of the load benchmark's official (benchmarks/locustfile.py), one of each kind.
PAGES = (
    "/",
    "/projects/",
    "/projects/?state=construction",
    "/projects/?q=系统",
    "/projects/{project}/",
    "/reports/",
    "/api/v1/projects",
    "/systems/",
    "/planning/library/",
)


def _prepare(database: Path) -> None:
    env = {**os.environ}
    if database.exists():
        return
    for command in (["migrate", "--no-input"], ["demo", "load"]):
        subprocess.run(  # noqa: S603
            [str(BIN / "govit"), *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )


def _client(username: str) -> Any:
    from django.test import Client
    from django.utils import timezone

    from govit.orgs.models import User, UserSession

    user = User.objects.get(username=username)
    client = Client()
    client.force_login(user)
    key = client.session.session_key
    now = timezone.now()
    UserSession.objects.update_or_create(
        session_key=key,
        defaults={"user": user, "started_at": now, "last_seen_at": now, "ip_address": "127.0.0.1"},
    )
    return client


def _a_project(client: Any) -> int:
    answer = client.get("/api/v1/projects?limit=100")
    items = answer.json()["items"]
    return int(items[len(items) // 2]["id"])


def _measure(client: Any, name: str, url: str, count: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm
    assert response.status_code == 200, (url, response.status_code)
    cpu: list[float] = []
    wall: list[float] = []
    queries: list[int] = []
    for _ in range(count):
        with CaptureQueriesContext(connection) as captured:
            started_cpu = time.process_time()
            started = time.perf_counter()
            client.get(url)
            wall.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
        queries.append(len(captured.captured_queries))
    return {
        "url": name,
        "cpu_median_ms": statistics.median(cpu) * 1000,
        "cpu_mean_ms": statistics.fmean(cpu) * 1000,
        "wall_median_ms": statistics.median(wall) * 1000,
        "queries": statistics.median(queries),
    }


def _profile(client: Any, url: str, count: int, keep: str | None = None) -> None:
    client.get(url)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(count):
        client.get(url)
    profiler.disable()
    if keep:
        profiler.dump_stats(keep)
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats("govit/", 40)
    stats.sort_stats("tottime").print_stats(25)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page")
    parser.add_argument("--user", default="competent", help="demo account")
    parser.add_argument("--database", type=Path, help="SQLite file to reuse or keep")
    parser.add_argument("--profile", help="print the cProfile of this URL instead")
    parser.add_argument("--profile-file", help="with --profile: also write the profile here")
    parser.add_argument("--database-url", help="an existing database to measure on instead")
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="govit-pages-"))
    database = args.database or workdir / "govit.sqlite3"
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "govit.settings",
            "DATABASE_URL": args.database_url or f"sqlite:///{database.resolve()}",
            "GOVIT_VAR_DIR": str(workdir),
            "DEBUG": "false",
            "GOVIT_2FA_ENFORCED": "false",
        }
    )
    if not args.database_url:
        _prepare(database)

    import django

    django.setup()
    from django.conf import settings

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = _client(args.user)
    try:
        project = _a_project(client)
        count = args.requests
        if args.profile:
            _profile(client, args.profile.format(project=project), args.requests, args.profile_file)
            return 0
        rows = [
            _measure(client, page.replace("{project}", "[id]"), page.format(project=project), count)
            for page in PAGES
        ]
    finally:
        if args.database_url:
            from govit.orgs.models import UserSession

            UserSession.objects.filter(session_key=client.session.session_key).delete()
            client.logout()
    data = "that database" if args.database_url else "SQLite, demo data"
    print(f"{args.user}, {args.requests} requests per page, DEBUG off, {data}\n")
    print("| page | CPU ms, median | CPU ms, mean | wall ms, median | queries |")
    print("|---|---|---|---|---|")
    for row in rows:
        print(
            f"| `{row['url']}` | {row['cpu_median_ms']:.1f} | {row['cpu_mean_ms']:.1f} | "
            f"{row['wall_median_ms']:.1f} | {row['queries']:g} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
