"""Rules of 开化县信息化项目管理办法(试行) that the generic rules do not express.

Most of them wrap a generic rule and add what the Kaihua text adds to it: the exception of
第三条 (a project that law or a higher authority explicitly requires is not barred), the
construction-only scope of supervision (第十一条), and checks the other texts do not have.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.utils.translation import gettext_lazy

from govit.core.calendar import add_months
from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import NoParams, Params, rule
from govit.policy.engine.snapshot import FundingSource, ProjectKind, Snapshot
from govit.policy.rules.delivery import Supervision, supervision_required
from govit.policy.rules.scope import (
    KindsParam,
    NegativeList,
    ZombieBar,
    data_sharing_required,
    gov_cloud_required,
    negative_list,
    no_duplicate_construction,
    zombie_bar,
)
from govit.policy.vocabulary import labels, register_labels

register_labels(
    {
        "fiscal": gettext_lazy("fiscal funds"),
        "superior": gettext_lazy("funds from higher levels of government"),
        "soe": gettext_lazy("funds of state-owned enterprises"),
        "supplementary": gettext_lazy(
            "added to this year's plan with the county government's consent"
        ),
        "correction": gettext_lazy("correction of the returned application"),
    }
)


# -- 第二条: scope ---------------------------------------------------------------------------


class FiscalScope(Params):
    fiscal_sources: list[FundingSource]


@rule("kaihua_fiscal_scope", FiscalScope)
def fiscal_scope(s: Snapshot, p: FiscalScope, c: Context) -> None:
    """Only projects paid with fiscal money (special funds included) are governed."""
    sources = s.project.funding_sources
    if not sources:
        c.unknown("project.funding_sources")
        return
    in_scope = any(source in p.fiscal_sources for source in sources)
    c.decide("in_scope", in_scope)
    if not in_scope:
        c.info(
            _(
                "No fiscal money pays for the project (%(sources)s): this regulation does not "
                "govern it."
            )
            % {"sources": labels(sources)}
        )


# -- 第三条: priorities and the projects not to be approved -----------------------------------


@rule("kaihua_cross_department_priority")
def cross_department_priority(s: Snapshot, p: NoParams, c: Context) -> None:
    """Cross-system and cross-department projects come first."""
    if s.project.cross_department:
        c.decide("priority", True)
        c.info(_("A cross-system, cross-department project: it is given priority."))


def _unless_mandated(s: Snapshot, c: Context, check: Callable[[], None]) -> None:
    """Run a check of 第三条's list; where law or a higher authority explicitly requires the
    project, what it found is reported as information instead of a bar."""
    first = len(c.result.findings)
    check()
    if not s.project.mandated:
        return
    for finding in c.result.findings[first:]:
        if finding.severity != "info":
            finding.severity = "info"
            finding.blocks = ()
            finding.message = _(
                "Explicitly required by law or by a higher authority, so not barred: %(message)s"
            ) % {"message": finding.message}


@rule("kaihua_negative_list", NegativeList)
def kaihua_negative_list(s: Snapshot, p: NegativeList, c: Context) -> None:
    """Items of the list are not approved unless law or a higher authority requires them."""
    _unless_mandated(s, c, lambda: negative_list(s, p, c))


@rule("kaihua_gov_cloud", KindsParam)
def kaihua_gov_cloud(s: Snapshot, p: KindsParam, c: Context) -> None:
    """New and upgraded projects not deployed on the government cloud are not approved."""
    _unless_mandated(s, c, lambda: gov_cloud_required(s, p, c))


@rule("kaihua_data_sharing")
def kaihua_data_sharing(s: Snapshot, p: NoParams, c: Context) -> None:
    """Projects that do not meet the data-sharing requirements are not approved."""
    _unless_mandated(s, c, lambda: data_sharing_required(s, p, c))


def _duplicate_or_frequent(s: Snapshot, p: NoParams, c: Context) -> None:
    no_duplicate_construction(s, p, c)
    if s.project.frequent_upgrade:
        c.block(_("The review found that this system is upgraded too often."))


@rule("kaihua_no_duplicate")
def kaihua_no_duplicate(s: Snapshot, p: NoParams, c: Context) -> None:
    """Duplicate construction and too frequent upgrades are not approved."""
    _unless_mandated(s, c, lambda: _duplicate_or_frequent(s, p, c))


@rule("kaihua_zombie_bar", ZombieBar)
def kaihua_zombie_bar(s: Snapshot, p: ZombieBar, c: Context) -> None:
    """A unit with a zombie system does not apply for a period (以内, the last day included)."""
    _unless_mandated(s, c, lambda: zombie_bar(s, p, c))


# -- 第四条 and 第五条: what the plan contains --------------------------------------------------


@rule("kaihua_funding_plan")
def funding_plan(s: Snapshot, p: NoParams, c: Context) -> None:
    """The plan names where the money comes from (资金来源, 资金筹措方案)."""
    if not s.project.funding_sources:
        c.block(_("The plan does not say where the money comes from."))


class Kinds(Params):
    kinds: list[ProjectKind]


@rule("kaihua_docking_design", Kinds)
def docking_design(s: Snapshot, p: Kinds, c: Context) -> None:
    """A new project's plan describes its docking with related systems and its use of the
    city cloud-computing centre."""
    project = s.project
    if project.kind is None:
        c.unknown("project.kind")
        return
    if project.kind not in p.kinds:
        return
    if project.docking_design is None:
        c.unknown("project.docking_design")
    elif not project.docking_design:
        c.block(
            _(
                "The plan lacks the standardised docking design with related business systems "
                "and the statement on the use of the city cloud-computing centre."
            )
        )


# -- 第七条: correction of a returned application ----------------------------------------------


@rule("kaihua_correction_deadline", obliges=True)
def correction_deadline(s: Snapshot, p: NoParams, c: Context) -> None:
    """A returned application comes back corrected by the date the competent department set."""
    project = s.project
    if project.correction_due_on is None:
        if project.stage == "returned":
            c.unknown("project.correction_due_on")
        return
    due = c.calendar.next_workday_on_or_after(project.correction_due_on)
    c.oblige("correction", due, project.resubmitted_on)


# -- 第六条 and 第十条: the plan and the platform -----------------------------------------------


@rule("kaihua_emergency_addition")
def emergency_addition(s: Snapshot, p: NoParams, c: Context) -> None:
    """A project needed this year but not in the plan is added with the government's consent."""
    project = s.project
    if not project.emergency or project.in_annual_plan:
        return
    c.decide("plan_route", "supplementary")
    c.info(
        _(
            "Needed this year but not in the plan: it is added to this year's plan only with the "
            "county government's consent, after the preliminary review, the joint review and the "
            "decision consultation."
        )
    )


