"""Pages of progress (milestones, re-baselines, reports), payment requests, reversals and
change rejection. Thin, like views.py: 404 outside the actor's projects and for a step the
actor may not take."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from govit.core.permissions import permission
from govit.delivery import (
    changes,
    forms_steps,
    payments,
    policies,
    progress,
    selectors,
    services,
)
from govit.delivery.models import (
    ChangeRequest,
    Milestone,
    Payment,
    PaymentRequest,
)
from govit.delivery.views import _actor, _form_page, _project
from govit.delivery.views_steps import _post
from govit.projects.models import Project


@login_required
@require_GET
@permission("delivery.delivery_view")
def progress_detail(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    milestones = selectors.project_milestones(project)
    today = timezone.localdate()
    return render(
        request,
        "delivery/progress_detail.html",
        {
            "project": project,
            "rows": [(m, m.schedule_variance_days(today)) for m in milestones],
            "variance": progress.project_variance(milestones, today),
            "rebaselines": selectors.project_rebaselines(project),
            "reports": selectors.project_progress_reports(project),
            "annual_reports": [
                o for o in services.evaluate(project).obligations if o.kind == "annual_report"
            ],
            "can_plan": policies.milestone_add(actor, project),
            "can_report": policies.progress_report(actor, project),
        },
    )


def _progress_back(project: Project) -> str:
    return reverse("delivery-progress", args=[project.pk])


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.milestone_add")
def milestone_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return _form_page(
        request,
        project,
        title=_("Add a milestone"),
        form=forms_steps.MilestoneForm(_post(request)),
        allowed=policies.milestone_add(actor, project),
        write=lambda data: progress.milestone_add(actor=actor, project=project, **data),
        done=_("The milestone is added."),
        back=_progress_back(project),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.milestone_progress")
def milestone_progress(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    milestone = Milestone.objects.filter(project=project, pk=pk).first()
    if milestone is None:
        raise Http404
    return _form_page(
        request,
        project,
        title=_("Record the progress of %(name)s") % {"name": milestone.name},
        form=forms_steps.MilestoneProgressForm(
            _post(request),
            initial={"actual_on": milestone.actual_on, "actual_cost": milestone.actual_cost},
        ),
        allowed=policies.milestone_progress(actor, project),
        write=lambda data: progress.milestone_progress(actor=actor, milestone=milestone, **data),
        done=_("The progress is recorded."),
        back=_progress_back(project),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.milestone_rebaseline")
def rebaseline_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms_steps.RebaselineForm(
        _post(request), milestones=selectors.project_milestones(project)
    )
    return _form_page(
        request,
        project,
        title=_("Re-baseline"),
        form=form,
        allowed=policies.milestone_rebaseline(actor, project),
        write=lambda data: progress.milestone_rebaseline(
            actor=actor,
            project=project,
            reason=data["reason"],
            decided_on=data["decided_on"],
            changes=form.changes(),
        ),
        done=_("The re-baseline is recorded."),
        back=_progress_back(project),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.progress_report")
def progress_report_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return _form_page(
        request,
        project,
        title=_("Submit a progress report"),
        form=forms_steps.ProgressReportForm(_post(request), project=project),
        allowed=policies.progress_report(actor, project),
        write=lambda data: progress.progress_report(actor=actor, project=project, **data),
        done=_("The report is submitted."),
        back=_progress_back(project),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.payment_request")
def payment_request_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return _form_page(
        request,
        project,
        title=_("Request a payment"),
        form=forms_steps.PaymentRequestForm(_post(request), project=project),
        allowed=policies.payment_request(actor, project),
        write=lambda data: payments.payment_request(actor=actor, project=project, **data),
        done=_("The payment request is submitted."),
    )


def _payment_step(request: HttpRequest, project_pk: int, pk: int, step: str) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    item = PaymentRequest.objects.filter(project=project, pk=pk).first()
    if item is None:
        raise Http404
    form: Any
    if step == "approve":
        form = forms_steps.DecisionForm(_post(request))
        title, allowed = _("Approve the payment request"), policies.payment_approve(actor, project)

        def write(data: dict[str, Any]) -> object:
            return payments.payment_approve(actor=actor, request=item, **data)

    elif step == "reject":
        form = forms_steps.RejectionForm(_post(request))
        title, allowed = _("Reject the payment request"), policies.payment_approve(actor, project)

        def write(data: dict[str, Any]) -> object:
            return payments.payment_reject(actor=actor, request=item, **data)

    else:
        form = forms_steps.ExecutionForm(_post(request))
        title, allowed = _("Pay through the treasury"), policies.payment_execute(actor, project)

        def write(data: dict[str, Any]) -> object:
            return payments.payment_execute(actor=actor, request=item, **data)

    return _form_page(
        request, project, title=title, form=form, allowed=allowed, write=write, done=_("Saved.")
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.payment_approve")
def payment_request_approve(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    return _payment_step(request, project_pk, pk, "approve")


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.payment_approve")
def payment_request_reject(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    return _payment_step(request, project_pk, pk, "reject")


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.payment_execute")
def payment_request_execute(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    return _payment_step(request, project_pk, pk, "execute")


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.payment_reverse")
def payment_reverse(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    payment = Payment.objects.filter(project=project, pk=pk).first()
    if payment is None:
        raise Http404
    return _form_page(
        request,
        project,
        title=_("Reverse the payment"),
        form=forms_steps.ReversalForm(_post(request)),
        allowed=policies.payment_reverse(actor, project),
        write=lambda data: payments.payment_reverse(actor=actor, payment=payment, **data),
        done=_("The payment is reversed."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.change_reject")
def change_reject(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    change = ChangeRequest.objects.filter(project=project, pk=pk).first()
    if change is None:
        raise Http404
    return _form_page(
        request,
        project,
        title=_("Reject the change"),
        form=forms_steps.ChangeRejectionForm(_post(request)),
        allowed=policies.change_reject(actor, project),
        write=lambda data: changes.change_reject(actor=actor, change=change, **data),
        done=_("The change is rejected."),
    )
