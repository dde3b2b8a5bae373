"""Every write of the reviews app: one function per business action, audited (STYLE.md 3)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.selectors import work_calendar
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.projects.models import Project
from govit.reviews import draw as drawing
from govit.reviews import policies, rulebooks, scoring
from govit.reviews.choices import (
    Exclusion,
    ReviewKind,
    ReviewStatus,
    Specialty,
    TaskStatus,
)
from govit.reviews.errors import NotAllowed
from govit.reviews.models import Assignment, Expert, Review, SignOff


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowed(message)


def _check_specialties(specialties: Sequence[str]) -> list[str]:
    unknown = [s for s in specialties if s not in Specialty.values]
    if unknown:
        raise ValueError(_("Unknown specialty: %(names)s") % {"names": ", ".join(unknown)})
    return sorted(set(specialties))


def _expert_state(expert: Expert) -> dict[str, Any]:
    # The phone number stays out of the audit trail (a sensitive personal field).
    return {
        "name": expert.name,
        "organisation": expert.organisation_id,
        "specialties": expert.specialties,
        "available": expert.available,
        "unavailable_reason": expert.unavailable_reason,
        "unavailable_until": expert.unavailable_until,
    }


@transaction.atomic
def expert_create(
    *,
    actor: User,
    user: User,
    name: str,
    organisation: Organisation,
    specialties: Sequence[str],
    phone: str = "",
) -> Expert:
    """Add a user holding the expert role to the pool."""
    _require(policies.expert_create(actor), _("Only the competent department keeps the pool."))
    if not user.has_role(Role.EXPERT):
        raise ValueError(_("The user does not hold the expert role."))
    expert = Expert.objects.create(
        user=user,
        name=name,
        organisation=organisation,
        specialties=_check_specialties(specialties),
        phone=phone,
    )
    audit.record(
        actor=actor, action="reviews.expert_create", obj=expert, after=_expert_state(expert)
    )
    return expert


@transaction.atomic
def expert_update(
    *,
    actor: User,
    expert: Expert,
    name: str | None = None,
    organisation: Organisation | None = None,
    specialties: Sequence[str] | None = None,
    phone: str | None = None,
    available: bool | None = None,
    unavailable_reason: str | None = None,
    unavailable_until: dt.date | None = None,
) -> Expert:
    """Change an expert's record or availability (unavailable needs a reason)."""
    _require(policies.expert_update(actor), _("Only the competent department keeps the pool."))
    expert = Expert.objects.select_for_update().get(pk=expert.pk)
    before = _expert_state(expert)
    fields: list[str] = []
    if name is not None:
        expert.name, fields = name, [*fields, "name"]
    if organisation is not None:
        expert.organisation, fields = organisation, [*fields, "organisation"]
    if specialties is not None:
        expert.specialties, fields = _check_specialties(specialties), [*fields, "specialties"]
    if phone is not None:
        expert.phone, fields = phone, [*fields, "phone"]
    if available is not None:
        expert.available = available
        expert.unavailable_reason = "" if available else (unavailable_reason or "").strip()
        expert.unavailable_until = None if available else unavailable_until
        if not available and not expert.unavailable_reason:
            raise ValueError(_("Say why the expert is unavailable."))
        fields += ["available", "unavailable_reason", "unavailable_until"]
    if fields:
        expert.save(update_fields=fields)
    audit.record(
        actor=actor,
        action="reviews.expert_update",
        obj=expert,
        before=before,
        after=_expert_state(expert),
    )
    return expert


@transaction.atomic
def review_create(
    *,
    actor: User,
    project: Project,
    kind: str,
    review_on: dt.date,
    specialty_mix: Mapping[str, int],
    reserve_count: int = 0,
    stake_vendor: Organisation | None = None,
    outlier_distance: int = 20,
    due_on: dt.date | None = None,
) -> Review:
    """Open a review round of a project with the rulebook's criteria and due date."""
    _require(policies.review_create(actor), _("Only the competent department opens reviews."))
    if kind not in ReviewKind.values:
        raise ValueError(_("Unknown review kind."))
    mix = {s: int(n) for s, n in specialty_mix.items() if int(n) > 0}
    _check_specialties(list(mix))
    if not mix:
        raise ValueError(_("Draw at least one expert."))
    if reserve_count < 0 or outlier_distance < 0:
        raise ValueError(_("Numbers cannot be negative."))
    rules = rulebooks.for_rulebook(project.rulebook)
    opened_on = timezone.localdate()
    provisional = False
    article = ""
    if due_on is None and kind in rules.due_working_days:
        due = work_calendar().add_working_days(opened_on, rules.due_working_days[kind])
        due_on, provisional = due.date, due.provisional
        article = rules.due_article.get(kind, "")
    review = Review.objects.create(
        project=project,
        kind=kind,
        rulebook=project.rulebook,
        criteria=rules.criteria_data(),
        opened_on=opened_on,
        review_on=review_on,
        due_on=due_on,
        due_provisional=provisional,
        due_article=article,
        specialty_mix=mix,
        reserve_count=reserve_count,
        stake_vendor=stake_vendor,
        outlier_distance=outlier_distance,
        signoff_mode=rules.signoff_mode,
        signoff_article=rules.signoff_article if kind == ReviewKind.JOINT else "",
        created_by=actor,
    )
    if kind == ReviewKind.JOINT:
        SignOff.objects.bulk_create(SignOff(review=review, role=r) for r in rules.signoff_roles)
    audit.record(
        actor=actor,
        action="reviews.review_create",
        obj=review,
        after={
            "project": project.pk,
            "kind": kind,
            "due_on": due_on,
            "mix": mix,
            "reserves": reserve_count,
            "signoff": list(rules.signoff_roles) if kind == ReviewKind.JOINT else [],
        },
    )
    return review


