"""Delivery records of a project: its approval, its budget, appropriations and payments."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from govit.delivery.choices import PaymentKind
from govit.projects.choices import CHANGE_REASONS, FUNDING_SOURCES, PROCUREMENT_METHODS
from govit.projects.models.fields import yuan


class ApprovalRecord(models.Model):
    """The approval (批复) of a project: who approved it, the 文号, the amounts and the route."""

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="approval_record",
    )
    approving_body = models.CharField(_("approving body"), max_length=200)
    document_number = models.CharField(_("document number"), max_length=100)
    approved_on = models.DateField(_("approved on"))
    approved_amount = yuan(_("approved amount"))
    approved_estimate = yuan(_("approved estimate"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    route = models.CharField(_("route"), max_length=40, blank=True)
    route_article = models.CharField(_("article of the route"), max_length=40, blank=True)
    investment_code = models.CharField(_("investment project code"), max_length=24, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("approval record")
        verbose_name_plural = _("approval records")

    def __str__(self) -> str:
        return self.document_number


class Budget(models.Model):
    """The project's budget row: the approved amount and what has been paid. Payments lock it."""

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="delivery_budget",
    )
    approved = yuan(_("approved amount"), default=0)
    paid = yuan(_("paid"), default=0)
    surplus_returned = yuan(_("surplus returned"), default=0)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        constraints = [
            models.CheckConstraint(
                condition=Q(paid__lte=models.F("approved")), name="delivery_paid_within_approved"
            )
        ]

    def __str__(self) -> str:
        return str(self.project_id)

    @property
    def balance(self) -> Decimal:
        """What may still be paid: the approved amount minus what has been paid."""
        return Decimal(self.approved) - Decimal(self.paid)


class Appropriation(models.Model):
    """Money appropriated to the project for one year from one funding source."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="appropriations",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("funding source"), max_length=30, choices=FUNDING_SOURCES)
    amount = yuan(_("amount"))

    class Meta:
        verbose_name = _("appropriation")
        verbose_name_plural = _("appropriations")
        ordering = ("project", "year", "source", "id")

    def __str__(self) -> str:
        return f"{self.year} {self.source}"


class Payment(models.Model):
    """A payment through the treasury (国库集中支付) against a milestone."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="payments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PaymentKind.choices)
    milestone = models.CharField(_("milestone"), max_length=200)
    amount = yuan(_("amount"))
    paid_on = models.DateField(_("paid on"))
    treasury_reference = models.CharField(_("treasury payment reference"), max_length=100)
    evidence = models.ForeignKey(
        "documents.Document",
        verbose_name=_("evidence"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ("project", "paid_on", "id")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="delivery_payment_positive")
        ]

    def __str__(self) -> str:
        return self.milestone


class SurplusReturn(models.Model):
    """Money left over and returned (Wuhan 第十八条)."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="surplus_returns",
    )
    amount = yuan(_("amount"))
    returned_on = models.DateField(_("returned on"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("surplus return")
        verbose_name_plural = _("surplus returns")
        ordering = ("project", "returned_on", "id")

    def __str__(self) -> str:
        return str(self.amount)


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
