"""Writes of the evaluation app: each checks its predicate, runs in one transaction and
writes an audit event. Refusals that come from a regulation cite its article."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.selectors import work_calendar
from govit.evaluation import policies, scoring
from govit.evaluation.choices import Category, Kind, Nature
from govit.evaluation.errors import NotPermitted, OutsideWindow, Problem
from govit.evaluation.models import Evaluation, IndicatorResult, PerformanceTarget
from govit.evaluation.windows import self_evaluation_window
from govit.orgs.models import User
from govit.projects.models import Project

FULL = Decimal(100)
# Where the rulebooks speak of each kind of evaluation (article, verbatim quote).
EX_ANTE = {
    "harbin": ("第三十条", "按照要求编制项目事前绩效评估报告"),
    "bijie": ("第三十二条", "对新增重大项目开展事前绩效评估"),
}
ANNUAL = {"wuhan": ("第二十条", "在建设期内每年年底之前形成项目绩效评价报告。")}
POST = {
    "harbin": ("第三十条", "市数据局结合项目建筑设计企业自评价情况,委托第三方机构开展项目后评价。"),
    "wuhan": (
        "第二十二条",
        "市政务服务和大数据管理局结合项目建设单位自评情况,可以委托相应的第三方咨询机构开展后评价。",
    ),
    "kaihua": ("第十四条", "随机抽取重点信息化项目进行评估"),
}
KAIHUA_OPENS = ("第十四条", "在项目终验完成正式运行1年后")
KAIHUA_SELF_FIRST = ("第十四条", "评估前建设单位需组织绩效自评,并将自评结果报县大数据中心。")
COMPREHENSIVE = (
    "第三十三条",
    "委托第三方评估机构对用户单位的使用效果、项目服务单位的服务水平和质量、第三方评审机构方案的评审质量开展评估",
)
SAMPLING_MONTHS = 12


def _refuse(message: str) -> NotPermitted:
    return NotPermitted(message)


# ---------------------------------------------------------------- targets


def _target_values(target: PerformanceTarget) -> dict[str, Any]:
    return {
        "category": target.category,
        "name": target.name,
        "nature": target.nature,
        "target_value": target.target_value,
        "target_text": target.target_text,
        "unit": target.unit,
        "basis": target.basis,
        "weight": target.weight,
    }


def _check_target(index: int, row: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if row.get("category") not in Category.values:
        errors[f"category_{index}"] = _("Choose an indicator from the list.")
    if not str(row.get("name") or "").strip():
        errors[f"name_{index}"] = _("Name the indicator.")
    nature = row.get("nature")
    if nature not in Nature.values:
        errors[f"nature_{index}"] = _("Choose the nature of the indicator.")
    elif nature == Nature.QUALITATIVE:
        if not str(row.get("target_text") or "").strip():
            errors[f"target_text_{index}"] = _("Describe the qualitative target.")
    elif row.get("target_value") is None:
        errors[f"target_value_{index}"] = _("A quantitative indicator needs a target value.")
    weight = row.get("weight")
    if weight is None or not Decimal(0) < Decimal(weight) <= FULL:
        errors[f"weight_{index}"] = _("A weight is more than 0 and at most 100.")
    return errors


@transaction.atomic
def targets_set(
    *, actor: User, project: Project, rows: Sequence[Mapping[str, Any]]
) -> list[PerformanceTarget]:
    """Replace the project's performance targets; the weights total 100."""
    if not policies.targets_set(actor, project):
        raise _refuse(_("You cannot set the performance targets of this project."))
    errors: dict[str, str] = {}
    for index, row in enumerate(rows):
        errors.update(_check_target(index, row))
    if not rows:
        errors["weight"] = _("Give at least one indicator.")
    total = sum((Decimal(row.get("weight") or 0) for row in rows), Decimal(0))
    if rows and total != FULL:
        errors["weight"] = _("The weights total %(total)s; they must total 100.") % {
            "total": format(total.normalize(), "f")
        }
    if errors:
        raise ValidationError(errors)
    before = [_target_values(t) for t in project.performance_targets.all()]
    used = IndicatorResult.objects.filter(target__project=project).exists()
    if used:
        raise ValidationError(
            {"weight": _("The targets have been evaluated against: they can no longer change.")}
        )
    project.performance_targets.all().delete()
    made = [
        PerformanceTarget.objects.create(
            project=project,
            position=index,
            category=row["category"],
            name=str(row["name"]).strip(),
            nature=row["nature"],
            target_value=row.get("target_value") if row["nature"] != Nature.QUALITATIVE else None,
            target_text=str(row.get("target_text") or ""),
            unit=str(row.get("unit") or ""),
            basis=row.get("basis") or "plan",
            weight=Decimal(row["weight"]),
        )
        for index, row in enumerate(rows)
    ]
    audit.record(
        actor=actor,
        action="evaluation.targets_set",
        obj=project,
        before=audit.to_json_value(before),
        after=audit.to_json_value([_target_values(t) for t in made]),
    )
    return made


