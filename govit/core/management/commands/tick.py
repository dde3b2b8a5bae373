"""``govit tick``: run every app's daily job (idempotent; schedule it once a day)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govit.core import ticks


class Command(BaseCommand):
    help = "Run the daily jobs: deadlines, reminders and recomputed decisions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--only", action="append", help="run only the named job(s)")

    def handle(self, *args: Any, **options: Any) -> None:
        selected = options.get("only")
        jobs = [job for job in ticks.jobs() if not selected or job.name in selected]
        if selected and len(jobs) != len(set(selected)):
            known = ", ".join(job.name for job in ticks.jobs())
            raise CommandError(f"unknown job in {selected}; known: {known}")
        for job in jobs:
            self.stdout.write(f"{job.name}: {job.run()}")
