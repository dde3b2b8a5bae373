"""``govit restore DIR``: verify every SM3 digest of a backup, then load it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govit.core.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = "Restore a backup written by `govit backup` (into a freshly migrated database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--flush", action="store_true", help="empty the database first (destroys its data)"
        )
        parser.add_argument(
            "--check", action="store_true", help="only verify the backup; load nothing"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["directory"]
        try:
            if options["check"]:
                manifest = backup_verify(directory)
                self.stdout.write(f"backup intact: {len(manifest['files'])} files verified")
                return
            manifest = backup_restore(directory, flush=options["flush"])
        except BackupError as exc:
            raise CommandError(f"restore refused: {exc}") from None
        self.stdout.write(f"backup restored: {len(manifest['files'])} files verified and loaded")
