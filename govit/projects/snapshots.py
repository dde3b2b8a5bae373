"""Build the policy engine's snapshot from a stored project (the rules never read the database).

``build_snapshot`` makes at most eight queries for a project loaded bare (unit, budget items,
documents, contract, changes, systems, co-building units, the unit's applications this cycle)
and one when the project comes from ``with_snapshot_parts`` (the applications count), plus
what the catalogue providers ask (one query when the project built no catalogued system).
Many projects at once (``govit tick``) read their units' facts with ``unit_facts``: two
queries for a whole batch instead of two per project; ``snapshot_batch.build_snapshots``
builds a whole batch's snapshots from plain rows, equal to what ``build_snapshot`` makes.

The systems a project built or changed, as the information-system catalogue knows them (with
the facts its registers decide), join the project's own list of systems: a catalogued system
replaces the declared one of the same name (keeping the facts only the project declares), so
that ``govit check --project`` and a system's O&M funding decision read the same facts. The
catalogue registers the provider (``register_catalogue``); ``projects`` does not import it.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Count, Prefetch
from django.utils import timezone

from govit.policy.engine import snapshot as s
from govit.projects.models import Project

# Project fields copied as they are (the model uses the snapshot's names and values).
PLAIN_FIELDS = (
    "classified",
    "emergency",
    "simple",
    "superior_approved",
    "cross_department",
    "uses_third_party_system",
    "in_annual_plan",
    "in_library",
    "plan_year",
    "investment",
    "approved_estimate",
    "om_years_included",
    "bulk_update_procurement",
    "funding_sources",
    "features",
    "gov_cloud",
    "shares_data",
    "duplicates_existing",
    "catalog_registered",
    "safe_reliable_products",
    "submitted_on",
    "review_submitted_on",
    "review_replied_on",
    "approved_on",
    "construction_started_on",
    "supervision",
    "supervision_filed_on",
    "completed_on",
    "initial_acceptance_on",
    "trial_run_started_on",
    "data_collected",
    "platform_docked",
    "acceptance_confirmed",
    "acceptance_applied_on",
    "accepted_on",
    "acceptance_passed",
    "acceptance_filed_on",
    "finance_notified_on",
    "remaining_payment_made",
    "paid_before_approval",
    "surplus",
    "surplus_returned",
    "assets_booked_on",
    "operation_started_on",
    "annual_reports",
    "self_evaluated_on",
    "post_evaluated_on",
    "in_application_plan",
    "pre_reviewed",
    "government_agreed_on",
    "new_platform",
    "private_network_consented",
    "complex_project",
    "drills",
    "incidents",
    "rectification_due_on",
    "rectified_on",
    "mandated",
    "frequent_upgrade",
    "docking_design",
    "third_party_testing",
    "correction_due_on",
    "resubmitted_on",
    "data_graded",
    "data_listed",
    "sharing_catalog_compiled",
    "open_catalog_compiled",
    "opens_data",
    "open_data_desensitised",
    "inspection_issues",
    "security_tests_on",
)
# Facts that follow from the project's units: the unit leads, the co-building units build with
# it (the snapshot names them; the project stores the organisations).
DERIVED_FIELDS = ("lead_department", "co_builders")
# Text fields where an empty string means "not given".
OPTIONAL_TEXT_FIELDS = ("kind", "level", "investment_code")

CONTRACT_FIELDS = (
    "amount",
    "signed_on",
    "filed_on",
    "parties",
    "ip_owned_by_unit",
    "security_testing_clause",
    "emergency_response_clause",
    "deliverables_clause",
)
BUDGET_FIELDS = ("name", "category", "amount")
DOCUMENT_FIELDS = ("type", "date", "approved", "reviewed")
CHANGE_FIELDS = ("amount", "on", "goal_changed", "exceeds_estimate", "approved", "significant")
# What the snapshot reads of a contract and of a change (the fields and an optional text).
CONTRACT_COLUMNS = (*CONTRACT_FIELDS, "procurement_method")
CHANGE_COLUMNS = (*CHANGE_FIELDS, "reason")
SYSTEM_FIELDS = (
    "name",
    "in_catalog",
    "docked",
    "in_data_catalog",
    "shares_data",
    "duplicate_collection",
    "security_compliant",
    "crypto_compliant",
    "major_hazard",
    "on_gov_cloud",
    "negative_list_approved",
    "approval_system",
)
# System facts only the systems catalogue knows (its O&M funding check fills them from the
# evaluation app); a project's own list of systems leaves them unknown.
SYSTEM_FIELDS_FROM_CATALOGUE = ("evaluation_year", "evaluation_grade")


# The catalogue's systems per project id (the systems app registers one provider). A provider
# reads only the projects' ``pk``: ``govit tick`` hands it light stand-ins
# (``snapshot_batch.ProjectRef``), not model instances.
CatalogueProvider = Callable[[Sequence[Project], dt.date], dict[int, list[s.System]]]
_catalogue_providers: list[CatalogueProvider] = []


def register_catalogue(provider: CatalogueProvider) -> None:
    if provider not in _catalogue_providers:
        _catalogue_providers.append(provider)


def catalogue_systems(projects: Sequence[Project], as_of: dt.date) -> dict[int, list[s.System]]:
    """Per project id, the catalogued systems it built or changed, with their current facts."""
    found: dict[int, list[s.System]] = {}
    for provider in _catalogue_providers:
        for project_id, systems in provider(projects, as_of).items():
            found.setdefault(project_id, []).extend(systems)
    return found


def merge_systems(declared: list[s.System], catalogued: list[s.System]) -> list[s.System]:
    """The project's systems: a catalogued one replaces the declared one of its name, keeping
    what only the project declares (negative list approval, approval system)."""
    by_name = {system.name: system for system in catalogued}
    merged: list[s.System] = []
    for system in declared:
        known = by_name.pop(system.name, None)
        if known is None:
            merged.append(system)
            continue
        kept = {
            name: getattr(system, name)
            for name in ("negative_list_approved", "approval_system")
            if getattr(known, name) is None
        }
        merged.append(known.model_copy(update=kept))
    return merged + list(by_name.values())


# The order of each part within its project. The models' own orderings start with the project,
# which joins the projects table to sort by its creation: wasted for the parts of given projects
# (a tenth of the project page's reading, issue #9).
PART_ORDERS = {
    "budget_items": ("position", "id"),
    "documents": ("type", "-date", "id"),
    "changes": ("on", "id"),
    "systems": ("name", "id"),
}


def with_snapshot_parts(queryset: models.QuerySet[Project]) -> models.QuerySet[Project]:
    """Load what ``build_snapshot`` reads along with the projects."""
    parts = [
        Prefetch(name, queryset=_related_model(name)._default_manager.order_by(*order))
        for name, order in PART_ORDERS.items()
    ]
    return queryset.select_related("unit", "contract").prefetch_related(*parts, "co_units")


def _related_model(name: str) -> type[models.Model]:
    """The model of the project's reverse relation ``name`` (documents: without importing
    the documents app, which depends on this one)."""
    return Project._meta.get_field(name).related_model  # type: ignore[return-value]


def _values(obj: models.Model, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _or_none(value: str) -> str | None:
    return value or None


def applications_this_cycle(project: Project) -> int | None:
    """The unit's applications for the project's plan year, this one included (drafts of
    other projects are not applications yet)."""
    if project.plan_year is None:
        return None
    others = (
        Project.objects.filter(unit_id=project.unit_id, plan_year=project.plan_year)
        .exclude(state="draft")
        .exclude(pk=project.pk)
        .count()
    )
    return others + 1


def zombie_found_on(unit_id: int) -> dt.date | None:
    """The day a system of the unit was last confirmed a zombie (Kaihua 第三条 bars the unit
    from applying for a while). The systems catalogue decides it; it is read here, at call
    time, so that ``projects`` does not import ``systems`` when it loads."""
    from govit.systems.selectors import zombie_found_on as found_on

    return found_on(unit_id)


@dataclass(frozen=True)
class UnitFacts:
    """The unit facts of many projects, read in two queries (see ``unit_facts``)."""

    applications: dict[tuple[int, int], int]
    zombies: dict[int, dt.date]

    def applications_this_cycle(self, project: Project) -> int | None:
        return self.applications_for(project.unit_id, project.plan_year, project.state)

    def applications_for(self, unit_id: int, plan_year: int | None, state: str) -> int | None:
        """``applications_this_cycle`` of a project of the unit, plan year and state."""
        if plan_year is None:
            return None
        others = self.applications.get((unit_id, plan_year), 0)
        # The count holds the project itself unless it is a draft; it counts once either way.
        return others - (state != "draft") + 1


def unit_facts(projects: Sequence[Project]) -> UnitFacts:
    """What ``applications_this_cycle`` and ``zombie_found_on`` answer, for every project of
    ``projects`` at once."""
    return unit_facts_for((project.unit_id, project.plan_year) for project in projects)


def unit_facts_for(units_and_years: Iterable[tuple[int, int | None]]) -> UnitFacts:
    """``unit_facts`` of projects given as (unit id, plan year) pairs."""
    from govit.systems.selectors import zombies_found_on

    unit_ids: set[int] = set()
    years: set[int] = set()
    for unit_id, year in units_and_years:
        unit_ids.add(unit_id)
        if year is not None:
            years.add(year)
    applications = _applications(Project.objects.filter(unit_id__in=unit_ids, plan_year__in=years))
    return UnitFacts(applications=applications, zombies=zombies_found_on(unit_ids))


def every_unit_facts() -> UnitFacts:
    """``unit_facts`` of every unit, in two queries: for a run over the whole portfolio, where
    each batch of projects would otherwise ask again about most units."""
    from govit.systems.selectors import zombies_found_on

    applications = _applications(Project.objects.filter(plan_year__isnull=False))
    return UnitFacts(applications=applications, zombies=zombies_found_on(None))


def _applications(projects: models.QuerySet[Project]) -> dict[tuple[int, int], int]:
    rows = (
        projects.exclude(state="draft")
        .values("unit_id", "plan_year")
        .annotate(count=Count("id"))
        .values_list("unit_id", "plan_year", "count")
    )
    return {(unit, year): count for unit, year, count in rows if year is not None}


_plain_values = operator.itemgetter(*PLAIN_FIELDS)


def project_data(
    values: dict[str, Any],
    *,
    unit_name: str,
    co_builders: Iterable[str],
    budget_items: list[dict[str, Any]],
    documents: list[dict[str, Any]] | list[s.Document],
    contract: dict[str, Any] | None,
    changes: list[dict[str, Any]],
    systems: list[dict[str, Any]],
    catalogued: list[s.System] | None,
) -> dict[str, Any]:
    """The project part of the snapshot as plain data, from the project's stored values
    (``PLAIN_FIELDS``, ``OPTIONAL_TEXT_FIELDS``, ``name``, ``state``) and its parts' (the
    ``*_FIELDS`` of each, dicts that this function may change). The one place that says how the
    stored project becomes the snapshot's: ``project_facts`` (one project) and
    ``snapshot_batch`` (a batch of rows) both call it."""
    data = dict(zip(PLAIN_FIELDS, _plain_values(values), strict=False))
    for name in OPTIONAL_TEXT_FIELDS:
        data[name] = values[name] or None
    data["name"] = values["name"]
    data["stage"] = values["state"]
    data["lead_department"] = unit_name
    data["co_builders"] = sorted(co_builders) or None
    data["budget_items"] = budget_items
    data["documents"] = documents
    if contract is not None:
        contract["procurement_method"] = contract["procurement_method"] or None
        data["contract"] = contract
    for change in changes:
        change["reason"] = change["reason"] or None
    data["changes"] = changes
    data["systems"] = (
        merge_systems([s.System.model_validate(one) for one in systems], catalogued)
        if catalogued
        else systems
    )
    return data


def project_facts(project: Project, catalogued: list[s.System] | None = None) -> s.Project:
    """The project part of the snapshot (``catalogued``: the catalogue's systems of it)."""
    contract = getattr(project, "contract", None)
    data = project_data(
        _values(project, (*PLAIN_FIELDS, *OPTIONAL_TEXT_FIELDS, "name", "state")),
        unit_name=project.unit.name,
        co_builders=(unit.name for unit in project.co_units.all()),
        budget_items=[_values(item, BUDGET_FIELDS) for item in project.budget_items.all()],
        documents=[_values(doc, DOCUMENT_FIELDS) for doc in project.documents.all()],
        contract=None if contract is None else _values(contract, CONTRACT_COLUMNS),
        changes=[_values(change, CHANGE_COLUMNS) for change in project.changes.all()],
        systems=[_values(system, SYSTEM_FIELDS) for system in project.systems.all()],
        catalogued=catalogued,
    )
    return s.Project.model_validate(data)


def build_snapshot(
    project: Project,
    *,
    as_of: dt.date | None = None,
    catalogued: list[s.System] | None = None,
    units: UnitFacts | None = None,
) -> s.Snapshot:
    """Everything the rules read about ``project``, its unit and the day of the check.

    ``catalogued`` are the catalogue's systems of the project and ``units`` the unit facts
    when the caller read them for a batch (``catalogue_systems``, ``unit_facts``); else they
    are looked up here."""
    unit = project.unit
    day = as_of or timezone.localdate()
    if catalogued is None:
        catalogued = catalogue_systems([project], day).get(project.pk, [])
    if units is not None:
        applications = units.applications_this_cycle(project)
        zombie_on = units.zombies.get(unit.pk)
    else:
        applications = applications_this_cycle(project)
        zombie_on = zombie_found_on(unit.pk)
    return s.Snapshot(
        as_of=day,
        rulebook=project.rulebook,
        project=project_facts(project, catalogued),
        unit=s.Unit(
            budget_unit_count=unit.budget_unit_count,
            applications_this_cycle=applications,
            zombie_found_on=zombie_on,
        ),
    )
