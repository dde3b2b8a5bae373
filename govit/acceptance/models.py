"""Models of initial acceptance, trial run, prerequisites, the acceptance meeting,
rectification, filing and the finance notice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from govit.acceptance.choices import DutyKind, MeetingKind, MeetingResult, ParticipantKind
from govit.projects.models.fields import yuan


class Evidence(models.Model):
    """The evidence for one prerequisite of a project's checklist (a fact, with its document)."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="acceptance_evidence",
    )
    item = models.CharField(_("prerequisite"), max_length=40)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("acceptance evidence")
        verbose_name_plural = _("acceptance evidence")
        constraints = [
            models.UniqueConstraint(fields=("project", "item"), name="acceptance_evidence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.item}"


class Meeting(models.Model):
    """An acceptance meeting (初验 or 验收): who took part, the result and the report; a failed
    one sets the rectification deadline in working days."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="acceptance_meetings",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=MeetingKind.choices)
    application = models.ForeignKey(
        "projects.StateChange",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("the lifecycle step into acceptance this meeting answers"),
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    held_on = models.DateField(_("held on"))
    result = models.CharField(_("result"), max_length=10, choices=MeetingResult.choices)
    opinion = models.TextField(_("opinion"), blank=True)
    report = models.ForeignKey(
        "documents.Document",
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    rectification_days = models.PositiveSmallIntegerField(
        _("working days to rectify"), null=True, blank=True
    )
    rectification_due_on = models.DateField(_("rectification due on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("acceptance meeting")
        verbose_name_plural = _("acceptance meetings")
        ordering = ("project", "held_on", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(result=MeetingResult.PASSED)
                | Q(rectification_due_on__isnull=False, rectification_days__gt=0),
                name="acceptance_failed_meeting_has_deadline",
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.kind} {self.held_on}"

    @property
    def passed(self) -> bool:
        return self.result == MeetingResult.PASSED


class Participant(models.Model):
    """Someone who took part in a meeting: an organisation, an expert or another person."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participants"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=ParticipantKind.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ("meeting", "id")

    def __str__(self) -> str:
        return self.name


class Filing(models.Model):
    """The filing of the acceptance report and the written notice to finance that follows."""

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="acceptance_filing",
    )
    filed_on = models.DateField(_("filed on"))
    report = models.ForeignKey(
        "documents.Document",
        verbose_name=_("acceptance report"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice_sent_on = models.DateField(_("finance notified on"), null=True, blank=True)
    notice_sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("notified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice_received_on = models.DateField(_("notice received on"), null=True, blank=True)
    notice_received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("acceptance filing")
        verbose_name_plural = _("acceptance filings")

    def __str__(self) -> str:
        return f"{self.project_id} {self.filed_on}"


class Asset(models.Model):
    """An asset of the accepted project booked into the unit's accounts (资产入账)."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="acceptance_assets",
    )
    asset_number = models.CharField(_("asset number"), max_length=60)
    description = models.CharField(_("description"), max_length=200)
    value = yuan(_("value"))
    booked_on = models.DateField(_("booked on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ("project", "booked_on", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("project", "asset_number"), name="acceptance_asset_number_unique"
            ),
            models.CheckConstraint(condition=Q(value__gte=0), name="acceptance_asset_value"),
        ]

    def __str__(self) -> str:
        return self.asset_number


class Overdue(models.Model):
    """A dated acceptance duty found overdue by the daily tick (one row per duty and due day)."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="acceptance_overdue",
    )
    kind = models.CharField(_("duty"), max_length=20, choices=DutyKind.choices)
    due = models.DateField(_("due"))
    article = models.CharField(_("article"), max_length=40, blank=True)
    provisional = models.BooleanField(_("provisional"), default=False)
    found_on = models.DateField(_("found on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("overdue acceptance duty")
        verbose_name_plural = _("overdue acceptance duties")
        ordering = ("due", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("project", "kind", "due"), name="acceptance_overdue_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.kind} {self.due}"
