"""Read queries of the system catalogue, scoped to the actor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from govit.orgs.models import Organisation, User
from govit.orgs.selectors import scoped
from govit.systems.choices import DockingStatus, ProposalKind, ProposalStatus
from govit.systems.models import Disposition, DockingRecord, Proposal, System, SystemUsage

SORTS = {"code": "code", "name": "name", "unit": "unit__name", "-om_cost": "-om_cost"}


def system_list(*, actor: User, filters: Mapping[str, Any] | None = None) -> QuerySet[System]:
    """The systems the actor may read, filtered (unit, status, cloud, level, funding, docking
    records awaiting confirmation, q)."""
    queryset = scoped(actor, System.objects.select_related("unit"), org_field="unit_id")
    filters = filters or {}
    if filters.get("unit"):
        queryset = queryset.filter(unit_id=filters["unit"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("cloud") in ("yes", "no"):
        queryset = queryset.filter(on_gov_cloud=filters["cloud"] == "yes")
    if filters.get("mlps_level"):
        level = str(filters["mlps_level"])
        if level == "none":
            queryset = queryset.filter(mlps_level__isnull=True)
        elif level.isdigit() and len(level) == 1:
            queryset = queryset.filter(mlps_level=int(level))
        else:  # not a level: nothing matches (the API's fuzzing sends anything)
            queryset = queryset.none()
    if filters.get("project"):
        code = str(filters["project"]).strip()
        linked = queryset.filter(projects__code=code.upper()).values("pk")
        queryset = queryset.filter(Q(pk__in=linked) | Q(project_codes__icontains=code))
    if filters.get("om_funding"):
        queryset = queryset.filter(om_funding=filters["om_funding"])
    if filters.get("docking") == "pending":
        pending = DockingRecord.objects.filter(status=DockingStatus.PENDING).values("system_id")
        queryset = queryset.filter(pk__in=pending)
    if filters.get("q"):
        text = str(filters["q"]).strip()
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(code__icontains=text) | Q(purpose__icontains=text)
        )
    return queryset.order_by(SORTS.get(str(filters.get("sort") or ""), "code"), "id")


def system_get(*, actor: User, pk: int) -> System | None:
    """One system the actor may read, or None (another unit's system is not disclosed)."""
    return system_list(actor=actor).filter(pk=pk).first()


def system_usage(*, system: System, months: int = 12) -> list[SystemUsage]:
    """The system's latest monthly usage figures, oldest first."""
    rows = list(SystemUsage.objects.filter(system=system).order_by("-month")[:months])
    return rows[::-1]


def unit_choices(*, actor: User) -> QuerySet[Organisation]:
    """The units whose systems the actor may read (for the list filter): a semi-join, not a
    join with every system made distinct (at a province's 50,000 systems, 69 ms to a few)."""
    has_systems = Exists(System.objects.filter(unit_id=OuterRef("pk")))
    return scoped(actor, Organisation.objects.filter(has_systems), org_field="id")


def proposal_list(
    *, actor: User, status: str | None = ProposalStatus.OPEN, kind: str | None = None
) -> QuerySet[Proposal]:
    """Proposals about systems the actor may read."""
    queryset = scoped(
        actor,
        Proposal.objects.select_related("system__unit", "similar_to__unit", "decided_by"),
        org_field="system__unit_id",
    )
    if status:
        queryset = queryset.filter(status=status)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def disposition_list(
    *, actor: User, overdue_on: dt.date | None = None, open_only: bool = False
) -> QuerySet[Disposition]:
    """Dispositions of systems the actor may read; ``overdue_on`` keeps those late on that day."""
    queryset = scoped(
        actor,
        Disposition.objects.select_related("system__unit", "decided_by"),
        org_field="system__unit_id",
    )
    if open_only or overdue_on is not None:
        queryset = queryset.filter(completed_on__isnull=True)
    if overdue_on is not None:
        queryset = queryset.filter(due_on__lt=overdue_on)
    return queryset


def zombie_found_on(unit: Organisation | int) -> dt.date | None:
    """The latest day a system of ``unit`` was confirmed a zombie (Kaihua 第三条 item 7)."""
    unit_id = unit.pk if isinstance(unit, Organisation) else unit
    found: dt.date | None = Proposal.objects.filter(
        kind=ProposalKind.ZOMBIE, status=ProposalStatus.CONFIRMED, system__unit_id=unit_id
    ).aggregate(latest=Max("decided_on"))["latest"]
    return found


def zombies_found_on(unit_ids: Iterable[int] | None) -> dict[int, dt.date]:
    """``zombie_found_on`` for many units (None: every unit) in one query (units without a
    zombie are left out)."""
    confirmed = Proposal.objects.filter(
        kind=ProposalKind.ZOMBIE, status=ProposalStatus.CONFIRMED, decided_on__isnull=False
    )
    if unit_ids is not None:
        confirmed = confirmed.filter(system__unit_id__in=set(unit_ids))
    rows = (
        confirmed.values("system__unit_id")
        .annotate(latest=Max("decided_on"))
        .values_list("system__unit_id", "latest")
    )
    return dict(rows)


def docking_records(*, system: System) -> QuerySet[DockingRecord]:
    """The system's docking records, newest first per platform (two joins, no more)."""
    return DockingRecord.objects.filter(system=system).select_related("recorded_by", "confirmed_by")


def docking_get(*, actor: User, pk: int) -> DockingRecord | None:
    """One docking record of a system the actor may read, or None."""
    return (
        DockingRecord.objects.filter(pk=pk, system__in=system_list(actor=actor).values("pk"))
        .select_related("system", "system__unit")
        .first()
    )


def docking_for(systems: QuerySet[System]) -> QuerySet[DockingRecord]:
    """The docking records of these systems, for the census export."""
    return (
        DockingRecord.objects.filter(system__in=systems.values("pk"))
        .select_related("system")
        .order_by("system__code", "platform", "docked_on", "id")
    )
