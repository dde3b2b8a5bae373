"""O&M funding per system: the active rulebook's ``om_funding`` decision for that system alone.

A minimal O&M project snapshot carries the one system with its catalogue facts; the rulebook's
funding rules decide ``om_funding`` and explain it with findings that cite their articles.
The last decision is stored on the system so that lists can filter on it. The owner unit's
evaluation result (from the evaluation app's provider) goes into the snapshot as a basis
(Harbin 第三十四条, Wuhan 第二十三条); the result shows which one was used and under which article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from django.db import transaction
from django.utils import timezone

from govit.core import audit
from govit.core.calendar import WorkCalendar
from govit.core.queries import covering
from govit.orgs.models import User
from govit.policy import loader
from govit.policy.articles import parse_article_ref
from govit.policy.engine.compiled import Entry
from govit.policy.engine.results import Finding
from govit.policy.engine.snapshot import Project, Snapshot, Unit
from govit.policy.engine.snapshot import System as SystemFacts
from govit.projects.models import Project as ProjectModel
from govit.systems import facts
from govit.systems.choices import RETIRED_STATUSES, OmFunding
from govit.systems.facts import DERIVED_FIELDS, DOCKING_FIELDS, EvaluationFact, Facts
from govit.systems.models import System
from govit.systems.selectors import zombie_found_on, zombies_found_on

# The registered rules whose findings explain an O&M funding decision.
FUNDING_RULES = frozenset(
    {"om_funding_systems", "om_funding_needs_acceptance_filing", "om_funding_evaluation_basis"}
)
# The rule that reads the owner unit's evaluation result.
EVALUATION_RULE = "om_funding_evaluation_basis"
# What a recompute writes on every system, and the systems recomputed per transaction.
FUNDING_FIELDS = ("om_funding", "om_funding_article", "om_funding_checked_at")
BATCH = 500


@dataclass(frozen=True)
class Reason:
    """A finding of a funding rule, with the article it cites and where to read it."""

    message: str
    severity: str
    article: str
    quote: str
    article_number: int | None

    @property
    def link(self) -> str | None:
        return None if self.article_number is None else f"{self.article_number}/"


@dataclass(frozen=True)
class FundingResult:
    """The decision for one system, the article that decides it and the reasons."""

    decision: str
    rulebook: str
    article: str = ""
    quote: str = ""
    reasons: list[Reason] = field(default_factory=list)
    # The evaluation result the rulebook read, and the finding that cites its article.
    evaluation: EvaluationFact | None = None
    evaluation_reason: Reason | None = None

    @property
    def article_number(self) -> int | None:
        return _number(self.article)


def _number(article: str) -> int | None:
    try:
        return parse_article_ref(article) if article else None
    except (KeyError, ValueError):
        return None


Acceptance = tuple[dt.date | None, dt.date | None]


def acceptances(systems: Sequence[System]) -> dict[int, Acceptance]:
    """Per system, the acceptance of the projects that built it: the first accepted project
    whose acceptance was not filed, else the latest filed one (Gaoping 第二十条)."""
    codes = {code for system in systems for code in system.project_code_list}
    if not codes:
        return {}
    rows = {
        code: (accepted, filed)
        for code, accepted, filed in ProjectModel.objects.filter(
            code__in=codes, accepted_on__isnull=False
        ).values_list("code", "accepted_on", "acceptance_filed_on")
    }
    found: dict[int, Acceptance] = {}
    for system in systems:
        linked = [rows[code] for code in system.project_code_list if code in rows]
        if not linked:
            continue
        unfiled = [row for row in linked if row[1] is None]
        found[system.pk] = (
            unfiled[0] if unfiled else max(linked, key=lambda row: row[0] or dt.date.min)
        )
    return found


def engine_facts(
    system: System | SystemRow,
    *,
    derived: Facts | None = None,
    evaluation: EvaluationFact | None = None,
) -> SystemFacts:
    """What the rules read about a catalogued system: the declared facts, overlaid by what the
    registers decide (``derived``), and the owner unit's evaluation result."""
    known: dict[str, bool | None] = {name: getattr(system, name) for name in DERIVED_FIELDS}
    known.update(derived or {})
    docked = known.pop("docked_service_platform")
    for name in DOCKING_FIELDS:
        known.pop(name, None)
    return SystemFacts(
        name=system.name,
        in_catalog=True,
        docked=docked,
        on_gov_cloud=system.on_gov_cloud,
        evaluation_year=evaluation.year if evaluation else None,
        evaluation_grade=evaluation.grade if evaluation else None,
        **known,
    )


@dataclass(frozen=True, slots=True)
class SystemRow:
    """What a project's snapshot reads of a catalogued system (``engine_facts``) and what the
    facts providers read of it (``pk``, ``unit_id``), read as a row: a model instance of the
    wide system row cost more than the rest of the system's facts."""

    pk: int
    unit_id: int
    name: str
    on_gov_cloud: bool
    shares_data: bool | None
    duplicate_collection: bool | None
    in_data_catalog: bool | None
    security_compliant: bool | None
    crypto_compliant: bool | None
    major_hazard: bool | None
    docked_service_platform: bool
    docked_data_platform: bool


