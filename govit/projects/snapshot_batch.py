"""Snapshots of many projects at once, for ``govit tick`` (the whole portfolio every day).

``build_snapshots`` reads a batch of projects with one query per table (the projects with
their units, budget lines, documents, contracts, changes, systems, co-building units), plus
what the catalogue providers ask and the two queries of the unit facts: a constant number
of queries per batch, whatever its size. The rows are read as tuples (``values_list``: no model
instances, no queryset per project), grouped by project in Python, and each snapshot is
validated once from plain data: pydantic validates the nested data in one call, which is as
fast as building the models without validation (``model_construct`` is slower: it loops over
the fields in Python) and keeps the snapshot exactly what ``build_snapshot`` makes (dates in
the JSON fields parsed, the same defaults and checks). ``tests/test_snapshot_batch.py`` holds
the two equal on a generated portfolio.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.db import models

from govit.documents.models import Document
from govit.policy.engine import snapshot as s
from govit.projects.models import BudgetItem, Change, Contract, Project, System
from govit.projects.snapshots import (
    CHANGE_FIELDS,
    CONTRACT_FIELDS,
    OPTIONAL_TEXT_FIELDS,
    PLAIN_FIELDS,
    SYSTEM_FIELDS,
    catalogue_systems,
    merge_systems,
    unit_facts_for,
)

PROJECT_COLUMNS = (
    "id",
    "rulebook",
    "state",
    "name",
    "unit_id",
    "unit__name",
    "unit__budget_unit_count",
    *PLAIN_FIELDS,
    *OPTIONAL_TEXT_FIELDS,
)
BUDGET_COLUMNS = ("name", "category", "amount")
DOCUMENT_COLUMNS = ("type", "date", "approved", "reviewed")
CONTRACT_COLUMNS = (*CONTRACT_FIELDS, "procurement_method")
CHANGE_COLUMNS = (*CHANGE_FIELDS, "reason")

Rows = dict[int, list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class ProjectRef:
    """What the catalogue providers read of a project: its id (a model instance of the wide
    project row costs more to make than the whole snapshot)."""

    pk: int


def _in_project_order(model: type[models.Model]) -> list[str]:
    """The model's own ordering with its project by id: within a project the same order as
    ``prefetch_related`` gives (which orders the projects by the project's ordering)."""
    return ["project_id" if name == "project" else name for name in model._meta.ordering or ()]


def _grouped(model: type[models.Model], ids: Sequence[int], columns: tuple[str, ...]) -> Rows:
    """The rows of ``model`` for the projects ``ids``, as dicts of ``columns`` per project id."""
    rows = (
        model._default_manager.filter(project_id__in=ids)
        .order_by(*_in_project_order(model))
        .values_list("project_id", *columns)
    )
    found: Rows = defaultdict(list)
    for project_id, *values in rows:
        found[project_id].append(dict(zip(columns, values, strict=True)))
    return found


def _co_builders(ids: Sequence[int]) -> dict[int, list[str]]:
    through = Project.co_units.through
    rows = through.objects.filter(project_id__in=ids).values_list(
        "project_id", "organisation__name"
    )
    found: dict[int, list[str]] = defaultdict(list)
    for project_id, name in rows:
        found[project_id].append(name)
    return found


def build_snapshots(ids: Iterable[int], *, as_of: dt.date) -> dict[int, s.Snapshot]:
    """The snapshot of every project of ``ids`` (by id, in id order), as ``build_snapshot``
    makes it for each one on the day ``as_of``."""
    ids = sorted(set(ids))
    projects = [
        dict(zip(PROJECT_COLUMNS, values, strict=True))
        for values in Project.objects.filter(pk__in=ids)
        .order_by("pk")
        .values_list(*PROJECT_COLUMNS)
    ]
    if not projects:
        return {}
    budget_items = _grouped(BudgetItem, ids, BUDGET_COLUMNS)
    documents = _grouped(Document, ids, DOCUMENT_COLUMNS)
    contracts = _grouped(Contract, ids, CONTRACT_COLUMNS)
    changes = _grouped(Change, ids, CHANGE_COLUMNS)
    systems = _grouped(System, ids, SYSTEM_FIELDS)
    co_builders = _co_builders(ids)
    refs = cast(Sequence[Project], [ProjectRef(pk) for pk in ids])
    catalogued = catalogue_systems(refs, as_of)
    units = unit_facts_for((row["unit_id"], row["plan_year"]) for row in projects)

    snapshots: dict[int, s.Snapshot] = {}
    for row in projects:
        pk = row["id"]
        data = {name: row[name] for name in PLAIN_FIELDS}
        data.update({name: row[name] or None for name in OPTIONAL_TEXT_FIELDS})
        data["name"] = row["name"]
        data["stage"] = row["state"]
        data["lead_department"] = row["unit__name"]
        data["co_builders"] = sorted(co_builders.get(pk, ())) or None
        data["budget_items"] = budget_items.get(pk, [])
        data["documents"] = documents.get(pk, [])
        contract = contracts.get(pk)
        if contract:
            contract[0]["procurement_method"] = contract[0]["procurement_method"] or None
            data["contract"] = contract[0]
        data["changes"] = changes.get(pk, [])
        for change in data["changes"]:
            change["reason"] = change["reason"] or None
        declared = systems.get(pk, [])
        found = catalogued.get(pk)
        data["systems"] = (
            merge_systems([s.System.model_validate(one) for one in declared], found)
            if found
            else declared
        )
        unit = {
            "budget_unit_count": row["unit__budget_unit_count"],
            "applications_this_cycle": units.applications_for(
                row["unit_id"], row["plan_year"], row["state"]
            ),
            "zombie_found_on": units.zombies.get(row["unit_id"]),
        }
        snapshots[pk] = s.Snapshot.model_validate(
            {"as_of": as_of, "rulebook": row["rulebook"], "project": data, "unit": unit}
        )
    return snapshots
