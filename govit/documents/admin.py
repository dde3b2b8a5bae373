"""Documents in the admin: read-only (uploads go through the pages and the API, which check
the files); the audit trail records any deletion."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from govit.core.admin_base import AuditedModelAdmin
from govit.documents.models import Document, DocumentVersion


class VersionInline(admin.TabularInline[DocumentVersion, Any]):
    model = DocumentVersion
    extra = 0
    can_delete = False
    fields = (
        "number",
        "original_name",
        "size",
        "content_type",
        "sm3",
        "uploaded_by",
        "uploaded_at",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Document)
class DocumentAdmin(AuditedModelAdmin[Document]):
    list_display = ("title", "type", "project", "date", "version_count", "created_at")
    list_filter = ("type",)
    search_fields = ("title", "project__code", "project__name")
    list_select_related = ("project",)
    readonly_fields = ("project", "version_count", "created_by", "created_at")
    inlines = (VersionInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
