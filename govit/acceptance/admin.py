"""Read-only admin of the acceptance records (writes go through the services)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from govit.acceptance.models import Asset, Evidence, Filing, Meeting, Overdue, Participant
from govit.core.admin_base import AuditedModelAdmin


class ReadOnly(AuditedModelAdmin[Any]):
    list_select_related = ("project",)
    search_fields = ("project__code", "project__name")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ParticipantInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Participant
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnly):
    list_display = ("project", "kind", "round", "held_on", "result", "rectification_due_on")
    list_filter = ("kind", "result")
    inlines = (ParticipantInline,)


@admin.register(Evidence)
class EvidenceAdmin(ReadOnly):
    list_display = ("project", "item", "document", "recorded_by", "recorded_at")


@admin.register(Filing)
class FilingAdmin(ReadOnly):
    list_display = ("project", "filed_on", "notice_sent_on", "notice_received_on")


@admin.register(Asset)
class AssetAdmin(ReadOnly):
    list_display = ("project", "asset_number", "description", "value", "booked_on")


@admin.register(Overdue)
class OverdueAdmin(ReadOnly):
    list_display = ("project", "kind", "due", "article", "provisional", "found_on", "resolved_on")
    list_filter = ("kind",)
