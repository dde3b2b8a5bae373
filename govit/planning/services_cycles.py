"""Writes of planning cycles: create, edit, attach the application guide, open, close and
compile. Each checks the predicate of the same name, runs in one transaction and writes an
audit event. Applications are in ``services_applications``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.crypto import sm3_stream_hex
from govit.documents.validation import check_upload
from govit.orgs.models import User
from govit.planning import policies
from govit.planning.errors_cycles import CycleStepUnavailable, NotPermitted, Problem
from govit.planning.models.cycles import CYCLE_STEPS, PlanningCycle

EDITABLE = (
    "title",
    "call_opens_on",
    "call_closes_on",
    "review_starts_on",
    "review_ends_on",
    "timetable",
    "compile_by",
)


def _values(cycle: PlanningCycle) -> dict[str, Any]:
    return audit.to_json_value({name: getattr(cycle, name) for name in ("plan_year", *EDITABLE)})  # type: ignore[no-any-return]


@transaction.atomic
def cycle_create(
    *,
    actor: User,
    plan_year: int,
    title: str,
    call_opens_on: dt.date,
    call_closes_on: dt.date,
    compile_by: dt.date,
    review_starts_on: dt.date | None = None,
    review_ends_on: dt.date | None = None,
    timetable: str = "",
) -> PlanningCycle:
    """Start a plan year's cycle as a draft, in the deployment's rulebook."""
    if not policies.cycle_create(actor):
        raise NotPermitted(_("Only the competent department manages planning cycles."))
    cycle = PlanningCycle(
        rulebook=settings.GOVIT_RULEBOOK,
        plan_year=plan_year,
        title=title,
        call_opens_on=call_opens_on,
        call_closes_on=call_closes_on,
        compile_by=compile_by,
        review_starts_on=review_starts_on,
        review_ends_on=review_ends_on,
        timetable=timetable,
        created_by=actor,
    )
    # The model's clean() says which date is wrong; the constraints back it in the database.
    cycle.full_clean(validate_constraints=False)
    if PlanningCycle.objects.filter(rulebook=cycle.rulebook, plan_year=plan_year).exists():
        raise ValidationError({"plan_year": _("There is already a cycle for this plan year.")})
    try:
        with transaction.atomic():
            cycle.save()
    except IntegrityError:
        raise ValidationError(
            {"plan_year": _("There is already a cycle for this plan year.")}
        ) from None
    audit.record(actor=actor, action="planning.cycle.create", obj=cycle, after=_values(cycle))
    return cycle


def _locked(cycle: PlanningCycle) -> PlanningCycle:
    return PlanningCycle.objects.select_for_update().get(pk=cycle.pk)


@transaction.atomic
def cycle_update(*, actor: User, cycle: PlanningCycle, **values: Any) -> PlanningCycle:
    """Change the dates, the timetable or the title until the plan is compiled."""
    locked = _locked(cycle)
    if not policies.cycle_update(actor, locked):
        raise NotPermitted(_("This cycle cannot be changed by you in its present state."))
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in unknown})
    before = _values(locked)
    changed = [name for name, value in values.items() if getattr(locked, name) != value]
    for name in changed:
        setattr(locked, name, values[name])
    locked.full_clean(validate_constraints=False)
    if changed:
        locked.save(update_fields=[*changed, "updated_at"])
        after = _values(locked)
        audit.record(
            actor=actor,
            action="planning.cycle.update",
            obj=locked,
            before={name: before[name] for name in changed},
            after={name: after[name] for name in changed},
        )
    return locked


@transaction.atomic
def cycle_attach_guide(*, actor: User, cycle: PlanningCycle, upload: UploadedFile) -> PlanningCycle:
    """Attach (or replace) the application guide (申报指南); the file is checked like any
    document and its SM3 digest kept."""
    locked = _locked(cycle)
    if not policies.cycle_attach_guide(actor, locked):
        raise NotPermitted(_("This cycle cannot be changed by you in its present state."))
    try:
        checked = check_upload(upload)
    except ValidationError as exc:
        raise ValidationError({"guide": exc.error_list}) from None
    digest = sm3_stream_hex(upload.chunks())
    upload.seek(0)
    before = {"name": locked.guide_name, "sm3": locked.guide_sm3}
    locked.guide = upload
    locked.guide_name = (upload.name or "guide")[-255:]
    locked.guide_sm3 = digest
    locked.guide_size = checked.size
    locked.save(update_fields=["guide", "guide_name", "guide_sm3", "guide_size", "updated_at"])
    try:
        audit.record(
            actor=actor,
            action="planning.cycle.guide",
            obj=locked,
            before=before,
            after={"name": locked.guide_name, "sm3": digest, "size": checked.size},
        )
    except BaseException:
        locked.guide.storage.delete(locked.guide.name)
        raise
    return locked


def _step(actor: User, cycle: PlanningCycle, name: str, allowed: bool) -> PlanningCycle:
    locked = _locked(cycle)
    if not allowed:
        raise NotPermitted(_("Only the competent department manages planning cycles."))
    sources, target = CYCLE_STEPS[name]
    if locked.state not in sources:
        raise CycleStepUnavailable(
            _("The cycle is %(state)s: this step is not open.")
            % {"state": locked.get_state_display()},
            [Problem(message=_("Reload the cycle to see the steps open now."), field="state")],
        )
    before = locked.state
    locked.state = target
    locked.save(update_fields=["state", "updated_at"])
    audit.record(
        actor=actor,
        action=f"planning.cycle.{name}",
        obj=locked,
        before={"state": before},
        after={"state": target},
    )
    return locked


@transaction.atomic
def cycle_open(*, actor: User, cycle: PlanningCycle) -> PlanningCycle:
    """Open the call for demand (or reopen a closed one): units see it and apply."""
    return _step(actor, cycle, "open", policies.cycle_open(actor, cycle))


@transaction.atomic
def cycle_close(*, actor: User, cycle: PlanningCycle) -> PlanningCycle:
    """Close the call: no new applications or submissions."""
    return _step(actor, cycle, "close", policies.cycle_close(actor, cycle))


@transaction.atomic
def cycle_compile(*, actor: User, cycle: PlanningCycle) -> PlanningCycle:
    """Mark the plan of the year as compiled (the annual plan itself is its own record)."""
    return _step(actor, cycle, "compile", policies.cycle_compile(actor, cycle))
