"""Models of inspections, findings, rectification orders, sanctions and stale-data flags."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govit.oversight.choices import Office, OrderStatus, SanctionKind


class Inspection(models.Model):
    """An inspection of a project by the competent department, with the offices that joined."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="inspections"
    )
    inspected_on = models.DateField(_("inspected on"))
    offices = models.JSONField(_("joined by"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-inspected_on", "-id"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self) -> str:
        return f"{self.project_id} {self.inspected_on}"

    @property
    def office_labels(self) -> list[str]:
        names = dict(Office.choices)
        return [str(names.get(code, code)) for code in self.offices]


class Finding(models.Model):
    """A problem an inspection found, citing the article it breaks."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    kind = models.CharField(_("kind"), max_length=40)
    label = models.CharField(_("problem"), max_length=200)
    article = models.CharField(_("article"), max_length=30)
    quote = models.TextField(_("quote"))
    description = models.TextField(_("description"))

    class Meta:
        ordering = ["inspection", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self) -> str:
        return f"{self.article} {self.label}"


class RectificationOrder(models.Model):
    """An order to rectify findings by a deadline in working days."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="rectification_orders"
    )
    findings = models.ManyToManyField(Finding, related_name="orders")
    issued_on = models.DateField(_("issued on"))
    working_days = models.PositiveSmallIntegerField(_("deadline (working days)"))
    due_on = models.DateField(_("due on"))
    provisional = models.BooleanField(default=False)
    article = models.CharField(_("article"), max_length=30)
    quote = models.TextField(_("quote"))
    status = models.CharField(
        _("status"), max_length=12, choices=OrderStatus.choices, default=OrderStatus.OPEN
    )
    report = models.TextField(_("rectification report"), blank=True)
    reported_on = models.DateField(_("reported on"), null=True, blank=True)
    evidence = models.ManyToManyField("documents.Document", blank=True, related_name="+")
    rechecked_on = models.DateField(_("re-checked on"), null=True, blank=True)
    recheck_note = models.TextField(_("re-check note"), blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("rectification order")
        verbose_name_plural = _("rectification orders")

    def __str__(self) -> str:
        return f"{self.project_id} {self.due_on}"


class Sanction(models.Model):
    """An escalation of an order not rectified; active until lifted."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="sanctions"
    )
    unit = models.ForeignKey("orgs.Organisation", on_delete=models.PROTECT, related_name="+")
    order = models.ForeignKey(
        RectificationOrder, on_delete=models.PROTECT, related_name="sanctions"
    )
    kind = models.CharField(_("sanction"), max_length=20, choices=SanctionKind.choices)
    article = models.CharField(_("article"), max_length=30)
    quote = models.TextField(_("quote"))
    reason = models.TextField(_("reason"), blank=True)
    imposed_on = models.DateField(_("imposed on"))
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    imposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-imposed_on", "-id"]
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.project_id}"


class StaleFlag(models.Model):
    """A project whose progress has not been updated for the configured number of days."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="stale_flag"
    )
    last_update = models.DateField(_("last progress update"))
    flagged_on = models.DateField(_("flagged on"))

    class Meta:
        ordering = ["last_update", "id"]
        verbose_name = _("stale project")
        verbose_name_plural = _("stale projects")

    def __str__(self) -> str:
        return f"{self.project_id} {self.last_update}"
