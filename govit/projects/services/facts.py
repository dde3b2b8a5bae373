"""Create a project and edit its facts: one transaction and one audit event each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.admin_base import snapshot_of
from govit.orgs.models import Organisation, User
from govit.policy import loader
from govit.policy.engine import stages
from govit.projects import choices, policies
from govit.projects.errors import NotPermitted
from govit.projects.models import (
    BudgetItem,
    Change,
    CodeSequence,
    Contract,
    Project,
    StateChange,
    System,
)
from govit.projects.models.history import CREATE
from govit.projects.models.project import LIFECYCLE_FIELDS

# Facts a person may give or edit; the lifecycle fields are set by the steps only.
EDITABLE_FIELDS = tuple(
    field.name
    for field in Project._meta.concrete_fields
    if field.editable
    and field.name not in ("id", "unit", "created_by", "created_at", "updated_at")
    and field.name not in LIFECYCLE_FIELDS
)
CONTRACT_INPUT = (
    "amount",
    "signed_on",
    "filed_on",
    "parties",
    "procurement_method",
    "ip_owned_by_unit",
    "security_testing_clause",
    "emergency_response_clause",
    "deliverables_clause",
)
CHANGE_INPUT = (
    "description",
    "amount",
    "reason",
    "on",
    "goal_changed",
    "exceeds_estimate",
    "approved",
    "significant",
)
SYSTEM_INPUT = tuple(
    f.name for f in System._meta.concrete_fields if f.name not in ("id", "project")
)
# Code prefixes of the shipped rulebooks: WH-2026-0001.
CODE_PREFIXES = {"wuhan": "WH", "kaihua": "KH", "gaoping": "GP", "harbin": "HEB", "bijie": "BJ"}


@dataclass(frozen=True)
class BudgetLine:
    """A budget item as given by a form or the API."""

    name: str
    category: str
    amount: Decimal


def next_code(rulebook_id: str, year: int) -> str:
    """The next project code for a rulebook and year (a locked counter: never a repeat)."""
    prefix = CODE_PREFIXES.get(rulebook_id, rulebook_id[:3].upper())
    key = f"{prefix}-{year}"
    sequence, _created = CodeSequence.objects.select_for_update().get_or_create(key=key)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{key}-{sequence.last:04d}"


def _check_fields(given: Iterable[str], allowed: Sequence[str]) -> None:
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise ValidationError({name: _("This fact cannot be set here.") for name in unknown})


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    return ValidationError(
        {f"{prefix}{field}": messages for field, messages in error.message_dict.items()}
    )


def _budget_items(project: Project, lines: Sequence[BudgetLine]) -> list[BudgetItem]:
    items = []
    for position, line in enumerate(lines):
        item = BudgetItem(
            project=project,
            position=position,
            name=line.name,
            category=line.category,
            amount=line.amount,
        )
        try:
            item.full_clean(exclude=["project"])
        except ValidationError as exc:
            raise _prefixed(exc, f"budget_items.{position}.") from None
        items.append(item)
    return items


def _check_funding_scope(project: Project, items: Sequence[BudgetItem]) -> None:
    """After approval the rules no longer stop a step for a budget item outside the funding
    scope (Bijie 第十一条 blocks up to approval), so a line of an excluded category added then
    is refused here, with the article; lines kept as they were stay (the rule may be newer)."""
    if project.approved_on is None and not stages.reached(project.state, "approved"):
        return
    entries = [e for e in loader.get(project.rulebook).entries if e.rule == "excluded_budget_items"]
    if not entries:
        return
    kept = set(project.budget_items.values_list("name", "category", "amount"))
    names = dict(choices.BUDGET_CATEGORIES)
    errors: dict[str, list[str]] = {}
    for entry in entries:
        categories = set(getattr(entry.params, "categories", ()))
        for item in items:
            if item.category in categories and (item.name, item.category, item.amount) not in kept:
                errors.setdefault(f"budget_items.{item.position}.category", []).append(
                    _(
                        "%(article)s: %(category)s is outside the funding scope of the project "
                        "and is paid from the unit's usual channels."
                    )
                    % {
                        "article": entry.article,
                        "category": names.get(item.category, item.category),
                    }
                )
    if errors:
        raise ValidationError(errors)


def _children(
    project: Project,
    model: type[Change] | type[System],
    rows: Sequence[Mapping[str, Any]],
    allowed: Sequence[str],
    prefix: str,
) -> list[Any]:
    objects = []
    for position, row in enumerate(rows):
        _check_fields(row, allowed)
        obj = model(project=project, **row)
        try:
            obj.full_clean(exclude=["project"])
        except ValidationError as exc:
            raise _prefixed(exc, f"{prefix}.{position}.") from None
        objects.append(obj)
    return objects


def _save_contract(project: Project, values: Mapping[str, Any]) -> None:
    _check_fields(values, CONTRACT_INPUT)
    contract = Contract.objects.filter(project=project).first() or Contract(project=project)
    for name, value in values.items():
        setattr(contract, name, value)
    try:
        contract.full_clean(exclude=["project"])
    except ValidationError as exc:
        raise _prefixed(exc, "contract.") from None
    contract.save()


@transaction.atomic
def project_create(
    *,
    actor: User,
    unit: Organisation,
    name: str,
    facts: Mapping[str, Any] | None = None,
    budget_items: Sequence[BudgetLine] = (),
    co_units: Iterable[Organisation] = (),
) -> Project:
    """Register a new project of ``unit`` in the deployment's rulebook, as a draft."""
    if not policies.project_create(actor, unit):
        raise NotPermitted(_("Only a member of the project unit can create its projects."))
    facts = dict(facts or {})
    _check_fields(facts, [name for name in EDITABLE_FIELDS if name != "name"])
    rulebook = loader.get(settings.GOVIT_RULEBOOK)
    project = Project(
        name=name,
        unit=unit,
        rulebook=rulebook.id,
        state=rulebook.spec.initial,
        created_by=actor,
        **facts,
    )
    year = project.plan_year or timezone.localdate().year
    project.code = next_code(rulebook.id, year)
    project.full_clean(exclude=["co_units"])
    items = _budget_items(project, budget_items)
    project.save()
    for item in items:
        item.project = project
    BudgetItem.objects.bulk_create(items)
    co_unit_list = [u for u in co_units if u.pk != unit.pk]
    if co_unit_list:
        project.co_units.set(co_unit_list)
    StateChange.objects.create(
        project=project,
        from_state="",
        to_state=project.state,
        transition=CREATE,
        actor=actor,
        at=timezone.now(),
    )
    after = snapshot_of(project)
    after["budget_items"] = [(i.name, i.category, i.amount) for i in items]
    audit.record(actor=actor, action="project.create", obj=project, after=after)
    return project