@rule("kaihua_platform_route", Kinds)
def platform_route(s: Snapshot, p: Kinds, c: Context) -> None:
    """New projects are approved or filed on the provincial platform; the text says not which."""
    project = s.project
    if project.classified:
        return
    if project.kind is None:
        c.unknown("project.kind")
        return
    if project.kind in p.kinds:
        c.info(
            _(
                "A new project is approved or filed on the provincial online investment approval "
                "platform. This regulation sets no amount or other test for which of the two: "
                "the platform's own rules decide."
            )
        )


# -- 第十一条: supervision and testing ---------------------------------------------------------


class KindsSupervision(Supervision):
    kinds: list[ProjectKind]


@rule("kaihua_supervision", KindsSupervision)
def kaihua_supervision(s: Snapshot, p: KindsSupervision, c: Context) -> None:
    """Construction projects at or above the threshold (以上, 含本数) engage a supervisor."""
    kind = s.project.kind
    if kind is not None and kind not in p.kinds:
        c.decide("supervision_required", False)
        return
    supervision_required(s, p, c)


@rule("kaihua_testing_in_investment")
def testing_in_investment(s: Snapshot, p: NoParams, c: Context) -> None:
    """Third-party testing the project needs is paid from the project's investment."""
    project = s.project
    if not project.third_party_testing:
        return
    if project.budget_items is None:
        c.unknown("project.budget_items")
        return
    if not any(item.category == "testing" for item in project.budget_items):
        c.block(_("The project needs third-party testing: its fee must be in the investment."))


# -- 第十二条: changes -------------------------------------------------------------------------


@rule("kaihua_change_form")
def change_form(s: Snapshot, p: NoParams, c: Context) -> None:
    """Each change is reported to the competent department on a change application form."""
    project = s.project
    changes = project.changes or []
    if not changes:
        return
    forms = sum(1 for document in project.documents or () if document.type == "change_form")
    if forms < len(changes):
        c.block(
            _(
                "Changes: %(changes)d; change application forms: %(forms)d. Each change is "
                "reported on its own form."
            )
            % {"changes": len(changes), "forms": forms}
        )


# -- 第十四条: performance evaluation ----------------------------------------------------------


def _evaluation_day(s: Snapshot, c: Context) -> dt.date | None:
    """The day of the evaluation: done, or today when the step to evaluated is being tried."""
    if s.project.post_evaluated_on is not None:
        return s.project.post_evaluated_on
    return c.as_of if c.target == "evaluated" else None


class AfterOperation(Params):
    months: int


@rule("kaihua_post_evaluation_window", AfterOperation)
def post_evaluation_window(s: Snapshot, p: AfterOperation, c: Context) -> None:
    """The evaluation comes once the project has run formally for N months after acceptance."""
    project = s.project
    start = project.operation_started_on or project.accepted_on
    if start is None:
        if c.reached("evaluated"):
            c.unknown("project.accepted_on")
        return
    opens = add_months(start, p.months)
    c.decide("post_evaluation_from", opens.isoformat())
    day = _evaluation_day(s, c)
    if day is not None and day < opens:
        c.block(
            _(
                "The evaluation on %(day)s comes before %(opens)s, when the project will have run "
                "for %(months)d months after final acceptance."
            )
            % {"day": day.isoformat(), "opens": opens.isoformat(), "months": p.months}
        )


@rule("kaihua_self_evaluation_first")
def self_evaluation_first(s: Snapshot, p: NoParams, c: Context) -> None:
    """The unit's self-evaluation comes before the evaluation (the same day counts as before)."""
    day = _evaluation_day(s, c)
    if day is None:
        return
    done = s.project.self_evaluated_on
    if done is None:
        c.block(
            _(
                "The unit's performance self-evaluation, reported to the competent department, "
                "must come before the evaluation."
            )
        )
    elif done > day:
        c.block(
            _("The self-evaluation of %(done)s came after the evaluation of %(day)s.")
            % {"done": done.isoformat(), "day": day.isoformat()}
        )
