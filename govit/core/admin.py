from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from govit.core.admin_base import AuditedModelAdmin
from govit.core.models import AuditEvent, CalendarDay, CalendarYear


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedModelAdmin[CalendarDay]):
    list_display = ("date", "is_workday", "name", "note")
    list_filter = ("is_workday",)
    date_hierarchy = "date"


@admin.register(CalendarYear)
class CalendarYearAdmin(AuditedModelAdmin[CalendarYear]):
    list_display = ("year", "source")


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only: nobody edits or deletes the trail, not even a superuser."""

    list_display = ("sequence", "at", "actor_repr", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type")
    search_fields = ("actor_repr", "object_repr", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
