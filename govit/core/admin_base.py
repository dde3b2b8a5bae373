"""Admin base class: every change made in the Django admin is written to the audit trail."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import admin
from django.db import models, transaction
from django.forms import ModelForm
from django.forms.models import model_to_dict
from django.http import HttpRequest

from govit.core import audit

M = TypeVar("M", bound=models.Model)


def _plain(value: Any) -> Any:
    """A related object by its id: ``model_to_dict`` gives a many-to-many field's objects."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def snapshot_of(obj: models.Model) -> dict[str, Any]:
    """The object's field values as JSON data, for the audit event's before and after."""
    values = {k: _plain(v) for k, v in model_to_dict(obj, exclude=["password"]).items()}
    return audit.to_json_value(values)  # type: ignore[no-any-return]


class AuditedModelAdmin(admin.ModelAdmin[M]):
    """A ModelAdmin whose saves and deletions are audited in the same transaction."""

    def save_model(self, request: HttpRequest, obj: M, form: ModelForm[M], change: bool) -> None:
        before = None
        if change and obj.pk is not None:
            original = type(obj)._default_manager.filter(pk=obj.pk).first()
            before = snapshot_of(original) if original is not None else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record(
                actor=request.user,  # type: ignore[arg-type]
                action="admin.change" if change else "admin.add",
                obj=obj,
                before=before,
                after=snapshot_of(obj),
                ip_address=request.META.get("REMOTE_ADDR"),
            )

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        before = snapshot_of(obj)
        with transaction.atomic():
            audit.record(
                actor=request.user,  # type: ignore[arg-type]
                action="admin.delete",
                obj=obj,
                before=before,
                ip_address=request.META.get("REMOTE_ADDR"),
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)