# ---------------------------------------------------------------- scoring


def _score(
    project: Project, results: Iterable[Mapping[str, Any]]
) -> tuple[list[IndicatorResult], Decimal]:
    """Score each target of the project from ``results`` (keyed by target id)."""
    by_target = {int(r["target_id"]): r for r in results}
    targets = list(project.performance_targets.all())
    if not targets:
        raise ValidationError({"results": _("Set the performance targets first.")})
    errors: dict[str, str] = {}
    rows: list[IndicatorResult] = []
    for target in targets:
        given = by_target.get(target.pk, {})
        actual = given.get("actual_value")
        try:
            score = scoring.indicator_score(
                target.nature, target.weight, target.target_value, actual, given.get("score")
            )
        except ValueError:
            field = "score" if target.nature == Nature.QUALITATIVE else "actual_value"
            errors[f"{field}_{target.pk}"] = (
                _("Score it between 0 and %(weight)s.")
                % {"weight": format(target.weight.normalize(), "f")}
                if field == "score"
                else _("Give the actual value.")
            )
            continue
        reason = str(given.get("deviation_reason") or "").strip()
        if score < target.weight and not reason:
            errors[f"deviation_reason_{target.pk}"] = _(
                "The target was not met: give the reason and the remedy."
            )
        rows.append(
            IndicatorResult(
                target=target,
                actual_value=actual if target.nature != Nature.QUALITATIVE else None,
                actual_text=str(given.get("actual_text") or ""),
                score=score,
                deviation_reason=reason,
            )
        )
    if errors:
        raise ValidationError(errors)
    return rows, sum((r.score for r in rows), Decimal(0))


def _save(evaluation: Evaluation, rows: list[IndicatorResult]) -> Evaluation:
    evaluation.save()
    for row in rows:
        row.evaluation = evaluation
    IndicatorResult.objects.bulk_create(rows)
    return evaluation


def _values(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "kind": evaluation.kind,
        "subject": evaluation.subject,
        "subject_org": evaluation.subject_org_id,
        "year": evaluation.year,
        "conducted_on": evaluation.conducted_on,
        "evaluator": evaluation.evaluator,
        "total": evaluation.total,
        "grade": evaluation.grade,
        "article": evaluation.article,
    }


def _record(actor: User, action: str, evaluation: Evaluation, **extra: Any) -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=evaluation.project,
        after={**_values(evaluation), **extra},
    )


# ---------------------------------------------------------------- the unit's evaluations


