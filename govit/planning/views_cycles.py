"""Pages of planning cycles and applications. Thin: they parse, call a selector or a service,
and render. An object the actor may not see answers 404, an action they may not take 403."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govit.core.permissions import permission
from govit.documents.downloads import private_download
from govit.orgs.models import Organisation, User
from govit.planning import calls, chapters, exports_cycles, policies
from govit.planning import forms_cycles as forms
from govit.planning import selectors_cycles as selectors
from govit.planning import services_applications as app_services
from govit.planning import services_cycles as services
from govit.planning.errors_cycles import ProjectError
from govit.planning.models.cycles import Application, PlanningCycle
from govit.policy import loader
from govit.projects.policies import acting_unit_ids

PAGE_SIZE = 200


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _cycle(request: HttpRequest, pk: int) -> PlanningCycle:
    cycle = selectors.cycle_for(_actor(request), pk)
    if cycle is None:
        raise Http404
    return cycle


def _application(request: HttpRequest, pk: int) -> Application:
    application = selectors.application_for(_actor(request), pk)
    if application is None:
        raise Http404
    return application


def _put_errors(form: Any, exc: ValidationError | ProjectError) -> None:
    """A service's refusal on the form: field errors by field, the rest on the form."""
    if isinstance(exc, ValidationError):
        for field, field_messages in exc.message_dict.items():
            for message in field_messages:
                form.add_error(field if field in form.fields else None, message)
        return
    form.add_error(None, exc.detail)
    for problem in exc.problems:
        form.add_error(None, f"{problem.article} {problem.message}".strip())


