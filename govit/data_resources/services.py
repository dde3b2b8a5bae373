"""Writes of the data-resource catalogue: one transaction and one audit event each."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.data_resources import grading, policies
from govit.data_resources.choices import (
    EDITABLE_STATUSES,
    OPEN_TYPES,
    ResourceStatus,
)
from govit.data_resources.errors import NotAllowed, Refused
from govit.data_resources.models import DataItem, DataResource, StatusChange
from govit.orgs.models import User

EDITABLE_FIELDS = (
    "classification",
    "name",
    "code",
    "unit",
    "summary",
    "format",
    "sharing_type",
    "sharing_condition",
    "no_sharing_basis",
    "sharing_method",
    "open_type",
    "open_condition",
    "desensitised",
    "update_cycle",
    "released_on",
    "related_codes",
    "source_system",
    "data_owner",
    "data_listed",
)

# Who moves an entry where: the unit compiles and submits, the competent department reviews
# (approves or returns), publishes and withdraws; the unit may withdraw its own entry too.
TRANSITIONS: dict[str, frozenset[str]] = {
    ResourceStatus.DRAFT: frozenset({ResourceStatus.SUBMITTED}),
    ResourceStatus.RETURNED: frozenset({ResourceStatus.SUBMITTED}),
    ResourceStatus.SUBMITTED: frozenset({ResourceStatus.APPROVED, ResourceStatus.RETURNED}),
    ResourceStatus.APPROVED: frozenset({ResourceStatus.PUBLISHED, ResourceStatus.RETURNED}),
    ResourceStatus.PUBLISHED: frozenset({ResourceStatus.WITHDRAWN}),
    ResourceStatus.WITHDRAWN: frozenset({ResourceStatus.SUBMITTED}),
}
DESENSITISE_ARTICLE = "毕节 第二十五条"


def _items(resource: DataResource, items: Sequence[Mapping[str, Any]]) -> list[DataItem]:
    built: list[DataItem] = []
    errors: list[str] = []
    for position, data in enumerate(items, start=1):
        item = DataItem(
            resource=resource,
            name=str(data.get("name") or "").strip(),
            data_type=str(data.get("data_type") or ""),
            length=data.get("length") or None,
            grade=str(data.get("grade") or ""),
            position=position,
        )
        if not item.name:
            errors.append(_("Item %(n)d: give its name.") % {"n": position})
        if not grading.is_valid(item.grade):
            errors.append(_("Item %(n)d: choose a grade.") % {"n": position})
        try:
            item.full_clean(exclude=["resource", "grade", "name"])
        except ValidationError as exc:
            errors.extend(f"{position}: {m}" for m in exc.messages)
        built.append(item)
    if not built:
        errors.append(_("List at least one data item."))
    if errors:
        raise ValidationError({"items": errors})
    return built


def _apply(actor: User, resource: DataResource, data: Mapping[str, Any]) -> None:
    for name, value in data.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable field of a data resource")
        if isinstance(value, str):
            value = value.strip()
        setattr(resource, name, value)
    if resource.unit_id is None:
        raise ValidationError({"unit": _("Choose the provider unit.")})
    if not policies.resource_update(actor, resource):
        raise NotAllowed(_("You may only compile entries of your own unit."))
    system = resource.source_system
    if system is not None and system.unit_id != resource.unit_id:
        raise ValidationError({"source_system": _("Choose a system of the provider unit.")})
    resource.full_clean(exclude=["grade"])


def _save_items(resource: DataResource, items: Sequence[Mapping[str, Any]] | None) -> None:
    if items is None:
        return
    built = _items(resource, items)
    resource.items.all().delete()
    DataItem.objects.bulk_create(built)
    resource.grade = grading.highest(item.grade for item in built)
    resource.save(update_fields=["grade"])


def _state(resource: DataResource) -> dict[str, Any]:
    return {
        "code": resource.code,
        "status": resource.status,
        "grade": resource.grade,
        "sharing_type": resource.sharing_type,
        "open_type": resource.open_type,
    }


@transaction.atomic
def resource_create(
    *, actor: User, data: Mapping[str, Any], items: Sequence[Mapping[str, Any]]
) -> DataResource:
    """Compile an entry (a draft) with its data items; its grade is the highest item grade."""
    if not policies.resource_create(actor):
        raise NotAllowed(_("You may not compile catalogue entries."))
    resource = DataResource()
    _apply(actor, resource, data)
    resource.save()
    _save_items(resource, items)
    audit.record(actor=actor, action="data_resource.create", obj=resource, after=_state(resource))
    return resource


@transaction.atomic
def resource_update(
    *,
    actor: User,
    resource: DataResource,
    data: Mapping[str, Any],
    items: Sequence[Mapping[str, Any]] | None = None,
) -> DataResource:
    """Change a draft or returned entry (a published one is withdrawn first)."""
    resource = DataResource.objects.select_for_update().get(pk=resource.pk)
    if not policies.resource_update(actor, resource):
        raise NotAllowed(_("You may only edit entries of your own unit."))
    if resource.status not in EDITABLE_STATUSES and resource.status != ResourceStatus.WITHDRAWN:
        raise Refused(_("Only a draft, returned or withdrawn entry can be changed."))
    before = _state(resource)
    _apply(actor, resource, data)
    resource.save()
    _save_items(resource, items)
    audit.record(
        actor=actor,
        action="data_resource.update",
        obj=resource,
        before=before,
        after=_state(resource),
    )
    return resource


def _open_refusal(resource: DataResource) -> Refused | None:
    if resource.open_type in OPEN_TYPES and not resource.desensitised:
        return Refused(
            _(
                "Data to be opened must first be desensitised and declassified "
                "(毕节 第二十五条: 对拟开放数据进行脱敏脱密处理)."
            ),
            field="desensitised",
            article=DESENSITISE_ARTICLE,
        )
    return None


def _move(actor: User, resource: DataResource, to: str, note: str, action: str) -> DataResource:
    resource = DataResource.objects.select_for_update().get(pk=resource.pk)
    if to not in TRANSITIONS.get(resource.status, frozenset()):
        raise Refused(
            _("An entry that is %(status)s cannot become %(to)s.")
            % {
                "status": resource.get_status_display(),
                "to": ResourceStatus(to).label,
            }
        )
    if to in (ResourceStatus.SUBMITTED, ResourceStatus.APPROVED, ResourceStatus.PUBLISHED):
        refusal = _open_refusal(resource)
        if refusal is not None:
            raise refusal
        if not resource.items.exists():
            raise Refused(_("List at least one data item."), field="items")
    if to == ResourceStatus.RETURNED and not note.strip():
        raise ValidationError({"note": _("Say what must be corrected.")})
    before = resource.status
    resource.status = to
    fields = ["status", "updated_at"]
    if to == ResourceStatus.RETURNED:
        resource.review_note = note
        fields.append("review_note")
    if to == ResourceStatus.PUBLISHED and resource.released_on is None:
        resource.released_on = timezone.localdate()
        fields.append("released_on")
    resource.save(update_fields=fields)
    StatusChange.objects.create(
        resource=resource, from_status=before, to_status=to, actor=actor, note=note
    )
    audit.record(
        actor=actor,
        action=action,
        obj=resource,
        before={"status": before},
        after={"status": to, "note": note},
    )
    return resource


@transaction.atomic
def resource_submit(*, actor: User, resource: DataResource, note: str = "") -> DataResource:
    """The unit submits its entry for the competent department's review."""
    if not policies.resource_submit(actor, resource):
        raise NotAllowed(_("Only the provider unit submits its entries."))
    return _move(actor, resource, ResourceStatus.SUBMITTED, note, "data_resource.submit")


