"""``govit generate --scale {county,city,province}``: a generated portfolio for benchmarks."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govit.generate.run import generate
from govit.generate.scale import SCALES, Scale
from govit.policy import loader


class Command(BaseCommand):
    help = (
        "Fill the database with a generated portfolio (units, users, experts, projects in every "
        "state, documents, reviews, contracts, payments, systems with usage, data resources, "
        "evaluations). Bulk inserts that bypass the services: no audit events."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="county")
        parser.add_argument(
            "--projects", type=int, help="this many projects instead (the rest scales along)"
        )
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data")
        parser.add_argument("--rulebook", choices=sorted(loader.load_all()), help="default: active")
        parser.add_argument("--no-progress", action="store_true", help="no progress line")

    def handle(self, *args: Any, **options: Any) -> None:
        scale = SCALES[options["scale"]]
        if options["projects"] is not None:
            if options["projects"] < 1:
                raise CommandError("--projects must be at least 1")
            scale = Scale(projects=options["projects"])
        started = time.perf_counter()
        counts = generate(
            scale,
            seed=options["seed"],
            rulebook_id=options["rulebook"],
            progress=not options["no_progress"] and options["verbosity"] > 0,
            stream=sys.stderr,
        )
        elapsed = time.perf_counter() - started
        for label, count in sorted(counts.items()):
            self.stdout.write(f"{label}: {count:,}")
        self.stdout.write(f"generated {sum(counts.values()):,} rows in {elapsed:.0f} s")