SYSTEM_ROW_COLUMNS = tuple(
    f"system__{'id' if name == 'pk' else name}" for name in SystemRow.__dataclass_fields__
)


def project_systems(
    projects: Sequence[ProjectModel], as_of: dt.date
) -> dict[int, list[SystemFacts]]:
    """The provider of the projects' snapshots: per project id, the catalogued systems it built
    or changed that are still decided (not closed or migrated), with the facts their O&M
    funding decision reads, so that ``govit check`` on the project agrees with it."""
    ids = sorted(project.pk for project in projects)
    wanted = set(ids)
    links = [
        (row[0], SystemRow(*row[1:]))
        for row in System.projects.through.objects.filter(covering("project_id", ids))
        .exclude(system__status__in=RETIRED_STATUSES)
        .order_by("system__name", "system_id")
        .values_list("project_id", *SYSTEM_ROW_COLUMNS)
        if row[0] in wanted
    ]
    if not links:
        return {}
    # The providers read only the systems' ``pk`` and ``unit_id``.
    systems = cast(list[System], list({system.pk: system for _, system in links}.values()))
    derived = facts.derived(systems, as_of)
    evaluated = facts.evaluations(systems, as_of)
    found: dict[int, list[SystemFacts]] = {}
    for project_id, system in links:
        found.setdefault(project_id, []).append(
            engine_facts(
                system,
                derived=derived.get(system.pk),
                evaluation=evaluated.get(system.pk),
            )
        )
    return found


def system_snapshot(
    system: System,
    *,
    as_of: dt.date,
    rulebook: str,
    derived: Facts | None = None,
    acceptance: Acceptance = (None, None),
    evaluation: EvaluationFact | None = None,
    zombies: dict[int, dt.date] | None = None,
) -> Snapshot:
    """A minimal O&M project snapshot containing this one system and its unit's history.

    ``derived`` are the facts the registers decide (they win over the declared ones);
    ``acceptance`` is the acceptance day and its filing day of the project that built it;
    ``evaluation`` is the owner unit's latest evaluation result; ``zombies`` the units' last
    confirmed zombie day when the caller read them for a batch (else looked up here)."""
    system_facts = engine_facts(system, derived=derived, evaluation=evaluation)
    project = Project(
        name=f"{system.name}运维",
        kind="om",
        stage="operation",
        gov_cloud=system.on_gov_cloud,
        shares_data=system_facts.shares_data,
        catalog_registered=True,
        accepted_on=acceptance[0],
        acceptance_filed_on=acceptance[1],
        systems=[system_facts],
    )
    return Snapshot(
        as_of=as_of,
        rulebook=rulebook,
        project=project,
        unit=Unit(
            zombie_found_on=zombie_found_on(system.unit_id)
            if zombies is None
            else zombies.get(system.unit_id)
        ),
    )


def om_funding_evaluate(
    system: System,
    *,
    rulebook: loader.LoadedRulebook | None = None,
    calendar: WorkCalendar | None = None,
    as_of: dt.date | None = None,
    derived: Facts | None = None,
    acceptance: Acceptance | None = None,
    evaluations: dict[int, EvaluationFact] | None = None,
    zombies: dict[int, dt.date] | None = None,
) -> FundingResult:
    """Evaluate the rulebook over the system's snapshot; keep the funding rules' answer.

    ``evaluations`` are the evaluation providers' answers and ``zombies`` the units' zombie days
    for a batch that holds the system (looked up for this system alone when not given)."""
    book = rulebook or loader.active()
    day = as_of or timezone.localdate()
    if system.status in RETIRED_STATUSES:
        return FundingResult(decision=OmFunding.UNDETERMINED, rulebook=book.id)
    if derived is None:
        derived = facts.derived([system], day).get(system.pk, {})
    if acceptance is None:
        acceptance = acceptances([system]).get(system.pk, (None, None))
    if evaluations is None:
        evaluations = facts.evaluations([system], day)
    evaluation = evaluations.get(system.pk)
    snapshot = system_snapshot(
        system,
        as_of=day,
        rulebook=book.id,
        derived=derived,
        acceptance=acceptance,
        evaluation=evaluation,
        zombies=zombies,
    )
    result = (
        book.evaluate(snapshot, as_of=day, calendar=calendar)
        if calendar is not None
        else book.evaluate(snapshot, as_of=day)
    )
    funding_entries = {entry.id for entry in book.entries if _funding_entry(entry)}
    evaluation_entries = {entry.id for entry in book.entries if entry.rule == EVALUATION_RULE}
    reasons = [_reason(f) for f in result.findings if f.rule in funding_entries]
    used = [_reason(f) for f in result.findings if f.rule in evaluation_entries]
    basis = evaluation if used else None
    basis_reason = used[0] if used else None
    decided = result.decisions.get("om_funding")
    if decided is None:
        return FundingResult(
            decision=OmFunding.UNDETERMINED,
            rulebook=book.id,
            reasons=reasons,
            evaluation=basis,
            evaluation_reason=basis_reason,
        )
    value = OmFunding.WITHHELD if decided.value == "withheld" else OmFunding.ELIGIBLE
    return FundingResult(
        decision=value,
        rulebook=book.id,
        article=decided.article,
        quote=decided.quote,
        reasons=reasons,
        evaluation=basis,
        evaluation_reason=basis_reason,
    )


