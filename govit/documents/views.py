"""Document pages: a project's documents with the upload forms, new versions, downloads.
Thin: the checks are in the forms and services; another unit's file answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govit.core.permissions import permission
from govit.documents import panel, policies, selectors, services
from govit.documents.downloads import file_response
from govit.documents.forms import DocumentForm, VersionForm
from govit.orgs.models import User
from govit.projects.errors import NotPermitted
from govit.projects.models import Project
from govit.projects.selectors import project_for_action


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _project_url(project_id: int) -> str:
    return reverse("project-detail", args=[project_id]) + "#documents"


def _add_errors(form: Form, error: ValidationError) -> None:
    for field, field_messages in error.message_dict.items():
        for message in field_messages:
            form.add_error(field if field in form.fields else None, message)


def _page(
    request: HttpRequest, project: Project, *, status: int = 200, **forms: Any
) -> HttpResponse:
    context = panel.context(
        request,
        project,
        form=forms.get("form"),
        failed=forms.get("failed"),
        version_form=forms.get("version_form"),
    )
    return render(request, "documents/project_documents.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@permission("documents.view_document", "documents.document_upload")
def project_documents(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = project_for_action(actor=actor, pk=project_pk)
    if project is None:
        raise Http404
    if request.method == "GET":
        return _page(request, project)
    if not policies.document_upload(actor, project):
        raise PermissionDenied
    form = DocumentForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            version = services.document_upload(
                actor=actor,
                project=project,
                type=data["type"],
                title=data["title"],
                date=data["date"],
                approved=data["approved"],
                reviewed=data["reviewed"],
                upload=data["file"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except NotPermitted as exc:
            raise PermissionDenied(exc.detail) from exc
        else:
            messages.success(
                request,
                _("%(title)s uploaded (version %(number)d).")
                % {"title": version.document.title, "number": version.number},
            )
            return redirect(_project_url(project.pk))
    return _page(request, project, form=form, status=400)


@login_required
@require_POST
@permission("documents.document_version_add")
def document_version_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    document = selectors.document_for_actor(actor=actor, pk=pk)
    if document is None:
        raise Http404
    if not policies.document_version_add(actor, document):
        raise PermissionDenied
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.document_version_add(
                actor=actor, document=document, upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except NotPermitted as exc:
            raise PermissionDenied(exc.detail) from exc
        else:
            messages.success(
                request,
                _("%(title)s uploaded (version %(number)d).")
                % {"title": document.title, "number": version.number},
            )
            return redirect(_project_url(document.project_id))
    return _page(request, document.project, failed=document.pk, version_form=form, status=400)


@login_required
@require_GET
@permission("documents.view_document")
def version_download(request: HttpRequest, pk: int) -> FileResponse:
    version = selectors.version_for_download(actor=_actor(request), pk=pk)
    if version is None:
        raise Http404
    return file_response(version)
