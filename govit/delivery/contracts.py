"""Contract services: record, file and amend a contract; the project's main contract facts
(``projects.Contract``, which the snapshot reads) follow the first contract recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from govit.core import audit
from govit.delivery import policies
from govit.delivery.choices import CLAUSES, CONTRACT_PARTIES, REQUIRED_PARTIES
from govit.delivery.errors import NotPermitted
from govit.delivery.models import Contract, ContractAmendment
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.projects.models import Contract as ProjectContract
from govit.projects.models import Project

CLAUSE_FIELDS = tuple(name for name, _rulebook, _article in CLAUSES)


def check_parties(parties: list[str]) -> list[str]:
    """Two or three distinct known parties, the unit and the vendor among them."""
    known = {value for value, _label in CONTRACT_PARTIES}
    if (
        len(set(parties)) != len(parties)
        or not set(parties) <= known
        or not set(REQUIRED_PARTIES) <= set(parties)
        or not 2 <= len(parties) <= 3
    ):
        raise ValidationError(
            {
                "parties": _(
                    "A contract is signed by the unit and the vendor, and at most one more party."
                )
            }
        )
    return [value for value, _label in CONTRACT_PARTIES if value in parties]


def _current_amount(contract: Contract) -> Decimal:
    amended = [a.amount_after for a in contract.amendments.all() if a.amount_after is not None]
    return Decimal(amended[-1] if amended else contract.amount)


def sync_project_contract(project: Project) -> None:
    """Copy the main (first recorded) contract's facts onto the project's contract facts."""
    main = Contract.objects.filter(project=project).order_by("id").first()
    if main is None:
        return
    ProjectContract.objects.update_or_create(
        project=project,
        defaults={
            "amount": _current_amount(main),
            "signed_on": main.signed_on,
            "filed_on": main.filed_on,
            "parties": main.parties,
            "procurement_method": main.procurement_method,
            **{name: getattr(main, name) for name in CLAUSE_FIELDS},
        },
    )


def _values(contract: Contract) -> dict[str, Any]:
    return {
        "title": contract.title,
        "vendor": contract.vendor_id,
        "parties": contract.parties,
        "amount": contract.amount,
        "signed_on": contract.signed_on,
        "filed_on": contract.filed_on,
        "procurement_method": contract.procurement_method,
        **{name: getattr(contract, name) for name in CLAUSE_FIELDS},
    }


@transaction.atomic
def contract_record(
    *,
    actor: User,
    project: Project,
    title: str,
    vendor: Organisation,
    parties: list[str],
    amount: Decimal,
    signed_on: dt.date,
    procurement_method: str = "",
    clauses: dict[str, bool] | None = None,
) -> Contract:
    """Record a contract the unit signed with a vendor."""
    if not policies.contract_record(actor, project):
        raise NotPermitted(_("You cannot record contracts of this project."))
    if vendor.kind != Role.VENDOR:
        raise ValidationError({"vendor": _("Choose a vendor organisation.")})
    contract = Contract(
        project=project,
        title=title,
        vendor=vendor,
        parties=check_parties(parties),
        amount=amount,
        signed_on=signed_on,
        procurement_method=procurement_method,
        **{name: bool((clauses or {}).get(name)) for name in CLAUSE_FIELDS},
    )
    contract.full_clean()
    contract.save()
    sync_project_contract(project)
    audit.record(
        actor=actor, action="delivery.contract_record", obj=contract, after=_values(contract)
    )
    return contract


@transaction.atomic
def contract_file(*, actor: User, contract: Contract, filed_on: dt.date) -> Contract:
    """Record the day the contract was filed with the competent department."""
    locked = Contract.objects.select_for_update().select_related("project").get(pk=contract.pk)
    if not policies.contract_file(actor, locked.project):
        raise NotPermitted(_("You cannot file contracts of this project."))
    if filed_on < locked.signed_on:
        raise ValidationError({"filed_on": _("A contract is filed after it is signed.")})
    before = locked.filed_on
    locked.filed_on = filed_on
    locked.save(update_fields=["filed_on"])
    sync_project_contract(locked.project)
    audit.record(
        actor=actor,
        action="delivery.contract_file",
        obj=locked,
        before={"filed_on": before},
        after={"filed_on": filed_on},
    )
    return locked


@transaction.atomic
def contract_amend(
    *,
    actor: User,
    contract: Contract,
    signed_on: dt.date,
    description: str,
    amount_after: Decimal | None = None,
) -> ContractAmendment:
    """Record an amendment of a contract (and its new amount, if it changes)."""
    locked = Contract.objects.select_for_update().select_related("project").get(pk=contract.pk)
    if not policies.contract_amend(actor, locked.project):
        raise NotPermitted(_("You cannot amend contracts of this project."))
    if signed_on < locked.signed_on:
        raise ValidationError({"signed_on": _("An amendment is signed after the contract.")})
    amendment = ContractAmendment(
        contract=locked,
        signed_on=signed_on,
        description=description,
        amount_after=amount_after,
        recorded_by=actor,
    )
    amendment.full_clean()
    amendment.save()
    sync_project_contract(locked.project)
    audit.record(
        actor=actor,
        action="delivery.contract_amend",
        obj=locked,
        after={"signed_on": signed_on, "description": description, "amount_after": amount_after},
    )
    return amendment
