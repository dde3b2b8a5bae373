"""O&M funding per system: the active rulebook's ``om_funding`` decision for that system alone.

A minimal O&M project snapshot carries the one system with its catalogue facts; the rulebook's
funding rules decide ``om_funding`` and explain it with findings that cite their articles.
The last decision is stored on the system so that lists can filter on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from govit.core import audit
from govit.core.calendar import WorkCalendar
from govit.orgs.models import User
from govit.policy import loader
from govit.policy.articles import parse_article_ref
from govit.policy.engine.results import Finding
from govit.policy.engine.snapshot import Project, Snapshot, Unit
from govit.policy.engine.snapshot import System as SystemFacts
from govit.systems.choices import RETIRED_STATUSES, OmFunding
from govit.systems.models import System
from govit.systems.selectors import zombie_found_on

# The registered rules whose findings explain an O&M funding decision.
FUNDING_RULES = frozenset({"om_funding_systems", "om_funding_needs_acceptance_filing"})


@dataclass(frozen=True)
class Reason:
    """A finding of a funding rule, with the article it cites and where to read it."""

    message: str
    severity: str
    article: str
    quote: str
    article_number: int | None

    @property
    def link(self) -> str | None:
        return None if self.article_number is None else f"{self.article_number}/"


@dataclass(frozen=True)
class FundingResult:
    """The decision for one system, the article that decides it and the reasons."""

    decision: str
    rulebook: str
    article: str = ""
    quote: str = ""
    reasons: list[Reason] = field(default_factory=list)

    @property
    def article_number(self) -> int | None:
        return _number(self.article)


def _number(article: str) -> int | None:
    try:
        return parse_article_ref(article) if article else None
    except (KeyError, ValueError):
        return None


def system_snapshot(system: System, *, as_of: dt.date, rulebook: str) -> Snapshot:
    """A minimal O&M project snapshot containing this one system and its unit's history."""
    facts = SystemFacts(
        name=system.name,
        in_catalog=True,
        docked=system.docked_service_platform,
        in_data_catalog=system.in_data_catalog,
        shares_data=system.shares_data,
        duplicate_collection=system.duplicate_collection,
        security_compliant=system.security_compliant,
        crypto_compliant=system.crypto_compliant,
        major_hazard=system.major_hazard,
        on_gov_cloud=system.on_gov_cloud,
    )
    project = Project(
        name=f"{system.name}运维",
        kind="om",
        stage="operation",
        gov_cloud=system.on_gov_cloud,
        shares_data=system.shares_data,
        catalog_registered=True,
        systems=[facts],
    )
    return Snapshot(
        as_of=as_of,
        rulebook=rulebook,
        project=project,
        unit=Unit(zombie_found_on=zombie_found_on(system.unit_id)),
    )


def om_funding_evaluate(
    system: System,
    *,
    rulebook: loader.LoadedRulebook | None = None,
    calendar: WorkCalendar | None = None,
    as_of: dt.date | None = None,
) -> FundingResult:
    """Evaluate the rulebook over the system's snapshot; keep the funding rules' answer."""
    book = rulebook or loader.active()
    day = as_of or timezone.localdate()
    if system.status in RETIRED_STATUSES:
        return FundingResult(decision=OmFunding.UNDETERMINED, rulebook=book.id)
    snapshot = system_snapshot(system, as_of=day, rulebook=book.id)
    result = (
        book.evaluate(snapshot, as_of=day, calendar=calendar)
        if calendar is not None
        else book.evaluate(snapshot, as_of=day)
    )
    funding_entries = {entry.id for entry in book.entries if entry.rule in FUNDING_RULES}
    reasons = [_reason(f) for f in result.findings if f.rule in funding_entries]
    decided = result.decisions.get("om_funding")
    if decided is None:
        return FundingResult(decision=OmFunding.UNDETERMINED, rulebook=book.id, reasons=reasons)
    value = OmFunding.WITHHELD if decided.value == "withheld" else OmFunding.ELIGIBLE
    return FundingResult(
        decision=value,
        rulebook=book.id,
        article=decided.article,
        quote=decided.quote,
        reasons=reasons,
    )


def _reason(finding: Finding) -> Reason:
    return Reason(
        message=finding.message,
        severity=finding.severity,
        article=finding.article,
        quote=finding.quote,
        article_number=_number(finding.article),
    )


@transaction.atomic
def system_recompute_funding(
    *,
    actor: User | None,
    system: System,
    rulebook: loader.LoadedRulebook | None = None,
    as_of: dt.date | None = None,
) -> FundingResult:
    """Store the system's current O&M funding decision; audit it when it changes."""
    result = om_funding_evaluate(system, rulebook=rulebook, as_of=as_of)
    changed = (system.om_funding, system.om_funding_article) != (result.decision, result.article)
    before = {"om_funding": system.om_funding, "article": system.om_funding_article}
    system.om_funding = result.decision
    system.om_funding_article = result.article
    system.om_funding_checked_at = timezone.now()
    system.save(update_fields=["om_funding", "om_funding_article", "om_funding_checked_at"])
    if changed:
        audit.record(
            actor=actor,
            action="system.om_funding",
            obj=system,
            before=before,
            after={"om_funding": result.decision, "article": result.article},
        )
    return result


def systems_recompute(
    *, actor: User | None, rulebook: loader.LoadedRulebook | None = None
) -> dict[str, int]:
    """Recompute every system's O&M funding decision; count the systems per decision."""
    book = rulebook or loader.active()
    counts: dict[str, int] = dict.fromkeys(OmFunding.values, 0)
    for system in System.objects.order_by("id").iterator(chunk_size=500):
        result = system_recompute_funding(actor=actor, system=system, rulebook=book)
        counts[result.decision] += 1
    return counts


def tick() -> str:
    """The daily job: recompute and store every system's O&M funding decision."""
    counts = systems_recompute(actor=None)
    return "O&M funding recomputed: " + ", ".join(f"{k} {v}" for k, v in counts.items())
