"""Project pages: list, detail, create, edit, and taking a lifecycle step. Thin: they parse,
call a selector or a service, and render. Another unit's project answers 404."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govit.core.pages import CappedPaginator, CountedPaginator, kept_filters
from govit.core.permissions import permission
from govit.core.selectors import work_calendar
from govit.orgs.models import User
from govit.policy import loader
from govit.projects import forms, links, list_rows, policies, selectors, services
from govit.projects.errors import NotPermitted, ProjectError
from govit.projects.models import Project
from govit.projects.presentation import fact_sections
from govit.projects.services.lifecycle import role_titles
from govit.projects.snapshots import build_snapshot

PAGE_SIZE = 25
SEARCH_CAP = 1000
BUDGET_FIELD = re.compile(r"budget_items\.(\d+)\.(\w+)")


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _visible(actor: User, pk: int) -> Project:
    project = selectors.project_for_action(actor=actor, pk=pk)
    if project is None:
        raise Http404
    return project


def _add_service_errors(
    form: BaseForm, error: ValidationError, formset: forms.BudgetLines | None = None
) -> None:
    """Put the service's field errors on the form's fields (the rest at the top); an error of
    budget line N (``budget_items.N.field``) on that line's field of the budget formset."""
    lines = forms.line_forms(formset) if formset is not None else []
    for field, field_messages in error.message_dict.items():
        line = BUDGET_FIELD.fullmatch(field)
        if line and int(line[1]) < len(lines) and line[2] in lines[int(line[1])].fields:
            for message in field_messages:
                lines[int(line[1])].add_error(line[2], message)
            continue
        target = field if field in form.fields else None
        for message in field_messages:
            form.add_error(target, message)


@login_required
@permission("projects.view_project")
def project_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    rulebook = loader.active()
    form = forms.ProjectFilterForm(
        request.GET or None,
        states=list(rulebook.spec.states) or ["draft"],
        units=selectors.filter_units(actor=actor),
    )
    filters = selectors.ProjectFilter()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = selectors.ProjectFilter(
            state=data["state"] or "",
            unit_id=data["unit"].pk if data["unit"] else None,
            plan_year=data["plan_year"],
            amount_min=data["amount_min"],
            amount_max=data["amount_max"],
            search=data["q"] or "",
            awaiting=bool(data["awaiting"]),
            kind=data["kind"] or "",
        )
    # Only the columns the rows show: a project has some 120, and reading and building them
    # all was a third of the list's Python (province).
    rows = selectors.project_list(actor=actor, filters=filters).only(*list_rows.COLUMNS)
    # A text search, and the projects awaiting the reader (an OR of states per rulebook: the
    # competent department's count read some 30,000 projects, 24 ms), count at most SEARCH_CAP
    # matches; the other filters count by their indexes, the whole portfolio is kept
    # (core/pages.py).
    paginator = (
        CappedPaginator(rows, PAGE_SIZE, cap=SEARCH_CAP)
        if filters.search or filters.awaiting
        else CountedPaginator(rows, PAGE_SIZE)
    )
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "projects/project_list.html",
        {
            "form": form,
            "page": page,
            "rows": list_rows.table_rows(page),
            "query": kept_filters(request),
            "can_create": policies.project_create_any(actor),
        },
    )


@login_required
@permission("projects.view_project")
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = selectors.project_detail(actor=actor, pk=pk)
    if project is None:
        raise Http404
    rulebook = loader.get(project.rulebook)
    today = timezone.localdate()
    snapshot = build_snapshot(project, as_of=today)
    calendar = work_calendar()
    result = rulebook.evaluate(snapshot, calendar=calendar, as_of=today)
    steps = services.check_steps(actor=actor, project=project, snapshot=snapshot, calendar=calendar)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "rulebook": rulebook,
            "result": result,
            "findings": sorted(
                result.findings, key=lambda f: {"block": 0, "warn": 1, "info": 2}[f.severity]
            ),
            "steps": [step for step in steps if step.permitted],
            "others": [
                (step.transition.label, role_titles(rulebook, list(step.transition.roles)))
                for step in steps
                if not step.permitted
            ],
            "fact_sections": fact_sections(project),
            "side_states": selectors.SIDE_TARGETS,
            "can_edit": policies.project_update(actor, project),
            "links": links.for_project(actor, project),
        },
    )


