"""The project library (项目库, Bijie 第八条) and the annual plan with its approved versions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from govit.projects.models.fields import yuan


def _year(verbose_name: Any) -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )


class LibraryCategory(models.TextChoices):
    INFRASTRUCTURE = "infrastructure", _("Infrastructure projects")
    APPLICATION = "application", _("Application-system projects")
    DATA = "data", _("Data-resource projects")
    SECURITY = "security", _("Security projects")
    OPERATION = "operation", _("O&M service projects")


class LibraryDomain(models.TextChoices):
    GOVERNMENT_SERVICE = "government_service", _("Government services")
    SOCIAL_GOVERNANCE = "social_governance", _("Social governance")
    PUBLIC_WELFARE = "public_welfare", _("Public welfare")
    ECONOMY = "economy", _("Economy")
    ENVIRONMENT = "environment", _("Ecology and environment")
    PUBLIC_SAFETY = "public_safety", _("Public safety")
    GENERAL = "general", _("General administration")


class LibraryPriority(models.IntegerChoices):
    """Policy priority: Bijie 第九条 puts major national, provincial and city decisions first."""

    MAJOR = 1, _("Major decision of the state, province or city")
    KEY = 2, _("Key project")
    ORDINARY = 3, _("Ordinary")


class LibraryStatus(models.TextChoices):
    RESERVED = "reserved", _("In reserve")
    PLANNED = "planned", _("In an approved plan")
    WITHDRAWN = "withdrawn", _("Withdrawn from the library")


class AdjustmentKind(models.TextChoices):
    ADMIT = "admit", _("Admitted")
    RECLASSIFY = "reclassify", _("Reclassified")
    MOVE_YEAR = "move_year", _("Moved to another year")
    WITHDRAW = "withdraw", _("Withdrawn")
    PLAN = "plan", _("Included in an approved plan")


class LibraryEntry(models.Model):
    """A project that passed review, classified and kept in reserve for a plan year."""

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="library_entry",
    )
    category = models.CharField(_("category"), max_length=20, choices=LibraryCategory.choices)
    domain = models.CharField(_("domain"), max_length=20, choices=LibraryDomain.choices)
    priority = models.PositiveSmallIntegerField(
        _("policy priority"), choices=LibraryPriority.choices, default=LibraryPriority.ORDINARY
    )
    reserve_year = _year(_("reserved for the year"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=LibraryStatus.choices,
        default=LibraryStatus.RESERVED,
        db_index=True,
    )
    admitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("admitted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    admitted_at = models.DateTimeField(_("admitted at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("library entry")
        verbose_name_plural = _("library entries")
        ordering = ("reserve_year", "priority", "id")
        indexes = [models.Index(fields=("status", "reserve_year"), name="planning_library_idx")]

    def __str__(self) -> str:
        return str(self.project)

    @property
    def unit_id(self) -> int:
        """The project's unit (so the unit predicates read it)."""
        return int(self.project.unit_id)

    @property
    def can_be_planned(self) -> bool:
        return self.status == LibraryStatus.RESERVED


class LibraryAdjustment(models.Model):
    """One change of a library entry (动态调整): what changed, who, when and why."""

    entry = models.ForeignKey(
        LibraryEntry,
        verbose_name=_("library entry"),
        on_delete=models.CASCADE,
        related_name="adjustments",
    )
    kind = models.CharField(_("adjustment"), max_length=12, choices=AdjustmentKind.choices)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("library adjustment")
        verbose_name_plural = _("library adjustments")
        ordering = ("entry", "at", "id")

    def __str__(self) -> str:
        return f"{self.entry_id}: {self.kind}"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    APPROVED = "approved", _("Approved")


class AnnualPlan(models.Model):
    """The annual plan of a year: ranked lines with amounts, sent to the government."""

    rulebook = models.CharField(_("rulebook"), max_length=30, editable=False)
    year = _year(_("plan year"))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compiled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        ordering = ("-year", "-id")
        constraints = [
            models.UniqueConstraint(fields=("rulebook", "year"), name="planning_one_plan_a_year")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT


class PlanLine(models.Model):
    """A project in the plan being compiled: its rank, score and amount."""

    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("annual plan"), on_delete=models.CASCADE, related_name="lines"
    )
    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="plan_lines",
    )
    amount = yuan(_("amount"))
    rank = models.PositiveIntegerField(_("rank"), default=0)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, default=0)
    score_parts = models.JSONField(_("score parts"), default=dict, blank=True)
    supplementary = models.BooleanField(_("supplementary inclusion"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    article = models.CharField(_("article"), max_length=20, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan line")
        verbose_name_plural = _("plan lines")
        ordering = ("plan", "rank", "id")
        constraints = [
            models.UniqueConstraint(fields=("plan", "project"), name="planning_line_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="planning_line_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.project_id}"


class PlanVersion(models.Model):
    """An approved state of a plan, frozen with its lines (each approval makes one)."""

    plan = models.ForeignKey(
        AnnualPlan, verbose_name=_("annual plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    approved_on = models.DateField(_("approved on"))
    reference = models.CharField(_("approval document number"), max_length=100)
    note = models.TextField(_("note"), blank=True)
    total = yuan(_("total"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ("plan", "number")
        constraints = [
            models.UniqueConstraint(fields=("plan", "number"), name="planning_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class PlanVersionLine(models.Model):
    """A line as it was approved (names copied: the version never changes)."""

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.CASCADE, related_name="lines"
    )
    project = models.ForeignKey(
        "projects.Project", verbose_name=_("project"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("project code"), max_length=20)
    name = models.CharField(_("project name"), max_length=200)
    unit_name = models.CharField(_("project unit"), max_length=200)
    amount = yuan(_("amount"))
    rank = models.PositiveIntegerField(_("rank"))
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    supplementary = models.BooleanField(_("supplementary inclusion"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    article = models.CharField(_("article"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("approved plan line")
        verbose_name_plural = _("approved plan lines")
        ordering = ("version", "rank", "id")

    def __str__(self) -> str:
        return f"{self.version_id}/{self.code}"
