"""Results that feed the next cycle: the annual plan's ranking and the O&M funding decision
read a unit's and a vendor's evaluation results through these two functions (no import of
the apps that call them; they are listed in ``USES`` and shown on the evaluation page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from govit.delivery.vendor_results import VendorResult
from govit.evaluation import scoring
from govit.evaluation.choices import Grade, Kind, Subject
from govit.evaluation.models import Evaluation
from govit.orgs.models import Organisation
from govit.planning.ranking_plans import EvaluationResult
from govit.systems.facts import EvaluationFact, portfolio_memo

if TYPE_CHECKING:
    from govit.systems.models import System

SCORED_KINDS = (Kind.SELF, Kind.POST, Kind.SAMPLED)


@dataclass(frozen=True)
class Result:
    """The mean score of an organisation's evaluations in a year, and its grade."""

    organisation_id: int
    year: int
    count: int
    average: Decimal | None
    grade: str
    evaluation_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Use:
    """Where a result is used, with the article that says so."""

    rulebook: str
    article: str
    reads: str
    purpose: Promise
    # The O&M funding decision of the unit's systems reads it (govit/systems/funding.py).
    om_funding: bool = False


USES = (
    Use(
        "harbin",
        "第三十四条",
        "unit_result",
        _("next year's government investment and O&M funding"),
        om_funding=True,
    ),
    Use(
        "wuhan",
        "第二十三条",
        "unit_result",
        _("next year's projects and O&M funding"),
        om_funding=True,
    ),
    Use("gaoping", "第二十二条", "unit_result", _("next year's project review")),
    Use("kaihua", "第十四条", "unit_result", _("next year's project approval")),
    Use("bijie", "第三十三条", "vendor_result", _("next year's service procurement")),
)


def _result(organisation: Organisation | int, year: int, condition: Q) -> Result:
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    rows = list(
        Evaluation.objects.filter(condition, conducted_on__year=year, total__isnull=False)
        .order_by("pk")
        .values_list("pk", "total")
    )
    if not rows:
        return Result(org_id, year, 0, None, "")
    totals = [t for _pk, t in rows if t is not None]
    average = (sum(totals, Decimal(0)) / len(totals)).quantize(scoring.CENT)
    return Result(org_id, year, len(rows), average, scoring.grade(average), [pk for pk, _t in rows])


def unit_result(unit: Organisation | int, year: int) -> Result:
    """A unit's results in ``year``: the self, post and sampled evaluations of its projects
    and the comprehensive assessments of it as the user unit."""
    org_id = unit if isinstance(unit, int) else unit.pk
    own = Q(project__unit_id=org_id, kind__in=SCORED_KINDS)
    assessed = Q(kind=Kind.COMPREHENSIVE, subject=Subject.USER_UNIT, subject_org_id=org_id)
    return _result(org_id, year, own | assessed)


def vendor_result(vendor: Organisation | int, year: int) -> Result:
    """A vendor's comprehensive assessments in ``year`` (Bijie 第三十三条)."""
    org_id = vendor if isinstance(vendor, int) else vendor.pk
    return _result(
        org_id, year, Q(kind=Kind.COMPREHENSIVE, subject=Subject.VENDOR, subject_org_id=org_id)
    )


def plan_ranking_result(unit_id: int, year: int) -> EvaluationResult | None:
    """The unit's result of ``year`` as the annual plan's ranking reads it (registered with
    the planning app in ``EvaluationConfig.ready``); None when the unit was not evaluated."""
    result = unit_result(unit_id, year)
    if result.average is None:
        return None
    return EvaluationResult(score=result.average, label=f"{year} {result.grade}")


def om_funding_results(systems: Sequence[System], today: dt.date) -> dict[int, EvaluationFact]:
    """Per system, its owner unit's result that the O&M funding decision reads (registered with
    the systems app in ``EvaluationConfig.ready``): this year's, else last year's; systems of
    units evaluated in neither year are left out."""
    memo = portfolio_memo()
    if memo is None:
        by_unit = _om_funding_by_unit(sorted({system.unit_id for system in systems}), today)
    else:
        key = ("evaluation.om_funding_results", today)
        if key not in memo:
            memo[key] = _om_funding_by_unit(None, today)
        by_unit = memo[key]
    return {system.pk: by_unit[system.unit_id] for system in systems if system.unit_id in by_unit}