def _save_with(
    form: BaseForm, write: Any, formset: forms.BudgetLines | None = None
) -> Project | None:
    """Run ``write`` in one transaction; map its validation errors onto the form (and the
    budget lines' errors onto the formset)."""
    try:
        with transaction.atomic():
            return write()  # type: ignore[no-any-return]
    except ValidationError as exc:
        _add_service_errors(form, exc, formset)
    return None


@login_required
@require_http_methods(["GET", "POST"])
@permission("projects.create_project")
def project_create(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not policies.project_create_any(actor):
        raise PermissionDenied
    units = selectors.creatable_units(actor=actor)
    co_units = selectors.co_unit_choices(actor=actor)
    data = request.POST if request.method == "POST" else None
    form = forms.ProjectCreateForm(data, units=units, co_units=co_units)
    formset = forms.BudgetFormSet(data, prefix="budget")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        cleaned = form.cleaned_data
        facts = form.facts()
        name = facts.pop("name")
        try:
            project = _save_with(
                form,
                lambda: services.project_create(
                    actor=actor,
                    unit=cleaned["unit"],
                    name=name,
                    facts=facts,
                    budget_items=forms.budget_lines(formset),
                    co_units=cleaned["co_units"],
                ),
                formset,
            )
        except NotPermitted as exc:
            form.add_error("unit", exc.detail)
            project = None
        if project is not None:
            messages.success(request, _("Project %(code)s created.") % {"code": project.code})
            return redirect("project-detail", pk=project.pk)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "formset": formset, "project": None},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("projects.edit_project")
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _visible(actor, pk)
    if not policies.project_update(actor, project):
        raise PermissionDenied
    co_units = selectors.co_unit_choices(actor=actor).exclude(pk=project.unit_id)
    # The form works on its own copy: a refused edit must not show on the page's header.
    data = request.POST if request.method == "POST" else None
    form = forms.ProjectEditForm(data, instance=_visible(actor, pk), co_units=co_units)
    formset = forms.BudgetFormSet(data, prefix="budget", initial=forms.budget_initial(project))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            saved = _save_with(
                form,
                lambda: services.project_update(
                    actor=actor,
                    project=project,
                    facts=form.facts(),
                    budget_items=forms.budget_lines(formset),
                    co_units=form.cleaned_data["co_units"],
                ),
                formset,
            )
        except NotPermitted as exc:
            form.add_error(None, exc.detail)
            saved = None
        if saved is not None:
            messages.success(request, _("The project's facts were saved."))
            return redirect("project-detail", pk=project.pk)
    return render(
        request,
        "projects/project_form.html",
        {"form": form, "formset": formset, "project": project},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("projects.project_transition")
def project_step(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    actor = _actor(request)
    project = selectors.project_detail(actor=actor, pk=pk)
    if project is None:
        raise Http404
    rulebook = loader.get(project.rulebook)
    checks = {
        check.transition.name: check for check in services.check_steps(actor=actor, project=project)
    }
    check = checks.get(name)
    form = forms.TransitionForm(request.POST if request.method == "POST" else None)
    error: ProjectError | None = None
    if request.method == "POST" and form.is_valid():
        try:
            change = services.project_transition(
                actor=actor,
                project=project,
                name=name,
                acknowledge_warnings=form.cleaned_data["acknowledge_warnings"],
                note=form.cleaned_data["note"],
            )
        except ProjectError as exc:
            error = exc
        else:
            messages.success(
                request,
                _("%(step)s: the project is now %(state)s.")
                % {"step": change.label, "state": change.get_to_state_display()},
            )
            return redirect("project-detail", pk=project.pk)
    if check is None and error is None:
        raise Http404
    if check is not None and not check.permitted and error is None:
        raise PermissionDenied
    return render(
        request,
        "projects/project_step.html",
        {
            "project": project,
            "rulebook": rulebook,
            "check": check,
            "form": form,
            "error": error,
            "roles": role_titles(rulebook, list(check.transition.roles)) if check else "",
        },
        status=error.status if error is not None else 200,
    )
