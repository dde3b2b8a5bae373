"""Procurement services: plan a procurement, record the third-party review of its control
price (Bijie 第十四条), award it and link the contract. Also the findings on a procurement's
method: the deployment's thresholds (settings) and the rulebook's procurement rules, with
articles. Supervision is in supervision.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.money import format_wan
from govit.delivery import policies
from govit.delivery.choices import DELIVERY_METHOD_VALUES
from govit.delivery.errors import NotPermitted
from govit.delivery.models import Contract, Procurement
from govit.delivery.services import _locked_project, evaluate
from govit.documents.models import Document
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.policy.engine import snapshot as s
from govit.projects.models import Project

# The rulebook entries that judge a procurement (by rulebook entry id).
PROCUREMENT_ENTRIES = ("procurement", "control_price")
GOVERNMENT_PROCUREMENT_LAW = "《政府采购法》第二十七条"


@dataclass(frozen=True)
class MethodFinding:
    """One finding on a procurement's method: from the deployment's thresholds or the rules."""

    severity: str
    message: str
    article: str
    source: str  # "deployment" or the rulebook id
    rule: str = ""


def thresholds() -> dict[str, Decimal]:
    """The deployment's procurement thresholds in yuan (含本数, settings from the environment)."""
    return {
        "procurement": Decimal(settings.GOVIT_PROCUREMENT_THRESHOLD),
        "public_tender": Decimal(settings.GOVIT_PUBLIC_TENDER_THRESHOLD),
    }


def judged_amount(procurement: Procurement) -> Decimal:
    """The amount a method is judged by: the award, else the control price, else the budget."""
    for amount in (procurement.award_amount, procurement.control_price):
        if amount is not None:
            return Decimal(amount)
    return Decimal(procurement.budget_amount)


def threshold_findings(method: str, amount: Decimal) -> list[MethodFinding]:
    """What the deployment's thresholds say about ``method`` at ``amount`` (at or above)."""
    limits = thresholds()
    found: list[MethodFinding] = []
    values = {"amount": format_wan(amount)}
    if amount >= limits["public_tender"]:
        if method != "public_tender":
            found.append(
                MethodFinding(
                    "warn",
                    _(
                        "At %(amount)s (at or above the public tender threshold %(limit)s) "
                        "public tender is expected; another method needs the finance "
                        "department's approval before the procurement starts."
                    )
                    % {**values, "limit": format_wan(limits["public_tender"])},
                    GOVERNMENT_PROCUREMENT_LAW,
                    "deployment",
                )
            )
        else:
            found.append(
                MethodFinding(
                    "info",
                    _("At %(amount)s public tender is the expected method.") % values,
                    GOVERNMENT_PROCUREMENT_LAW,
                    "deployment",
                )
            )
    elif amount >= limits["procurement"]:
        found.append(
            MethodFinding(
                "info",
                _(
                    "At %(amount)s (at or above the procurement threshold %(limit)s) the "
                    "purchase goes through government procurement."
                )
                % {**values, "limit": format_wan(limits["procurement"])},
                "",
                "deployment",
            )
        )
    else:
        found.append(
            MethodFinding(
                "info",
                _(
                    "At %(amount)s (below the procurement threshold %(limit)s) the unit may "
                    "buy it itself."
                )
                % {**values, "limit": format_wan(limits["procurement"])},
                "",
                "deployment",
            )
        )
    return found


def method_findings(procurement: Procurement) -> list[MethodFinding]:
    """The thresholds' findings and the rulebook's procurement findings, as if the project's
    contract were made with this method and amount."""
    amount = judged_amount(procurement)
    found = threshold_findings(procurement.method, amount)
    project = procurement.project
    current = s.Contract(procurement_method=procurement.method, amount=amount)
    result = evaluate(project, update={"contract": current, "stage": "contracted"})
    found.extend(
        MethodFinding(f.severity, f.message, f.article, project.rulebook, f.rule)
        for f in result.findings
        if any(word in f.rule for word in PROCUREMENT_ENTRIES)
    )
    return found


def _values(procurement: Procurement) -> dict[str, Any]:
    return {
        name: getattr(procurement, name)
        for name in (
            "title",
            "method",
            "budget_amount",
            "control_price",
            "control_price_reviewer",
            "control_price_reviewed_on",
            "control_price_review_document_id",
            "planned_on",
            "announced_on",
            "bids_opened_on",
            "awarded_on",
            "winning_vendor_id",
            "award_amount",
            "contract_id",
            "status",
        )
    }


