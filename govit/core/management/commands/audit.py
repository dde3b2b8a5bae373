"""``govit audit verify``: prove the audit chain; ``govit audit head``: print its last link."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govit.core import audit
from govit.core.models import AuditHead


class Command(BaseCommand):
    help = "Verify the audit trail's SM3 hash chain, or print its head."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "head"])

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "head":
            head = AuditHead.objects.get(id=1)
            self.stdout.write(f"{head.sequence} {head.last_hash}")
            return
        count, broken = audit.verify()
        if broken is not None:
            raise CommandError(
                f"audit chain broken at event #{broken.sequence}: {broken.reason} "
                f"({count} events before it hold)"
            )
        self.stdout.write(f"audit chain intact: {count} events verified")
