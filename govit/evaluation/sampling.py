"""Evaluations by others than the unit: the third-party post-evaluation (Harbin 第三十条,
Wuhan 第二十二条), the evaluation of randomly drawn key projects (Kaihua 第十四条, a seeded
draw that can be replayed) and Bijie's comprehensive assessment (第三十三条)."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.calendar import add_months
from govit.evaluation import policies, scoring
from govit.evaluation.choices import Kind, Subject
from govit.evaluation.errors import NotPermitted, OutsideWindow, Problem
from govit.evaluation.models import Evaluation, SamplingDraw
from govit.evaluation.services import (
    COMPREHENSIVE,
    KAIHUA_OPENS,
    KAIHUA_SELF_FIRST,
    POST,
    SAMPLING_MONTHS,
    _record,
    _save,
    _score,
)
from govit.orgs.models import Organisation, User
from govit.projects.models import Project

SAMPLED_STATES = ("operation", "evaluated", "archived")


def _self_evaluated_by(project: Project, day: dt.date) -> bool:
    return Evaluation.objects.filter(
        project=project, kind=Kind.SELF, conducted_on__lte=day
    ).exists()


@transaction.atomic
def post_evaluation_record(
    *,
    actor: User,
    project: Project,
    conducted_on: dt.date,
    evaluator: str,
    summary: str,
    results: Iterable[Mapping[str, Any]],
    draw: SamplingDraw | None = None,
) -> Evaluation:
    """The evaluation after the unit's self-evaluation: by a third party (Harbin, Wuhan), or
    of a key project drawn at random a year into operation (Kaihua)."""
    if not policies.post_evaluation_record(actor, project):
        raise NotPermitted(_("You cannot record evaluations of this project."))
    if project.rulebook not in POST:
        raise ValidationError({"kind": _("This rulebook provides no post-evaluation.")})
    article, quote = POST[project.rulebook]
    if not evaluator.strip():
        raise ValidationError({"evaluator": _("Name the third party or the expert group.")})
    kind = Kind.POST
    if project.rulebook == "kaihua":
        kind = Kind.SAMPLED
        if draw is None or project.pk not in draw.chosen:
            raise OutsideWindow(
                _("Only projects drawn at random are evaluated."),
                [Problem(_("The project was not drawn."), "draw", article, quote)],
            )
        start = project.operation_started_on or project.accepted_on
        opens = add_months(start, SAMPLING_MONTHS) if start else None
        if opens is None or conducted_on < opens:
            raise OutsideWindow(
                _("The evaluation comes a year after formal operation began."),
                [Problem(_("Not yet open."), "conducted_on", *KAIHUA_OPENS)],
            )
        if not _self_evaluated_by(project, conducted_on):
            raise OutsideWindow(
                _("The unit's self-evaluation comes first."),
                [Problem(_("No self-evaluation yet."), "conducted_on", *KAIHUA_SELF_FIRST)],
            )
    elif not _self_evaluated_by(project, conducted_on):
        raise OutsideWindow(
            _("The post-evaluation builds on the unit's self-evaluation, which comes first."),
            [Problem(_("No self-evaluation yet."), "conducted_on", article, quote)],
        )
    rows, total = _score(project, results)
    evaluation = _save(
        Evaluation(
            project=project,
            kind=kind,
            year=conducted_on.year,
            conducted_on=conducted_on,
            evaluator=evaluator,
            summary=summary,
            total=total,
            grade=scoring.grade(total),
            article=article,
            quote=quote,
            draw=draw,
            recorded_by=actor,
        ),
        rows,
    )
    Project.objects.filter(pk=project.pk).update(
        post_evaluated_on=conducted_on, updated_at=timezone.now()
    )
    _record(actor, "evaluation.post_evaluation_record", evaluation)
    return evaluation


@transaction.atomic
def comprehensive_record(
    *,
    actor: User,
    project: Project,
    conducted_on: dt.date,
    evaluator: str,
    summary: str,
    parties: Sequence[Mapping[str, Any]],
) -> list[Evaluation]:
    """Bijie 第三十三条: a third party assesses the user unit, the vendor and the review
    agency once the project is in use; each gets a score out of 100 and a grade."""
    if not policies.comprehensive_record(actor, project):
        raise NotPermitted(_("You cannot record assessments of this project."))
    article, quote = COMPREHENSIVE
    if project.rulebook != "bijie":
        raise ValidationError(
            {"kind": _("Only the Bijie rulebook has a comprehensive assessment.")}
        )
    if project.operation_started_on is None or conducted_on < project.operation_started_on:
        raise OutsideWindow(
            _("The comprehensive assessment comes once the project is in use."),
            [Problem(_("The project is not in use yet."), "conducted_on", article, quote)],
        )
    errors: dict[str, str] = {}
    made: list[Evaluation] = []
    seen: set[str] = set()
    for party in parties:
        subject = str(party.get("subject"))
        score = party.get("score")
        org = party.get("organisation")
        if subject not in (Subject.USER_UNIT, Subject.VENDOR, Subject.REVIEW_AGENCY) or (
            subject in seen
        ):
            errors["parties"] = _(
                "Assess the user unit, the vendor and the review agency once each."
            )
            continue
        seen.add(subject)
        if score is None or not Decimal(0) <= Decimal(score) <= Decimal(100):
            errors[f"score_{subject}"] = _("A score is between 0 and 100.")
            continue
        if not isinstance(org, Organisation):
            errors[f"organisation_{subject}"] = _("Choose the organisation assessed.")
            continue
        total = Decimal(score).quantize(scoring.CENT)
        made.append(
            Evaluation(
                project=project,
                kind=Kind.COMPREHENSIVE,
                subject=subject,
                subject_org=org,
                year=conducted_on.year,
                conducted_on=conducted_on,
                evaluator=evaluator,
                summary=summary,
                total=total,
                grade=scoring.grade(total),
                article=article,
                quote=quote,
                recorded_by=actor,
            )
        )
    if not parties:
        errors["parties"] = _("Assess the user unit, the vendor and the review agency once each.")
    if errors:
        raise ValidationError(errors)
    for evaluation in made:
        evaluation.save()
        _record(actor, "evaluation.comprehensive_record", evaluation)
    return made


def sampling_candidates(rulebook: str, today: dt.date) -> list[int]:
    """Projects run formally for a year or more, in ascending id (the draw's input)."""
    threshold = add_months(today, -SAMPLING_MONTHS)
    started = Q(operation_started_on__lte=threshold) | Q(
        operation_started_on__isnull=True, accepted_on__lte=threshold
    )
    return list(
        Project.objects.filter(started, rulebook=rulebook, state__in=SAMPLED_STATES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def sampling_replay(seed: str, candidates: Sequence[int], size: int) -> list[int]:
    """The projects a seed draws from the candidates: the same seed, the same projects."""
    rng = random.Random(seed)  # noqa: S311 - a public, replayable draw, not a secret
    return sorted(rng.sample(sorted(candidates), min(size, len(candidates))))


@transaction.atomic
def sampling_draw(
    *, actor: User, rulebook: str, year: int, size: int, seed: str = ""
) -> SamplingDraw:
    """Draw key projects at random for evaluation (Kaihua 第十四条); the seed goes to the
    audit trail with the candidates, so anyone can replay the draw."""
    if not policies.sampling_draw(actor):
        raise NotPermitted(_("You cannot draw projects for evaluation."))
    if size < 1:
        raise ValidationError({"size": _("Draw at least one project.")})
    seed = seed.strip() or secrets.token_hex(16)
    candidates = sampling_candidates(rulebook, timezone.localdate())
    if not candidates:
        raise ValidationError({"size": _("No project has run for a year yet: nothing to draw.")})
    chosen = sampling_replay(seed, candidates, size)
    draw = SamplingDraw.objects.create(
        rulebook=rulebook,
        year=year,
        seed=seed,
        size=size,
        candidates=candidates,
        chosen=chosen,
        drawn_by=actor,
    )
    audit.record(
        actor=actor,
        action="evaluation.sampling_draw",
        obj=draw,
        after={
            "rulebook": rulebook,
            "year": year,
            "seed": seed,
            "size": size,
            "candidates": candidates,
            "chosen": chosen,
            "article": KAIHUA_OPENS[0],
        },
    )
    return draw
