"""Documents of a project and their versions (each upload is a new version, never replaced)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govit.documents.choices import DOCUMENT_TYPES


class Document(models.Model):
    """A document of a project: its type, title, date and review flags."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    type = models.CharField(_("document type"), max_length=40, choices=DOCUMENT_TYPES)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("document date"), null=True, blank=True)
    approved = models.BooleanField(_("approval given"), null=True, blank=True, default=None)
    reviewed = models.BooleanField(_("review done"), null=True, blank=True, default=None)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    version_count = models.PositiveIntegerField(_("versions"), default=0, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ("project", "type", "-date", "id")
        indexes = [models.Index(fields=("project", "type"), name="documents_project_type_idx")]

    def __str__(self) -> str:
        return self.title


def version_path(instance: DocumentVersion, filename: str) -> str:
    """Where a version is stored: no part of the uploader's file name but its extension."""
    suffix = PurePath(filename).suffix.lower()[:10]
    project_id = instance.document.project_id
    return f"documents/{project_id}/{instance.document_id}/{uuid.uuid4().hex}{suffix}"


class DocumentVersion(models.Model):
    """One uploaded file of a document, with its SM3 digest."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=version_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    sm3 = models.CharField(_("SM3 digest"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ("document", "-number")
        constraints = [
            models.UniqueConstraint(fields=("document", "number"), name="documents_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"