def _om_funding_by_unit(unit_ids: list[int] | None, today: dt.date) -> dict[int, EvaluationFact]:
    """Per unit of ``unit_ids`` (None: every unit evaluated), this year's result, else last
    year's."""
    by_unit: dict[int, EvaluationFact] = {}
    for year in (today.year, today.year - 1):
        missing = None if unit_ids is None else [pk for pk in unit_ids if pk not in by_unit]
        if missing == []:
            break
        for pk, result in unit_results(missing, year).items():
            if result.average is not None and pk not in by_unit:
                by_unit[pk] = EvaluationFact(
                    unit_id=pk, year=year, grade=result.grade, score=result.average
                )
    return by_unit


def _grouped(
    condition: Q, by: str, org_ids: Sequence[int] | None, year: int
) -> dict[int, list[Decimal]]:
    """The totals of ``year`` per organisation of ``org_ids`` (None: every one)."""
    evaluations = Evaluation.objects.filter(condition, conducted_on__year=year, total__isnull=False)
    if org_ids is not None:
        evaluations = evaluations.filter(**{f"{by}__in": list(org_ids)})
    rows = evaluations.order_by("pk").values_list(by, "total")
    found: dict[int, list[Decimal]] = {}
    for org_id, total in rows:
        found.setdefault(org_id, []).append(total)
    return found


def _summed(org_id: int, year: int, totals: list[Decimal]) -> Result:
    if not totals:
        return Result(org_id, year, 0, None, "")
    average = (sum(totals, Decimal(0)) / len(totals)).quantize(scoring.CENT)
    return Result(org_id, year, len(totals), average, scoring.grade(average))


def unit_results(unit_ids: Sequence[int] | None, year: int) -> dict[int, Result]:
    """``unit_result`` for many units in two queries (lists and dashboards); None: every unit
    evaluated in ``year``."""
    own = _grouped(Q(kind__in=SCORED_KINDS), "project__unit_id", unit_ids, year)
    assessed = _grouped(
        Q(kind=Kind.COMPREHENSIVE, subject=Subject.USER_UNIT), "subject_org_id", unit_ids, year
    )
    units = sorted(own.keys() | assessed.keys()) if unit_ids is None else unit_ids
    return {pk: _summed(pk, year, own.get(pk, []) + assessed.get(pk, [])) for pk in units}


def vendor_results(vendor_ids: Sequence[int], year: int) -> dict[int, Result]:
    """``vendor_result`` for many vendors in one query (the vendor list)."""
    found = _grouped(
        Q(kind=Kind.COMPREHENSIVE, subject=Subject.VENDOR), "subject_org_id", vendor_ids, year
    )
    return {pk: _summed(pk, year, found.get(pk, [])) for pk in vendor_ids}


def procurement_vendor_results(
    vendor_ids: Sequence[int], rulebook: str, today: dt.date
) -> dict[int, VendorResult]:
    """Per vendor, the latest result (this year's, else last year's) where the rulebook lists
    a use of vendors' results (Bijie 第三十三条: next year's service procurement); registered
    with the delivery app, which shows it where a procurement or contract names the vendor.
    Two queries at most, none in a rulebook without such a use."""
    use = next((u for u in USES if u.rulebook == rulebook and u.reads == "vendor_result"), None)
    if use is None or not vendor_ids:
        return {}
    labels = dict(Grade.choices)
    found: dict[int, VendorResult] = {}
    missing = list(vendor_ids)
    for year in (today.year, today.year - 1):
        if not missing:
            break
        for pk, result in vendor_results(missing, year).items():
            if result.average is not None:
                found[pk] = VendorResult(
                    vendor_id=pk,
                    year=year,
                    score=result.average,
                    grade=result.grade,
                    grade_label=str(labels.get(result.grade, result.grade)),
                    count=result.count,
                    rulebook=use.rulebook,
                    article=use.article,
                    purpose=str(use.purpose),
                )
        missing = [pk for pk in missing if pk not in found]
    return found
