"""Delivery records in the admin, read-only: they are written by the services, which check
the approved amount, the rules and the roles; the admin is for looking things up."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from govit.core.admin_base import AuditedModelAdmin
from govit.delivery.models import (
    Appropriation,
    ApprovalRecord,
    Budget,
    ChangeRequest,
    Contract,
    Milestone,
    Payment,
    PaymentRequest,
    Procurement,
    ProgressReport,
    ProjectVersion,
    Rebaseline,
    SupervisionEngagement,
    SupervisionReport,
    SurplusReturn,
)


class ReadOnlyAdmin(AuditedModelAdmin[Any]):
    list_select_related = ("project",)
    search_fields = ("project__code", "project__name")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


MODELS: dict[type[models.Model], tuple[str, ...]] = {
    ApprovalRecord: ("project", "document_number", "approved_on", "approved_amount", "route"),
    Budget: ("project", "approved", "paid", "surplus_returned"),
    Appropriation: ("project", "year", "source", "amount"),
    Payment: ("project", "kind", "milestone", "amount", "paid_on"),
    SurplusReturn: ("project", "amount", "returned_on"),
    Contract: ("project", "title", "vendor", "amount", "signed_on", "filed_on"),
    ChangeRequest: ("project", "description", "amount", "route", "status"),
    Procurement: ("project", "title", "method", "budget_amount", "status"),
    SupervisionEngagement: ("project", "supervisor", "engaged_on", "filed_on"),
    Milestone: ("project", "name", "baseline_due", "actual_on"),
    Rebaseline: ("project", "number", "decided_on", "reason"),
    ProgressReport: ("project", "kind", "period_end", "percent_complete"),
    PaymentRequest: ("project", "kind", "amount", "status"),
    ProjectVersion: ("project", "number", "created_at"),
}

for model, columns in MODELS.items():
    admin.site.register(
        model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), {"list_display": columns})
    )


admin.site.register(
    SupervisionReport,
    type(
        "SupervisionReportAdmin",
        (ReadOnlyAdmin,),
        {
            "list_display": ("engagement", "kind", "period_end"),
            "list_select_related": ("engagement__project",),
            "search_fields": ("engagement__project__code", "engagement__project__name"),
        },
    ),
)
