"""Read queries of the security registers, scoped to the actor (through the system's unit)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

from govit.core.calendar import WorkCalendar
from govit.orgs.models import User
from govit.orgs.selectors import scoped
from govit.security.duties import Duty, compliance, system_duties
from govit.security.models import Assessment, Drill, Grading, Incident, ServiceContract
from govit.systems.models import System


@dataclass(frozen=True)
class Register:
    """What the registers hold about one system, with its duties and derived facts."""

    system: System
    grading: Grading | None
    assessments: list[Assessment]
    contracts: list[ServiceContract]
    incidents: list[Incident]
    duties: list[Duty]
    facts: dict[str, bool | None]

    @property
    def overdue(self) -> list[Duty]:
        return [d for d in self.duties if d.overdue]


def registers(
    systems: Sequence[System], *, today: dt.date, calendar: WorkCalendar
) -> dict[int, Register]:
    """The registers of a batch of systems (five queries whatever the batch size)."""
    ids = [s.pk for s in systems]
    gradings: dict[int, Grading] = {}
    for grading in Grading.objects.filter(system_id__in=ids).order_by("-graded_on", "-id"):
        gradings.setdefault(grading.system_id, grading)
    assessments: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in Assessment.objects.filter(system_id__in=ids):
        assessments[assessment.system_id].append(assessment)
    contracts: dict[int, list[ServiceContract]] = defaultdict(list)
    for contract in ServiceContract.objects.filter(system_id__in=ids):
        contracts[contract.system_id].append(contract)
    incidents: dict[int, list[Incident]] = defaultdict(list)
    for incident in Incident.objects.filter(system_id__in=ids):
        incidents[incident.system_id].append(incident)
    found: dict[int, Register] = {}
    for system in systems:
        current = gradings.get(system.pk)
        duties = system_duties(
            grading=current,
            assessments=assessments[system.pk],
            contracts=contracts[system.pk],
            today=today,
            calendar=calendar,
        )
        found[system.pk] = Register(
            system=system,
            grading=current,
            assessments=assessments[system.pk],
            contracts=contracts[system.pk],
            incidents=incidents[system.pk],
            duties=duties,
            facts=compliance(
                grading=current,
                assessments=assessments[system.pk],
                incidents=incidents[system.pk],
                duties=duties,
            ),
        )
    return found


def visible_systems(*, actor: User) -> QuerySet[System]:
    return scoped(actor, System.objects.select_related("unit"), org_field="unit_id")


def system_get(*, actor: User, pk: int) -> System | None:
    return visible_systems(actor=actor).filter(pk=pk).first()


def incident_list(*, actor: User) -> QuerySet[Incident]:
    return scoped(
        actor, Incident.objects.select_related("system__unit"), org_field="system__unit_id"
    )


def drill_list(*, actor: User) -> QuerySet[Drill]:
    return scoped(actor, Drill.objects.select_related("system__unit"), org_field="system__unit_id")
