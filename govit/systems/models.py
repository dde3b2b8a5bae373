"""The information-system catalogue (政务信息系统目录), usage, proposals and dispositions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from govit.orgs.models import Organisation
from govit.systems.choices import (
    CryptoStatus,
    DispositionKind,
    DockingMethod,
    DockingPlatform,
    DockingStatus,
    Network,
    OmFunding,
    ProposalKind,
    ProposalStatus,
    SystemStatus,
    UsageSource,
)

CODE_PATTERN = r"^[A-Z0-9][A-Z0-9-]{1,39}$"
PROJECT_CODE_SPLIT = re.compile(r"[\s,，;；、]+")


def money_field(verbose_name: Any) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        verbose_name,
        max_digits=18,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
    )


class System(models.Model):
    """One government information system in the catalogue, with the facts the rules read."""

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                CODE_PATTERN,
                _("Use 2 to 40 capital letters, digits and hyphens, e.g. XT-MZJ-001."),
            )
        ],
    )
    unit = models.ForeignKey(
        Organisation, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="systems"
    )
    purpose = models.TextField(_("purpose"), blank=True)
    users = models.TextField(_("users"), blank=True, help_text=_("Who uses the system."))
    on_gov_cloud = models.BooleanField(_("on the government cloud"), default=False)
    network = models.CharField(
        _("network"), max_length=20, choices=Network.choices, default=Network.EXTRANET
    )
    docked_service_platform = models.BooleanField(
        _("docked with the government service platform"), default=False
    )
    docked_data_platform = models.BooleanField(
        _("docked with the big-data platform"), default=False
    )
    build_cost = money_field(_("build cost (yuan)"))
    om_cost = money_field(_("yearly O&M cost (yuan)"))
    om_contract_expires_on = models.DateField(_("O&M contract expiry"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SystemStatus.choices,
        default=SystemStatus.RUNNING,
        db_index=True,
    )
    mlps_level = models.PositiveSmallIntegerField(
        _("MLPS level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("等级保护 level, 1 to 5."),
    )
    mlps_assessed_on = models.DateField(_("last MLPS assessment"), null=True, blank=True)
    crypto_status = models.CharField(
        _("cryptography assessment"),
        max_length=20,
        choices=CryptoStatus.choices,
        default=CryptoStatus.PENDING,
    )
    crypto_assessed_on = models.DateField(_("cryptography assessment date"), null=True, blank=True)
    # Facts the O&M funding rules read; None means unknown (the rule then says so).
    shares_data = models.BooleanField(_("shares data"), null=True, blank=True)
    duplicate_collection = models.BooleanField(
        _("collects data again that sharing could provide"), null=True, blank=True
    )
    in_data_catalog = models.BooleanField(
        _("in the data-resource catalogue"), null=True, blank=True
    )
    security_compliant = models.BooleanField(
        _("meets network security requirements"), null=True, blank=True
    )
    crypto_compliant = models.BooleanField(
        _("meets cryptography requirements"), null=True, blank=True
    )
    major_hazard = models.BooleanField(_("has a major security hazard"), null=True, blank=True)
    # The census form names the projects by code; ``projects`` is the relation filled from
    # these codes on every save (System.link_projects), so unknown codes stay visible.
    project_codes = models.CharField(
        _("projects that built or changed it"),
        max_length=500,
        blank=True,
        help_text=_("Project codes separated by commas."),
    )
    projects = models.ManyToManyField(
        "projects.Project",
        verbose_name=_("projects that built or changed it"),
        related_name="catalogued_systems",
        blank=True,
        # Derived from project_codes, never edited by itself (nor snapshotted for the audit).
        editable=False,
    )
    zombie_confirmed_on = models.DateField(_("confirmed a zombie on"), null=True, blank=True)
    om_funding = models.CharField(
        _("O&M funding"),
        max_length=20,
        choices=OmFunding.choices,
        default=OmFunding.UNDETERMINED,
        db_index=True,
    )
    om_funding_article = models.CharField(_("O&M funding article"), max_length=20, blank=True)
    om_funding_checked_at = models.DateTimeField(_("O&M funding checked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("information system")
        verbose_name_plural = _("information systems")
        ordering = ("unit_id", "code")
        indexes = [
            models.Index(fields=("unit", "status")),
            models.Index(fields=("mlps_level",)),
            # The API list's order: its deferred join and cursor read the index alone.
            models.Index(fields=("code", "id"), name="systems_code_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(mlps_level__isnull=True) | Q(mlps_level__gte=1, mlps_level__lte=5),
                name="systems_mlps_level_range",
            ),
            models.CheckConstraint(
                condition=Q(build_cost__gte=0) & Q(om_cost__gte=0),
                name="systems_costs_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is None or "project_codes" in fields:
            self.link_projects()

    def clean(self) -> None:
        self.code = (self.code or "").strip().upper()
        if self.mlps_assessed_on is not None and self.mlps_level is None:
            raise ValidationError({"mlps_level": _("Give the MLPS level of an assessed system.")})
        if self.crypto_status in (CryptoStatus.PASSED, CryptoStatus.FAILED) and (
            self.crypto_assessed_on is None
        ):
            raise ValidationError(
                {"crypto_assessed_on": _("Give the date of the cryptography assessment.")}
            )

    def link_projects(self) -> None:
        """Relate the projects the codes name (codes of no project stay visible as text)."""
        project_model = self._meta.get_field("projects").related_model
        codes = {code.upper() for code in self.project_code_list}
        self.projects.set(project_model.objects.filter(code__in=codes) if codes else [])  # type: ignore[union-attr]

    @property
    def project_code_list(self) -> list[str]:
        return [code for code in PROJECT_CODE_SPLIT.split(self.project_codes) if code]


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


class SystemUsage(models.Model):
    """How much a system was used in one month."""

    system = models.ForeignKey(
        System, verbose_name=_("system"), on_delete=models.CASCADE, related_name="usage"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    logins = models.PositiveIntegerField(_("logins"), default=0)
    visits = models.PositiveIntegerField(_("visits"), default=0)
    api_calls = models.PositiveIntegerField(_("API calls"), default=0)
    source = models.CharField(
        _("source"), max_length=20, choices=UsageSource.choices, default=UsageSource.IMPORTED
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("system usage")
        verbose_name_plural = _("system usage")
        ordering = ("system_id", "-month")
        constraints = [
            models.UniqueConstraint(fields=("system", "month"), name="systems_usage_one_per_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="systems_usage_month_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.system_id} {self.month:%Y-%m}"


class Proposal(models.Model):
    """A zombie or shadow proposal with its evidence, for the competent department to decide."""

    kind = models.CharField(_("kind"), max_length=20, choices=ProposalKind.choices)
    system = models.ForeignKey(
        System, verbose_name=_("system"), on_delete=models.CASCADE, related_name="proposals"
    )
    similar_to = models.ForeignKey(
        System,
        verbose_name=_("similar to"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    score = models.FloatField(_("similarity"), null=True, blank=True)
    evidence = models.JSONField(_("evidence"), default=dict, blank=True)
    period_end = models.DateField(_("evidence up to"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ProposalStatus.choices,
        default=ProposalStatus.OPEN,
        db_index=True,
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ("-proposed_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("kind", "system", "similar_to"),
                condition=Q(status="open"),
                name="systems_one_open_proposal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.system_id}"

    @property
    def is_open(self) -> bool:
        return self.status == ProposalStatus.OPEN


class Disposition(models.Model):
    """A 四个一批 decision on a system (Gaoping 第九条), tracked to completion."""

    system = models.ForeignKey(
        System, verbose_name=_("system"), on_delete=models.CASCADE, related_name="dispositions"
    )
    kind = models.CharField(_("disposition"), max_length=20, choices=DispositionKind.choices)
    target = models.CharField(
        _("into or from"),
        max_length=200,
        blank=True,
        help_text=_("The system it is integrated into, or the platform it is taken over from."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"))
    due_on = models.DateField(_("due on"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    note = models.TextField(_("note"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")
        ordering = ("due_on", "id")
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="systems_progress_max"),
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("decided_on")), name="systems_due_after_decision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.system_id}"

    def clean(self) -> None:
        if self.decided_on and self.due_on and self.due_on < self.decided_on:
            raise ValidationError({"due_on": _("The due date cannot be before the decision.")})

    @property
    def is_completed(self) -> bool:
        return self.completed_on is not None

    def is_overdue(self, today: dt.date) -> bool:
        return self.completed_on is None and self.due_on < today


def docking_evidence_path(record: DockingRecord, filename: str) -> str:
    return f"systems/docking/{record.system_id}/{filename}"


class DockingRecord(models.Model):
    """A record that a system docked with a shared platform (Gaoping 第十一条), entered by its
    unit or the competent department and confirmed by the competent department or the big-data
    centre; only confirmed records decide the system's docking facts (docs/systems.md)."""

    system = models.ForeignKey(
        System, verbose_name=_("system"), on_delete=models.CASCADE, related_name="docking"
    )
    platform = models.CharField(_("platform"), max_length=20, choices=DockingPlatform.choices)
    docked_on = models.DateField(_("docked on"))
    method = models.CharField(
        _("interface or method"), max_length=20, choices=DockingMethod.choices
    )
    reference = models.CharField(
        _("reference number"),
        max_length=100,
        blank=True,
        help_text=_("The number of the docking confirmation or acceptance document."),
    )
    evidence = models.FileField(
        _("evidence"), upload_to=docking_evidence_path, max_length=200, blank=True
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    evidence_sm3 = models.CharField(_("SM3 digest"), max_length=64, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DockingStatus.choices,
        default=DockingStatus.PENDING,
        db_index=True,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    ended_on = models.DateField(
        _("withdrawn or ended on"),
        null=True,
        blank=True,
        help_text=_("The day the docking ended or the record was withdrawn."),
    )

    class Meta:
        verbose_name = _("docking record")
        verbose_name_plural = _("docking records")
        ordering = ("system_id", "platform", "-docked_on", "-id")
        indexes = [models.Index(fields=("system", "platform", "status"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("docked_on")),
                name="systems_docking_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(confirmed_on__isnull=False),
                name="systems_docking_confirmed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system_id} · {self.get_platform_display()} · {self.docked_on}"

    def clean(self) -> None:
        if self.docked_on and self.ended_on and self.ended_on < self.docked_on:
            raise ValidationError({"ended_on": _("The end cannot be before the docking date.")})

    @property
    def is_confirmed(self) -> bool:
        return self.status == DockingStatus.CONFIRMED

    def is_active(self, today: dt.date) -> bool:
        """Docked on ``today``: started and not yet ended."""
        return self.docked_on <= today and (self.ended_on is None or self.ended_on > today)
