"""The parts of a project the snapshot reads: budget lines, contract, changes, systems.

Contract, changes and systems live here until the ``delivery`` and ``systems`` apps take them
over; they are deliberately plain.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from govit.projects import choices
from govit.projects.models.fields import day, fact, yuan


class BudgetItem(models.Model):
    """One line of the project's budget."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="budget_items",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("item"), max_length=200)
    category = models.CharField(_("category"), max_length=30, choices=choices.BUDGET_CATEGORIES)
    amount = yuan(_("amount"))

    class Meta:
        verbose_name = _("budget item")
        verbose_name_plural = _("budget items")
        ordering = ("project", "position", "id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="projects_budget_amount_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Contract(models.Model):
    """The main contract of the project."""

    project = models.OneToOneField(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="contract",
    )
    amount = yuan(_("contract amount"), null=True, blank=True)
    signed_on = day(_("signed on"))
    filed_on = day(_("filed on"))
    parties = models.JSONField(_("parties"), null=True, blank=True)
    procurement_method = models.CharField(
        _("procurement method"), max_length=30, choices=choices.PROCUREMENT_METHODS, blank=True
    )
    ip_owned_by_unit = fact(_("intellectual property and data owned by the unit"))
    security_testing_clause = fact(_("yearly security and cryptography testing"))
    emergency_response_clause = fact(_("emergency response mechanism"))
    deliverables_clause = fact(_("hand-over of design documents, source code and test documents"))

    class Meta:
        verbose_name = _("contract")
        verbose_name_plural = _("contracts")

    def __str__(self) -> str:
        return str(_("contract of %(project)s") % {"project": self.project_id})


class Change(models.Model):
    """A change (变更/调整) of the project's content or money."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="changes",
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
    amount = yuan(_("amount concerned"), null=True, blank=True)
    reason = models.CharField(
        _("reason"), max_length=30, choices=choices.CHANGE_REASONS, blank=True
    )
    on = day(_("date"))
    goal_changed = fact(_("the construction goal changes"))
    exceeds_estimate = fact(_("the investment would exceed the approved estimate"))
    approved = fact(_("change approved"))
    significant = fact(_("significant change of conditions or content"))

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ("project", "on", "id")

    def __str__(self) -> str:
        return self.description or str(_("change"))


class System(models.Model):
    """An information system the project builds or changes."""

    project = models.ForeignKey(
        "projects.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="systems",
    )
    name = models.CharField(_("system name"), max_length=200)
    in_catalog = fact(_("in the system catalogue"))
    docked = fact(_("docked with the service platform"))
    in_data_catalog = fact(_("in the data-resource catalogue"))
    shares_data = fact(_("shares data"))
    duplicate_collection = fact(_("collects data again that sharing could provide"))
    security_compliant = fact(_("meets network security requirements"))
    crypto_compliant = fact(_("meets cryptography requirements"))
    major_hazard = fact(_("carries a major security hazard"))
    on_gov_cloud = fact(_("on the government cloud"))
    negative_list_approved = fact(_("government approved it off the cloud (negative list)"))
    approval_system = fact(_("an administrative approval system"))

    class Meta:
        verbose_name = _("information system")
        verbose_name_plural = _("information systems")
        ordering = ("project", "name", "id")

    def __str__(self) -> str:
        return self.name
