"""``govit rulebook list`` and ``govit rulebook show ID [--article 第八条]``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from govit.policy import loader
from govit.policy.articles import parse_article_ref
from govit.policy.coverage import coverage


class Command(BaseCommand):
    help = "List the rulebooks, or show one rulebook or one article of its regulation."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("list", help="the rulebooks govit ships")
        show = sub.add_parser("show", help="one rulebook, or one article of its regulation")
        show.add_argument("rulebook_id")
        show.add_argument("--article", help="an article, e.g. 第八条 or 8")
        cover = sub.add_parser(
            "coverage", help="per rulebook: articles with rules, manual ones, unmentioned ones"
        )
        cover.add_argument("rulebook_id", nargs="?")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "list":
            self._list()
        elif options["action"] == "coverage":
            self._coverage(options.get("rulebook_id"))
        else:
            self._show(options["rulebook_id"], options.get("article"))

    def _coverage(self, rulebook_id: str | None) -> None:
        rulebooks = loader.load_all()
        if rulebook_id is not None and rulebook_id not in rulebooks:
            raise CommandError(f"unknown rulebook {rulebook_id!r}; known: {', '.join(rulebooks)}")
        for item in rulebooks.values():
            if rulebook_id is not None and item.id != rulebook_id:
                continue
            result = coverage(item)
            self.stdout.write(f"{item.id} ({item.spec.title})")
            rows = [
                ("rules", result.ruled),
                ("steps", result.steps),
                ("manual", result.manual),
                ("unmentioned", result.unmentioned),
            ]
            for name, numbers in rows:
                listed = " ".join(result.labels(numbers)) or "—"
                self.stdout.write(f"  {name:<12} {len(numbers):>3}  {listed}")

    def _list(self) -> None:
        for rulebook in loader.load_all().values():
            spec = rulebook.spec
            issued = spec.issued_on.isoformat() if spec.issued_on else "—"
            self.stdout.write(
                f"{spec.id:<8} {spec.title}  ({spec.issuer or '—'}, {issued}, "
                f"{len(rulebook.regulation.articles)} articles)"
            )

    def _show(self, rulebook_id: str, article_ref: str | None) -> None:
        try:
            rulebook = loader.get(rulebook_id)
        except KeyError as exc:
            known = ", ".join(loader.load_all())
            raise CommandError(f"unknown rulebook {rulebook_id!r}; known: {known}") from exc
        if article_ref:
            try:
                number = parse_article_ref(article_ref)
                article = rulebook.regulation.article(number)
            except (ValueError, KeyError) as exc:
                raise CommandError(
                    f"{rulebook.spec.short_name} has no article {article_ref!r}"
                ) from exc
            self.stdout.write(article.text)
            return
        spec = rulebook.spec
        self.stdout.write(f"{spec.title}\n{spec.issuer or '—'}")
        if spec.document_number:
            self.stdout.write(spec.document_number)
        self.stdout.write(f"issued: {spec.issued_on or '—'}; level: {spec.level}")
        self.stdout.write("roles:")
        for role, title in spec.roles.items():
            self.stdout.write(f"  {role:<11} {title}")
        self.stdout.write(f"articles: {len(rulebook.regulation.articles)}")
        for citation in spec.citations:
            self.stdout.write(f"  {citation.article} {citation.quote}")
