"""The expert pool, review rounds, drawn experts with their sealed scores, and sign-offs."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govit.core.fields import EncryptedTextField
from govit.orgs.choices import Role
from govit.reviews.choices import ReviewKind, ReviewStatus, SignOffDecision, SignOffMode


class Expert(models.Model):
    """A member of the expert pool (专家库), linked to a user holding the expert role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="expert_profile",
    )
    name = models.CharField(_("name"), max_length=100)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("employer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    specialties = models.JSONField(_("specialties"), default=list, blank=True)
    phone = EncryptedTextField(_("contact phone"), blank=True)
    available = models.BooleanField(_("available"), default=True)
    unavailable_reason = models.CharField(_("reason unavailable"), max_length=200, blank=True)
    unavailable_until = models.DateField(_("unavailable until"), null=True, blank=True)
    performance = models.DecimalField(
        _("past performance"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    reviews_done = models.PositiveIntegerField(_("reviews done"), default=0)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def is_available_on(self, day: dt.date) -> bool:
        """Marked unavailable counts until ``unavailable_until`` (inclusive), or for good."""
        if self.available:
            return True
        return self.unavailable_until is not None and day > self.unavailable_until


class Review(models.Model):
    """A review round of a project: criteria, drawn experts, scores, opinion, sign-off."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReviewKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    rulebook = models.CharField(_("rulebook"), max_length=30)
    criteria = models.JSONField(_("criteria"), default=list)
    opened_on = models.DateField(_("opened on"))
    review_on = models.DateField(_("review date"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    due_provisional = models.BooleanField(_("due date provisional"), default=False)
    due_article = models.CharField(_("article"), max_length=10, blank=True)
    specialty_mix = models.JSONField(_("specialty mix"), default=dict)
    reserve_count = models.PositiveSmallIntegerField(_("reserves"), default=0)
    stake_vendor = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("vendor with a stake"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outlier_distance = models.PositiveSmallIntegerField(_("outlier distance"), default=20)
    seed = models.BigIntegerField(_("draw seed"), null=True, blank=True)
    signoff_mode = models.CharField(
        _("sign-off"), max_length=5, choices=SignOffMode.choices, default=SignOffMode.ALL
    )
    result = models.JSONField(_("aggregated result"), null=True, blank=True)
    # False for the stages without an expert panel (初审 checklist, third party, decision).
    panel = models.BooleanField(_("expert panel"), default=True)
    signoff_article = models.CharField(_("sign-off article"), max_length=10, blank=True)
    # The preliminary review (初审): its checklist, and the clock stopped while the unit corrects.
    checklist = models.JSONField(_("checklist"), default=list, blank=True)
    clock_paused_on = models.DateField(_("clock stopped on"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("working days stopped"), default=0)
    # The third-party review (第三方评审): the agency commissioned and what it reviews.
    agency = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=30, blank=True)
    # The opinion of a decision consultation (决策咨询意见) or of a preliminary review.
    opinion = models.TextField(_("opinion"), blank=True)
    # The day the review's opinion was given (初审 approved, panel review closed, agency report
    # uploaded, consultation held): the end of the review's clock, read by the dashboard.
    opinion_on = models.DateField(_("opinion given on"), null=True, blank=True, db_index=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def expert_count(self) -> int:
        return sum(int(n) for n in self.specialty_mix.values())

    @property
    def unit_id(self) -> int:
        """The applying unit (so ``in_owning_unit`` and friends can read it)."""
        return int(self.project.unit_id)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Past its due date without an opinion (the clock stopped counts as not overdue)."""
        if (
            self.due_on is None
            or self.status == ReviewStatus.CLOSED
            or self.opinion_on is not None
            or self.clock_paused_on
        ):
            return False
        return (today or timezone.localdate()) > self.due_on

    def is_sealed(self) -> bool:
        """Scores stay sealed until every drawn expert has submitted."""
        return self.status in (ReviewStatus.OPEN, ReviewStatus.DRAWN)


class Assignment(models.Model):
    """An expert drawn for a review (a reserve stands by), with their sealed scores."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="assignments"
    )
    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="assignments"
    )
    specialty = models.CharField(_("specialty"), max_length=20, blank=True)
    reserve = models.BooleanField(_("reserve"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    scores = models.JSONField(_("scores"), null=True, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("drawn expert")
        verbose_name_plural = _("drawn experts")
        ordering = ["reserve", "position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "expert"], name="reviews_one_seat_each")
        ]

    def __str__(self) -> str:
        return f"{self.review_id}/{self.expert_id}"


class SignOff(models.Model):
    """One department's signature on a joint review (会签)."""

    review = models.ForeignKey(
        Review, verbose_name=_("review"), on_delete=models.CASCADE, related_name="signoffs"
    )
    role = models.CharField(_("department"), max_length=20, choices=Role.choices)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=SignOffDecision.choices, blank=True
    )
    opinion = models.TextField(_("opinion"), blank=True)

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "role"], name="reviews_one_signoff_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.review_id}/{self.role}"


from govit.reviews.workflow_models import Delegation, ReviewTask, Supplement  # noqa: E402

__all__ = ["Assignment", "Delegation", "Expert", "Review", "ReviewTask", "SignOff", "Supplement"]
