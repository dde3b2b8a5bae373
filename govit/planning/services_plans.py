"""Writes of the annual plan: compile from the library, rank, set amounts, submit, approve
(freezing a version and moving the projects to ``planned``), reopen, supplementary inclusion.

Each service checks its predicate, runs in one transaction and writes an audit event. The
approval takes each project's lifecycle step into ``planned`` (Wuhan/Harbin/Kaihua/Bijie
``include_in_plan``) with the approving actor, in the same transaction: a refused step refuses
the whole approval.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.orgs.models import User
from govit.planning import policies_plans as policies
from govit.planning import ranking_plans
from govit.planning.errors_plans import NotPermitted, PlanRefused, Problem, ProjectError
from govit.planning.library_plans import mark_planned
from govit.planning.models.plans import (
    AnnualPlan,
    LibraryEntry,
    LibraryStatus,
    PlanLine,
    PlanStatus,
    PlanVersion,
    PlanVersionLine,
)
from govit.policy import loader
from govit.policy.engine import stages
from govit.policy.vocabulary import label
from govit.projects.models import Project
from govit.projects.services import project_transition

# Supplementary inclusion of urgent projects (追加/应急), by rulebook: the article and its words.
SUPPLEMENT_ARTICLES: dict[str, tuple[str, str]] = {
    "harbin": (
        "第十七条",
        "紧急、特殊情况下,需在当年新增建设并安排资金的计划外项目,须按有关法律法规,"
        "报市政府批准所需资金。",
    ),
    "wuhan": (
        "第七条",
        "市委、市人民政府有明确要求或者确属情况紧急的项目,可以申请补充列入年度实施计划。",
    ),
    "kaihua": (
        "第六条",
        "如遇特殊情况,确需在当年度实施的信息化项目,须经县政府同意后,方可追加列入当年度计划。",
    ),
}


def _locked_plan(plan: AnnualPlan) -> AnnualPlan:
    return AnnualPlan.objects.select_for_update().get(pk=plan.pk)


def _require_draft(plan: AnnualPlan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise PlanRefused(
            _("The plan is %(status)s: reopen it to change it.")
            % {"status": plan.get_status_display()}
        )


def _amount(value: Decimal) -> Decimal:
    if value < 0:
        raise ValidationError({"amount": _("Amounts cannot be negative.")})
    return value


@transaction.atomic
def plan_create(*, actor: User, year: int, title: str = "") -> AnnualPlan:
    """Open the annual plan of ``year`` (one a year per rulebook), as a draft."""
    if not policies.plan_create(actor):
        raise NotPermitted(_("The competent department and finance compile the annual plan."))
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Give a year between 2000 and 2100.")})
    rulebook = settings.GOVIT_RULEBOOK
    if AnnualPlan.objects.filter(rulebook=rulebook, year=year).exists():
        raise ValidationError({"year": _("There is a plan for this year already.")})
    plan = AnnualPlan(
        rulebook=rulebook,
        year=year,
        title=title.strip() or _("Annual plan %(year)s") % {"year": year},
        created_by=actor,
    )
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        raise ValidationError({"year": _("There is a plan for this year already.")}) from None
    audit.record(actor=actor, action="planning.plan.create", obj=plan, after={"year": year})
    return plan


def _score_line(line: PlanLine, entry: LibraryEntry | None, year: int) -> None:
    priority = entry.priority if entry is not None else 3
    result = ranking_plans.score(
        project_id=line.project_id,
        unit_id=line.project.unit_id,
        priority=priority,
        year=year,
    )
    line.score = result["total"]
    line.score_parts = result["parts"]


def _rerank(plan: AnnualPlan) -> None:
    """Number the lines by score (highest first), ties by project code."""
    lines = list(plan.lines.select_related("project").order_by("-score", "project__code"))
    for position, line in enumerate(lines, start=1):
        line.rank = position
    PlanLine.objects.bulk_update(lines, ["rank"])


def _add(
    plan: AnnualPlan, project: Project, amount: Decimal | None, actor: User, **extra: object
) -> PlanLine:
    entry = LibraryEntry.objects.filter(project=project).first()
    line = PlanLine(
        plan=plan,
        project=project,
        amount=_amount(amount if amount is not None else project.investment or Decimal(0)),
        added_by=actor,
        **extra,
    )
    _score_line(line, entry, plan.year)
    line.save()
    return line


@transaction.atomic
def plan_line_add(
    *, actor: User, plan: AnnualPlan, entry: LibraryEntry, amount: Decimal | None = None
) -> PlanLine:
    """Put a library entry in reserve into the draft plan, with its amount (default: the
    project's investment)."""
    if not policies.plan_line_add(actor, plan):
        raise NotPermitted(_("The competent department and finance compile the annual plan."))
    locked = _locked_plan(plan)
    _require_draft(locked)
    entry = LibraryEntry.objects.select_related("project__unit").get(pk=entry.pk)
    if entry.status != LibraryStatus.RESERVED:
        raise PlanRefused(
            _("Only a library entry in reserve goes into a plan; this one is %(status)s.")
            % {"status": entry.get_status_display()},
            [Problem(message=_("Choose an entry in reserve."), field="entry", article="第九条")],
        )
    if PlanLine.objects.filter(plan=locked, project=entry.project).exists():
        raise ValidationError({"entry": _("The project is in the plan already.")})
    line = _add(locked, entry.project, amount, actor)
    _rerank(locked)
    audit.record(
        actor=actor,
        action="planning.plan.line_add",
        obj=locked,
        after={"project": entry.project.code, "amount": line.amount, "score": line.score},
    )
    return line


@transaction.atomic
def plan_fill(*, actor: User, plan: AnnualPlan) -> list[PlanLine]:
    """Compile the draft plan from the library: every entry in reserve for the plan's year."""
    if not policies.plan_fill(actor, plan):
        raise NotPermitted(_("The competent department and finance compile the annual plan."))
    locked = _locked_plan(plan)
    _require_draft(locked)
    present = set(locked.lines.values_list("project_id", flat=True))
    entries = (
        LibraryEntry.objects.filter(status=LibraryStatus.RESERVED, reserve_year=locked.year)
        .filter(project__rulebook=locked.rulebook)
        .exclude(project_id__in=present)
        .select_related("project__unit")
        .order_by("id")
    )
    added = [_add(locked, entry.project, None, actor) for entry in entries]
    _rerank(locked)
    audit.record(
        actor=actor,
        action="planning.plan.fill",
        obj=locked,
        after={"added": [line.project.code for line in added]},
    )
    return added


def _draft_line(actor: User, line: PlanLine, predicate: object) -> tuple[AnnualPlan, PlanLine]:
    if not predicate(actor, line.plan):  # type: ignore[operator]
        raise NotPermitted(_("The competent department and finance compile the annual plan."))
    plan = _locked_plan(line.plan)
    _require_draft(plan)
    return plan, PlanLine.objects.select_related("project").get(pk=line.pk)


@transaction.atomic
def plan_line_update(*, actor: User, line: PlanLine, amount: Decimal) -> PlanLine:
    """Set the amount of a line of the draft plan."""
    plan, locked = _draft_line(actor, line, policies.plan_line_update)
    before = locked.amount
    locked.amount = _amount(amount)
    locked.save(update_fields=["amount"])
    audit.record(
        actor=actor,
        action="planning.plan.line_update",
        obj=plan,
        before={"project": locked.project.code, "amount": before},
        after={"project": locked.project.code, "amount": locked.amount},
    )
    return locked


@transaction.atomic
def plan_line_remove(*, actor: User, line: PlanLine) -> None:
    """Take a line out of the draft plan (the library entry stays in reserve)."""
    plan, locked = _draft_line(actor, line, policies.plan_line_remove)
    code, amount = locked.project.code, locked.amount
    locked.delete()
    _rerank(plan)
    audit.record(
        actor=actor,
        action="planning.plan.line_remove",
        obj=plan,
        before={"project": code, "amount": amount},
    )


@transaction.atomic
def plan_rank(*, actor: User, plan: AnnualPlan) -> AnnualPlan:
    """Score the draft plan's lines again (new reviews, evaluations, priorities) and rank."""
    if not policies.plan_rank(actor, plan):
        raise NotPermitted(_("The competent department and finance compile the annual plan."))
    locked = _locked_plan(plan)
    _require_draft(locked)
    in_plan = LibraryEntry.objects.filter(project__plan_lines__plan=locked)
    entries = {e.project_id: e for e in in_plan}
    lines = list(locked.lines.select_related("project"))
    for line in lines:
        _score_line(line, entries.get(line.project_id), locked.year)
    PlanLine.objects.bulk_update(lines, ["score", "score_parts"])
    _rerank(locked)
    audit.record(actor=actor, action="planning.plan.rank", obj=locked, after={"lines": len(lines)})
    return locked


@transaction.atomic
def plan_submit(*, actor: User, plan: AnnualPlan) -> AnnualPlan:
    """Send the draft plan for the government's approval."""
    if not policies.plan_submit(actor, plan):
        raise NotPermitted(_("The competent department and finance compile the annual plan."))
    locked = _locked_plan(plan)
    _require_draft(locked)
    if not locked.lines.exists():
        raise PlanRefused(_("An empty plan cannot be submitted."))
    locked.status = PlanStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    audit.record(
        actor=actor,
        action="planning.plan.submit",
        obj=locked,
        before={"status": PlanStatus.DRAFT},
        after={"status": locked.status},
    )
    return locked


@transaction.atomic
def plan_reopen(*, actor: User, plan: AnnualPlan, reason: str) -> AnnualPlan:
    """Take a submitted or approved plan back to draft to revise it (the approved versions
    stay as they were; the next approval makes a new one)."""
    if not policies.plan_reopen(actor, plan):
        raise NotPermitted(_("The competent department and finance compile the annual plan."))
    locked = _locked_plan(plan)
    if locked.status == PlanStatus.DRAFT:
        raise PlanRefused(_("The plan is a draft already."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the plan is reopened.")})
    before = locked.status
    locked.status = PlanStatus.DRAFT
    locked.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="planning.plan.reopen",
        obj=locked,
        before={"status": before},
        after={"status": locked.status, "reason": reason.strip()},
    )
    return locked


def _plan_step(project: Project, *, supplementary: bool) -> str | None:
    """The lifecycle step that puts the project in ``planned``; None when the rulebook has no
    such state or the project is there (or beyond) already."""
    rulebook = loader.get(project.rulebook)
    if "planned" not in rulebook.spec.states or stages.index(project.state) >= stages.index(
        "planned"
    ):
        return None
    steps = [t for t in rulebook.transitions_from(project.state) if t.to == "planned"]
    preferred = "approve_unplanned" if supplementary else "include_in_plan"
    steps.sort(key=lambda t: t.name != preferred)
    if not steps:
        raise PlanRefused(
            _("%(project)s cannot enter the annual plan while it is %(state)s.")
            % {"project": project.code, "state": label(project.state)},
            [Problem(message=_("Take the project out of the plan."), field="lines")],
        )
    return steps[0].name


def _into_lifecycle(
    *, actor: User, lines: list[PlanLine], note: str, acknowledge_warnings: bool
) -> list[str]:
    moved = []
    for line in lines:
        project = Project.objects.select_for_update(of=("self",)).get(pk=line.project_id)
        step = _plan_step(project, supplementary=line.supplementary)
        if step is not None:
            try:
                project_transition(
                    actor=actor,
                    project=project,
                    name=step,
                    acknowledge_warnings=acknowledge_warnings,
                    note=note,
                )
            except ProjectError as exc:
                exc.detail = f"{project.code}: {exc.detail}"
                raise
            moved.append(project.code)
        mark_planned(actor=actor, project=project, reason=note)
    return moved


def _freeze(
    *, actor: User, plan: AnnualPlan, approved_on: dt.date, reference: str, note: str
) -> PlanVersion:
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    lines = list(plan.lines.select_related("project__unit").order_by("rank", "id"))
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        approved_on=approved_on,
        reference=reference,
        note=note,
        total=sum((line.amount for line in lines), Decimal(0)),
        approved_by=actor,
    )
    PlanVersionLine.objects.bulk_create(
        PlanVersionLine(
            version=version,
            project=line.project,
            code=line.project.code,
            name=line.project.name,
            unit_name=line.project.unit.name,
            amount=line.amount,
            rank=line.rank,
            score=line.score,
            supplementary=line.supplementary,
            reason=line.reason,
            article=line.article,
        )
        for line in lines
    )
    return version


def _check_approval(reference: str, approved_on: dt.date) -> str:
    reference = reference.strip()
    if not reference:
        raise ValidationError({"reference": _("Give the number of the approving document.")})
    if approved_on > timezone.localdate():
        raise ValidationError({"approved_on": _("The approval cannot be in the future.")})
    return reference


@transaction.atomic
def plan_approve(
    *,
    actor: User,
    plan: AnnualPlan,
    reference: str,
    approved_on: dt.date,
    note: str = "",
    acknowledge_warnings: bool = False,
) -> PlanVersion:
    """Record the government's approval of the submitted plan: freeze a new version and move
    every included project into ``planned`` through its lifecycle, all or nothing."""
    if not policies.plan_approve(actor, plan):
        raise NotPermitted(_("You cannot record the approval of the annual plan."))
    locked = _locked_plan(plan)
    if locked.status != PlanStatus.SUBMITTED:
        raise PlanRefused(_("Only a plan submitted for approval can be approved."))
    reference = _check_approval(reference, approved_on)
    lines = list(locked.lines.order_by("rank", "id"))
    moved = _into_lifecycle(
        actor=actor, lines=lines, note=note or reference, acknowledge_warnings=acknowledge_warnings
    )
    locked.status = PlanStatus.APPROVED
    locked.save(update_fields=["status", "updated_at"])
    version = _freeze(
        actor=actor, plan=locked, approved_on=approved_on, reference=reference, note=note
    )
    audit.record(
        actor=actor,
        action="planning.plan.approve",
        obj=locked,
        before={"status": PlanStatus.SUBMITTED},
        after={
            "status": locked.status,
            "version": version.number,
            "reference": reference,
            "total": version.total,
            "planned": moved,
        },
    )
    return version


@transaction.atomic
def plan_supplement(
    *,
    actor: User,
    plan: AnnualPlan,
    project: Project,
    amount: Decimal,
    reason: str,
    reference: str,
    approved_on: dt.date,
    article: str = "",
    acknowledge_warnings: bool = False,
) -> PlanVersion:
    """Include an urgent or mandated project in the approved plan (追加/补充列入, Harbin 第十七条,
    Wuhan 第七条, Kaihua 第六条) with the government's consent: a new version."""
    if not policies.plan_supplement(actor, plan):
        raise NotPermitted(_("You cannot record a supplementary inclusion."))
    locked = _locked_plan(plan)
    if locked.status != PlanStatus.APPROVED:
        raise PlanRefused(_("Supplementary inclusion adds to an approved plan."))
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the project cannot wait for next year.")})
    reference = _check_approval(reference, approved_on)
    target = Project.objects.select_related("unit").get(pk=project.pk)
    if target.rulebook != locked.rulebook or target.is_closed:
        raise PlanRefused(_("This project cannot be added to the plan."))
    if PlanLine.objects.filter(plan=locked, project=target).exists():
        raise ValidationError({"project": _("The project is in the plan already.")})
    own_article, _quote = SUPPLEMENT_ARTICLES.get(locked.rulebook, ("", ""))
    line = _add(
        locked,
        target,
        amount,
        actor,
        supplementary=True,
        reason=reason.strip(),
        article=own_article or article.strip(),
        rank=0,
    )
    line.rank = (locked.lines.aggregate(n=Max("rank"))["n"] or 0) + 1
    line.save(update_fields=["rank"])
    moved = _into_lifecycle(
        actor=actor, lines=[line], note=reason.strip(), acknowledge_warnings=acknowledge_warnings
    )
    version = _freeze(
        actor=actor, plan=locked, approved_on=approved_on, reference=reference, note=reason
    )
    audit.record(
        actor=actor,
        action="planning.plan.supplement",
        obj=locked,
        after={
            "project": target.code,
            "amount": line.amount,
            "reason": line.reason,
            "article": line.article,
            "reference": reference,
            "version": version.number,
            "planned": moved,
        },
    )
    return version


def plan_total(plan: AnnualPlan) -> Decimal:
    """The sum of the plan's current lines."""
    return plan.lines.aggregate(total=Sum("amount"))["total"] or Decimal(0)
