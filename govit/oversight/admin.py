"""Oversight records in the admin, read-only: the services write them (roles, deadlines,
sanctions); the admin is for looking things up."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from govit.core.admin_base import AuditedModelAdmin
from govit.oversight.models import Finding, Inspection, RectificationOrder, Sanction, StaleFlag


class ReadOnlyAdmin(AuditedModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


MODELS: dict[type[models.Model], tuple[str, ...]] = {
    Inspection: ("project", "inspected_on", "offices"),
    Finding: ("inspection", "kind", "article", "label"),
    RectificationOrder: ("project", "issued_on", "due_on", "status", "article"),
    Sanction: ("project", "unit", "kind", "article", "imposed_on", "lifted_on"),
    StaleFlag: ("project", "last_update", "flagged_on"),
}

for model, columns in MODELS.items():
    admin.site.register(
        model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), {"list_display": columns})
    )
