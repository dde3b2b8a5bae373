"""What the rulebooks say about the call for demand: default dates, late and incomplete
applications, the out-of-plan (emergency) route, and the checks an application meets before
it is submitted (the window and the form's chapters; the engine's rules come on top).

Pure functions over a cycle and an application; no database writes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext as _

from govit.planning import chapters
from govit.planning.models.cycles import Application, CallTiming, PlanningCycle
from govit.policy import loader
from govit.policy.engine.results import Finding

Severity = Literal["block", "warn", "info"]


@dataclass(frozen=True)
class Citation:
    article: str
    quote: str


@dataclass(frozen=True)
class Check:
    """One verdict on an application, with the article it comes from (where a text says)."""

    severity: Severity
    message: str
    article: str = ""
    quote: str = ""
    rule: str = ""
    field: str = ""

    @classmethod
    def of(cls, finding: Finding) -> Check:
        severity: Severity = finding.severity
        return cls(
            severity=severity,
            message=finding.message,
            article=finding.article,
            quote=finding.quote,
            rule=finding.rule,
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "message": self.message,
            "article": self.article,
            "quote": self.quote,
            "rule": self.rule,
            "field": self.field,
        }


# What a late application means, where the text says (the window itself is the cycle's).
LATE = {
    "kaihua": Citation(
        "第六条", "未按期提交的或未按规定完善方案的信息化建设项目,原则上不得列入年度信息化项目计划"
    ),
    "harbin": Citation("第十条", "市数据局每年7月征集下一年度信息化建设需求。"),
}
# Kaihua lets an incomplete plan in, but it "原则上不得列入" the plan: its chapters warn.
INCOMPLETE = {"kaihua": LATE["kaihua"]}
# The route of a project needed outside the plan (计划外, 紧急), where the text has one.
EMERGENCY_ROUTES = {
    "harbin": Citation(
        "第十七条",
        "紧急、特殊情况下,需在当年新增建设并安排资金的计划外项目,须按有关法律法规,报市政府批准所需资金。",
    ),
    "wuhan": Citation(
        "第七条", "市委、市人民政府有明确要求或者确属情况紧急的项目,可以申请补充列入年度实施计划。"
    ),
    "kaihua": Citation(
        "第六条",
        "如遇特殊情况,确需在当年度实施的信息化项目,须经县政府同意后,方可追加列入当年度计划。",
    ),
}
# The date by which the plan is compiled (Harbin 第十六条: 10月底前), in the year before.
COMPILE_BY = {
    "harbin": (
        10,
        31,
        Citation("第十六条", "于每年10月底前编制形成下一年度市级信息化项目建设规划"),
    )
}


def _deadline(rulebook: str) -> tuple[int, int, int] | None:
    """Month, day and year offset of the rulebook's application deadline rule, if it has one."""
    for entry in loader.get(rulebook).entries:
        if entry.rule == "application_deadline":
            params: Any = entry.params
            return int(params.month), int(params.day), int(params.year_offset)
    return None


def quota_rule(rulebook: str) -> Citation | None:
    """The rulebook's cap on a unit's applications a year (Harbin 第十二条), if it has one."""
    for entry in loader.get(rulebook).entries:
        if entry.rule == "application_quota":
            return Citation(entry.article, entry.quote)
    return None


def cycle_defaults(rulebook: str, plan_year: int, today: dt.date) -> dict[str, dt.date]:
    """The window and compile date a new cycle starts from: the rulebook's deadline (Harbin:
    collected in July; Kaihua: by the end of September) or, where the text names none, a
    month from today."""
    deadline = _deadline(rulebook)
    if deadline is None:
        opens = today
        closes = today + dt.timedelta(days=30)
    else:
        month, day, offset = deadline
        closes = dt.date(plan_year + offset, month, day)
        opens = closes.replace(day=1)
    compile_rule = COMPILE_BY.get(rulebook)
    if compile_rule is not None:
        compile_by = dt.date(plan_year - 1, compile_rule[0], compile_rule[1])
    else:
        compile_by = closes + dt.timedelta(days=60)
    return {
        "call_opens_on": opens,
        "call_closes_on": closes,
        "compile_by": max(compile_by, closes),
    }


def window_checks(cycle: PlanningCycle, *, emergency: bool, today: dt.date) -> list[Check]:
    """Whether the call takes the application today: the opening and closing days count."""
    if not cycle.accepts_applications:
        return [
            Check(
                "block",
                _("The call for %(year)s is not open (%(state)s).")
                % {"year": cycle.plan_year, "state": cycle.get_state_display()},
                field="cycle",
            )
        ]
    timing = cycle.timing(today)
    if timing == CallTiming.BEFORE:
        return [
            Check(
                "block",
                _("The call opens on %(day)s.") % {"day": cycle.call_opens_on.isoformat()},
                field="cycle",
            )
        ]
    if timing == CallTiming.OPEN:
        return []
    late = LATE.get(cycle.rulebook, Citation("", ""))
    checks = [
        Check(
            "warn",
            _("The call closed on %(day)s: this application is late.")
            % {"day": cycle.call_closes_on.isoformat()},
            article=late.article,
            quote=late.quote,
            rule="planning.late",
            field="cycle",
        )
    ]
    route = EMERGENCY_ROUTES.get(cycle.rulebook)
    if emergency and route is not None:
        checks.append(
            Check(
                "info",
                _("An urgent project outside the plan takes its own route to the government."),
                article=route.article,
                quote=route.quote,
                rule="planning.emergency_route",
            )
        )
    return checks


def chapter_checks(application: Application) -> list[Check]:
    """The chapters the form's rulebook requires and the application leaves empty."""
    rulebook = application.cycle.rulebook
    form = chapters.form_of(rulebook, application.form)
    if form is None:
        return [Check("block", _("Choose one of the rulebook's forms."), field="form")]
    incomplete = INCOMPLETE.get(rulebook)
    checks = []
    for chapter in form.chapters:
        text = str((application.chapters or {}).get(chapter.key) or "").strip()
        if text:
            continue
        severity: Severity = "block" if chapter.required and incomplete is None else "warn"
        message = _("The chapter “%(chapter)s” is empty.") % {"chapter": chapter.label}
        if incomplete is not None and chapter.required:
            message += " " + _("An incomplete plan is in principle not put in the annual plan.")
        checks.append(
            Check(
                severity,
                message,
                article=chapter.article,
                quote=chapter.quote,
                rule=f"planning.chapter.{chapter.key}",
                field=f"chapters.{chapter.key}",
            )
        )
    return checks


def kind_check(application: Application) -> list[Check]:
    """A form meant for some project kinds only (Kaihua: 建设方案 or 运维方案)."""
    form = chapters.form_of(application.cycle.rulebook, application.form)
    kind = application.project.kind
    if form is None or not form.kinds or not kind or kind in form.kinds:
        return []
    return [
        Check(
            "block",
            _("The form “%(form)s” is not for a project of this type.") % {"form": form.label},
            article=form.article,
            field="form",
        )
    ]
