"""Reviews by others than the expert panel: the third-party agency's review (第三方评审, Harbin
第十九条, Bijie 第七条 and 第十四条, Wuhan 第十六条), the decision consultation (决策咨询,
Kaihua 第九条), and a joint-review department's signature or refusal with its opinion (会签,
Kaihua 第八条)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.selectors import work_calendar
from govit.documents.models import Document
from govit.documents.services import _store as store_document_version
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.projects.models import Project
from govit.reviews import policies, stages
from govit.reviews.choices import (
    ReviewKind,
    ReviewStatus,
    SignOffDecision,
    SignOffMode,
    TaskStatus,
    TaskStep,
)
from govit.reviews.errors import NotAllowed
from govit.reviews.models import Review, ReviewTask, SignOff
from govit.reviews.workflow import require


@transaction.atomic
def agency_commission(
    *,
    actor: User,
    project: Project,
    subject: str,
    assignee: User,
    due_on: dt.date | None = None,
) -> Review:
    """Commission a third-party agency; its user gets the task to upload the report by the
    rulebook's period (Harbin 第十九条: 15 working days) or the date the department sets."""
    require(
        policies.agency_commission(actor),
        _("Only the competent department commissions an agency."),
    )
    rules = stages.for_rulebook(project.rulebook)
    chosen = rules.subject(subject)
    if chosen is None:
        raise ValueError(_("This rulebook has no third-party review of that kind."))
    membership = next((m for m in assignee.active_memberships if m.role == Role.AGENCY), None)
    if not assignee.is_active or membership is None:
        raise ValueError(_("The report is uploaded by a user of a third-party agency."))
    today = timezone.localdate()
    provisional = False
    if chosen.working_days:
        due = work_calendar().add_working_days(today, chosen.working_days)
        due_on, provisional = due.date, due.provisional
    elif due_on is None:
        raise ValueError(_("Set the date the report is due."))
    elif due_on < today:
        raise ValueError(_("The due date cannot be in the past."))
    review = Review.objects.create(
        project=project,
        kind=ReviewKind.THIRD_PARTY,
        panel=False,
        rulebook=project.rulebook,
        opened_on=today,
        review_on=today,
        due_on=due_on,
        due_provisional=provisional,
        due_article=chosen.article,
        specialty_mix={},
        agency=membership.organisation,
        subject=chosen.id,
        created_by=actor,
    )
    ReviewTask.objects.create(
        review=review,
        step=TaskStep.AGENCY,
        assignee=assignee,
        due_on=due_on,
        due_provisional=provisional,
        due_article=chosen.article,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="reviews.agency_commission",
        obj=review,
        after={
            "project": project.pk,
            "agency": membership.organisation_id,
            "assignee": assignee.pk,
            "subject": chosen.id,
            "due_on": due_on,
            "article": chosen.article,
        },
    )
    return review


@transaction.atomic
def agency_report_upload(
    *, actor: User, task: ReviewTask, upload: UploadedFile, opinion: str
) -> ReviewTask:
    """The agency uploads its report (a document of the project) and states its opinion."""
    require(
        policies.agency_report_upload(actor, task),
        _("Only the commissioned agency uploads the report."),
    )
    task = ReviewTask.objects.select_for_update().select_related("review__project").get(pk=task.pk)
    if task.status != TaskStatus.OPEN or task.step != TaskStep.AGENCY:
        raise NotAllowed(_("This task is no longer waiting."))
    if not opinion.strip():
        raise ValueError(_("State the report's conclusion."))
    review = task.review
    chosen = stages.for_rulebook(review.rulebook).subject(review.subject)
    document = Document(
        project=review.project,
        type=chosen.document_type if chosen else "assessment_report",
        title=_("Third-party review report %(n)s") % {"n": review.pk},
        date=timezone.localdate(),
        reviewed=True,
        created_by=actor,
    )
    document.full_clean()
    document.save()
    version = store_document_version(actor=actor, document=document, upload=upload)
    task.document, task.opinion = document, opinion.strip()
    task.status, task.acted_by, task.acted_at = TaskStatus.APPROVED, actor, timezone.now()
    task.save(update_fields=["document", "opinion", "status", "acted_by", "acted_at"])
    review.opinion = task.opinion
    review.status = ReviewStatus.SCORED
    review.opinion_on = timezone.localdate()
    review.save(update_fields=["opinion", "status", "opinion_on"])
    audit.record(
        actor=actor,
        action="reviews.agency_report_upload",
        obj=task,
        after={
            "project": review.project_id,
            "review": review.pk,
            "document": document.pk,
            "sm3": version.sm3,
            "late": bool(task.due_on and timezone.localdate() > task.due_on),
        },
    )
    return task


