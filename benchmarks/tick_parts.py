"""Benchmark: the CPU time of each part of ``govit tick``'s evaluation, per project.

    DATABASE_URL=... DEBUG=0 .venv/bin/python benchmarks/tick_parts.py [--size 2000] [--repeat 5]

Takes ``--size`` open projects from the middle of the portfolio (by id) and times, in this
process (``time.process_time``, the best of ``--repeat``, the garbage collector off), each
part of what the tick does with them: reading the batch (all its queries; the catalogue's
facts of the systems alone too), the digest, the snapshot's plain data, its validation, the
engine as the tick runs it (only the rules that may record obligations) and the whole
rulebook. Prints microseconds per project.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, cast

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govit.settings")


def _best(function: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        result = function()
        best = min(best, time.process_time() - start)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="projects in the batch")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each part (best kept)")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from django.utils import timezone

    from govit.core.selectors import work_calendar
    from govit.policy import loader
    from govit.policy.engine.i18n import pinned_language
    from govit.policy.engine.snapshot import Snapshot
    from govit.projects.choices import CLOSED_STATES
    from govit.projects.models import Project
    from govit.projects.obligation_checks import facts_digest, run_key
    from govit.projects.snapshot_batch import ProjectRef, read_batch
    from govit.projects.snapshots import catalogue_systems

    ids = list(
        Project.objects.exclude(state__in=CLOSED_STATES).order_by("pk").values_list("pk", flat=True)
    )
    middle = max(0, len(ids) // 2 - args.size // 2)
    ids = ids[middle : middle + args.size]
    if not ids:
        print("no open projects: run govit generate first")
        return 1
    today = timezone.localdate()
    calendar = work_calendar()
    key = run_key(calendar)
    gc.disable()
    parts: dict[str, float] = {}
    with pinned_language():
        parts["reading the batch"], batch = _best(lambda: read_batch(ids, as_of=today), args.repeat)
        # The stand-ins the tick hands the providers (``snapshot_batch.ProjectRef``).
        refs = cast(Sequence[Project], [ProjectRef(pk) for pk in ids])
        parts["  of which the catalogue's systems"], _ = _best(
            lambda: catalogue_systems(refs, today), args.repeat
        )
        pks = list(batch.projects)
        parts["digest"], _ = _best(
            lambda: [facts_digest(batch.facts(pk), key) for pk in pks], args.repeat
        )
        parts["data()"], data = _best(lambda: [batch.data(pk) for pk in pks], args.repeat)
        parts["validating the snapshot"], snapshots = _best(
            lambda: [Snapshot.model_validate(one) for one in data], args.repeat
        )
        books = {snapshot.rulebook: loader.get(str(snapshot.rulebook)) for snapshot in snapshots}
        parts["engine, obligations only (the tick)"], _ = _best(
            lambda: [
                books[one.rulebook].evaluate(
                    one, calendar=calendar, as_of=today, obligations_only=True
                )
                for one in snapshots
            ],
            args.repeat,
        )
        parts["engine, whole rulebook"], _ = _best(
            lambda: [
                books[one.rulebook].evaluate(one, calendar=calendar, as_of=today)
                for one in snapshots
            ],
            args.repeat,
        )
    gc.enable()
    print(f"{len(pks):,} open projects, best of {args.repeat}, µs of CPU per project\n")
    print("| part | µs |")
    print("|---|---|")
    for name, seconds in parts.items():
        print(f"| {name} | {seconds / len(pks) * 1e6:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
