"""``govit systems recompute`` stores each system's O&M funding decision (``govit tick`` calls
it); ``govit systems detect`` adds zombie and shadow proposals."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from govit.systems import detection, funding


class Command(BaseCommand):
    help = "Maintain the information-system catalogue."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("recompute", help="store every system's O&M funding decision")
        sub.add_parser("detect", help="propose zombie and shadow systems")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "recompute":
            counts = funding.systems_recompute(actor=None)
            summary = ", ".join(f"{name} {count}" for name, count in counts.items())
            self.stdout.write(f"O&M funding recomputed: {summary}")
        else:
            zombies = detection.zombie_propose(actor=None)
            shadows = detection.shadow_propose(actor=None)
            self.stdout.write(f"proposed: {len(zombies)} zombie, {len(shadows)} shadow")
