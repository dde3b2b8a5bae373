"""The approval chain of a review: supplements (退回补正), to-dos assigned to users, delegations.

Imported by ``models``; kept apart so that each module stays short.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govit.reviews.choices import TaskStatus, TaskStep


class Supplement(models.Model):
    """A return for supplement or correction (退回补正): the review clock stops meanwhile."""

    review = models.ForeignKey(
        "reviews.Review",
        verbose_name=_("review"),
        on_delete=models.CASCADE,
        related_name="supplements",
    )
    reason = models.TextField(_("what to supplement or correct"))
    returned_on = models.DateField(_("returned on"))
    working_days = models.PositiveSmallIntegerField(_("working days given"))
    due_on = models.DateField(_("supplement due on"))
    due_provisional = models.BooleanField(_("due date provisional"), default=False)
    resubmitted_on = models.DateField(_("resubmitted on"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("working days stopped"), default=0)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("supplement")
        verbose_name_plural = _("supplements")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.review_id}/{self.returned_on}"


class ReviewTask(models.Model):
    """A to-do of one user in a review's approval chain (审批待办)."""

    review = models.ForeignKey(
        "reviews.Review", verbose_name=_("review"), on_delete=models.CASCADE, related_name="tasks"
    )
    step = models.CharField(_("step"), max_length=20, choices=TaskStep.choices)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        related_name="review_tasks",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=TaskStatus.choices, default=TaskStatus.OPEN
    )
    signoff = models.ForeignKey(
        "reviews.SignOff",
        verbose_name=_("sign-off"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="tasks",
    )
    note = models.CharField(_("instruction"), max_length=300, blank=True)
    opinion = models.TextField(_("opinion"), blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    due_provisional = models.BooleanField(_("due date provisional"), default=False)
    due_article = models.CharField(_("article"), max_length=10, blank=True)
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("report"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    origin = models.ForeignKey(
        "self",
        verbose_name=_("comes from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followers",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    acted_at = models.DateTimeField(_("acted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review task")
        verbose_name_plural = _("review tasks")
        ordering = ["pk"]
        indexes = [models.Index(fields=["assignee", "status"], name="reviews_task_todo_idx")]

    def __str__(self) -> str:
        return f"{self.get_step_display()} #{self.pk}"

    @property
    def unit_id(self) -> int:
        return int(self.review.project.unit_id)

    def is_open(self) -> bool:
        return self.status == TaskStatus.OPEN

    def is_overdue(self, today: dt.date) -> bool:
        return self.is_open() and self.due_on is not None and today > self.due_on


class Delegation(models.Model):
    """A user away hands their review tasks to a delegate for a period (委托), inclusive."""

    principal = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("principal"),
        on_delete=models.PROTECT,
        related_name="review_delegations",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="review_delegated",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200)
    ended_early_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.principal_id}->{self.delegate_id}"

    def covers(self, day: dt.date) -> bool:
        last = (
            self.ends_on if self.ended_early_on is None else min(self.ends_on, self.ended_early_on)
        )
        return self.starts_on <= day <= last
