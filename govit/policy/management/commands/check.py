"""``govit check``: Django's system checks, or, given a snapshot, the policy engine's check.

govit check --deploy                      Django's system checks
govit check --rulebook wuhan FILE.json    the engine's findings, obligations and decisions
govit check --rulebook wuhan -            the snapshot from standard input
govit check --project CODE                a stored project's snapshot (with its catalogued
                                          systems' facts), against the project's rulebook
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands.check import Command as SystemCheckCommand

from govit.core.selectors import work_calendar
from govit.policy import checking


class Command(SystemCheckCommand):
    help = (
        "Run Django's system checks, or check a project snapshot (JSON file or - for stdin) "
        "against a rulebook and print the findings, obligations and decisions as JSON."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--rulebook", help="the rulebook id (harbin, kaihua, wuhan, ...)")
        parser.add_argument(
            "--project", help="check the stored project with this code (its own snapshot)"
        )
        parser.add_argument(
            "--fail-on-block",
            action="store_true",
            help="exit with status 1 when a finding blocks",
        )

    def handle(self, *app_labels: Any, **options: Any) -> None:
        files = [str(a) for a in app_labels if a == "-" or str(a).endswith(".json")]
        if options.get("project"):
            if files:
                raise CommandError("give either --project or a snapshot, not both")
            self._check_project(str(options["project"]), options)
            return
        if not files and not options.get("rulebook"):
            super().handle(*app_labels, **options)
            return
        if len(files) != 1:
            raise CommandError("give exactly one snapshot: a JSON file, or - for standard input")
        self._check_snapshot(files[0], options)

    def _check_project(self, code: str, options: dict[str, Any]) -> None:
        # Read at call time: the policy engine does not depend on the projects app.
        from govit.projects.models import Project
        from govit.projects.snapshots import build_snapshot

        project = Project.objects.filter(code=code).first()
        if project is None:
            raise CommandError(f"no project has the code {code!r}", returncode=2)
        self._report(build_snapshot(project), options, source=code)

    def _report(self, snapshot: Any, options: dict[str, Any], *, source: str) -> None:
        try:
            result = checking.check(
                snapshot, requested=options.get("rulebook"), calendar=work_calendar()
            )
        except checking.SnapshotInvalid as exc:
            lines = [f"{source}: {exc.detail}"]
            lines += [f"  {error.field}: {error.message}" for error in exc.errors]
            raise CommandError("\n".join(lines), returncode=2) from None
        self.stdout.write(json.dumps(checking.public_result(result), ensure_ascii=False, indent=2))
        if options.get("fail_on_block") and any(f.severity == "block" for f in result.findings):
            sys.exit(1)

    def _check_snapshot(self, source: str, options: dict[str, Any]) -> None:
        try:
            raw = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"cannot read {source}: {exc.strerror}") from exc
        try:
            snapshot = checking.parse_snapshot(raw)
        except checking.SnapshotInvalid as exc:
            lines = [f"{source}: {exc.detail}"]
            lines += [f"  {error.field}: {error.message}" for error in exc.errors]
            raise CommandError("\n".join(lines), returncode=2) from None
        self._report(snapshot, options, source=source)
