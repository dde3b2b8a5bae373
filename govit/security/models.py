"""Models of the security registers: 等保 grading and filing, assessments (等级测评, 密评, risk
assessments, penetration tests, security tests), service-contract testing duties, incidents and
drills of the emergency plan.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from govit.security.choices import AssessmentKind, Conclusion, Severity
from govit.systems.models import System


def level_field(verbose_name: Any) -> models.PositiveSmallIntegerField:  # type: ignore[type-arg]
    return models.PositiveSmallIntegerField(
        verbose_name, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class Grading(models.Model):
    """A system's 等保 grading: two grades, the level is the higher one (GB/T 22240)."""

    system = models.ForeignKey(
        System, verbose_name=_("system"), on_delete=models.CASCADE, related_name="gradings"
    )
    business_level = level_field(_("business information security grade"))
    service_level = level_field(_("system service security grade"))
    level = level_field(_("protection level"))
    graded_on = models.DateField(_("graded on"))
    filing_number = models.CharField(_("filing number"), max_length=60, blank=True)
    filed_on = models.DateField(_("filed with the police on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("MLPS grading")
        verbose_name_plural = _("MLPS gradings")
        ordering = ("system_id", "-graded_on", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(business_level__gte=1, business_level__lte=5)
                & Q(service_level__gte=1, service_level__lte=5),
                name="security_grades_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.system_id} L{self.level}"

    def clean(self) -> None:
        if self.filed_on and not self.filing_number.strip():
            raise ValidationError({"filing_number": _("Give the filing number.")})
        if self.filed_on and self.graded_on and self.filed_on < self.graded_on:
            raise ValidationError({"filed_on": _("The filing cannot be before the grading.")})


class Assessment(models.Model):
    """One assessment or test of a system, with its conclusion and the risks it found."""

    system = models.ForeignKey(
        System, verbose_name=_("system"), on_delete=models.CASCADE, related_name="assessments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AssessmentKind.choices)
    done_on = models.DateField(_("done on"))
    agency = models.CharField(_("agency"), max_length=200, blank=True)
    conclusion = models.CharField(
        _("conclusion"), max_length=20, choices=Conclusion.choices, blank=True
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    high_risks = models.PositiveIntegerField(_("high risks found"), default=0)
    remediated_on = models.DateField(_("high risks remediated on"), null=True, blank=True)
    summary = models.TextField(_("report summary"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ("system_id", "-done_on", "-id")
        indexes = [models.Index(fields=("system", "kind", "done_on"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.done_on}"

    @property
    def open_hazard(self) -> bool:
        return self.high_risks > 0 and self.remediated_on is None


class ServiceContract(models.Model):
    """A service contract whose vendor must test the system every year (Bijie 第二十八条)."""

    system = models.ForeignKey(
        System, verbose_name=_("system"), on_delete=models.CASCADE, related_name="service_contracts"
    )
    vendor = models.CharField(_("service unit"), max_length=200)
    reference = models.CharField(_("contract number"), max_length=60, blank=True)
    starts_on = models.DateField(_("service starts on"))
    ends_on = models.DateField(_("service ends on"))
    security_test = models.BooleanField(_("yearly information security test"), default=True)
    crypto = models.BooleanField(_("yearly cryptography assessment"), default=True)
    risk = models.BooleanField(_("yearly risk assessment"), default=True)

    class Meta:
        verbose_name = _("service contract")
        verbose_name_plural = _("service contracts")
        ordering = ("system_id", "-starts_on")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="security_contract_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vendor} {self.reference}"


class Incident(models.Model):
    """A network security incident and its handling record (Gaoping 第三十二条)."""

    system = models.ForeignKey(
        System, verbose_name=_("system"), on_delete=models.CASCADE, related_name="incidents"
    )
    occurred_at = models.DateTimeField(_("occurred at"))
    severity = models.CharField(
        _("severity"), max_length=20, choices=Severity.choices, default=Severity.GENERAL
    )
    symptoms = models.TextField(_("symptoms"))
    handling = models.TextField(_("handling"), blank=True)
    reported_to = models.CharField(_("reported to"), max_length=200, blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("security incident")
        verbose_name_plural = _("security incidents")
        ordering = ("-occurred_at", "-id")

    def __str__(self) -> str:
        return f"{self.system_id} {self.occurred_at:%Y-%m-%d}"

    def clean(self) -> None:
        if self.closed_on and not self.handling.strip():
            raise ValidationError({"handling": _("Record how it was handled before closing it.")})
        if self.reported_on and not self.reported_to.strip():
            raise ValidationError({"reported_to": _("Say to whom it was reported.")})


class Drill(models.Model):
    """A drill of the emergency plan, with its record."""

    system = models.ForeignKey(
        System, verbose_name=_("system"), on_delete=models.CASCADE, related_name="drills"
    )
    held_on = models.DateField(_("held on"))
    scenario = models.CharField(_("scenario"), max_length=200)
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    record = models.TextField(_("record"))
    findings = models.TextField(_("findings and improvements"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("emergency drill")
        verbose_name_plural = _("emergency drills")
        ordering = ("-held_on", "-id")

    def __str__(self) -> str:
        return f"{self.scenario} {self.held_on}"
