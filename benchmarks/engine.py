"""Benchmark: evaluate generated snapshots with the policy engine, report snapshots per second.

    .venv/bin/python benchmarks/engine.py [--count 10000] [--seed 1]

Prints the rate of (a) validation of JSON data into snapshots, (b) evaluation of validated
snapshots, in wall-clock time and in this process's CPU time (one core: what other processes
on a shared machine do not distort), and (c) both together; the best of --repeat runs.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govit.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="report the best of N runs")
    args = parser.parse_args()

    import django

    django.setup()
    from django.utils import translation

    from benchmarks.snapshots import snapshot
    from govit.core.calendar import WorkCalendar
    from govit.policy import loader
    from govit.policy.engine.snapshot import Snapshot

    translation.activate("zh-hans")
    rng = random.Random(args.seed)
    rulebooks = loader.load_all()
    ids = list(rulebooks)
    data = [snapshot(rng, ids[i % len(ids)], i) for i in range(args.count)]
    calendar = WorkCalendar()

    validate_s = evaluate_s = evaluate_cpu = float("inf")
    totals = {"findings": 0, "obligations": 0}
    for _run in range(args.repeat):
        started = time.perf_counter()
        snapshots = [Snapshot.model_validate(item) for item in data]
        validated = time.perf_counter()
        cpu_started = time.process_time()
        totals = {"findings": 0, "obligations": 0}
        for item in snapshots:
            result = rulebooks[item.rulebook or "wuhan"].evaluate(item, calendar=calendar)
            totals["findings"] += len(result.findings)
            totals["obligations"] += len(result.obligations)
        finished = time.perf_counter()
        evaluate_cpu = min(evaluate_cpu, time.process_time() - cpu_started)
        validate_s = min(validate_s, validated - started)
        evaluate_s = min(evaluate_s, finished - validated)

    print(
        f"snapshots: {args.count} across {', '.join(ids)} (seed {args.seed}, best of {args.repeat})"
    )
    print(f"findings: {totals['findings']}, obligations: {totals['obligations']}")
    print(f"validation: {validate_s:.3f} s ({args.count / validate_s:,.0f} snapshots/s)")
    print(f"evaluation: {evaluate_s:.3f} s ({args.count / evaluate_s:,.0f} snapshots/s)")
    print(
        f"evaluation, CPU time of this process: {evaluate_cpu:.3f} s "
        f"({args.count / evaluate_cpu:,.0f} snapshots/s on one core)"
    )
    both = validate_s + evaluate_s
    print(f"validation + evaluation: {both:.3f} s ({args.count / both:,.0f} snapshots/s)")


if __name__ == "__main__":
    main()
