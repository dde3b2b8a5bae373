"""``govit backup DIR``: the database and the uploaded files, with an SM3 manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govit.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into DIR (new or empty)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_create(options["directory"])
        except BackupError as exc:
            raise CommandError(f"backup refused: {exc}") from None
        total = sum(int(item["size"]) for item in manifest["files"])
        self.stdout.write(
            f"backup written: {len(manifest['files'])} files, {total} bytes, "
            f"to {options['directory']}"
        )
