"""``govit demo load`` fills the database with demo data; ``govit demo accounts`` lists them."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from govit.orgs.choices import Role
from govit.policy import loader
from govit.web import demo


class Command(BaseCommand):
    help = "Load the demo data for the active rulebook, or print the demo accounts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["load", "accounts"])

    def handle(self, *args: Any, **options: Any) -> None:
        rulebook = loader.active()
        accounts = demo.load(rulebook)
        if options["action"] == "load":
            self.stdout.write(f"demo data ready for rulebook {rulebook.id} ({rulebook.spec.title})")
            return
        titles = dict(Role.choices)
        self.stdout.write("")
        self.stdout.write(f"Demo accounts (password for all: {demo.DEMO_PASSWORD})")
        for item in accounts:
            local = rulebook.spec.role_title(item.role) or titles.get(item.role, item.role)
            self.stdout.write(
                f"  {item.username:<11} {item.display_name:<6} {local}  ·  {item.organisation}"
            )
        self.stdout.write("")