def _funding_entry(entry: Entry) -> bool:
    """A funding rule, or a rule whose consequence is the O&M funding (Gaoping 第十一条:
    a system not docked with the service system)."""
    return entry.rule in FUNDING_RULES or (
        getattr(entry.params, "consequence", None) == "om_funding"
    )


def _reason(finding: Finding) -> Reason:
    return Reason(
        message=finding.message,
        severity=finding.severity,
        article=finding.article,
        quote=finding.quote,
        article_number=_number(finding.article),
    )


def _apply(
    system: System, result: FundingResult, derived: Facts
) -> tuple[list[str], audit.Entry | None]:
    """Set the decision and the facts the registers decided on ``system`` (not saved): the
    fields that changed, and the audit entry when the decision changed (else None)."""
    entry = None
    if (system.om_funding, system.om_funding_article) != (result.decision, result.article):
        entry = audit.Entry(
            action="system.om_funding",
            obj=system,
            before={"om_funding": system.om_funding, "article": system.om_funding_article},
            after={"om_funding": result.decision, "article": result.article},
        )
    updated = [name for name, value in derived.items() if getattr(system, name) != value]
    for name in updated:
        setattr(system, name, derived[name])
    system.om_funding = result.decision
    system.om_funding_article = result.article
    return updated, entry


@transaction.atomic
def system_recompute_funding(
    *,
    actor: User | None,
    system: System,
    rulebook: loader.LoadedRulebook | None = None,
    as_of: dt.date | None = None,
    derived: Facts | None = None,
    acceptance: Acceptance | None = None,
    evaluations: dict[int, EvaluationFact] | None = None,
) -> FundingResult:
    """Store the system's current O&M funding decision and the facts the registers decided;
    audit it when the decision changes."""
    day = as_of or timezone.localdate()
    if derived is None:
        derived = facts.derived([system], day).get(system.pk, {})
    result = om_funding_evaluate(
        system,
        rulebook=rulebook,
        as_of=day,
        derived=derived,
        acceptance=acceptance,
        evaluations=evaluations,
    )
    updated, entry = _apply(system, result, derived)
    system.om_funding_checked_at = timezone.now()
    system.save(update_fields=[*FUNDING_FIELDS, *updated])
    if entry is not None:
        audit.record_many(actor=actor, entries=[entry])
    return result


def systems_recompute(
    *, actor: User | None, rulebook: loader.LoadedRulebook | None = None, batch: int = BATCH
) -> dict[str, int]:
    """Recompute every system's O&M funding decision; count the systems per decision.

    Per batch of ``batch`` systems, a fixed number of queries: the facts, acceptances,
    evaluations and zombie days read once, the changed systems written with one
    ``bulk_update``, the checked time of all with one ``update``, one audit event per changed
    decision appended with ``audit.record_many``."""
    book = rulebook or loader.active()
    counts: dict[str, int] = dict.fromkeys(OmFunding.values, 0)
    today = timezone.localdate()
    ids = list(System.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            systems = list(System.objects.filter(id__in=ids[start : start + batch]).order_by("id"))
            for decision in _recompute_batch(actor, book, systems, today):
                counts[decision] += 1
    return counts


def _recompute_batch(
    actor: User | None, book: loader.LoadedRulebook, systems: list[System], today: dt.date
) -> list[str]:
    """Decide and store a batch of systems (in the caller's transaction); their decisions."""
    known = facts.derived(systems, today)
    accepted = acceptances(systems)
    evaluated = facts.evaluations(systems, today)
    zombies = zombies_found_on({system.unit_id for system in systems})
    changed: list[System] = []
    fields: set[str] = set()
    entries: list[audit.Entry] = []
    decisions: list[str] = []
    for system in systems:
        derived = known.get(system.pk, {})
        result = om_funding_evaluate(
            system,
            rulebook=book,
            as_of=today,
            derived=derived,
            acceptance=accepted.get(system.pk, (None, None)),
            evaluations=evaluated,
            zombies=zombies,
        )
        updated, entry = _apply(system, result, derived)
        if updated or entry is not None:
            changed.append(system)
            fields.update(updated)
        if entry is not None:
            entries.append(entry)
        decisions.append(result.decision)
    if changed:
        fields.update(("om_funding", "om_funding_article"))
        System.objects.bulk_update(changed, sorted(fields))
    now = timezone.now()
    System.objects.filter(id__in=[system.pk for system in systems]).update(
        om_funding_checked_at=now
    )
    for system in systems:
        system.om_funding_checked_at = now
    audit.record_many(actor=actor, entries=entries)
    return decisions


def tick() -> str:
    """The daily job: recompute and store every system's O&M funding decision."""
    counts = systems_recompute(actor=None)
    return "O&M funding recomputed: " + ", ".join(f"{k} {v}" for k, v in counts.items())
