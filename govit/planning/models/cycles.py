"""Planning cycles, calls for demand, quotas and applications."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class CycleState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for applications")
    CLOSED = "closed", _("Call closed")
    COMPILED = "compiled", _("Plan compiled")


# The steps of a cycle: name -> (from states, to state).
CYCLE_STEPS: dict[str, tuple[frozenset[str], str]] = {
    "open": (frozenset({CycleState.DRAFT, CycleState.CLOSED}), CycleState.OPEN),
    "close": (frozenset({CycleState.OPEN}), CycleState.CLOSED),
    "compile": (frozenset({CycleState.CLOSED}), CycleState.COMPILED),
}


class CallTiming(models.TextChoices):
    """Where a day falls against the call-for-demand window (both ends included)."""

    BEFORE = "before", _("Before the call opens")
    OPEN = "open", _("Within the call window")
    LATE = "late", _("After the call closed")


def guide_path(instance: PlanningCycle, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"planning/guides/{instance.plan_year}/{uuid.uuid4().hex}{suffix}"


class PlanningCycle(models.Model):
    """A plan year's call for demand (年度计划管理): window, guide, timetable and compile date."""

    rulebook = models.CharField(_("rulebook"), max_length=30, editable=False)
    plan_year = models.PositiveSmallIntegerField(
        _("plan year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=200)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=CycleState.choices,
        default=CycleState.DRAFT,
        editable=False,
    )
    call_opens_on = models.DateField(_("call opens on"))
    call_closes_on = models.DateField(_("call closes on"))
    review_starts_on = models.DateField(_("review starts on"), null=True, blank=True)
    review_ends_on = models.DateField(_("review ends on"), null=True, blank=True)
    timetable = models.TextField(_("review timetable"), blank=True)
    compile_by = models.DateField(_("plan compiled by"))
    guide = models.FileField(
        _("application guide"), upload_to=guide_path, max_length=200, blank=True
    )
    guide_name = models.CharField(_("guide file name"), max_length=255, blank=True)
    guide_sm3 = models.CharField(_("SM3 digest"), max_length=64, blank=True)
    guide_size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("planning cycle")
        verbose_name_plural = _("planning cycles")
        ordering = ("-plan_year", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("rulebook", "plan_year"), name="planning_one_cycle_per_year"
            ),
            models.CheckConstraint(
                condition=Q(call_closes_on__gte=F("call_opens_on")),
                name="planning_call_window_ordered",
            ),
            models.CheckConstraint(
                condition=Q(compile_by__gte=F("call_closes_on")),
                name="planning_compile_after_call",
            ),
            models.CheckConstraint(
                condition=Q(review_starts_on__isnull=True)
                | Q(review_ends_on__isnull=True)
                | Q(review_ends_on__gte=F("review_starts_on")),
                name="planning_review_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors: dict[str, Any] = {}
        if self.call_opens_on and self.call_closes_on and self.call_closes_on < self.call_opens_on:
            errors["call_closes_on"] = _("The call cannot close before it opens.")
        if self.call_closes_on and self.compile_by and self.compile_by < self.call_closes_on:
            errors["compile_by"] = _("The plan cannot be compiled before the call closes.")
        if (
            self.review_starts_on
            and self.review_ends_on
            and self.review_ends_on < self.review_starts_on
        ):
            errors["review_ends_on"] = _("The review cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    def timing(self, day: dt.date) -> CallTiming:
        """Where ``day`` falls against the window; the opening and closing days are in it."""
        if day < self.call_opens_on:
            return CallTiming.BEFORE
        if day <= self.call_closes_on:
            return CallTiming.OPEN
        return CallTiming.LATE

    @property
    def is_editable(self) -> bool:
        """Dates and guide may change until the plan is compiled."""
        return self.state != CycleState.COMPILED

    @property
    def accepts_applications(self) -> bool:
        """New applications and submissions are taken while the call is open."""
        return self.state == CycleState.OPEN


class Application(models.Model):
    """A unit's application (申报) of one project in a cycle, with its form's chapters."""

    cycle = models.ForeignKey(
        PlanningCycle,
        verbose_name=_("planning cycle"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="application",
    )
    form = models.CharField(_("application form"), max_length=40)
    chapters = models.JSONField(_("chapters"), default=dict, blank=True)
    late = models.BooleanField(_("submitted after the call closed"), default=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ("cycle", "-created_at", "-id")
        indexes = [models.Index(fields=("cycle", "form"), name="planning_app_cycle_form_idx")]

    def __str__(self) -> str:
        return f"{self.cycle.plan_year} · {self.project.name}"

    @property
    def is_draft(self) -> bool:
        """The unit may still edit the chapters (the project is a draft or returned)."""
        return self.project.is_open_to_unit_edits

    @property
    def counts_against_quota(self) -> bool:
        """Submitted applications count; a draft (or a withdrawn one) does not."""
        return self.project.state != "draft"
