"""The documents panel of a project's page (and of its documents page), made ready to print.

The panel lists every document of the project with each of its versions. Rendered with
``{% url %}``, ``|date``, ``|filesizeformat`` and ``get_type_display`` per version, it was most
of the project page's template time (issue #9). Here each row is built once in Python: the
URLs from one ``reverse`` per URL name and string formatting, the dates formatted by hand
in the current time zone (what the ``date`` filter does), so that the template
only prints plain values. The HTML is the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import prefetch_related_objects
from django.forms import Form
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from govit.core.reversing import pk_url
from govit.documents import policies, selectors
from govit.documents.forms import DocumentForm
from govit.documents.models import Document
from govit.orgs.models import User
from govit.projects.models import Project


def day(value: date | None) -> str:
    """``value|date:"Y-m-d"``, "" for None."""
    return value.isoformat() if value is not None else ""


def minute(value: datetime) -> str:
    """``value|date:"Y-m-d H:i"`` in the current time zone, as a template prints it."""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{value.date().isoformat()} {value.hour:02d}:{value.minute:02d}"


@dataclass(frozen=True)
class VersionRow:
    url: str
    number: int
    original_name: str
    size: str
    uploaded_by: str
    uploaded_at: str
    sm3: str
    sm3_short: str


@dataclass(frozen=True)
class DocumentRow:
    pk: int
    type: str
    type_label: str
    title: str
    date: str
    approved: bool | None
    reviewed: bool | None
    version_url: str
    versions: list[VersionRow]


def rows(documents: Iterable[Document]) -> list[DocumentRow]:
    """The panel's rows of ``documents`` (their versions prefetched, newest first)."""
    download = pk_url("document-download")
    version_add = pk_url("document-version-add")
    return [
        DocumentRow(
            pk=document.pk,
            type=document.type,
            type_label=document.get_type_display(),
            title=document.title,
            date=day(document.date) or "—",
            approved=document.approved,
            reviewed=document.reviewed,
            version_url=version_add(document.pk),
            versions=[
                VersionRow(
                    url=download(version.pk),
                    number=version.number,
                    original_name=version.original_name,
                    size=filesizeformat(version.size),
                    uploaded_by=str(version.uploaded_by) if version.uploaded_by else "—",
                    uploaded_at=minute(version.uploaded_at),
                    sm3=version.sm3,
                    sm3_short=version.sm3[:16],
                )
                for version in document.versions.all()
            ],
        )
        for document in documents
    ]


def context(
    request: HttpRequest,
    project: Project,
    *,
    form: Form | None = None,
    failed: int | None = None,
    version_form: Form | None = None,
) -> dict[str, Any]:
    """What ``documents/partials/panel.html`` prints; the upload right is checked once."""
    actor: User = request.user  # type: ignore[assignment]
    return {
        "project": project,
        "rows": rows(_documents(actor, project)),
        "form": form or DocumentForm(),
        "failed": failed,
        "version_form": version_form,
        "can_upload": policies.document_upload(actor, project),
    }


def _documents(actor: User, project: Project) -> Iterable[Document]:
    """The project's documents with their versions. A project read for its page already holds
    its documents (the snapshot's prefetch, in the panel's order: type, newest date, id); they
    get their versions in one query instead of being read again. The page's project is one the
    actor may read, so they are the documents ``project_documents`` would give."""
    cache: dict[str, Any] = getattr(project, "_prefetched_objects_cache", {})
    if "documents" not in cache:
        return selectors.project_documents(actor=actor, project=project)
    documents = list(cache["documents"])
    prefetch_related_objects(documents, selectors.versions_newest_first())
    return documents