@transaction.atomic
def decision_record(
    *, actor: User, project: Project, held_on: dt.date, participants: str, opinion: str
) -> Review:
    """Record a decision consultation (决策咨询, Kaihua 第九条) and its opinion."""
    require(
        policies.decision_record(actor),
        _("Only the competent department records the decision consultation."),
    )
    if not opinion.strip() or not participants.strip():
        raise ValueError(_("Record who took part and the opinion."))
    if held_on > timezone.localdate():
        raise ValueError(_("The consultation cannot be in the future."))
    review = Review.objects.create(
        project=project,
        kind=ReviewKind.DECISION,
        panel=False,
        status=ReviewStatus.CLOSED,
        rulebook=project.rulebook,
        opened_on=timezone.localdate(),
        review_on=held_on,
        held_on=held_on,
        opinion_on=held_on,
        due_article=stages.for_rulebook(project.rulebook).decision_article,
        participants=participants.strip()[:300],
        opinion=opinion.strip(),
        specialty_mix={},
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="reviews.decision_record",
        obj=review,
        after={"project": project.pk, "held_on": held_on, "opinion": review.opinion},
    )
    return review


def _signoff_entry(actor: User, review: Review) -> SignOff:
    if review.status != ReviewStatus.SCORED:
        raise NotAllowed(_("The opinion can be signed once every expert has scored."))
    entry = (
        SignOff.objects.select_for_update()
        .filter(review=review, role__in=actor.roles, signed_at__isnull=True)
        .first()
    )
    if entry is None:
        raise NotAllowed(_("Your department has already signed."))
    return entry


@transaction.atomic
def signoff_refuse(*, actor: User, review: Review, opinion: str) -> SignOff:
    """A department refuses to sign the joint review's opinion, and says why."""
    require(
        policies.signoff_refuse(actor, review), _("Your department is not on the sign-off list.")
    )
    review = Review.objects.select_for_update().get(pk=review.pk)
    if not opinion.strip():
        raise ValueError(_("Say why your department refuses to sign."))
    entry = _signoff_entry(actor, review)
    entry.signed_by, entry.signed_at = actor, timezone.now()
    entry.decision, entry.opinion = SignOffDecision.REFUSED, opinion.strip()
    entry.save(update_fields=["signed_by", "signed_at", "decision", "opinion"])
    audit.record(
        actor=actor,
        action="reviews.signoff_refuse",
        obj=entry,
        after={
            "project": review.project_id,
            "review": review.pk,
            "role": entry.role,
            "opinion": entry.opinion,
        },
    )
    return entry


@transaction.atomic
def signoff_sign(*, actor: User, review: Review, note: str = "", opinion: str = "") -> SignOff:
    """A department signs the joint review's opinion (会签), with its own opinion if any."""
    require(policies.signoff_sign(actor, review), _("Your department is not on the sign-off list."))
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.status != ReviewStatus.SCORED:
        raise NotAllowed(_("The opinion can be signed once every expert has scored."))
    entry = (
        SignOff.objects.select_for_update()
        .filter(review=review, role__in=actor.roles, signed_at__isnull=True)
        .first()
    )
    if entry is None:
        raise NotAllowed(_("Your department has already signed."))
    entry.signed_by = actor
    entry.signed_at = timezone.now()
    entry.note = note.strip()[:300]
    entry.decision, entry.opinion = SignOffDecision.SIGNED, opinion.strip()
    entry.save(update_fields=["signed_by", "signed_at", "note", "decision", "opinion"])
    audit.record(
        actor=actor,
        action="reviews.signoff_sign",
        obj=entry,
        after={
            "project": review.project_id,
            "review": review.pk,
            "role": entry.role,
            "note": entry.note,
            "opinion": entry.opinion,
        },
    )
    return entry


def signoff_complete(review: Review) -> bool:
    """All must sign, or any one (或签), as the rulebook says; no list means nothing to wait for.
    A refusal completes it too (the outcome is then refused, see ``signoff_outcome``)."""
    return signoff_outcome(review) != "pending"


def signoff_outcome(review: Review) -> str:
    """``pending``, ``signed`` or ``refused``: with 会签 (all) one refusal refuses; with 或签
    (any) one signature is enough and it is refused only once every department refused."""
    entries = list(review.signoffs.all())
    if not entries:
        return "signed"
    signed = [e for e in entries if e.signed_at and e.decision != SignOffDecision.REFUSED]
    refused = [e for e in entries if e.decision == SignOffDecision.REFUSED]
    if review.signoff_mode == SignOffMode.ANY:
        if signed:
            return "signed"
        return "refused" if len(refused) == len(entries) else "pending"
    if refused:
        return "refused"
    return "signed" if len(signed) == len(entries) else "pending"


@transaction.atomic
def signoff_add(*, actor: User, review: Review, role: str, reason: str) -> SignOff:
    """Add a department to a joint review's sign-off list (加签) before it closes."""
    require(
        policies.signoff_add(actor), _("Only the competent department adds a signing department.")
    )
    review = Review.objects.select_for_update().get(pk=review.pk)
    if review.kind != ReviewKind.JOINT or review.status == ReviewStatus.CLOSED:
        raise NotAllowed(_("Departments are added to an open joint review only."))
    if role not in policies.SIGNER_ROLES:
        raise ValueError(_("This department cannot sign a joint review."))
    if not reason.strip():
        raise ValueError(_("Say why the department is added."))
    if review.signoffs.filter(role=role).exists():
        raise ValueError(_("This department is already on the sign-off list."))
    entry = SignOff.objects.create(review=review, role=role, note=reason.strip()[:300])
    audit.record(
        actor=actor,
        action="reviews.signoff_add",
        obj=entry,
        after={"project": review.project_id, "review": review.pk, "role": role},
    )
    return entry
