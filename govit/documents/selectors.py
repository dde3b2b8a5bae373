"""Read queries for documents, scoped through the projects the actor may see."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Prefetch

from govit.documents.models import Document, DocumentVersion
from govit.orgs.models import User
from govit.projects.models import Project
from govit.projects.selectors import visible_to


def versions_newest_first() -> Prefetch[Any, Any, Any]:
    """A document's versions, newest first, with who uploaded each."""
    versions = DocumentVersion.objects.select_related("uploaded_by").order_by("-number")
    return Prefetch("versions", queryset=versions)


def project_documents(*, actor: User, project: Project) -> models.QuerySet[Document]:
    """The documents of a project the actor may see, each with its versions (newest first)."""
    return (
        Document.objects.filter(visible_to(actor), project=project)
        .prefetch_related(versions_newest_first())
        .order_by("type", "-date", "id")
    )


def document_for_actor(*, actor: User, pk: int) -> Document | None:
    """A document whose project the actor may see, or None."""
    return Document.objects.select_related("project").filter(visible_to(actor), pk=pk).first()


def version_for_download(*, actor: User, pk: int) -> DocumentVersion | None:
    """A version whose project the actor may see, or None (another unit's file is a 404)."""
    return (
        DocumentVersion.objects.select_related("document")
        .filter(visible_to(actor, "document__project"), pk=pk)
        .first()
    )
