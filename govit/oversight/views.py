"""Oversight pages: the index (orders, sanctions), a project's inspections and orders with
their forms, and the stale-data list. A project the actor may not see answers 404; a form
the actor may not use answers 403."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from govit.core.permissions import permission
from govit.orgs.models import User
from govit.oversight import data, forms, policies, selectors, services
from govit.oversight.errors import ProjectError
from govit.oversight.models import Inspection, RectificationOrder, Sanction
from govit.projects.models import Project

PAGE_SIZE = 100


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _project(request: HttpRequest, project_pk: int) -> Project:
    project = selectors.oversight_project(actor=_actor(request), pk=project_pk)
    if project is None:
        raise Http404
    return project


def _order(request: HttpRequest, project: Project, pk: int) -> RectificationOrder:
    order = selectors.order_of(actor=_actor(request), pk=pk)
    if order is None or order.project_id != project.pk:
        raise Http404
    return order


@login_required
@require_GET
@permission("projects.view_project")
def oversight_index(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    return render(
        request,
        "oversight/index.html",
        {
            "orders": selectors.open_orders(actor)[:PAGE_SIZE],
            "sanctions": selectors.sanctions(actor).filter(lifted_on__isnull=True)[:PAGE_SIZE],
            "can_see_stale": policies.stale_view(actor),
        },
    )


@login_required
@require_GET
@permission("oversight.oversight_view")
def oversight_project(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return render(
        request,
        "oversight/project.html",
        {
            "project": project,
            "inspections": selectors.inspections(project),
            "orders": selectors.orders(actor)
            .filter(project=project)
            .prefetch_related("findings", "evidence"),
            "sanctions": project.sanctions.all(),
            "kinds": data.of(project.rulebook).kinds,
            "can_inspect": policies.inspection_open(actor, project),
            "can_report": policies.rectification_report(actor, project),
            "can_lift": policies.sanction_lift(actor, project),
            "today": timezone.localdate(),
        },
    )


def _form_page(
    request: HttpRequest,
    project: Project,
    *,
    title: str,
    form: django_forms.Form,
    allowed: bool,
    write: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    if not allowed:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            for field, field_messages in exc.message_dict.items():
                for message in field_messages:
                    form.add_error(field if field in form.fields else None, message)
        except ProjectError as exc:
            form.add_error(None, exc.detail)
            for problem in exc.problems:
                form.add_error(None, f"{problem.article} {problem.message} {problem.quote}".strip())
        else:
            messages.success(request, done)
            return redirect("oversight-project", project_pk=project.pk)
    return render(
        request, "oversight/form.html", {"project": project, "form": form, "title": title}
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("oversight.inspection_open")
def inspection_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return _form_page(
        request,
        project,
        title=_("New inspection"),
        form=forms.InspectionForm(
            request.POST or None, initial={"inspected_on": timezone.localdate()}
        ),
        allowed=policies.inspection_open(actor, project),
        write=lambda d: services.inspection_open(actor=actor, project=project, **d),
        done=_("The inspection was recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("oversight.finding_add")
def finding_new(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    inspection = Inspection.objects.filter(project=project, pk=pk).first()
    if inspection is None:
        raise Http404
    return _form_page(
        request,
        project,
        title=_("New finding"),
        form=forms.FindingForm(request.POST or None, project=project),
        allowed=policies.finding_add(actor, project),
        write=lambda d: services.finding_add(actor=actor, inspection=inspection, **d),
        done=_("The finding was recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("oversight.order_issue")
def order_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return _form_page(
        request,
        project,
        title=_("Rectification order"),
        form=forms.OrderForm(request.POST or None, project=project, initial={"working_days": 20}),
        allowed=policies.order_issue(actor, project),
        write=lambda d: services.order_issue(
            actor=actor,
            project=project,
            findings=list(d["findings"]),
            working_days=d["working_days"],
        ),
        done=_("The rectification order was issued."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("oversight.rectification_report")
def order_report(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    order = _order(request, project, pk)
    return _form_page(
        request,
        project,
        title=_("Rectification report"),
        form=forms.ReportForm(request.POST or None, project=project),
        allowed=policies.rectification_report(actor, project),
        write=lambda d: services.rectification_report(
            actor=actor, order=order, report=d["report"], evidence=list(d["evidence"])
        ),
        done=_("The rectification report was submitted."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("oversight.order_recheck")
def order_recheck(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    order = _order(request, project, pk)
    return _form_page(
        request,
        project,
        title=_("Re-check"),
        form=forms.RecheckForm(request.POST or None),
        allowed=policies.order_recheck(actor, project),
        write=lambda d: services.order_recheck(actor=actor, order=order, **d),
        done=_("The re-check was recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("oversight.order_escalate")
def order_escalate(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    order = _order(request, project, pk)
    return _form_page(
        request,
        project,
        title=_("Escalate"),
        form=forms.EscalateForm(request.POST or None, project=project),
        allowed=policies.order_escalate(actor, project),
        write=lambda d: services.order_escalate(actor=actor, order=order, **d),
        done=_("The sanction is in force."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("oversight.sanction_lift")
def sanction_lift(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    sanction = Sanction.objects.filter(project=project, pk=pk).first()
    if sanction is None:
        raise Http404
    return _form_page(
        request,
        project,
        title=_("Lift the sanction"),
        form=forms.LiftForm(request.POST or None),
        allowed=policies.sanction_lift(actor, project),
        write=lambda d: services.sanction_lift(actor=actor, sanction=sanction, **d),
        done=_("The sanction was lifted."),
    )


@login_required
@require_GET
@permission("oversight.stale_view")
def stale_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not policies.stale_view(actor):
        raise PermissionDenied
    return render(
        request,
        "oversight/stale.html",
        {
            "flags": selectors.stale(actor)[:PAGE_SIZE],
            "rebaselines": selectors.rebaselines(actor)[:PAGE_SIZE],
        },
    )
