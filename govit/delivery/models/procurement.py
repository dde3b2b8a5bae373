"""Procurement (采购) of a project and its supervision (监理)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govit.delivery.choices import DELIVERY_METHODS
from govit.projects.models.fields import yuan


class Procurement(models.Model):
    """A contracting process: method, control price and its third-party review, dates, award
    and the contract it produced. One OCDS ``ocid`` each."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        TENDERING = "tendering", _("Tendering")
        AWARDED = "awarded", _("Awarded")
        CONTRACTED = "contracted", _("Contracted")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="procurements",
    )
    title = models.CharField(_("title"), max_length=200)
    method = models.CharField(_("procurement method"), max_length=30, choices=DELIVERY_METHODS)
    budget_amount = yuan(_("procurement budget"))
    control_price = yuan(_("tender control price"), null=True, blank=True)
    control_price_reviewer = models.CharField(
        _("third-party reviewer of the control price"), max_length=200, blank=True
    )
    control_price_reviewed_on = models.DateField(
        _("control price reviewed on"), null=True, blank=True
    )
    control_price_review_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("control price review document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_on = models.DateField(_("planned on"))
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    bids_opened_on = models.DateField(_("bids opened on"), null=True, blank=True)
    awarded_on = models.DateField(_("awarded on"), null=True, blank=True)
    winning_vendor = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("winning vendor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="won_procurements",
    )
    award_amount = yuan(_("award amount"), null=True, blank=True)
    contract = models.OneToOneField(
        "delivery.Contract",
        verbose_name=_("contract"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="procurement",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("procurement")
        verbose_name_plural = _("procurements")
        ordering = ("project", "planned_on", "id")

    def __str__(self) -> str:
        return self.title


class SupervisionEngagement(models.Model):
    """The supervisor (监理单位) engaged on the project; its users write the reports."""

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="supervision_engagement",
    )
    supervisor = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="supervisions",
    )
    fee = yuan(_("supervision fee"), null=True, blank=True)
    engaged_on = models.DateField(_("engaged on"))
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("supervision engagement")
        verbose_name_plural = _("supervision engagements")

    def __str__(self) -> str:
        return str(self.supervisor_id)


class SupervisionReport(models.Model):
    """A periodic report of the supervisor (监理月报, 阶段意见, 验收监理意见)."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("Monthly report")
        STAGE = "stage", _("Stage opinion")
        ACCEPTANCE = "acceptance", _("Opinion for acceptance")

    engagement = models.ForeignKey(
        SupervisionEngagement,
        verbose_name=_("supervision engagement"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    summary = models.TextField(_("summary"))
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("supervision report")
        verbose_name_plural = _("supervision reports")
        ordering = ("engagement", "period_end", "id")

    def __str__(self) -> str:
        return f"{self.kind} {self.period_end}"
