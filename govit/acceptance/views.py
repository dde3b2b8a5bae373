"""Acceptance pages: the dossier of a project and a form per step. Thin: they parse, call a
selector or a service, and render. A project the actor may not see answers 404; a step the
actor's role may not take answers 403."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from govit.acceptance import checklist, forms, meetings, policies, selectors, services
from govit.acceptance.choices import ParticipantKind
from govit.acceptance.errors import ProjectError
from govit.acceptance.participants import ParticipantLine, parse_people
from govit.core.permissions import permission
from govit.orgs.models import User
from govit.policy import loader
from govit.projects.models import Project

PAGE_SIZE = 100


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _project(request: HttpRequest, project_pk: int) -> Project:
    project = selectors.acceptance_project(actor=_actor(request), pk=project_pk)
    if project is None:
        raise Http404
    return project


def _data(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


@login_required
@require_GET
@permission("projects.view_project")
def acceptance_index(request: HttpRequest) -> HttpResponse:
    """The projects in acceptance the actor may see and the overdue acceptance duties."""
    actor = _actor(request)
    return render(
        request,
        "acceptance/index.html",
        {
            "projects": selectors.acceptance_projects(actor=actor)[:PAGE_SIZE],
            "overdue": selectors.overdue_duties(actor=actor)[:PAGE_SIZE],
            "notices": selectors.notices_to_receive(actor=actor).select_related("project")[
                :PAGE_SIZE
            ],
        },
    )


@login_required
@require_GET
@permission("acceptance.acceptance_view")
def acceptance_detail(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    rulebook = loader.get(project.rulebook)
    return render(
        request,
        "acceptance/detail.html",
        {
            "project": project,
            "rulebook": rulebook,
            "targets": {step.to for step in rulebook.transitions_from(project.state)},
            "dossier": selectors.dossier_of(project),
            "can_record_evidence": policies.evidence_record(actor, project),
            "can_confirm": policies.evidence_confirm(actor, project),
            "can_step": policies.acceptance_apply(actor, project),
            "can_meet": policies.meeting_record(actor, project),
            "can_conclude": policies.acceptance_conclude(actor, project),
            "can_file": policies.filing_record(actor, project),
            "can_notify": policies.finance_notice_send(actor, project),
            "can_receive": policies.finance_notice_receive(actor, project),
            "can_book": policies.asset_book(actor, project),
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
    intro: str = "",
) -> HttpResponse:
    """Show ``form``; on a valid POST call the service and put its refusal on the form."""
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
                form.add_error(None, f"{problem.article} {problem.message}".strip())
        else:
            messages.success(request, done)
            return redirect("acceptance-detail", project_pk=project.pk)
    return render(
        request,
        "acceptance/form.html",
        {"project": project, "form": form, "title": title, "intro": intro},
    )


def _item(project: Project, key: str) -> checklist.Item:
    item = next((i for i in checklist.for_rulebook(project.rulebook) if i.key == key), None)
    if item is None or item.spec.fact is None:
        raise Http404
    return item


@login_required
@require_http_methods(["GET", "POST"])
@permission("acceptance.evidence_record")
def evidence_edit(request: HttpRequest, project_pk: int, item: str) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    spec = _item(project, item)
    by_unit = spec.spec.by == "unit"
    allowed = (
        policies.evidence_record(actor, project)
        if by_unit
        else policies.evidence_confirm(actor, project)
    )
    form = forms.EvidenceForm(_data(request), project_id=project.pk, document_required=by_unit)
    return _form_page(
        request,
        project,
        title=spec.label,
        intro=f"{spec.spec.article} {spec.spec.quote}",
        form=form,
        allowed=allowed,
        write=lambda data: services.evidence_record(
            actor=actor,
            project=project,
            item=item,
            document=data["document"],
            note=data["note"] or "",
        ),
        done=_("The evidence is recorded."),
    )


def _participants(data: dict[str, Any]) -> list[ParticipantLine]:
    lines = [
        ParticipantLine(kind=ParticipantKind.ORGANISATION, organisation_id=org.pk)
        for org in data["organisations"]
    ]
    lines += parse_people(data["experts"] or "", ParticipantKind.EXPERT)
    lines += parse_people(data["people"] or "", ParticipantKind.PERSON)
    return lines


@login_required
@require_http_methods(["GET", "POST"])
@permission("acceptance.initial_acceptance_record")
def initial_acceptance_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.InitialAcceptanceForm(_data(request), project_id=project.pk)
    return _form_page(
        request,
        project,
        title=_("Initial acceptance"),
        form=form,
        allowed=policies.initial_acceptance_record(actor, project),
        write=lambda data: services.initial_acceptance_record(
            actor=actor,
            project=project,
            held_on=data["held_on"],
            participants=_participants(data),
            report=data["report"],
            opinion=data["opinion"] or "",
            acknowledge_warnings=data["acknowledge_warnings"],
        ),
        done=_("The initial acceptance is recorded."),
    )


def _step_page(
    request: HttpRequest,
    project_pk: int,
    *,
    title: str,
    allowed: Callable[[User, Project], bool],
    call: Callable[..., object],
    done: str,
) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.StepForm(_data(request))
    return _form_page(
        request,
        project,
        title=title,
        form=form,
        allowed=allowed(actor, project),
        write=lambda data: call(
            actor=actor, project=project, acknowledge_warnings=data["acknowledge_warnings"]
        ),
        done=done,
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("acceptance.trial_run_start")
def trial_run_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _step_page(
        request,
        project_pk,
        title=_("Start the trial run"),
        allowed=policies.trial_run_start,
        call=services.trial_run_start,
        done=_("The trial run has started."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("acceptance.acceptance_apply")
def apply_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _step_page(
        request,
        project_pk,
        title=_("Apply for acceptance"),
        allowed=policies.acceptance_apply,
        call=services.acceptance_apply,
        done=_("The application for acceptance is made."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("acceptance.acceptance_conclude")
def conclude_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    return _step_page(
        request,
        project_pk,
        title=_("Conclude the acceptance"),
        allowed=policies.acceptance_conclude,
        call=meetings.acceptance_conclude,
        done=_("The acceptance is concluded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("acceptance.meeting_record")
def meeting_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.MeetingForm(_data(request), project_id=project.pk)
    return _form_page(
        request,
        project,
        title=_("Record the acceptance meeting"),
        form=form,
        allowed=policies.meeting_record(actor, project),
        write=lambda data: meetings.meeting_record(
            actor=actor,
            project=project,
            held_on=data["held_on"],
            result=data["result"],
            participants=_participants(data),
            report=data["report"],
            opinion=data["opinion"] or "",
            rectification_days=data["rectification_days"],
        ),
        done=_("The acceptance meeting is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("acceptance.filing_record")
def filing_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.FilingForm(_data(request), project_id=project.pk)
    return _form_page(
        request,
        project,
        title=_("Record the filing of the acceptance report"),
        form=form,
        allowed=policies.filing_record(actor, project),
        write=lambda data: meetings.filing_record(actor=actor, project=project, **data),
        done=_("The filing is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("acceptance.finance_notice_send")
def notice_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return _form_page(
        request,
        project,
        title=_("Notify finance"),
        form=forms.NoticeForm(_data(request)),
        allowed=policies.finance_notice_send(actor, project),
        write=lambda data: meetings.finance_notice_send(actor=actor, project=project, **data),
        done=_("The notice to finance is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("acceptance.finance_notice_receive")
def receipt_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return _form_page(
        request,
        project,
        title=_("Acknowledge the notice"),
        form=forms.ReceiptForm(_data(request)),
        allowed=policies.finance_notice_receive(actor, project),
        write=lambda data: meetings.finance_notice_receive(actor=actor, project=project, **data),
        done=_("The notice is acknowledged."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("acceptance.asset_book")
def asset_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return _form_page(
        request,
        project,
        title=_("Book an asset"),
        form=forms.AssetForm(_data(request)),
        allowed=policies.asset_book(actor, project),
        write=lambda data: meetings.asset_book(actor=actor, project=project, **data),
        done=_("The asset is booked."),
    )
