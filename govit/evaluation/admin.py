"""Evaluation records in the admin, read-only: the services write them (window, weights,
scores, roles); the admin is for looking things up."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from govit.core.admin_base import AuditedModelAdmin
from govit.evaluation.models import Evaluation, PerformanceTarget, SamplingDraw


class ReadOnlyAdmin(AuditedModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


MODELS: dict[type[models.Model], tuple[str, ...]] = {
    PerformanceTarget: ("project", "category", "name", "nature", "target_value", "weight"),
    Evaluation: ("project", "kind", "subject", "conducted_on", "total", "grade"),
    SamplingDraw: ("rulebook", "year", "seed", "size", "drawn_at"),
}

for model, columns in MODELS.items():
    admin.site.register(
        model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), {"list_display": columns})
    )
