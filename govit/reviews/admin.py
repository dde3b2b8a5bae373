"""Admin of the expert pool and reviews: read-only, since every write is a service and the
SM4-encrypted phone must not leak into the admin's audit snapshots."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from govit.reviews.models import Expert, Review


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Expert)
class ExpertAdmin(ReadOnlyAdmin):
    list_display = ("name", "organisation", "available", "performance", "reviews_done")
    list_filter = ("available",)
    search_fields = ("name",)
    exclude = ("phone",)


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("pk", "project", "kind", "status", "due_on")
    list_filter = ("kind", "status")
