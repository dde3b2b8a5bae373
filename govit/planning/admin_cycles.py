"""Cycles and applications in the admin, read-only: the services write them (policy, rules,
audit); the admin is for looking things up. Registered from ``PlanningConfig.ready``."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from govit.core.admin_base import AuditedModelAdmin
from govit.planning.models.cycles import Application, PlanningCycle


class ReadOnly(AuditedModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(PlanningCycle)
class PlanningCycleAdmin(ReadOnly):
    list_display = ("plan_year", "title", "rulebook", "state", "call_opens_on", "call_closes_on")
    list_filter = ("state", "rulebook")
    search_fields = ("title",)


@admin.register(Application)
class ApplicationAdmin(ReadOnly):
    list_display = ("project", "cycle", "form", "late", "submitted_at")
    list_filter = ("form", "late")
    list_select_related = ("project", "cycle")
    search_fields = ("project__code", "project__name")
