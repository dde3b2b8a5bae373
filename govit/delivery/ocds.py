"""Procurement, contract, amendment and milestone records as an Open Contracting Data
Standard (OCDS 1.1) release package: one ``ocid`` per contracting process (a procurement, or
a contract recorded without one), releases tagged planning, tender, award, contract and
implementation. Money in CNY; dates at the start of the day in China Standard Time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone

from govit.delivery.models import Contract, Milestone, Payment, Procurement
from govit.orgs.models import Organisation
from govit.projects.models import Project

VERSION = "1.1"
# OCDS procurementMethod codes for the methods of the procurement law.
METHOD_CODES = {
    "public_tender": "open",
    "invited_tender": "selective",
    "competitive_negotiation": "limited",
    "competitive_consultation": "limited",
    "inquiry": "selective",
    "single_source": "direct",
    "framework_agreement": "selective",
}
REQUIRED_RELEASE_FIELDS = ("ocid", "id", "date", "tag", "initiationType", "parties", "buyer")


def _date(day: dt.date | dt.datetime | None) -> str | None:
    if day is None:
        return None
    if isinstance(day, dt.datetime):
        return timezone.localtime(day).isoformat()
    return f"{day.isoformat()}T00:00:00+08:00"


def _value(amount: Decimal | None) -> dict[str, Any] | None:
    return None if amount is None else {"amount": float(amount), "currency": "CNY"}


def _org(org: Organisation) -> dict[str, Any]:
    return {"id": f"govit-org-{org.pk}", "name": org.name}


def _party(org: Organisation, roles: list[str]) -> dict[str, Any]:
    return {**_org(org), "roles": roles}


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values (OCDS omits what is unknown)."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def ocid(project: Project, process: Procurement | Contract) -> str:
    """The contracting process's ocid: the deployment's prefix, the project, the process."""
    prefix = settings.GOVIT_OCDS_PREFIX
    letter = "p" if isinstance(process, Procurement) else "c"
    return f"{prefix}-{project.code}-{letter}{process.pk}"


def _milestone(m: Milestone) -> dict[str, Any]:
    return _clean(
        {
            "id": f"milestone-{m.pk}",
            "title": m.name,
            "type": "delivery",
            "dueDate": _date(m.baseline_due),
            "dateMet": _date(m.actual_on),
            "status": "met" if m.done else "scheduled",
            "value": _value(m.planned_cost),
        }
    )


def _transaction(p: Payment, payer: Organisation, payee: Organisation) -> dict[str, Any]:
    """A treasury payment: from the project unit's budget (the payer; the treasury pays on
    its behalf) to the vendor of the contract the payments go with (the payee)."""
    return _clean(
        {
            # ``source`` is a URI in OCDS (a fiscal data package); the treasury payment has
            # none to point at, so it is left out rather than filled with a label.
            "id": f"payment-{p.pk}",
            "date": _date(p.paid_on),
            "value": _value(-p.amount if p.reversed_on else p.amount),
            "payer": _org(payer),
            "payee": _org(payee),
            "uri": None,
        }
    )


def _contract(contract: Contract, award_id: str, status: str) -> dict[str, Any]:
    amendments = [
        _clean(
            {
                "id": f"amendment-{a.pk}",
                "date": _date(a.signed_on),
                "description": a.description,
                "rationale": a.description,
            }
        )
        for a in contract.amendments.all()
    ]
    current = next(
        (a.amount_after for a in reversed(list(contract.amendments.all())) if a.amount_after),
        contract.amount,
    )
    return _clean(
        {
            "id": f"contract-{contract.pk}",
            "awardID": award_id,
            "title": contract.title,
            "status": status,
            "value": _value(current),
            "dateSigned": _date(contract.signed_on),
            "amendments": amendments,
        }
    )


def _releases(project: Project, process: Procurement | Contract) -> list[dict[str, Any]]:
    """The releases of one contracting process, oldest first."""
    the_ocid = ocid(project, process)
    procurement = process if isinstance(process, Procurement) else None
    contract = process if isinstance(process, Contract) else process.contract
    vendor = contract.vendor if contract else (procurement.winning_vendor if procurement else None)
    payments = list(project.payments.all()) if contract and _is_main(project, contract) else []
    # The payments of the process run from the unit (payer) to the contract's vendor (payee).
    paying = ["payer"] if payments else []
    parties = [_party(project.unit, ["buyer", "procuringEntity", *paying])]
    if vendor is not None:
        parties.append(_party(vendor, ["supplier", "tenderer", *(["payee"] if paying else [])]))
    base = {
        "ocid": the_ocid,
        "initiationType": "tender",
        "language": "zh",
        "parties": parties,
        "buyer": _org(project.unit),
    }
    milestones = [_milestone(m) for m in project.milestones.all()]
    planning = _clean(
        {
            "budget": _clean(
                {
                    "amount": _value(procurement.budget_amount if procurement else None),
                    "project": project.name,
                    "projectID": project.code,
                }
            ),
            "milestones": milestones,
        }
    )
    tender: dict[str, Any] = {"id": f"tender-{process.pk}"}
    if procurement is not None:
        tender = _clean(
            {
                "id": f"tender-{procurement.pk}",
                "title": procurement.title,
                "status": "complete" if procurement.awarded_on else "active",
                "procurementMethod": METHOD_CODES.get(procurement.method, "open"),
                "procurementMethodDetails": procurement.get_method_display(),
                "value": _value(procurement.control_price),
                "tenderPeriod": _clean(
                    {
                        "startDate": _date(procurement.announced_on),
                        "endDate": _date(procurement.bids_opened_on),
                    }
                ),
            }
        )
    award_id = f"award-{process.pk}"
    award = _clean(
        {
            "id": award_id,
            "status": "active",
            "date": _date(
                procurement.awarded_on if procurement else contract.signed_on if contract else None
            ),
            "value": _value(
                procurement.award_amount if procurement else contract.amount if contract else None
            ),
            "suppliers": [_org(vendor)] if vendor else [],
        }
    )
    stages: list[tuple[str, dt.date | None, dict[str, Any]]] = []
    start = procurement.planned_on if procurement else (contract.signed_on if contract else None)
    stages.append(("planning", start, {"planning": planning}))
    if procurement is not None and procurement.announced_on:
        stages.append(
            ("tender", procurement.announced_on, {"planning": planning, "tender": tender})
        )
    if vendor is not None and (procurement is None or procurement.awarded_on):
        day = procurement.awarded_on if procurement else (contract.signed_on if contract else None)
        stages.append(("award", day, {"tender": tender, "awards": [award]}))
    if contract is not None:
        tags = ["contract"] + (["contractAmendment"] if contract.amendments.all() else [])
        latest = max([contract.signed_on, *(a.signed_on for a in contract.amendments.all())])
        stages.append(
            (
                ",".join(tags),
                latest,
                {"awards": [award], "contracts": [_contract(contract, award_id, "active")]},
            )
        )
        if milestones or payments:
            implemented = _contract(contract, award_id, "active")
            implemented["implementation"] = _clean(
                {
                    "milestones": milestones,
                    "transactions": [
                        _transaction(p, project.unit, contract.vendor) for p in payments
                    ],
                }
            )
            day = max(
                [latest, *(p.paid_on for p in payments)],
            )
            stages.append(("implementation", day, {"contracts": [implemented]}))
    releases = []
    for number, (tag, day, body) in enumerate(stages, start=1):
        releases.append(
            {
                **base,
                "id": f"{the_ocid}-{number:02d}-{tag.split(',')[0]}",
                "date": _date(day) or _date(timezone.localdate()),
                "tag": tag.split(","),
                **body,
            }
        )
    return releases


def _is_main(project: Project, contract: Contract) -> bool:
    """Payments are the project's: they go with its first (main) contract."""
    first = min((c.pk for c in project.delivery_contracts.all()), default=None)
    return first == contract.pk


