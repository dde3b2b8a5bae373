"""Pages of the annual plans: list, compile, lines, submit, approve, reopen, supplementary
inclusion, versions, comparison and the xlsx export. Units do not read plans (403 on the list,
404 on a plan)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govit.core import audit
from govit.core.permissions import permission
from govit.documents.validation import XLSX
from govit.planning import exports_plans, forms_plans, selectors_plans, services_plans
from govit.planning import policies_plans as policies
from govit.planning.models.plans import AnnualPlan, LibraryEntry, LibraryStatus, PlanStatus
from govit.planning.pages_plans import actor_of, form_page, post_action


@login_required
@require_GET
@permission("planning.plan_view")
def plan_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not policies.plan_view(actor):
        raise PermissionDenied
    return render(
        request,
        "planning/plans/plan_list.html",
        {"plans": selectors_plans.plans(actor=actor), "can_create": policies.plan_create(actor)},
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.plan_create")
def plan_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not policies.plan_create(actor):
        raise PermissionDenied
    form = forms_plans.PlanCreateForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form=form,
        call=lambda d: services_plans.plan_create(actor=actor, **d),
        done=lambda plan: reverse("planning-plan", args=[plan.pk]),
        success=_("The plan is open."),
        title=_("New annual plan"),
        back=reverse("planning-plans"),
    )


def _plan(request: HttpRequest, pk: int) -> AnnualPlan:
    plan = selectors_plans.plan(actor=actor_of(request), pk=pk)
    if plan is None:
        raise Http404
    return plan


@login_required
@require_GET
@permission("planning.plan_view")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    plan = _plan(request, pk)
    lines = list(plan.lines.all())
    in_plan = {line.project_id for line in lines}
    reserve = (
        LibraryEntry.objects.filter(status=LibraryStatus.RESERVED, project__rulebook=plan.rulebook)
        .exclude(project_id__in=in_plan)
        .select_related("project__unit")
        .order_by("reserve_year", "priority", "project__code")
        if plan.is_draft
        else LibraryEntry.objects.none()
    )
    can_compile = policies.plan_fill(actor, plan)
    return render(
        request,
        "planning/plans/plan_detail.html",
        {
            "plan": plan,
            "lines": lines,
            "total": sum((line.amount for line in lines), 0),
            "versions": list(plan.versions.all()),
            "reserve": reserve[:200],
            "can_compile": can_compile and plan.is_draft,
            "can_submit": can_compile and plan.is_draft and bool(lines),
            "can_reopen": policies.plan_reopen(actor, plan) and not plan.is_draft,
            "can_approve": policies.plan_approve(actor, plan)
            and plan.status == PlanStatus.SUBMITTED,
            "can_supplement": policies.plan_supplement(actor, plan)
            and plan.status == PlanStatus.APPROVED,
        },
    )


def _back(plan: AnnualPlan) -> str:
    return reverse("planning-plan", args=[plan.pk])


@login_required
@require_POST
@permission("planning.plan_fill")
def plan_fill(request: HttpRequest, pk: int) -> HttpResponse:
    actor, plan = actor_of(request), _plan(request, pk)
    return post_action(
        request,
        call=lambda: services_plans.plan_fill(actor=actor, plan=plan),
        success=_("The plan takes the library's projects of its year."),
        back=_back(plan),
    )


@login_required
@require_POST
@permission("planning.plan_rank")
def plan_rank(request: HttpRequest, pk: int) -> HttpResponse:
    actor, plan = actor_of(request), _plan(request, pk)
    return post_action(
        request,
        call=lambda: services_plans.plan_rank(actor=actor, plan=plan),
        success=_("The projects are ranked again."),
        back=_back(plan),
    )


@login_required
@require_POST
@permission("planning.plan_submit")
def plan_submit(request: HttpRequest, pk: int) -> HttpResponse:
    actor, plan = actor_of(request), _plan(request, pk)
    return post_action(
        request,
        call=lambda: services_plans.plan_submit(actor=actor, plan=plan),
        success=_("The plan is submitted for approval."),
        back=_back(plan),
    )


@login_required
@require_POST
@permission("planning.plan_line_add")
def plan_line_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor, plan = actor_of(request), _plan(request, pk)
    form = forms_plans.LineAddForm(request.POST)
    entry = (
        LibraryEntry.objects.filter(pk=form.cleaned_data["entry"]).first()
        if form.is_valid()
        else None
    )
    if entry is None:
        raise Http404
    return post_action(
        request,
        call=lambda: services_plans.plan_line_add(
            actor=actor, plan=plan, entry=entry, amount=form.cleaned_data["amount"]
        ),
        success=_("The project is in the plan."),
        back=_back(plan),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.plan_line_update")
def plan_line_edit(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    actor, plan = actor_of(request), _plan(request, pk)
    line = get_object_or_404(plan.lines.select_related("project"), pk=line_pk)
    if not policies.plan_line_update(actor, plan):
        raise PermissionDenied
    form = forms_plans.LineAmountForm(
        request.POST if request.method == "POST" else None, initial={"amount": line.amount}
    )
    return form_page(
        request,
        form=form,
        call=lambda d: services_plans.plan_line_update(actor=actor, line=line, **d),
        done=lambda _line: _back(plan),
        success=_("The amount is set."),
        title=f"{line.project.code} {line.project.name}",
        back=_back(plan),
    )


@login_required
@require_POST
@permission("planning.plan_line_remove")
def plan_line_remove(request: HttpRequest, pk: int, line_pk: int) -> HttpResponse:
    actor, plan = actor_of(request), _plan(request, pk)
    line = get_object_or_404(plan.lines.all(), pk=line_pk)
    return post_action(
        request,
        call=lambda: services_plans.plan_line_remove(actor=actor, line=line),
        success=_("The project is out of the plan."),
        back=_back(plan),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.plan_approve")
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    actor, plan = actor_of(request), _plan(request, pk)
    if not policies.plan_approve(actor, plan):
        raise PermissionDenied
    form = forms_plans.ApproveForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form=form,
        call=lambda d: services_plans.plan_approve(actor=actor, plan=plan, **d),
        done=lambda version: reverse("planning-plan-version", args=[plan.pk, version.number]),
        success=_("The plan is approved: a new version is recorded."),
        title=_("Record the approval of %(plan)s") % {"plan": plan.title},
        back=_back(plan),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.plan_reopen")
def plan_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    actor, plan = actor_of(request), _plan(request, pk)
    if not policies.plan_reopen(actor, plan):
        raise PermissionDenied
    form = forms_plans.ReasonForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form=form,
        call=lambda d: services_plans.plan_reopen(actor=actor, plan=plan, **d),
        done=lambda _plan: _back(plan),
        success=_("The plan is a draft again."),
        title=_("Reopen %(plan)s") % {"plan": plan.title},
        back=_back(plan),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.plan_supplement")
def plan_supplement(request: HttpRequest, pk: int) -> HttpResponse:
    actor, plan = actor_of(request), _plan(request, pk)
    if not policies.plan_supplement(actor, plan):
        raise PermissionDenied
    article, quote = services_plans.SUPPLEMENT_ARTICLES.get(plan.rulebook, ("", ""))
    form = forms_plans.SupplementForm(
        request.POST if request.method == "POST" else None,
        projects=selectors_plans.supplement_candidates(actor=actor, plan=plan),
        initial={"article": article},
    )
    return form_page(
        request,
        form=form,
        call=lambda d: services_plans.plan_supplement(actor=actor, plan=plan, **d),
        done=lambda version: reverse("planning-plan-version", args=[plan.pk, version.number]),
        success=_("The project is added to the plan: a new version is recorded."),
        title=_("Supplementary inclusion in %(plan)s") % {"plan": plan.title},
        back=_back(plan),
        context={"article": article, "quote": quote},
    )


@login_required
@require_GET
@permission("planning.plan_view")
def plan_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """An approved version, compared with another one (``?against=N``, default the previous)."""
    actor = actor_of(request)
    version = selectors_plans.plan_version(actor=actor, plan_pk=pk, number=number)
    if version is None:
        raise Http404
    against = request.GET.get("against")
    other_number = int(against) if against and against.isdigit() else number - 1
    other = (
        selectors_plans.plan_version(actor=actor, plan_pk=pk, number=other_number)
        if other_number != number
        else None
    )
    comparison = None
    if other is not None:
        older, newer = sorted((other, version), key=lambda v: v.number)
        comparison = selectors_plans.compare_versions(older, newer)
    return render(
        request,
        "planning/plans/plan_version.html",
        {
            "version": version,
            "plan": version.plan,
            "comparison": comparison,
            "others": version.plan.versions.exclude(pk=version.pk).order_by("number"),
        },
    )


@login_required
@require_GET
@permission("planning.plan_view")
def plan_version_export(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = selectors_plans.plan_version(actor=actor_of(request), plan_pk=pk, number=number)
    if version is None:
        raise Http404
    response = HttpResponse(exports_plans.version_xlsx(version), content_type=XLSX)
    filename = f"plan-{version.plan.year}-v{version.number}.xlsx"
    audit.record(
        actor=actor_of(request), action="planning.export", obj=version, object_repr=filename
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