@transaction.atomic
def ex_ante_record(
    *, actor: User, project: Project, conducted_on: dt.date, evaluator: str, summary: str
) -> Evaluation:
    """Record the ex-ante performance assessment (Harbin 第三十条, Bijie 第三十二条)."""
    if not policies.ex_ante_record(actor, project):
        raise _refuse(_("You cannot record the ex-ante assessment of this project."))
    if not summary.strip():
        raise ValidationError({"summary": _("Give the assessment's conclusion.")})
    article, quote = EX_ANTE.get(project.rulebook, ("", ""))
    evaluation = Evaluation(
        project=project,
        kind=Kind.EX_ANTE,
        year=conducted_on.year,
        conducted_on=conducted_on,
        evaluator=evaluator,
        summary=summary,
        article=article,
        quote=quote,
        recorded_by=actor,
    )
    evaluation.save()
    _record(actor, "evaluation.ex_ante_record", evaluation)
    return evaluation


@transaction.atomic
def annual_report_record(
    *, actor: User, project: Project, year: int, conducted_on: dt.date, summary: str
) -> Evaluation:
    """The year-end performance report during construction (Wuhan 第二十条): schedule and
    investment against the plan. The year is one of construction, reported by its end."""
    if not policies.annual_report_record(actor, project):
        raise _refuse(_("You cannot report on this project."))
    article, quote = ANNUAL.get(project.rulebook, ("", ""))
    started = project.construction_started_on
    if started is None or year < started.year:
        raise OutsideWindow(
            _("A year-end report covers a year of construction."),
            [Problem(_("Construction had not started that year."), "year", article, quote)],
        )
    if conducted_on.year != year or not summary.strip():
        raise ValidationError(
            {"conducted_on": _("The report of a year is made before that year ends.")}
            if conducted_on.year != year
            else {"summary": _("Report the schedule and the investment plan's execution.")}
        )
    if Evaluation.objects.filter(project=project, kind=Kind.ANNUAL, year=year).exists():
        raise ValidationError({"year": _("That year has been reported already.")})
    evaluation = _save(
        Evaluation(
            project=project,
            kind=Kind.ANNUAL,
            year=year,
            conducted_on=conducted_on,
            summary=summary,
            article=article,
            quote=quote,
            recorded_by=actor,
        ),
        [],
    )
    years = sorted({*(project.annual_reports or []), year})
    Project.objects.filter(pk=project.pk).update(annual_reports=years, updated_at=timezone.now())
    _record(actor, "evaluation.annual_report_record", evaluation)
    return evaluation


@transaction.atomic
def self_evaluation_submit(
    *,
    actor: User,
    project: Project,
    conducted_on: dt.date,
    summary: str,
    results: Iterable[Mapping[str, Any]],
) -> Evaluation:
    """The unit's self-evaluation, within its rulebook's window, scored and graded."""
    if not policies.self_evaluation_submit(actor, project):
        raise _refuse(_("Only the project unit fills in its self-evaluation."))
    window = self_evaluation_window(project, work_calendar())
    if not window.contains(conducted_on):
        if window.opens is None:
            message = _("The project's dates do not yet open the self-evaluation window.")
        elif conducted_on < window.opens:
            message = _("The self-evaluation window opens on %(day)s.") % {
                "day": window.opens.isoformat()
            }
        else:
            message = _("The self-evaluation window closed on %(day)s.") % {
                "day": window.closes.isoformat() if window.closes else ""
            }
        raise OutsideWindow(
            _("The self-evaluation is outside the window the rules set."),
            [Problem(message, "conducted_on", window.article, window.quote)],
        )
    rows, total = _score(project, results)
    evaluation = _save(
        Evaluation(
            project=project,
            kind=Kind.SELF,
            year=conducted_on.year,
            conducted_on=conducted_on,
            evaluator=project.unit.name,
            summary=summary,
            total=total,
            grade=scoring.grade(total),
            article=window.article,
            quote=window.quote,
            recorded_by=actor,
        ),
        rows,
    )
    Project.objects.filter(pk=project.pk).update(
        self_evaluated_on=conducted_on, updated_at=timezone.now()
    )
    _record(
        actor, "evaluation.self_evaluation_submit", evaluation, window=[window.opens, window.closes]
    )
    return evaluation
