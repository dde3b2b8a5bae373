"""The project's history: one row per state change, never edited."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govit.projects import choices

CREATE = "create"


class StateChange(models.Model):
    """A lifecycle step a project took: from, to, by whom, when, on what findings."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="history",
    )
    from_state = models.CharField(_("from"), max_length=30, choices=choices.STAGES, blank=True)
    to_state = models.CharField(_("to"), max_length=30, choices=choices.STAGES)
    transition = models.CharField(_("step"), max_length=50)
    label = models.CharField(_("step name"), max_length=100, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("time"), db_index=True)
    acknowledged = models.JSONField(_("warnings acknowledged"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ("project", "at", "id")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_state or '-'} → {self.to_state} ({self.transition})"
