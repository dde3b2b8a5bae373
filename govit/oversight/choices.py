"""Choices of the oversight app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Office(models.TextChoices):
    """Offices that join the competent department's inspections."""

    FINANCE = "finance", _("finance")
    AUDIT = "audit", _("audit")
    POLICE = "police", _("public security")
    CRYPTO = "crypto", _("cryptography administration")


class OrderStatus(models.TextChoices):
    OPEN = "open", _("open")
    REPORTED = "reported", _("rectification reported")
    PASSED = "passed", _("re-check passed")
    FAILED = "failed", _("re-check failed")


class SanctionKind(models.TextChoices):
    CRITICISM = "criticism", _("Circular criticism")
    SUSPEND_PLAN = "suspend_plan", _("Suspension of the unit's annual plan")
    SUSPEND_FUNDS = "suspend_funds", _("Suspension of the project's funds")
    SUSPEND_PROJECT = "suspend_project", _("Suspension of the project")
    TERMINATE_PROJECT = "terminate_project", _("Termination of the project")


# Sanctions that stop the project from moving, and those that stop its payments.
STOPS_STEPS = (SanctionKind.SUSPEND_PROJECT, SanctionKind.TERMINATE_PROJECT)
STOPS_PAYMENTS = (
    SanctionKind.SUSPEND_FUNDS,
    SanctionKind.SUSPEND_PROJECT,
    SanctionKind.TERMINATE_PROJECT,
)
