"""Contracts, their amendments and change requests."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from govit.projects.choices import CHANGE_REASONS, PROCUREMENT_METHODS
from govit.projects.models.fields import yuan


class Contract(models.Model):
    """A contract of the project with a vendor: two-party or three-party, with its clauses."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="delivery_contracts",
    )
    title = models.CharField(_("title"), max_length=200)
    vendor = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("vendor"),
        on_delete=models.PROTECT,
        related_name="vendor_contracts",
    )
    parties = models.JSONField(_("parties"), default=list)
    amount = yuan(_("contract amount"))
    signed_on = models.DateField(_("signed on"))
    procurement_method = models.CharField(
        _("procurement method"), max_length=30, choices=PROCUREMENT_METHODS, blank=True
    )
    ip_owned_by_unit = models.BooleanField(
        _("intellectual property and data owned by the unit"), default=False
    )
    deliverables_clause = models.BooleanField(
        _("hand-over of design documents, source code and test documents"), default=False
    )
    emergency_response_clause = models.BooleanField(
        _("emergency response mechanism"), default=False
    )
    security_testing_clause = models.BooleanField(
        _("yearly security and cryptography testing"), default=False
    )
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")
        ordering = ("project", "id")

    def __str__(self) -> str:
        return self.title

    @property
    def is_three_party(self) -> bool:
        """Signed by three parties (Bijie 第十六条: 大数据部门、用户单位与项目服务单位)."""
        return len(self.parties) >= 3


class ContractAmendment(models.Model):
    """An amendment (补充协议) of a contract."""

    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.CASCADE,
        related_name="amendments",
    )
    signed_on = models.DateField(_("signed on"))
    description = models.CharField(_("description"), max_length=300)
    amount_after = yuan(_("contract amount after the amendment"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contract amendment")
        verbose_name_plural = _("contract amendments")
        ordering = ("contract", "signed_on", "id")

    def __str__(self) -> str:
        return self.description


class ChangeRequest(models.Model):
    """A change (变更/调整) asked for by the unit; the rulebook decides its route."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="change_requests",
    )
    reason = models.CharField(_("reason"), max_length=30, choices=CHANGE_REASONS)
    description = models.CharField(_("description"), max_length=300)
    content_before = models.TextField(_("content before"), blank=True)
    content_after = models.TextField(_("content after"), blank=True)
    amount = yuan(_("amount concerned"))
    goal_changed = models.BooleanField(_("the construction goal changes"), default=False)
    exceeds_estimate = models.BooleanField(
        _("the investment would exceed the approved estimate"), default=False
    )
    requested_on = models.DateField(_("requested on"))
    route = models.CharField(_("route"), max_length=40, blank=True)
    route_article = models.CharField(_("article of the route"), max_length=40, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    investment_after = yuan(_("total investment after the change"), null=True, blank=True)
    estimate_after = yuan(_("approved estimate after the change"), null=True, blank=True)
    rejected_on = models.DateField(_("rejected on"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason of the rejection"), max_length=300, blank=True)
    recorded_change = models.OneToOneField(
        "projects.Change",
        verbose_name=_("change in the project's facts"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ("project", "requested_on", "id")

    def __str__(self) -> str:
        return self.description


class ProjectVersion(models.Model):
    """The project's facts before and after an approved change: a version to compare."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="delivery_versions",
    )
    number = models.PositiveIntegerField(_("version"))
    change = models.OneToOneField(
        ChangeRequest,
        verbose_name=_("change request"),
        on_delete=models.PROTECT,
        related_name="version",
    )
    before = models.JSONField(_("before"), default=dict)
    after = models.JSONField(_("after"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("project version")
        verbose_name_plural = _("project versions")
        ordering = ("project", "number")
        constraints = [
            models.UniqueConstraint(fields=("project", "number"), name="delivery_version_unique")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"

    def differences(self) -> list[tuple[str, object, object]]:
        """(fact, before, after) for each fact the change touched."""
        return [
            (name, self.before.get(name), self.after.get(name))
            for name in sorted(set(self.before) | set(self.after))
            if self.before.get(name) != self.after.get(name)
        ]
