"""Projects in the admin, read-only: facts are edited on the project pages and through the API,
whose services check the rules and the lifecycle; the admin is for looking things up."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from govit.core.admin_base import AuditedModelAdmin
from govit.projects.models import BudgetItem, Project, StateChange


class ReadOnlyInline(admin.TabularInline[Any, Any]):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class BudgetItemInline(ReadOnlyInline):
    model = BudgetItem
    fields = ("position", "name", "category", "amount")


class StateChangeInline(ReadOnlyInline):
    model = StateChange
    fields = ("at", "from_state", "to_state", "transition", "actor", "note")


@admin.register(Project)
class ProjectAdmin(AuditedModelAdmin[Project]):
    list_display = ("code", "name", "unit", "state", "rulebook", "plan_year", "investment")
    list_filter = ("state", "rulebook", "plan_year")
    search_fields = ("code", "name", "unit__name")
    list_select_related = ("unit",)
    inlines = (BudgetItemInline, StateChangeInline)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
