"""REST API of documents: list a project's documents, upload one, add a version, download."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from govit.core.api_types import DatabaseId
from govit.core.permissions import permission
from govit.documents import selectors, services
from govit.documents.downloads import file_response
from govit.documents.models import Document, DocumentVersion
from govit.orgs.models import User
from govit.projects.errors import ProjectError
from govit.projects.http import from_project_error, from_validation_error, not_found
from govit.projects.selectors import project_for_action

router = Router(tags=["documents"])


class VersionOut(Schema):
    id: int
    number: int
    original_name: str
    size: int
    content_type: str
    sm3: str
    uploaded_by: str | None
    uploaded_at: dt.datetime


class DocumentPatch(Schema):
    """Changes to a document's description; a field omitted is kept."""

    title: str | None = Field(default=None, min_length=1, max_length=200)
    date: dt.date | None = None
    approved: bool | None = None
    reviewed: bool | None = None


class DocumentOut(Schema):
    id: int
    project_id: int
    type: str
    title: str
    date: dt.date | None
    approved: bool | None
    reviewed: bool | None
    versions: list[VersionOut]


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _version(version: DocumentVersion) -> dict[str, Any]:
    return {
        "id": version.pk,
        "number": version.number,
        "original_name": version.original_name,
        "size": version.size,
        "content_type": version.content_type,
        "sm3": version.sm3,
        "uploaded_by": version.uploaded_by.get_username() if version.uploaded_by else None,
        "uploaded_at": version.uploaded_at,
    }


def _document(document: Document) -> dict[str, Any]:
    return {
        "id": document.pk,
        "project_id": document.project_id,
        "type": document.type,
        "title": document.title,
        "date": document.date,
        "approved": document.approved,
        "reviewed": document.reviewed,
        "versions": [_version(v) for v in document.versions.all()],
    }


@router.get(
    "/projects/{project_id}/documents", response={200: list[DocumentOut], 404: dict[str, Any]}
)
@permission("documents.view_document")
def list_documents(request: HttpRequest, project_id: DatabaseId) -> Any:
    """The documents of a project with their versions (newest first)."""
    actor = _actor(request)
    project = project_for_action(actor=actor, pk=project_id)
    if project is None:
        return not_found()
    return [_document(d) for d in selectors.project_documents(actor=actor, project=project)]


@router.post(
    "/projects/{project_id}/documents",
    response={201: DocumentOut, 403: dict[str, Any], 404: dict[str, Any], 422: dict[str, Any]},
)
@permission("documents.document_upload")
def upload_document(
    request: HttpRequest,
    project_id: DatabaseId,
    file: File[UploadedFile],
    type: Form[str],
    title: Form[str],
    date: Form[dt.date | None] = None,
    approved: Form[bool | None] = None,
    reviewed: Form[bool | None] = None,
) -> Any:
    """Attach a document (multipart form); the file's type and size are checked."""
    actor = _actor(request)
    project = project_for_action(actor=actor, pk=project_id)
    if project is None:
        return not_found()
    try:
        version = services.document_upload(
            actor=actor,
            project=project,
            type=type,
            title=title,
            date=date,
            approved=approved,
            reviewed=reviewed,
            upload=file,
        )
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)
    document = selectors.project_documents(actor=actor, project=project).get(pk=version.document_id)
    return Status(201, _document(document))


@router.patch(
    "/documents/{document_id}",
    response={200: DocumentOut, 403: dict[str, Any], 404: dict[str, Any], 422: dict[str, Any]},
)
@permission("documents.document_update")
def update_document(request: HttpRequest, document_id: DatabaseId, payload: DocumentPatch) -> Any:
    """Change a document's title, date or approved/reviewed flags."""
    actor = _actor(request)
    document = selectors.document_for_actor(actor=actor, pk=document_id)
    if document is None:
        return not_found()
    try:
        services.document_update(
            actor=actor, document=document, **payload.model_dump(exclude_unset=True)
        )
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)
    fresh = selectors.project_documents(actor=actor, project=document.project).get(pk=document.pk)
    return _document(fresh)


@router.post(
    "/documents/{document_id}/versions",
    response={201: VersionOut, 403: dict[str, Any], 404: dict[str, Any], 422: dict[str, Any]},
)
@permission("documents.document_version_add")
def add_version(request: HttpRequest, document_id: DatabaseId, file: File[UploadedFile]) -> Any:
    """Upload a new version of a document (the earlier ones are kept)."""
    actor = _actor(request)
    document = selectors.document_for_actor(actor=actor, pk=document_id)
    if document is None:
        return not_found()
    try:
        version = services.document_version_add(actor=actor, document=document, upload=file)
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)
    return Status(201, _version(version))


@router.get("/documents/versions/{version_id}/download", response={404: dict[str, Any]})
@permission("documents.view_document")
def download_version(request: HttpRequest, version_id: DatabaseId) -> Any:
    """The file of a version, as an attachment."""
    version = selectors.version_for_download(actor=_actor(request), pk=version_id)
    if version is None:
        return not_found()
    try:
        return file_response(version)
    except Http404:
        return not_found()