def conflicts(review: Review, experts: Sequence[Expert]) -> dict[int, str]:
    """The experts the draw must avoid, with the reason for each."""
    project = review.project
    units = {project.unit_id, *project.co_units.values_list("pk", flat=True)}
    vendors = set()
    if review.stake_vendor_id is not None:
        vendors.add(review.stake_vendor_id)
    # A contract that records its vendor organisation; today's contracts do not, so skip.
    contract = getattr(project, "contract", None) if hasattr(project, "contract") else None
    contract_vendor = getattr(contract, "vendor_id", None)
    if contract_vendor is not None:
        vendors.add(contract_vendor)
    excluded: dict[int, str] = {}
    for expert in experts:
        if expert.organisation_id in units:
            excluded[expert.pk] = Exclusion.SAME_ORGANISATION
        elif expert.organisation_id in vendors:
            excluded[expert.pk] = Exclusion.VENDOR
        elif not expert.is_available_on(review.review_on):
            excluded[expert.pk] = Exclusion.UNAVAILABLE
    return excluded


@transaction.atomic
def review_draw(*, actor: User, review: Review, seed: int | None = None) -> list[Assignment]:
    """Draw the experts and reserves at random, avoiding conflicts; the audit keeps the seed,
    the candidates and the exclusions so the draw can be replayed."""
    _require(policies.review_draw(actor), _("Only the competent department draws experts."))
    review = Review.objects.select_for_update().select_related("project").get(pk=review.pk)
    if review.status != ReviewStatus.OPEN:
        raise NotAllowed(_("The experts of this review have already been drawn."))
    experts = list(
        Expert.objects.filter(user__is_active=True)
        .order_by("pk")
        .only("pk", "organisation_id", "specialties", "available", "unavailable_until")
    )
    excluded = conflicts(review, experts)
    candidates = [
        drawing.Candidate(e.pk, tuple(e.specialties)) for e in experts if e.pk not in excluded
    ]
    seed = secrets.randbits(48) if seed is None else seed
    picks = drawing.draw(
        candidates=candidates,
        mix=review.specialty_mix,
        reserves=review.reserve_count,
        seed=seed,
    )
    assignments = Assignment.objects.bulk_create(
        Assignment(
            review=review,
            expert_id=pick.id,
            specialty=pick.specialty,
            reserve=pick.reserve,
            position=index,
        )
        for index, pick in enumerate(picks)
    )
    review.seed = seed
    review.status = ReviewStatus.DRAWN
    review.save(update_fields=["seed", "status"])
    audit.record(
        actor=actor,
        action="reviews.review_draw",
        obj=review,
        after=drawing.log_entry(
            candidates=candidates,
            excluded=excluded,
            mix=review.specialty_mix,
            reserves=review.reserve_count,
            seed=seed,
            picks=picks,
        ),
    )
    return assignments


@transaction.atomic
def assignment_replace(*, actor: User, review: Review, expert: Expert, reason: str) -> Assignment:
    """A drawn expert withdraws before scoring; the first reserve (in draw order) takes the seat.

    The withdrawn seat is removed; the audit event keeps who withdrew, why, and who replaced
    them, so the replayed draw plus the replacements give the final panel."""
    _require(
        policies.assignment_replace(actor), _("Only the competent department replaces experts.")
    )
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.status != ReviewStatus.DRAWN:
        raise NotAllowed(_("Experts are replaced only while the review is being scored."))
    if not reason.strip():
        raise ValueError(_("Say why the expert withdraws."))
    seat = (
        Assignment.objects.select_for_update()
        .filter(review=review, expert=expert, reserve=False, submitted_at__isnull=True)
        .first()
    )
    if seat is None:
        raise NotAllowed(_("This expert holds no open seat in the review."))
    reserve = Assignment.objects.select_for_update().filter(review=review, reserve=True).first()
    if reserve is None:
        raise NotAllowed(_("No reserve is left: draw again in a new review."))
    position = seat.position
    seat.delete()
    reserve.reserve = False
    reserve.position = position
    reserve.save(update_fields=["reserve", "position"])
    audit.record(
        actor=actor,
        action="reviews.assignment_replace",
        obj=review,
        before={"expert": expert.pk},
        after={"expert": reserve.expert_id, "reason": reason.strip()},
    )
    return reserve


