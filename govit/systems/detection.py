"""Zombie and shadow proposals from usage signals and similar names (Gaoping 第九条).

Proposals are only suggestions with their evidence: the competent department confirms or
dismisses them (``services.proposal_confirm`` / ``proposal_dismiss``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import combinations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from govit.core import audit
from govit.orgs.models import User
from govit.systems.choices import ProposalKind, ProposalStatus, SystemStatus
from govit.systems.models import Proposal, System, SystemUsage
from govit.systems.similarity import bigrams, dice, shared_phrases

# Shadow scans skip bigrams carried by more systems than this: they match too much to help.
MAX_BIGRAM_SPREAD = 200


def months_before(day: dt.date, count: int) -> list[dt.date]:
    """The first days of the ``count`` whole months before ``day``'s month, oldest first."""
    months = []
    year, month = day.year, day.month
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(dt.date(year, month, 1))
    return months[::-1]


@transaction.atomic
def zombie_propose(*, actor: User | None, as_of: dt.date | None = None) -> list[Proposal]:
    """Propose as zombies the running systems with no or negligible use over the period."""
    day = as_of or timezone.localdate()
    months = months_before(day, settings.GOVIT_ZOMBIE_MONTHS)
    ceiling = settings.GOVIT_ZOMBIE_MAX_MONTHLY_VISITS
    running = System.objects.filter(status=SystemStatus.RUNNING).values_list("id", flat=True)
    usage: dict[int, dict[dt.date, tuple[int, int, int]]] = defaultdict(dict)
    for row in SystemUsage.objects.filter(month__in=months, system__status=SystemStatus.RUNNING):
        usage[row.system_id][row.month] = (row.logins, row.visits, row.api_calls)
    already = set(
        Proposal.objects.filter(kind=ProposalKind.ZOMBIE)
        .filter(status=ProposalStatus.OPEN)
        .values_list("system_id", flat=True)
    ) | set(
        Proposal.objects.filter(kind=ProposalKind.ZOMBIE, period_end=months[-1]).values_list(
            "system_id", flat=True
        )
    )
    created = []
    for system_id in running:
        if system_id in already:
            continue
        figures = usage.get(system_id, {})
        if any(figures.get(month, (0, 0, 0))[1] > ceiling for month in months):
            continue
        evidence = {
            "months": [
                {
                    "month": month.strftime("%Y-%m"),
                    "reported": month in figures,
                    "logins": figures.get(month, (0, 0, 0))[0],
                    "visits": figures.get(month, (0, 0, 0))[1],
                    "api_calls": figures.get(month, (0, 0, 0))[2],
                }
                for month in months
            ],
            "max_monthly_visits": ceiling,
        }
        created.append(
            Proposal(
                kind=ProposalKind.ZOMBIE,
                system_id=system_id,
                evidence=evidence,
                period_end=months[-1],
            )
        )
    Proposal.objects.bulk_create(created)
    if created:
        audit.record(
            actor=actor,
            action="system.zombie.propose",
            object_type="systems.proposal",
            after={"count": len(created), "period_end": months[-1]},
        )
    return created


def _text(system: System) -> str:
    return f"{system.name} {system.purpose}"


@transaction.atomic
def shadow_propose(*, actor: User | None) -> list[Proposal]:
    """Propose as shadows the pairs of live systems whose names and purposes are alike."""
    threshold = settings.GOVIT_SHADOW_SIMILARITY
    live = list(
        System.objects.exclude(status__in=[SystemStatus.CLOSED, SystemStatus.MIGRATED]).only(
            "id", "name", "purpose", "created_at"
        )
    )
    grams = {system.id: bigrams(_text(system)) for system in live}
    index: dict[str, list[int]] = defaultdict(list)
    for system_id, found in grams.items():
        for gram in found:
            index[gram].append(system_id)
    candidates: set[tuple[int, int]] = set()
    for members in index.values():
        if 1 < len(members) <= MAX_BIGRAM_SPREAD:
            candidates.update(combinations(sorted(members), 2))
    known = set(
        Proposal.objects.filter(kind=ProposalKind.SHADOW).values_list("system_id", "similar_to_id")
    )
    by_id = {system.id: system for system in live}
    created = []
    for first, second in sorted(candidates):
        score = dice(grams[first], grams[second])
        if score < threshold:
            continue
        # The later-registered system is proposed as the shadow of the earlier one.
        original, shadow = sorted((by_id[first], by_id[second]), key=lambda s: (s.created_at, s.id))
        if (shadow.id, original.id) in known:
            continue
        phrases = shared_phrases(_text(shadow), grams[first] & grams[second])
        created.append(
            Proposal(
                kind=ProposalKind.SHADOW,
                system=shadow,
                similar_to=original,
                score=round(score, 3),
                evidence={"score": round(score, 3), "phrases": phrases},
            )
        )
    Proposal.objects.bulk_create(created)
    if created:
        audit.record(
            actor=actor,
            action="system.shadow.propose",
            object_type="systems.proposal",
            after={"count": len(created), "threshold": threshold},
        )
    return created
