"""Writes of the security registers: one transaction and one audit event each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from govit.core import audit
from govit.orgs.models import User
from govit.security import policies
from govit.security.errors import NotAllowed
from govit.security.models import Assessment, Drill, Grading, Incident, ServiceContract
from govit.systems.models import System


def _fill(obj: models.Model, data: Mapping[str, Any], fields: tuple[str, ...]) -> None:
    for name, value in data.items():
        if name not in fields:
            raise ValueError(f"{name} cannot be set here")
        setattr(obj, name, value.strip() if isinstance(value, str) else value)


def _check(allowed: bool) -> None:
    if not allowed:
        raise NotAllowed(_("You may only keep the registers of your own unit's systems."))


def _values(obj: models.Model, fields: tuple[str, ...]) -> dict[str, Any]:
    return {
        name: (str(v) if isinstance(v := getattr(obj, name), (dt.date, dt.datetime)) else v)
        for name in fields
    }


GRADING_FIELDS = ("business_level", "service_level", "graded_on", "filing_number", "filed_on")


@transaction.atomic
def grading_record(*, actor: User, system: System, data: Mapping[str, Any]) -> Grading:
    """Record a grading of the system; its level is the higher of the two grades."""
    _check(policies.grading_record(actor, system))
    grading = Grading(system=system, recorded_by=actor)
    _fill(grading, data, GRADING_FIELDS)
    grading.level = max(grading.business_level or 0, grading.service_level or 0)
    grading.full_clean()
    grading.save()
    System.objects.filter(pk=system.pk).update(mlps_level=grading.level)
    audit.record(
        actor=actor,
        action="security.grading",
        obj=system,
        after={**_values(grading, GRADING_FIELDS), "level": grading.level},
    )
    return grading


@transaction.atomic
def grading_file(
    *, actor: User, grading: Grading, filing_number: str, filed_on: dt.date
) -> Grading:
    """Record the filing of a grading with the police."""
    _check(policies.grading_record(actor, grading.system))
    grading.filing_number = filing_number.strip()
    grading.filed_on = filed_on
    grading.full_clean()
    grading.save(update_fields=["filing_number", "filed_on"])
    audit.record(
        actor=actor,
        action="security.filing",
        obj=grading.system,
        after={"filing_number": grading.filing_number, "filed_on": str(filed_on)},
    )
    return grading


ASSESSMENT_FIELDS = (
    "kind",
    "done_on",
    "agency",
    "conclusion",
    "score",
    "high_risks",
    "remediated_on",
    "summary",
)


@transaction.atomic
def assessment_record(*, actor: User, system: System, data: Mapping[str, Any]) -> Assessment:
    """Record an assessment or test with its conclusion and the high risks it found."""
    _check(policies.assessment_record(actor, system))
    assessment = Assessment(system=system, recorded_by=actor)
    _fill(assessment, data, ASSESSMENT_FIELDS)
    assessment.full_clean()
    assessment.save()
    updates: dict[str, Any] = {}
    if assessment.kind == "mlps" and (
        system.mlps_assessed_on is None or assessment.done_on >= system.mlps_assessed_on
    ):
        updates["mlps_assessed_on"] = assessment.done_on
    if assessment.kind == "crypto" and (
        system.crypto_assessed_on is None or assessment.done_on >= system.crypto_assessed_on
    ):
        updates["crypto_assessed_on"] = assessment.done_on
        updates["crypto_status"] = (
            "failed" if assessment.conclusion in ("failed", "poor") else "passed"
        )
    if updates:
        System.objects.filter(pk=system.pk).update(**updates)
    audit.record(
        actor=actor,
        action="security.assessment",
        obj=system,
        after=_values(assessment, ASSESSMENT_FIELDS),
    )
    return assessment


@transaction.atomic
def assessment_remediate(
    *, actor: User, assessment: Assessment, remediated_on: dt.date
) -> Assessment:
    """Record that the high risks an assessment found were remediated."""
    _check(policies.assessment_remediate(actor, assessment.system))
    assessment.remediated_on = remediated_on
    assessment.save(update_fields=["remediated_on"])
    audit.record(
        actor=actor,
        action="security.remediate",
        obj=assessment.system,
        after={"assessment": assessment.pk, "remediated_on": str(remediated_on)},
    )
    return assessment


CONTRACT_FIELDS = ("vendor", "reference", "starts_on", "ends_on", "security_test", "crypto", "risk")


@transaction.atomic
def contract_record(*, actor: User, system: System, data: Mapping[str, Any]) -> ServiceContract:
    """Record a service contract and the yearly tests it obliges (Bijie 第二十八条)."""
    _check(policies.contract_record(actor, system))
    contract = ServiceContract(system=system)
    _fill(contract, data, CONTRACT_FIELDS)
    contract.full_clean()
    contract.save()
    audit.record(
        actor=actor,
        action="security.contract",
        obj=system,
        after=_values(contract, CONTRACT_FIELDS),
    )
    return contract


INCIDENT_FIELDS = (
    "occurred_at",
    "severity",
    "symptoms",
    "handling",
    "reported_to",
    "reported_on",
    "closed_on",
)


@transaction.atomic
def incident_record(*, actor: User, system: System, data: Mapping[str, Any]) -> Incident:
    """Record an incident: when, how it showed, how it was handled, to whom it was reported."""
    _check(policies.incident_record(actor, system))
    incident = Incident(system=system, recorded_by=actor)
    _fill(incident, data, INCIDENT_FIELDS)
    incident.full_clean()
    incident.save()
    audit.record(
        actor=actor,
        action="security.incident",
        obj=system,
        after=_values(incident, INCIDENT_FIELDS),
    )
    return incident


@transaction.atomic
def incident_update(*, actor: User, incident: Incident, data: Mapping[str, Any]) -> Incident:
    """Complete an incident's record (handling, report, closure)."""
    _check(policies.incident_update(actor, incident.system))
    before = _values(incident, INCIDENT_FIELDS)
    _fill(incident, data, INCIDENT_FIELDS)
    incident.full_clean()
    incident.save()
    audit.record(
        actor=actor,
        action="security.incident_update",
        obj=incident.system,
        before=before,
        after=_values(incident, INCIDENT_FIELDS),
    )
    return incident


DRILL_FIELDS = ("held_on", "scenario", "participants", "record", "findings")


@transaction.atomic
def drill_record(*, actor: User, system: System, data: Mapping[str, Any]) -> Drill:
    """Record a drill of the emergency plan with its record."""
    _check(policies.drill_record(actor, system))
    drill = Drill(system=system, recorded_by=actor)
    _fill(drill, data, DRILL_FIELDS)
    drill.full_clean()
    drill.save()
    audit.record(
        actor=actor, action="security.drill", obj=system, after=_values(drill, DRILL_FIELDS)
    )
    return drill
