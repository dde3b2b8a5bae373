"""Models of the data-resource catalogue: entries with their items, status history and
sharing requests between units.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from govit.data_resources import grading
from govit.data_resources.choices import (
    FORMAT_METHODS,
    OPEN_TYPES,
    ItemType,
    OpenType,
    RequestStatus,
    ResourceFormat,
    ResourceStatus,
    SharingMethod,
    SharingType,
    UpdateCycle,
)
from govit.orgs.models import Organisation
from govit.systems.models import System

# 类 (1 digit) / 项 (2) / 目 (3) / 细目 (more digits), written without separators.
CLASSIFICATION_PATTERN = r"^[1-9](\d{2}(\d{3}\d*)?)?$"
# 前段码 (classification) / 后段码 (sequence number).
RESOURCE_CODE_PATTERN = r"^[0-9]{1,20}/[0-9]{1,10}$"


class DataResource(models.Model):
    """One entry of the catalogue with the national guide's core metadata."""

    classification = models.CharField(
        _("classification code"),
        max_length=20,
        validators=[
            RegexValidator(
                CLASSIFICATION_PATTERN,
                _("Class (1 digit), item (2), category (3) and sub-category digits, e.g. 201003."),
            )
        ],
    )
    name = models.CharField(_("resource name"), max_length=200)
    code = models.CharField(
        _("resource code"),
        max_length=40,
        unique=True,
        validators=[
            RegexValidator(
                RESOURCE_CODE_PATTERN, _("Classification code / sequence number, e.g. 201003/0001.")
            )
        ],
    )
    unit = models.ForeignKey(
        Organisation,
        verbose_name=_("provider unit"),
        on_delete=models.PROTECT,
        related_name="data_resources",
    )
    summary = models.TextField(_("resource summary"))
    format = models.CharField(_("format"), max_length=20, choices=ResourceFormat.choices)
    sharing_type = models.CharField(
        _("sharing type"), max_length=20, choices=SharingType.choices, db_index=True
    )
    sharing_condition = models.TextField(_("sharing condition"), blank=True)
    no_sharing_basis = models.TextField(_("basis for not sharing"), blank=True)
    sharing_method = models.CharField(
        _("sharing method"), max_length=20, choices=SharingMethod.choices, blank=True
    )
    open_type = models.CharField(
        _("open type"), max_length=20, choices=OpenType.choices, default=OpenType.NONE
    )
    open_condition = models.TextField(_("open condition"), blank=True)
    desensitised = models.BooleanField(_("desensitised"), default=False)
    update_cycle = models.CharField(_("update cycle"), max_length=20, choices=UpdateCycle.choices)
    released_on = models.DateField(_("release date"), null=True, blank=True)
    related_codes = models.CharField(
        _("related resources"), max_length=400, blank=True, help_text=_("Resource codes.")
    )
    source_system = models.ForeignKey(
        System,
        verbose_name=_("source system"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="data_resources",
    )
    data_owner = models.CharField(
        _("responsible for the data"),
        max_length=100,
        help_text=_("Who collects the data answers for it (谁采集、谁负责)."),
    )
    data_listed = models.BooleanField(_("data on the sharing platform"), default=False)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("collects again the data of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    grade = models.CharField(_("grade"), max_length=20, blank=True, db_index=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ResourceStatus.choices,
        default=ResourceStatus.DRAFT,
        db_index=True,
    )
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("data resource")
        verbose_name_plural = _("data resources")
        ordering = ("code",)
        indexes = [
            models.Index(fields=("unit", "status")),
            models.Index(fields=("status", "sharing_type")),
            models.Index(fields=("source_system", "status")),
            # The API list's order: its deferred join and cursor read the index alone.
            models.Index(fields=("code", "id"), name="data_resources_code_id"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.sharing_type == SharingType.CONDITIONAL and not self.sharing_condition.strip():
            errors["sharing_condition"] = _("Give the condition of conditional sharing.")
        if self.sharing_type == SharingType.NONE and not self.no_sharing_basis.strip():
            errors["no_sharing_basis"] = _("Give the law or policy that forbids sharing.")
        if self.sharing_type != SharingType.NONE and not self.sharing_method:
            errors["sharing_method"] = _("Choose how the data is shared.")
        allowed = FORMAT_METHODS.get(self.format)
        if self.sharing_method and allowed and self.sharing_method not in allowed:
            errors["sharing_method"] = _("This sharing method does not suit the format.")
        if self.open_type == OpenType.CONDITIONAL and not self.open_condition.strip():
            errors["open_condition"] = _("Give the condition of conditional opening.")
        if errors:
            raise ValidationError(errors)

    @property
    def related_code_list(self) -> list[str]:
        return [c for c in self.related_codes.replace("，", ",").split(",") if c.strip()]

    @property
    def grade_label(self) -> str:
        return grading.label(self.grade) if self.grade else ""

    @property
    def is_open(self) -> bool:
        return self.open_type in OPEN_TYPES


class DataItem(models.Model):
    """One data item (信息项) of an entry, with its type and grade."""

    resource = models.ForeignKey(
        DataResource,
        verbose_name=_("data resource"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    name = models.CharField(_("item name"), max_length=100)
    data_type = models.CharField(_("data type"), max_length=1, choices=ItemType.choices)
    length = models.PositiveIntegerField(_("length"), null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=20)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("data item")
        verbose_name_plural = _("data items")
        ordering = ("resource_id", "position", "id")

    def __str__(self) -> str:
        return self.name

    @property
    def grade_label(self) -> str:
        return grading.label(self.grade)


class StatusChange(models.Model):
    """One move of an entry through compile, review, publish and withdrawal."""

    resource = models.ForeignKey(
        DataResource, on_delete=models.CASCADE, related_name="history", verbose_name=_("resource")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=ResourceStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ResourceStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ("resource_id", "at", "id")

    def __str__(self) -> str:
        return f"{self.resource_id}: {self.from_status} → {self.to_status}"


class SharingRequest(models.Model):
    """A unit's request for another unit's data, with the deadlines of each answer."""

    resource = models.ForeignKey(
        DataResource,
        verbose_name=_("data resource"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    requester = models.ForeignKey(
        Organisation,
        verbose_name=_("requesting unit"),
        on_delete=models.PROTECT,
        related_name="sharing_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.TextField(_("purpose and basis of the use"))
    submitted_on = models.DateField(_("requested on"))
    check_due = models.DateField(_("check due"))
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RequestStatus.choices,
        default=RequestStatus.PENDING_CHECK,
        db_index=True,
    )
    reason = models.TextField(_("reason"), blank=True)
    arbitration_note = models.TextField(_("ruling of the competent department"), blank=True)
    provisional = models.BooleanField(_("deadline provisional"), default=False)

    class Meta:
        verbose_name = _("sharing request")
        verbose_name_plural = _("sharing requests")
        ordering = ("-submitted_on", "-id")
        constraints = [
            models.CheckConstraint(
                condition=Q(check_due__gte=models.F("submitted_on")),
                name="data_resources_check_after_submission",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requester_id} → {self.resource_id}"

    def check_overdue(self, today: dt.date) -> bool:
        late = self.checked_on is not None and self.checked_on > self.check_due
        return late or (self.checked_on is None and today > self.check_due)

    def answer_overdue(self, today: dt.date) -> bool:
        if self.answer_due is None:
            return False
        if self.answered_on is not None:
            return self.answered_on > self.answer_due
        return today > self.answer_due

    def is_overdue(self, today: dt.date) -> bool:
        return self.check_overdue(today) or self.answer_overdue(today)
