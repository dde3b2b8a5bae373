"""Deadlines the rulebook sets for a project, kept between ticks, and the notices sent about them.

``govit tick`` recomputes every open project's obligations (the engine's ``Obligation``) into
``TrackedObligation`` rows, and writes a ``Notice`` once per recipient when a due date comes
near and once when it has passed. The rows make the to-do lists and the overdue list cheap to
read; the engine stays the one place that knows the deadlines.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ObligationStatus(models.TextChoices):
    PENDING = "pending", _("pending")
    MET = "met", _("met")
    OVERDUE = "overdue", _("overdue")


class TrackedObligation(models.Model):
    """A dated duty of a project as the last tick found it."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="tracked_obligations",
    )
    rule = models.CharField(_("rule"), max_length=80)
    kind = models.CharField(_("kind"), max_length=60)
    due = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ObligationStatus.choices, db_index=True
    )
    article = models.CharField(_("article"), max_length=20)
    provisional = models.BooleanField(_("due date provisional"), default=False)
    message = models.TextField(_("message"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # False once the rulebook no longer asks for it (the project moved on, a fact changed).
    active = models.BooleanField(_("still required"), default=True)
    first_seen = models.DateTimeField(_("first seen"), auto_now_add=True)
    checked_on = models.DateField(_("checked on"))

    class Meta:
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        ordering = ("due", "pk")
        constraints = [
            models.UniqueConstraint(
                fields=("project", "rule", "kind"), name="projects_obligation_unique"
            )
        ]
        indexes = [
            models.Index(fields=("active", "status", "due"), name="projects_obl_open"),
            # The deadlines list, soonest first: the open rows in the list's order, so that a
            # page of 50 reads 50 rows however many deadlines share a due day; with the status
            # in the index (PostgreSQL), the list's count is read from the index alone.
            models.Index(
                fields=("due", "id"),
                include=("status",),
                name="projects_obl_open_due_st",
                condition=models.Q(active=True, done_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} · {self.kind} · {self.due}"


class ObligationCheck(models.Model):
    """What the deadlines job read of a project when it last evaluated it: a digest of the
    snapshot's facts (without the day) with the rulebook's code and the calendar, and the first
    day the same facts may give other obligations. While both hold, the stored obligations are
    what the rulebook would compute again (see ``govit.projects.obligation_checks``)."""

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    digest = models.CharField(_("digest"), max_length=32)
    checked_on = models.DateField(_("checked on"))
    recheck_on = models.DateField(_("check again on"), null=True, blank=True)

    class Meta:
        verbose_name = _("obligation check")
        verbose_name_plural = _("obligation checks")

    def __str__(self) -> str:
        return f"{self.project_id} · {self.checked_on}"


class NoticeKind(models.TextChoices):
    REMINDER = "reminder", _("due soon")
    OVERDUE = "overdue", _("overdue")


class Notice(models.Model):
    """A message to one user about one deadline: sent once per kind and due date."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    obligation = models.ForeignKey(
        TrackedObligation,
        verbose_name=_("deadline"),
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NoticeKind.choices)
    due = models.DateField(_("due on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ("-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("recipient", "obligation", "kind", "due"), name="projects_notice_once"
            )
        ]
        indexes = [models.Index(fields=("recipient", "read_at"), name="projects_notice_unread")]

    def __str__(self) -> str:
        return f"{self.recipient_id} · {self.kind} · {self.obligation_id}"
