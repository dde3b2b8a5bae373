"""Milestones with their baseline, re-baselines and progress reports."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govit.projects.models.fields import yuan


class Milestone(models.Model):
    """A milestone: its baseline (date, planned cost) and what actually happened. The baseline
    changes only through a recorded re-baseline."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    name = models.CharField(_("name"), max_length=200)
    baseline_due = models.DateField(_("baseline date"))
    planned_cost = yuan(_("planned cost"))
    actual_on = models.DateField(_("actual date"), null=True, blank=True)
    actual_cost = yuan(_("actual cost"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ("project", "baseline_due", "id")

    def __str__(self) -> str:
        return self.name

    @property
    def done(self) -> bool:
        return self.actual_on is not None

    def schedule_variance_days(self, today: dt.date) -> int:
        """Days late against the baseline (negative: early); an open milestone past its
        baseline counts until today."""
        if self.actual_on is not None:
            return (self.actual_on - self.baseline_due).days
        return max(0, (today - self.baseline_due).days)

    @property
    def cost_variance(self) -> Decimal | None:
        """Planned minus actual cost (negative: over the plan); None until the cost is known."""
        if self.actual_cost is None:
            return None
        return Decimal(self.planned_cost) - Decimal(self.actual_cost)


class Rebaseline(models.Model):
    """An explicit, recorded change of the baseline, with its reason and both baselines."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="rebaselines",
    )
    number = models.PositiveIntegerField(_("number"))
    reason = models.CharField(_("reason"), max_length=300)
    decided_on = models.DateField(_("decided on"))
    before = models.JSONField(_("baseline before"), default=list)
    after = models.JSONField(_("baseline after"), default=list)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("re-baseline")
        verbose_name_plural = _("re-baselines")
        ordering = ("project", "number")
        constraints = [
            models.UniqueConstraint(fields=("project", "number"), name="delivery_rebaseline_unique")
        ]

    def __str__(self) -> str:
        return f"#{self.number}"

    def pairs(self) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """(before, after) per milestone whose baseline changed."""
        before = {item["id"]: item for item in self.before}
        return [
            (before[item["id"]], item)
            for item in self.after
            if item["id"] in before and before[item["id"]] != item
        ]


class ProgressReport(models.Model):
    """A periodic progress report; the year-end one is Wuhan's performance report (第二十条)."""

    class Kind(models.TextChoices):
        PERIODIC = "periodic", _("Periodic progress report")
        YEAR_END = "year_end", _("Year-end performance report")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="progress_reports",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    period_end = models.DateField(_("period to"))
    percent_complete = models.PositiveSmallIntegerField(_("percent complete"))
    investment_executed = yuan(_("investment executed"))
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
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ("project", "period_end", "id")

    def __str__(self) -> str:
        return f"{self.kind} {self.period_end}"
