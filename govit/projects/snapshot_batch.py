"""Snapshots of many projects at once, for ``govit tick`` (the whole portfolio every day).

``read_batch`` reads a batch of projects with one query per table (the projects with
their units, budget lines, documents, contracts, changes, systems, co-building units), plus
what the catalogue providers ask and the two queries of the unit facts: a constant number
of queries per batch, whatever its size. The rows are read as tuples (``values_list``: no model
instances, no queryset per project), grouped by project in Python; ``Batch.facts`` is what the
tick digests, ``Batch.data`` the snapshot's plain data, and ``build_snapshots`` validates each
snapshot once from it: pydantic validates the nested data in one call, which is as
fast as building the models without validation (``model_construct`` is slower: it loops over
the fields in Python) and keeps the snapshot exactly what ``build_snapshot`` makes (dates in
the JSON fields parsed, the same defaults and checks). The documents are validated apart:
each distinct document row of a batch once, its part (frozen, equal to what the snapshot's
validation makes of it) shared by the snapshots that have it. ``tests/test_snapshot_batch.py``
holds the batch's snapshots equal to ``build_snapshot``'s on a generated portfolio.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import connection, models
from django.db.models import TextField
from django.db.models.functions import Cast

from govit.core.queries import covering
from govit.documents.models import Document
from govit.policy.engine import snapshot as s
from govit.projects.models import BudgetItem, Change, Contract, Project, System
from govit.projects.snapshots import (
    BUDGET_FIELDS,
    CHANGE_COLUMNS,
    CONTRACT_COLUMNS,
    DOCUMENT_FIELDS,
    OPTIONAL_TEXT_FIELDS,
    PLAIN_FIELDS,
    SYSTEM_FIELDS,
    UnitFacts,
    catalogue_systems,
    project_data,
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

COLUMN = {name: index for index, name in enumerate(PROJECT_COLUMNS)}
# The JSON facts (dates and parts in lists) are read as their text and parsed only for the
# projects evaluated (``govit tick`` keeps most projects' obligations on a given day).
JSON_FIELDS = frozenset(
    name for name in PLAIN_FIELDS if isinstance(Project._meta.get_field(name), models.JSONField)
)
Rows = dict[int, list[tuple[Any, ...]]]
# The documents validated so far, by their row (``DOCUMENT_FIELDS`` as read): a run over the
# whole portfolio shares one between its batches (``read_batch``'s ``documents``). The
# province's 1.5 million documents hold some 20,000 distinct rows.
DocumentMemo = dict[tuple[Any, ...], s.Document]
# A shared memo is emptied past this many rows (it never came near on generated data).
DOCUMENT_MEMO_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class ProjectRef:
    """What the catalogue providers read of a project: its id (a model instance of the wide
    project row costs more to make than the whole snapshot)."""

    pk: int


def _in_project_order(model: type[models.Model]) -> list[str]:
    """The model's own ordering with its project by id: within a project the same order as
    ``prefetch_related`` gives (which orders the projects by the project's ordering)."""
    return ["project_id" if name == "project" else name for name in model._meta.ordering or ()]


def _as_read(
    model: type[models.Model], names: Iterable[str], json: frozenset[str] = frozenset()
) -> list[str | Cast]:
    """The columns ``names`` of ``model``, the dates, the amounts (and the JSON facts ``json``)
    as their text: the snapshot's validation parses the dates and the amounts (``Batch.data``
    the JSON, for the projects evaluated), and a digest of the text costs a fraction of one of
    date and ``Decimal`` objects, which the driver would make (some thirty a project) whether
    or not the project is evaluated. The amounts only on PostgreSQL, where the text of a
    ``numeric`` is the very digits the driver makes its ``Decimal`` of (SQLite stores them as
    floating point numbers, which Django rounds to the field's places)."""
    exact = connection.vendor == "postgresql"
    columns: list[str | Cast] = []
    for name in names:
        field = model._meta.get_field(name) if "__" not in name else None
        date = isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
        amount = exact and isinstance(field, models.DecimalField)
        columns.append(Cast(name, TextField()) if date or amount or name in json else name)
    return columns


def _grouped(model: type[models.Model], ids: Sequence[int], columns: tuple[str, ...]) -> Rows:
    """The rows of ``model`` for the projects ``ids``, as tuples of ``columns`` (read as
    ``_as_read`` says) per project id (and perhaps of projects between them, see
    ``covering``)."""
    rows = (
        model._default_manager.filter(covering("project_id", ids))
        .order_by(*_in_project_order(model))
        .values_list("project_id", *_as_read(model, columns))
    )
    found: Rows = defaultdict(list)
    for row in rows:
        found[row[0]].append(row[1:])
    return found


def _co_builders(ids: Sequence[int]) -> dict[int, list[str]]:
    through = Project.co_units.through
    rows = through.objects.filter(covering("project_id", ids)).values_list(
        "project_id", "organisation__name"
    )
    found: dict[int, list[str]] = defaultdict(list)
    for project_id, name in rows:
        found[project_id].append(name)
    return found


def _project_columns() -> list[str | Cast]:
    return _as_read(Project, PROJECT_COLUMNS, JSON_FIELDS)


@dataclass(slots=True)
class Batch:
    """What was read of a batch of projects, as the database gave it (tuples, the JSON facts
    as text): ``facts`` is what a digest covers, ``data`` the snapshot's plain data."""

    as_of: dt.date
    projects: dict[int, tuple[Any, ...]]
    budget_items: Rows
    documents: Rows
    contracts: Rows
    changes: Rows
    systems: Rows
    co_builders: dict[int, list[str]]
    catalogued: dict[int, list[s.System]]
    units: UnitFacts
    # Each distinct document row validated once: a batch's 30,000 documents are a few types
    # on a few hundred days, a third of them distinct (and most of those seen by the run's
    # earlier batches); the parts are frozen, so that the snapshots can share them.
    _documents: DocumentMemo = field(default_factory=dict)

    def facts(self, pk: int) -> tuple[Any, ...]:
        """Everything read of project ``pk`` but the day (the day's own facts, such as the
        catalogue's systems' docking on that day, are read into it)."""
        row = self.projects[pk]
        return (
            row,
            self.budget_items.get(pk),
            self.documents.get(pk),
            self.contracts.get(pk),
            self.changes.get(pk),
            self.systems.get(pk),
            self.co_builders.get(pk),
            # A catalogued system's values (its fields' order is its class's).
            [tuple(system.__dict__.values()) for system in self.catalogued.get(pk, ())],
            self._unit(row),
        )

    def _unit(self, row: tuple[Any, ...]) -> dict[str, Any]:
        unit_id = row[COLUMN["unit_id"]]
        return {
            "budget_unit_count": row[COLUMN["unit__budget_unit_count"]],
            "applications_this_cycle": self.units.applications_for(
                unit_id, row[COLUMN["plan_year"]], row[COLUMN["state"]]
            ),
            "zombie_found_on": self.units.zombies.get(unit_id),
        }

    def data(self, pk: int) -> dict[str, Any]:
        """The snapshot of project ``pk`` as plain data, as ``build_snapshot`` would make it."""
        values = dict(zip(PROJECT_COLUMNS, self.projects[pk], strict=False))
        for name in JSON_FIELDS:
            text = values[name]
            if text is not None:
                values[name] = json.loads(text)
        contracts = _dicts(CONTRACT_COLUMNS, self.contracts.get(pk))
        project = project_data(
            values,
            unit_name=values["unit__name"],
            co_builders=self.co_builders.get(pk, ()),
            budget_items=_dicts(BUDGET_FIELDS, self.budget_items.get(pk)),
            documents=self._validated_documents(pk),
            contract=contracts[0] if contracts else None,
            changes=_dicts(CHANGE_COLUMNS, self.changes.get(pk)),
            systems=_dicts(SYSTEM_FIELDS, self.systems.get(pk)),
            catalogued=self.catalogued.get(pk),
        )
        return {
            "as_of": self.as_of,
            "rulebook": values["rulebook"],
            "project": project,
            "unit": self._unit(self.projects[pk]),
        }

    def _validated_documents(self, pk: int) -> list[s.Document]:
        """The documents of project ``pk`` as the snapshot's validation makes them."""
        found: list[s.Document] = []
        for row in self.documents.get(pk, ()):
            document = self._documents.get(row)
            if document is None:
                document = s.Document.model_validate(dict(zip(DOCUMENT_FIELDS, row, strict=True)))
                self._documents[row] = document
            found.append(document)
        return found


def _dicts(columns: tuple[str, ...], rows: list[tuple[Any, ...]] | None) -> list[dict[str, Any]]:
    # Not ``strict``: the rows were read as these very columns (``_grouped``).
    return [dict(zip(columns, row, strict=False)) for row in rows or ()]


def read_batch(
    ids: Iterable[int],
    *,
    as_of: dt.date,
    units: UnitFacts | None = None,
    documents: DocumentMemo | None = None,
) -> Batch:
    """Read the projects ``ids`` and their parts for their snapshots on the day ``as_of``
    (``units``: the facts of every unit, when the caller read them once for many batches;
    ``documents``: the documents validated by earlier batches, which this one adds to)."""
    ids = sorted(set(ids))
    wanted = set(ids)
    projects = {
        values[0]: values
        for values in Project.objects.filter(covering("pk", ids))
        .order_by("pk")
        .values_list(*_project_columns())
        if values[0] in wanted
    }
    if not projects:
        return Batch(as_of, {}, {}, {}, {}, {}, {}, {}, {}, UnitFacts({}, {}))
    refs = cast(Sequence[Project], [ProjectRef(pk) for pk in projects])
    return Batch(
        as_of=as_of,
        projects=projects,
        budget_items=_grouped(BudgetItem, ids, BUDGET_FIELDS),
        documents=_grouped(Document, ids, DOCUMENT_FIELDS),
        contracts=_grouped(Contract, ids, CONTRACT_COLUMNS),
        changes=_grouped(Change, ids, CHANGE_COLUMNS),
        systems=_grouped(System, ids, SYSTEM_FIELDS),
        co_builders=_co_builders(ids),
        catalogued=catalogue_systems(refs, as_of),
        units=units
        if units is not None
        else unit_facts_for(
            (row[COLUMN["unit_id"]], row[COLUMN["plan_year"]]) for row in projects.values()
        ),
        _documents=_memo(documents),
    )


def _memo(documents: DocumentMemo | None) -> DocumentMemo:
    if documents is None:
        return {}
    if len(documents) > DOCUMENT_MEMO_LIMIT:
        documents.clear()
    return documents


def build_snapshots(ids: Iterable[int], *, as_of: dt.date) -> dict[int, s.Snapshot]:
    """The snapshot of every project of ``ids`` (by id, in id order), as ``build_snapshot``
    makes it for each one on the day ``as_of``."""
    batch = read_batch(ids, as_of=as_of)
    return {pk: s.Snapshot.model_validate(batch.data(pk)) for pk in batch.projects}