@transaction.atomic
def project_update(
    *,
    actor: User,
    project: Project,
    facts: Mapping[str, Any] | None = None,
    budget_items: Sequence[BudgetLine] | None = None,
    co_units: Iterable[Organisation] | None = None,
    contract: Mapping[str, Any] | None = None,
    changes: Sequence[Mapping[str, Any]] | None = None,
    systems: Sequence[Mapping[str, Any]] | None = None,
) -> Project:
    """Change the facts of a project; a part given (budget, changes, systems) replaces the
    stored one, a part not given is kept."""
    locked = Project.objects.select_for_update().select_related("unit").get(pk=project.pk)
    # The permission is checked against the row as it is now (its state may have moved on).
    if not policies.project_update(actor, locked):
        raise NotPermitted(
            _("This project cannot be edited by you in its present state (%(state)s).")
            % {"state": locked.get_state_display()}
        )
    facts = dict(facts or {})
    _check_fields(facts, EDITABLE_FIELDS)
    before = snapshot_of(locked)
    changed = [name for name, value in facts.items() if getattr(locked, name) != value]
    for name in changed:
        setattr(locked, name, facts[name])
    locked.full_clean(exclude=["co_units"])
    after: dict[str, Any] = {}
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])
        after.update(audit.to_json_value({name: getattr(locked, name) for name in changed}))
    if budget_items is not None:
        items = _budget_items(locked, budget_items)
        _check_funding_scope(locked, items)
        before["budget_items"] = audit.to_json_value(
            list(locked.budget_items.values_list("name", "category", "amount"))
        )
        locked.budget_items.all().delete()
        BudgetItem.objects.bulk_create(items)
        after["budget_items"] = audit.to_json_value([(i.name, i.category, i.amount) for i in items])
    if co_units is not None:
        units = [u for u in co_units if u.pk != locked.unit_id]
        locked.co_units.set(units)
        after["co_units"] = sorted(u.pk for u in units)
    if contract is not None:
        _save_contract(locked, contract)
        after["contract"] = audit.to_json_value(dict(contract))
    if changes is not None:
        rows = _children(locked, Change, changes, CHANGE_INPUT, "changes")
        locked.changes.all().delete()
        Change.objects.bulk_create(rows)
        after["changes"] = len(rows)
    if systems is not None:
        rows = _children(locked, System, systems, SYSTEM_INPUT, "systems")
        locked.systems.all().delete()
        System.objects.bulk_create(rows)
        after["systems"] = len(rows)
    if after and not changed:
        locked.save(update_fields=["updated_at"])
    if after:
        audit.record(
            actor=actor,
            action="project.update",
            obj=locked,
            before={name: before.get(name) for name in after},
            after=after,
        )
    return locked