def with_parts(projects: Any) -> Any:
    """The projects with everything the export reads, in a fixed number of queries."""
    return projects.select_related("unit").prefetch_related(
        Prefetch(
            "procurements",
            queryset=Procurement.objects.select_related(
                "winning_vendor", "contract__vendor"
            ).prefetch_related("contract__amendments"),
        ),
        Prefetch(
            "delivery_contracts",
            queryset=Contract.objects.select_related("vendor").prefetch_related("amendments"),
        ),
        Prefetch("milestones", queryset=Milestone.objects.order_by("baseline_due", "id")),
        Prefetch("payments", queryset=Payment.objects.order_by("paid_on", "id")),
    )


def project_releases(project: Project) -> list[dict[str, Any]]:
    """Every release of the project's contracting processes."""
    processes: list[Procurement | Contract] = list(project.procurements.all())
    linked = {p.contract_id for p in project.procurements.all() if p.contract_id}
    processes.extend(c for c in project.delivery_contracts.all() if c.pk not in linked)
    releases: list[dict[str, Any]] = []
    for process in processes:
        releases.extend(_releases(project, process))
    return releases


def release_package(projects: Iterable[Project], *, uri: str) -> dict[str, Any]:
    """An OCDS release package of the projects' contracting processes."""
    releases: list[dict[str, Any]] = []
    for project in projects:
        releases.extend(project_releases(project))
    return {
        "uri": uri,
        "version": VERSION,
        "publishedDate": timezone.now().isoformat(),
        "publisher": {"name": "govit"},
        "releases": releases,
    }