@transaction.atomic
def resource_review(
    *, actor: User, resource: DataResource, approve: bool, note: str = ""
) -> DataResource:
    """The competent department approves a submitted entry or returns it for correction."""
    if not policies.resource_review(actor, resource):
        raise NotAllowed(_("Only the competent department reviews catalogue entries."))
    to = ResourceStatus.APPROVED if approve else ResourceStatus.RETURNED
    return _move(actor, resource, to, note, "data_resource.review")


@transaction.atomic
def resource_publish(*, actor: User, resource: DataResource, note: str = "") -> DataResource:
    """The competent department publishes an approved entry in the catalogue."""
    if not policies.resource_publish(actor, resource):
        raise NotAllowed(_("Only the competent department publishes catalogue entries."))
    return _move(actor, resource, ResourceStatus.PUBLISHED, note, "data_resource.publish")


@transaction.atomic
def resource_withdraw(*, actor: User, resource: DataResource, note: str) -> DataResource:
    """Take a published entry off the catalogue (下架), with the reason."""
    if not policies.resource_withdraw(actor, resource):
        raise NotAllowed(_("You may only withdraw entries of your own unit."))
    if not note.strip():
        raise ValidationError({"note": _("Give the reason for the withdrawal.")})
    return _move(actor, resource, ResourceStatus.WITHDRAWN, note, "data_resource.withdraw")


@transaction.atomic
def resource_mark_duplicate(
    *, actor: User, resource: DataResource, duplicate_of: DataResource | None
) -> DataResource:
    """The competent department records that an entry collects again another unit's data."""
    if not policies.resource_review(actor, resource):
        raise NotAllowed(_("Only the competent department judges duplicate collection."))
    if duplicate_of is not None and duplicate_of.unit_id == resource.unit_id:
        raise ValidationError({"duplicate_of": _("Choose an entry of another unit.")})
    before = resource.duplicate_of_id
    resource.duplicate_of = duplicate_of
    resource.save(update_fields=["duplicate_of", "updated_at"])
    audit.record(
        actor=actor,
        action="data_resource.duplicate",
        obj=resource,
        before={"duplicate_of": before},
        after={"duplicate_of": resource.duplicate_of_id},
    )
    return resource