@transaction.atomic
def assignment_score(
    *, actor: User, review: Review, scores: Mapping[str, int], opinion: str
) -> Assignment:
    """An expert submits their scores (0-100 on every criterion) and opinion, once."""
    _require(policies.assignment_score(actor), _("Only review experts score."))
    review = Review.objects.select_for_update().get(pk=review.pk)
    seat = (
        Assignment.objects.select_for_update()
        .filter(review=review, expert__user=actor, reserve=False)
        .first()
    )
    if seat is None:
        raise NotAllowed(_("You are not drawn to score this review."))
    if review.status != ReviewStatus.DRAWN:
        raise NotAllowed(_("This review is not open for scoring."))
    if seat.submitted_at is not None:
        raise NotAllowed(_("You have already submitted your scores."))
    wanted = [c["id"] for c in review.criteria]
    missing = [c for c in wanted if c not in scores]
    if missing:
        raise ValueError(_("Score every criterion: %(names)s") % {"names": ", ".join(missing)})
    clean: dict[str, int] = {}
    for criterion in wanted:
        value = int(scores[criterion])
        if not 0 <= value <= 100:
            raise ValueError(_("A score is between 0 and 100."))
        clean[criterion] = value
    if not opinion.strip():
        raise ValueError(_("Write your opinion."))
    seat.scores = clean
    seat.opinion = opinion.strip()
    seat.submitted_at = timezone.now()
    seat.save(update_fields=["scores", "opinion", "submitted_at"])
    # The audit records that a sheet came in, not its content: scores stay sealed.
    audit.record(
        actor=actor, action="reviews.assignment_score", obj=seat, after={"review": review.pk}
    )
    seats = list(review.assignments.filter(reserve=False).select_related("expert"))
    if all(s.submitted_at is not None for s in seats):
        _aggregate(review, seats)
    return seat


def _aggregate(review: Review, seats: Sequence[Assignment]) -> None:
    criteria = [c["id"] for c in review.criteria]
    result = scoring.aggregate(
        criteria=criteria,
        sheets={s.expert_id: s.scores or {} for s in seats},
        distance=review.outlier_distance,
    )
    review.result = result
    review.status = ReviewStatus.SCORED
    review.save(update_fields=["result", "status"])
    flagged: dict[int, int] = {}
    for outlier in result["outliers"]:
        flagged[outlier["expert"]] = flagged.get(outlier["expert"], 0) + 1
    for seat in seats:
        expert = Expert.objects.select_for_update().get(pk=seat.expert_id)
        # Past performance: the share of criteria where the expert was not an outlier.
        share = Decimal(100) * (len(criteria) - flagged.get(expert.pk, 0)) / max(len(criteria), 1)
        previous = expert.performance or Decimal(0)
        done = expert.reviews_done
        expert.performance = ((previous * done + share) / (done + 1)).quantize(Decimal("0.01"))
        expert.reviews_done = done + 1
        expert.save(update_fields=["performance", "reviews_done"])
    audit.record(actor=None, action="reviews.review_aggregate", obj=review, after=result)


@transaction.atomic
def review_close(*, actor: User, review: Review) -> Review:
    """Close a scored review once its sign-off is complete."""
    _require(policies.review_close(actor), _("Only the competent department closes reviews."))
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.status != ReviewStatus.SCORED:
        raise NotAllowed(_("A review closes once every expert has scored."))
    if not signoff_complete(review):
        raise NotAllowed(_("The departments have not all signed yet."))
    if review.tasks.filter(status=TaskStatus.OPEN).exists():
        raise NotAllowed(_("Some review tasks are still waiting."))
    review.status = ReviewStatus.CLOSED
    review.opinion_on = review.opinion_on or timezone.localdate()
    review.save(update_fields=["status", "opinion_on"])
    audit.record(
        actor=actor,
        action="reviews.review_close",
        obj=review,
        after={
            "project": review.project_id,
            "status": "closed",
            "signoff": signoff_outcome(review),
        },
    )
    return review


# The stages without a panel, the sign-off and the approval chain live in their own modules
# (ADR 0014); they are services all the same, re-exported so every write is found here.
from govit.reviews.outside import (  # noqa: E402
    agency_commission,
    agency_report_upload,
    decision_record,
    signoff_add,
    signoff_complete,
    signoff_outcome,
    signoff_refuse,
    signoff_sign,
)
from govit.reviews.tasks import (  # noqa: E402
    delegation_create,
    delegation_end,
    task_add_signer,
    task_approve,
    task_hand_over,
    task_return,
    task_withdraw,
)
from govit.reviews.workflow import (  # noqa: E402
    checklist_record,
    preliminary_open,
    supplement_request,
    supplement_resubmit,
)

__all__ = [
    "agency_commission",
    "agency_report_upload",
    "checklist_record",
    "decision_record",
    "delegation_create",
    "delegation_end",
    "preliminary_open",
    "signoff_add",
    "signoff_complete",
    "signoff_outcome",
    "signoff_refuse",
    "signoff_sign",
    "supplement_request",
    "supplement_resubmit",
    "task_add_signer",
    "task_approve",
    "task_hand_over",
    "task_return",
    "task_withdraw",
]