@login_required
@require_GET
@permission("planning.cycle_list")
def cycle_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not policies.cycle_list(actor):
        raise PermissionDenied
    return render(
        request,
        "planning/cycles/cycle_list.html",
        {
            "cycles": selectors.visible_cycles(actor)[:PAGE_SIZE],
            "can_create": policies.cycle_create(actor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.cycle_create")
def cycle_new(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not policies.cycle_create(actor):
        raise PermissionDenied
    today = timezone.localdate()
    year = today.year + 1
    initial = {
        "plan_year": year,
        "title": _("Call for demand of %(year)s") % {"year": year},
        **calls.cycle_defaults(settings.GOVIT_RULEBOOK, year, today),
    }
    form = forms.CycleForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_create(actor=actor, **form.cleaned_data)
        except (ValidationError, ProjectError) as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The cycle is created as a draft."))
            return redirect("planning-cycle-detail", pk=cycle.pk)
    return render(
        request,
        "planning/cycles/form.html",
        {"form": form, "title": _("New planning cycle"), "cancel": "planning-cycles"},
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.cycle_update")
def cycle_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    cycle = _cycle(request, pk)
    if not policies.cycle_update(actor, cycle):
        raise PermissionDenied
    initial = {name: getattr(cycle, name) for name in services.EDITABLE}
    form = forms.CycleForm(
        request.POST if request.method == "POST" else None, initial=initial, editing=True
    )
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "timetable": form.cleaned_data["timetable"] or ""}
        try:
            services.cycle_update(actor=actor, cycle=cycle, **data)
        except (ValidationError, ProjectError) as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The cycle is saved."))
            return redirect("planning-cycle-detail", pk=cycle.pk)
    return render(
        request,
        "planning/cycles/form.html",
        {"form": form, "title": cycle.title, "cycle": cycle, "cancel": "planning-cycles"},
    )


@login_required
@require_GET
@permission("planning.cycle_list")
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    cycle = _cycle(request, pk)
    return render(
        request,
        "planning/cycles/cycle_detail.html",
        {
            "cycle": cycle,
            "rulebook": loader.get(cycle.rulebook),
            "timing": cycle.timing(timezone.localdate()),
            "applications": selectors.cycle_applications(actor, cycle)[:PAGE_SIZE],
            "quota": selectors.quota_usage(actor, cycle),
            "quota_rule": calls.quota_rule(cycle.rulebook),
            "can_edit": policies.cycle_update(actor, cycle),
            "can_step": policies.cycle_open(actor, cycle),
            "can_apply": cycle.accepts_applications and bool(acting_unit_ids(actor)),
            "guide_form": forms.GuideForm(),
            "forms": chapters.forms_of(cycle.rulebook),
        },
    )


@login_required
@require_POST
@permission("planning.cycle_open")
def cycle_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    actor = _actor(request)
    cycle = _cycle(request, pk)
    write = {
        "open": services.cycle_open,
        "close": services.cycle_close,
        "compile": services.cycle_compile,
    }.get(step)
    if write is None:
        raise Http404
    if not policies.cycle_open(actor, cycle):
        raise PermissionDenied
    try:
        write(actor=actor, cycle=cycle)
    except ProjectError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("The cycle is now %(state)s.") % {"state": _state(cycle)})
    return redirect("planning-cycle-detail", pk=cycle.pk)


def _state(cycle: PlanningCycle) -> str:
    cycle.refresh_from_db(fields=["state"])
    return str(cycle.get_state_display())


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.cycle_attach_guide")
def cycle_guide(request: HttpRequest, pk: int) -> HttpResponseBase:
    """GET downloads the guide; POST attaches a new one (the competent department)."""
    actor = _actor(request)
    cycle = _cycle(request, pk)
    if request.method == "GET":
        if not cycle.guide:
            raise Http404
        content_type = mimetypes.guess_type(cycle.guide_name)[0] or "application/octet-stream"
        return private_download(cycle.guide, filename=cycle.guide_name, content_type=content_type)
    if not policies.cycle_attach_guide(actor, cycle):
        raise PermissionDenied
    form = forms.GuideForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.cycle_attach_guide(actor=actor, cycle=cycle, upload=form.cleaned_data["guide"])
        except (ValidationError, ProjectError) as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The application guide is attached."))
            return redirect("planning-cycle-detail", pk=cycle.pk)
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect("planning-cycle-detail", pk=cycle.pk)


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.application_create")
def application_new(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    cycle = _cycle(request, pk)
    units = Organisation.objects.filter(pk__in=acting_unit_ids(actor)).order_by("name")
    if not (cycle.accepts_applications and units.exists()):
        raise PermissionDenied
    form = forms.NewApplicationForm(
        request.POST if request.method == "POST" else None,
        rulebook=cycle.rulebook,
        projects=selectors.projects_to_apply_with(actor, cycle),
        units=units,
        others=Organisation.objects.filter(is_active=True, kind="unit").order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = app_services.application_create(
                actor=actor,
                cycle=cycle,
                form=data["form"],
                project=data["project"],
                unit=data["unit"],
                name=data["name"] or "",
                co_units=data["co_units"] or (),
            )
        except (ValidationError, ProjectError) as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The application is started as a draft."))
            return redirect("planning-application-detail", pk=application.pk)
    return render(
        request,
        "planning/cycles/form.html",
        {"form": form, "title": _("New application"), "cycle": cycle},
    )


def _application_page(
    request: HttpRequest, application: Application, chapters_form: forms.ChaptersForm
) -> HttpResponse:
    actor = _actor(request)
    return render(
        request,
        "planning/cycles/application_detail.html",
        {
            "application": application,
            "project": application.project,
            "cycle": application.cycle,
            "rulebook": loader.get(application.cycle.rulebook),
            "spec": chapters.form_of(application.cycle.rulebook, application.form),
            "chapters_form": chapters_form,
            "assessment": app_services.application_assess(actor=actor, application=application),
            "quota": selectors.unit_quota(application.cycle, application.project.unit),
            "quota_rule": calls.quota_rule(application.cycle.rulebook),
            "can_save": policies.application_save(actor, application),
            "can_submit": policies.application_submit(actor, application),
            "can_withdraw": policies.application_withdraw(actor, application)
            and application.project.state == "submitted",
            "submit_form": forms.SubmitForm(),
            "withdraw_form": forms.WithdrawForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("projects.view_project", "planning.application_save")
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The application: its chapters (saved as a draft), the checks before submitting."""
    actor = _actor(request)
    application = _application(request, pk)
    spec = chapters.form_of(application.cycle.rulebook, application.form)
    if request.method == "GET":
        form = forms.ChaptersForm(initial=application.chapters, spec=spec)
        return _application_page(request, application, form)
    if not policies.application_save(actor, application):
        raise PermissionDenied
    form = forms.ChaptersForm(request.POST, spec=spec)
    if form.is_valid():
        try:
            app_services.application_save(
                actor=actor, application=application, chapters=form.cleaned_data
            )
        except (ValidationError, ProjectError) as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("The draft is saved; the checks below are up to date."))
            return redirect("planning-application-detail", pk=application.pk)
    return _application_page(request, application, form)


@login_required
@require_POST
@permission("planning.application_submit")
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    application = _application(request, pk)
    if not policies.application_submit(actor, application):
        raise PermissionDenied
    form = forms.SubmitForm(request.POST)
    form.is_valid()
    try:
        app_services.application_submit(
            actor=actor,
            application=application,
            acknowledge_warnings=bool(form.cleaned_data.get("acknowledge_warnings")),
        )
    except ProjectError as exc:
        messages.error(request, exc.detail)
        for problem in exc.problems:
            messages.error(request, f"{problem.article} {problem.message}".strip())
    else:
        messages.success(request, _("The application is submitted."))
    return redirect("planning-application-detail", pk=application.pk)


@login_required
@require_POST
@permission("planning.application_withdraw")
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    application = _application(request, pk)
    if not policies.application_withdraw(actor, application):
        raise PermissionDenied
    form = forms.WithdrawForm(request.POST)
    reason = form.cleaned_data.get("reason", "") if form.is_valid() else ""
    try:
        app_services.application_withdraw(actor=actor, application=application, reason=reason)
    except ProjectError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("The application is withdrawn and is a draft again."))
    return redirect("planning-application-detail", pk=application.pk)


@login_required
@require_GET
@permission("planning.application_export")
def application_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    actor = _actor(request)
    application = _application(request, pk)
    if not policies.application_export(actor, application):
        raise PermissionDenied
    if fmt == "xlsx":
        body = exports_cycles.application_xlsx(application)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "docx":
        body = exports_cycles.application_docx(application)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404
    response = HttpResponse(body, content_type=mime)
    name = f"application-{application.project.code}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
