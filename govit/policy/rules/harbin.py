"""Rules only Harbin's regulation needs: scope, review readiness, systems, evaluations."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.utils.translation import gettext_lazy

from govit.core.calendar import add_months
from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import NoParams, Params, rule
from govit.policy.engine.snapshot import (
    DocumentType,
    FundingSource,
    Level,
    ProjectKind,
    Snapshot,
    System,
)
from govit.policy.vocabulary import label, labels, register_labels

register_labels(
    {
        "city": gettext_lazy("city-level"),
        "county": gettext_lazy("county-level"),
        "new": gettext_lazy("new construction"),
        "continued": gettext_lazy("continued construction"),
        "upgrade": gettext_lazy("reconstruction"),
        "expansion": gettext_lazy("expansion"),
        "fiscal": gettext_lazy("fiscal funds"),
        "superior": gettext_lazy("funds from superior governments"),
        "soe": gettext_lazy("funds of state-owned enterprises"),
    }
)


class Scope(Params):
    levels: list[Level]
    kinds: list[ProjectKind]
    # 第二条 lists the funds it covers, but the list is missing from the copy: the deployment
    # sets it; None means not configured.
    funding_sources: list[FundingSource] | None = None


@rule("harbin_scope", Scope)
def harbin_scope(s: Snapshot, p: Scope, c: Context) -> None:
    """The regulation governs projects of the listed levels, kinds and funds only."""
    project = s.project
    if project.level is not None and project.level not in p.levels:
        c.decide("in_scope", False)
        c.info(
            _("This regulation governs %(levels)s projects; this one is %(level)s.")
            % {"levels": labels(p.levels), "level": label(project.level)}
        )
    if project.kind is not None and project.kind not in p.kinds:
        c.decide("in_scope", False)
        c.info(
            _("This regulation governs %(kinds)s; this project is %(kind)s.")
            % {"kinds": labels(p.kinds), "kind": label(project.kind)}
        )
    if not project.funding_sources:
        return
    if p.funding_sources is None:
        c.info(
            _(
                "The funds this regulation covers are not in the copy of its text; the "
                "deployment has not configured them."
            )
        )
    elif not set(project.funding_sources) & set(p.funding_sources):
        c.decide("in_scope", False)
        c.info(
            _("The project is paid from %(sources)s, which this regulation does not cover.")
            % {"sources": labels(project.funding_sources)}
        )


@rule("harbin_superior_approval")
def harbin_superior_approval(s: Snapshot, p: NoParams, c: Context) -> None:
    """A project approved by national or provincial authorities counts as ready for review."""
    if s.project.superior_approved:
        c.decide("review_ready", True)
        c.info(
            _(
                "Approved by national or provincial authorities: the project counts as ready "
                "for review without the feasibility-study approval."
            )
        )


class ReviewReady(Params):
    separate: list[DocumentType] = ["preliminary_design", "assessment_report"]
    merged: list[DocumentType] = ["feasibility_study"]


@rule("harbin_review_ready", ReviewReady)
def harbin_review_ready(s: Snapshot, p: ReviewReady, c: Context) -> None:
    """The review reply needs the approved feasibility study, the design and the assessment."""
    project = s.project
    merged = c.result.decision("design_review") == "merged"
    missing: list[str] = []
    if merged:
        missing.extend(label(kind) for kind in p.merged if not project.has_document(kind))
    else:
        study = project.document("feasibility_study")
        ready = c.result.decision("review_ready") is True
        if not ready and not (study is not None and study.approved):
            missing.append(_("%(type)s (approved)") % {"type": label("feasibility_study")})
        missing.extend(label(kind) for kind in p.separate if not project.has_document(kind))
    if missing:
        c.block(
            _("Before the review reply these are needed: %(missing)s.")
            % {"missing": "、".join(missing)}
        )


SystemFact = Literal["docked", "security_compliant", "crypto_compliant"]
FAILURE_LABEL: dict[str, str] = {
    "docked": "not_docked",
    "security_compliant": "not_security_compliant",
    "crypto_compliant": "not_crypto_compliant",
}


class SystemsMeet(Params):
    requirements: list[SystemFact]
    only_approval_systems: bool = False


def _checked(system: System, only_approval_systems: bool) -> bool | None:
    if not only_approval_systems:
        return True
    return system.approval_system


@rule("harbin_systems_meet", SystemsMeet)
def harbin_systems_meet(s: Snapshot, p: SystemsMeet, c: Context) -> None:
    """Every system the project builds meets the listed requirements."""
    failures: list[str] = []
    unknown: list[str] = []
    for position, system in enumerate(s.project.systems or ()):
        checked = _checked(system, p.only_approval_systems)
        if checked is False:
            continue
        for requirement in p.requirements:
            value = getattr(system, requirement)
            if value is False and checked:
                failures.append(f"{system.name}：{label(FAILURE_LABEL[requirement])}")
            elif value is False:
                unknown.append(f"project.systems[{position}].approval_system")
            elif value is None and checked:
                unknown.append(f"project.systems[{position}].{requirement}")
    if failures:
        c.block(_("Systems that fall short: %(items)s.") % {"items": "；".join(failures)})
    if unknown:
        c.unknown(*dict.fromkeys(unknown))


class NoNewSystems(Params):
    kinds: list[ProjectKind] = ["new", "upgrade", "expansion"]


@rule("harbin_no_new_systems", NoNewSystems)
def harbin_no_new_systems(s: Snapshot, p: NoNewSystems, c: Context) -> None:
    """A unit with a system that fails the sharing or security conditions builds no systems."""
    kind = s.project.kind
    if kind is None:
        c.unknown("project.kind")
        return
    if kind not in p.kinds:
        return
    systems = s.unit.noncompliant_systems
    if systems is None:
        c.unknown("unit.noncompliant_systems")
    elif systems:
        c.block(
            _(
                "The unit's systems %(systems)s fail the data-sharing, catalogue, security or "
                "cryptography requirements or carry a major hazard: it may not build, rebuild or "
                "expand systems."
            )
            % {"systems": "、".join(systems)}
        )


@rule("harbin_rectification_deadline", obliges=True)
def harbin_rectification_deadline(s: Snapshot, p: NoParams, c: Context) -> None:
    """A project that failed acceptance is rectified by the deadline the unit sets."""
    project = s.project
    if project.accepted_on is None or project.acceptance_passed is not False:
        return
    if project.rectification_due_on is None:
        c.warn(_("The project failed acceptance and no deadline for its rectification is set."))
        return
    due = c.calendar.next_workday_on_or_after(project.rectification_due_on)
    c.oblige("rectification", due, project.rectified_on)


class Window(Params):
    months_from: int
    months_to: int


@rule("harbin_self_evaluation_window", Window, obliges=True)
def harbin_self_evaluation_window(s: Snapshot, p: Window, c: Context) -> None:
    """Self-evaluation falls N to M months after the project passed acceptance and went live."""
    project = s.project
    started = project.operation_started_on
    if not project.acceptance_passed or project.accepted_on is None or started is None:
        return
    start: dt.date = max(project.accepted_on, started)
    due = c.calendar.deadline_after_months(start, p.months_to)
    done = project.self_evaluated_on
    c.oblige("self_evaluation", due, done)
    opens = add_months(start, p.months_from)
    if done is not None and done < opens:
        c.warn(
            _("The self-evaluation of %(done)s came before the window opened on %(opens)s.")
            % {"done": done.isoformat(), "opens": opens.isoformat()}
        )


@rule("harbin_post_evaluation_after_self")
def harbin_post_evaluation_after_self(s: Snapshot, p: NoParams, c: Context) -> None:
    """The post-evaluation builds on the unit's self-evaluation, so it comes after it."""
    project = s.project
    post = project.post_evaluated_on
    if post is None:
        return
    own = project.self_evaluated_on
    if own is None or post < own:
        c.warn(_("The post-evaluation was made before the unit's self-evaluation."))