@transaction.atomic
def procurement_record(
    *,
    actor: User,
    project: Project,
    title: str,
    method: str,
    budget_amount: Decimal,
    planned_on: dt.date,
    control_price: Decimal | None = None,
    announced_on: dt.date | None = None,
    bids_opened_on: dt.date | None = None,
) -> Procurement:
    """Plan a procurement (a contracting process) with its method and budget."""
    locked = _locked_project(project)
    if not policies.procurement_record(actor, locked):
        raise NotPermitted(_("You cannot record procurements of this project."))
    if method not in DELIVERY_METHOD_VALUES:
        raise ValidationError({"method": _("Choose a procurement method from the list.")})
    if control_price is not None and control_price > budget_amount:
        raise ValidationError(
            {"control_price": _("The control price cannot exceed the procurement budget.")}
        )
    for name, day in (("announced_on", announced_on), ("bids_opened_on", bids_opened_on)):
        if day is not None and day < planned_on:
            raise ValidationError({name: _("This date comes after the planning date.")})
    if announced_on and bids_opened_on and bids_opened_on < announced_on:
        raise ValidationError({"bids_opened_on": _("Bids are opened after the announcement.")})
    procurement = Procurement(
        project=locked,
        title=title,
        method=method,
        budget_amount=budget_amount,
        control_price=control_price,
        planned_on=planned_on,
        announced_on=announced_on,
        bids_opened_on=bids_opened_on,
        status=Procurement.Status.TENDERING if announced_on else Procurement.Status.PLANNED,
        recorded_by=actor,
    )
    procurement.full_clean()
    procurement.save()
    audit.record(
        actor=actor,
        action="delivery.procurement_record",
        obj=procurement,
        after=_values(procurement),
    )
    return procurement


def _locked(procurement: Procurement) -> Procurement:
    _locked_project(procurement.project)
    return Procurement.objects.select_for_update().select_related("project").get(pk=procurement.pk)


@transaction.atomic
def procurement_control_price(
    *,
    actor: User,
    procurement: Procurement,
    control_price: Decimal,
    reviewer: str,
    reviewed_on: dt.date,
    document: Document,
) -> Procurement:
    """Record the third-party review of the tender control price and its document."""
    locked = _locked(procurement)
    if not policies.procurement_control_price(actor, locked.project):
        raise NotPermitted(_("You cannot record the control price review of this procurement."))
    if document.project_id != locked.project_id or document.type != "control_price_review":
        raise ValidationError(
            {"document": _("Choose a control price review document of this project.")}
        )
    if control_price > locked.budget_amount:
        raise ValidationError(
            {"control_price": _("The control price cannot exceed the procurement budget.")}
        )
    if locked.awarded_on is not None:
        raise ValidationError({"control_price": _("The procurement was awarded already.")})
    before = _values(locked)
    locked.control_price = control_price
    locked.control_price_reviewer = reviewer
    locked.control_price_reviewed_on = reviewed_on
    locked.control_price_review_document = document
    locked.save()
    audit.record(
        actor=actor,
        action="delivery.procurement_control_price",
        obj=locked,
        before=before,
        after=_values(locked),
    )
    return locked


@transaction.atomic
def procurement_award(
    *,
    actor: User,
    procurement: Procurement,
    vendor: Organisation,
    award_amount: Decimal,
    awarded_on: dt.date,
) -> Procurement:
    """Record the winning vendor and the award; never above the control price or budget."""
    locked = _locked(procurement)
    if not policies.procurement_award(actor, locked.project):
        raise NotPermitted(_("You cannot award this procurement."))
    if vendor.kind != Role.VENDOR:
        raise ValidationError({"vendor": _("Choose a vendor organisation.")})
    if locked.awarded_on is not None:
        raise ValidationError({"vendor": _("The procurement was awarded already.")})
    ceiling = locked.control_price if locked.control_price is not None else locked.budget_amount
    if award_amount > ceiling:
        raise ValidationError(
            {"award_amount": _("The award exceeds %(ceiling)s.") % {"ceiling": format_wan(ceiling)}}
        )
    if awarded_on < locked.planned_on:
        raise ValidationError({"awarded_on": _("This date comes after the planning date.")})
    before = _values(locked)
    locked.winning_vendor = vendor
    locked.award_amount = award_amount
    locked.awarded_on = awarded_on
    locked.status = Procurement.Status.AWARDED
    locked.save()
    audit.record(
        actor=actor,
        action="delivery.procurement_award",
        obj=locked,
        before=before,
        after=_values(locked),
    )
    return locked


@transaction.atomic
def procurement_contract_link(
    *, actor: User, procurement: Procurement, contract: Contract
) -> Procurement:
    """Link the contract the procurement produced (with the winning vendor)."""
    locked = _locked(procurement)
    if not policies.procurement_award(actor, locked.project):
        raise NotPermitted(_("You cannot link contracts of this procurement."))
    if contract.project_id != locked.project_id:
        raise ValidationError({"contract": _("Choose a contract of this project.")})
    if locked.winning_vendor_id is None or contract.vendor_id != locked.winning_vendor_id:
        raise ValidationError({"contract": _("The contract must be with the winning vendor.")})
    if Procurement.objects.filter(contract=contract).exclude(pk=locked.pk).exists():
        raise ValidationError({"contract": _("This contract belongs to another procurement.")})
    locked.contract = contract
    locked.status = Procurement.Status.CONTRACTED
    locked.save(update_fields=["contract", "status"])
    if not contract.procurement_method:
        Contract.objects.filter(pk=contract.pk).update(procurement_method=locked.method)
    audit.record(
        actor=actor,
        action="delivery.procurement_contract_link",
        obj=locked,
        after={"contract": contract.pk},
    )
    return locked
