"""Delivery records of a project: its approval, its budget, appropriations and payments."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from govit.delivery.choices import PaymentKind
from govit.projects.choices import FUNDING_SOURCES
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
        indexes = [
            # The finance view lists the largest approvals first: read in this order, the
            # first 500 are the first 500 rows, not a sort of every project.
            models.Index(models.F("approved_amount").desc(), name="delivery_approved_desc"),
        ]

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
    reversed_on = models.DateField(_("reversed on"), null=True, blank=True)
    reversal_reason = models.CharField(_("reason of the reversal"), max_length=300, blank=True)
    reversed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reversed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ("project", "paid_on", "id")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="delivery_payment_positive")
        ]

    def __str__(self) -> str:
        return self.milestone

    @property
    def is_reversed(self) -> bool:
        return self.reversed_on is not None


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


class PaymentRequest(models.Model):
    """The unit's request for a payment against a milestone, with its evidence; finance
    approves it and executes it through the treasury (国库集中支付)."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        EXECUTED = "executed", _("Executed")
        REVERSED = "reversed", _("Reversed")

    # Requests that still hold money of the balance.
    OPEN = (Status.REQUESTED, Status.APPROVED)

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="payment_requests",
    )
    milestone = models.ForeignKey(
        "delivery.Milestone",
        verbose_name=_("milestone"),
        on_delete=models.PROTECT,
        related_name="payment_requests",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PaymentKind.choices)
    amount = yuan(_("amount"))
    evidence = models.ForeignKey(
        "documents.Document",
        verbose_name=_("evidence"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_on = models.DateField(_("requested on"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_note = models.CharField(_("note of the decision"), max_length=300, blank=True)
    payment = models.OneToOneField(
        Payment,
        verbose_name=_("payment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="request",
    )

    class Meta:
        verbose_name = _("payment request")
        verbose_name_plural = _("payment requests")
        ordering = ("project", "requested_on", "id")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="delivery_payment_request_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.milestone_id}: {self.amount}"
