"""Benchmark: whole-portfolio policy re-evaluation, what ``govit tick`` does every day.

    govit generate --scale city                       # first, a generated portfolio
    .venv/bin/python benchmarks/tick.py [--runs 2] [--workers 2] [--all-jobs] [--profile FILE]

Runs the ``projects.deadlines`` job (every open project: snapshot built from the database, the
rulebook evaluated, its obligations stored) ``--runs`` times on the database of DATABASE_URL:
the first run on a fresh data set writes every obligation, later runs find them unchanged (the
daily case: every project's facts are read, and those unchanged since their last evaluation,
before any of their due days, keep their obligations; ``--full`` evaluates every one).
Prints the time, projects per second and queries per project of each run;
``--all-jobs`` also times every other job of ``govit tick`` once. ``--workers`` splits the
batches across processes (PostgreSQL); their CPU time is counted, their queries are not.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govit.settings")


class QueryCounter:
    """Counts the queries run through a connection (without keeping them)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        self.count += 1
        return execute(sql, *args)


def timed(run: Callable[[], Any]) -> tuple[Any, float, float, int]:
    """(result, wall seconds, CPU seconds, queries) of one call."""
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        started, cpu = time.perf_counter(), _cpu()
        result = run()
        return result, time.perf_counter() - started, _cpu() - cpu, counter.count


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the ``--workers``)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--all-jobs", action="store_true", help="also time every other job")
    parser.add_argument("--workers", type=int, default=1, help="processes (PostgreSQL)")
    parser.add_argument(
        "--full", action="store_true", help="evaluate every project (keep no stored obligations)"
    )
    parser.add_argument("--profile", help="write a cProfile of the first run to this file")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection

    from govit.core import ticks
    from govit.projects.deadlines import deadlines_refresh
    from govit.projects.models import Project

    total = Project.objects.count()
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}, {total:,} projects")
    for run in range(args.runs):
        profiler = cProfile.Profile() if args.profile and run == 0 else None
        if profiler:
            profiler.enable()
        report, wall, cpu, queries = timed(
            lambda: deadlines_refresh(workers=args.workers, full=args.full)
        )
        if profiler:
            profiler.disable()
            profiler.dump_stats(args.profile)
        n = max(report.projects, 1)
        print(
            f"run {run + 1}: {report.projects:,} open projects ({report.kept:,} kept) "
            f"in {wall:.1f} s "
            f"(CPU {cpu:.1f} s): {report.projects / wall:,.0f} projects/s "
            f"({report.projects / max(cpu, 1e-9):,.0f}/s CPU), {queries:,} queries "
            f"({queries / n:.3f} per project); obligations {report.created:,} new, "
            f"{report.updated:,} changed, {report.retired:,} retired"
        )
    if args.all_jobs:
        for job in ticks.jobs():
            line, wall, cpu, queries = timed(job.run)
            print(f"{job.name}: {wall:.1f} s (CPU {cpu:.1f} s), {queries:,} queries: {line}")


if __name__ == "__main__":
    main()
