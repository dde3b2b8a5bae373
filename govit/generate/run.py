"""One generation run: organisations, then projects in chunks, then the catalogues."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from govit.generate import catalogues, delivery, orgs, parts, projects, records
from govit.generate.base import Context, Progress
from govit.generate.lifecycle import Roads
from govit.generate.scale import Scale
from govit.policy import loader
from govit.projects.models import Project

# Projects planned and written per transaction.
CHUNK = 1_000


def _first_states(roads: Roads, number: int) -> str | None:
    """The first projects take each state once, so that even a small portfolio has them all."""
    return roads.states[number] if number < len(roads.states) else None


def generate(
    scale: Scale,
    *,
    seed: int = 1,
    rulebook_id: str | None = None,
    today: dt.date | None = None,
    chunk: int = CHUNK,
    progress: bool = True,
    stream: TextIO | None = None,
) -> Counter[str]:
    """Fill the database with a portfolio of ``scale``; the rows written, per model."""
    rulebook = loader.get(rulebook_id) if rulebook_id else loader.active()
    ctx = Context(
        rng=random.Random(seed),  # noqa: S311 - test data, not secrets
        today=today or timezone.localdate(),
        scale=scale,
        rulebook=rulebook,
    )
    ctx.serial = ctx.rng.randrange(10**5)
    bar = Progress(scale.projects + scale.systems, stream=stream, enabled=progress)
    with transaction.atomic():
        orgs.generate(ctx)  # each bulk insert bumps its table's version (Context.insert)
    roads = Roads(rulebook)
    codes = projects.Codes(rulebook.id)
    files = parts.shared_files()
    first = Project.objects.count()
    for start in range(0, scale.projects, chunk):
        size = min(chunk, scale.projects - start)
        with transaction.atomic():
            plans = [
                projects.plan(ctx, roads, codes, first + n + 1, state=_first_states(roads, n))
                for n in range(start, start + size)
            ]
            projects.insert(ctx, plans)
            changes = parts.insert(ctx, plans, files)
            delivery.insert(ctx, plans)
            delivery.insert_change_requests(ctx, changes)
            records.insert_reviews(ctx, plans)
            records.insert_acceptance(ctx, plans)
            records.insert_evaluations(ctx, plans)
        for plan in plans:
            if plan.on("operation"):
                ctx.accepted.setdefault(plan.project.unit_id, []).append(
                    (plan.project.pk, plan.project.code)
                )
        bar.advance(size, "projects")
    with transaction.atomic():
        codes.save()
    done = 0
    for start in range(0, scale.systems, catalogues.ROUND):
        size = min(catalogues.ROUND, scale.systems - start)
        with transaction.atomic():
            catalogues.generate_round(ctx, range(start, start + size))
        done += size
        bar.advance(size, "systems")
    bar.finish()
    return ctx.counts
