"""Read queries of the acceptance records, scoped to the actor through the project."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Q
from django.utils import timezone

from govit.acceptance import checklist, policies
from govit.acceptance.choices import ACCEPTANCE_STATES, DutyKind, MeetingKind, MeetingResult
from govit.acceptance.models import Asset, Evidence, Filing, Meeting, Overdue
from govit.core.calendar import WorkCalendar
from govit.core.selectors import work_calendar
from govit.delivery.services import evaluate
from govit.documents.models import Document
from govit.orgs.choices import Role
from govit.orgs.models import User
from govit.policy import loader
from govit.policy.engine.results import CheckResult
from govit.projects.models import Project
from govit.projects.policies import acting_unit_ids
from govit.projects.selectors import visible_projects, visible_to

DUTY_KINDS = frozenset(DutyKind.values)


def acceptance_project(*, actor: User, pk: int) -> Project | None:
    """A project whose acceptance the actor may read, or None (answered as 404)."""
    project = visible_projects(actor).select_related("unit").filter(pk=pk).first()
    if project is None or not policies.acceptance_view(actor, project):
        return None
    return project


@dataclass(frozen=True)
class ItemStatus:
    """A prerequisite of the project: whether it applies, whether it is met, and its proof."""

    item: checklist.Item
    applies: bool
    done: bool
    documents: list[Document]
    evidence: Evidence | None


@dataclass(frozen=True)
class Deadline:
    """A dated acceptance duty with the article that sets it."""

    kind: str
    due: dt.date
    status: str  # pending | met | overdue
    article: str
    quote: str
    provisional: bool
    done_on: dt.date | None = None

    @property
    def label(self) -> str:
        return str(DutyKind(self.kind).label)


def _applies(item: checklist.Item, project: Project, result: CheckResult) -> bool:
    if item.spec.when is not None:
        decision = result.decisions.get(item.spec.when)
        return bool(decision is not None and decision.value is True)
    if item.spec.when_fact is not None:
        return getattr(project, item.spec.when_fact) is not False
    return True


def checklist_of(project: Project, result: CheckResult) -> list[ItemStatus]:
    """The rulebook's prerequisites with their state for the project (two queries)."""
    documents: dict[str, list[Document]] = {}
    for document in Document.objects.filter(project=project).order_by("-date", "-id"):
        documents.setdefault(document.type, []).append(document)
    evidence = {
        e.item: e for e in Evidence.objects.filter(project=project).select_related("document")
    }
    statuses = []
    for item in checklist.for_rulebook(project.rulebook):
        docs = documents.get(item.spec.document or "", [])
        done = bool(docs) if item.is_document else getattr(project, str(item.spec.fact)) is True
        ev = evidence.get(item.key)
        if ev is not None and ev.document is not None:
            docs = [ev.document]
        statuses.append(
            ItemStatus(
                item=item,
                applies=_applies(item, project, result),
                done=done,
                documents=docs,
                evidence=ev,
            )
        )
    return statuses


def _rectification(
    project: Project, meeting: Meeting | None, calendar: WorkCalendar, today: dt.date
) -> Deadline | None:
    if meeting is None or meeting.passed or meeting.rectification_due_on is None:
        return None
    rulebook = loader.get(project.rulebook)
    step = next((t for t in rulebook.spec.transitions if t.to == "rectification"), None)
    computed = calendar.add_working_days(meeting.held_on, meeting.rectification_days or 0)
    open_ = project.state == "rectification"
    done_on = None if open_ else project.rectified_on
    if open_:
        status = "overdue" if today > meeting.rectification_due_on else "pending"
    else:
        status = "met" if done_on and done_on <= meeting.rectification_due_on else "overdue"
    return Deadline(
        kind=DutyKind.RECTIFICATION,
        due=meeting.rectification_due_on,
        status=status,
        article=(step.article or "") if step else "",
        quote=(step.quote or "") if step else "",
        provisional=computed.provisional,
        done_on=done_on,
    )


def deadlines_of(
    project: Project,
    result: CheckResult,
    *,
    last_meeting: Meeting | None = None,
    calendar: WorkCalendar | None = None,
) -> list[Deadline]:
    """The engine's acceptance obligations, and the rectification set by a failed meeting."""
    deadlines = [
        Deadline(
            kind=o.kind,
            due=o.due,
            status=o.status,
            article=o.article,
            quote=o.quote,
            provisional=o.provisional,
            done_on=o.done_on,
        )
        for o in result.obligations
        if o.kind in DUTY_KINDS and o.kind != DutyKind.RECTIFICATION
    ]
    rectification = _rectification(
        project, last_meeting, calendar or work_calendar(), timezone.localdate()
    )
    if rectification is not None:
        deadlines.append(rectification)
    return sorted(deadlines, key=lambda d: d.due)


@dataclass
class Dossier:
    """Everything the acceptance page shows about one project."""

    project: Project
    result: CheckResult
    items: list[ItemStatus]
    meetings: list[Meeting]
    filing: Filing | None
    assets: list[Asset]
    deadlines: list[Deadline] = field(default_factory=list)

    @property
    def final_meetings(self) -> list[Meeting]:
        return [m for m in self.meetings if m.kind == MeetingKind.FINAL]

    @property
    def missing(self) -> list[ItemStatus]:
        return [s for s in self.items if s.applies and not s.done]

    @property
    def trial_run(self) -> Deadline | None:
        return next((d for d in self.deadlines if d.kind == DutyKind.TRIAL_RUN), None)


def dossier_of(project: Project) -> Dossier:
    """The project's checklist, meetings, filing, assets and deadlines (engine run once)."""
    result = evaluate(project)
    meetings = list(
        Meeting.objects.filter(project=project)
        .select_related("report", "recorded_by")
        .prefetch_related("participants__organisation")
        .order_by("held_on", "id")
    )
    finals = [m for m in meetings if m.kind == MeetingKind.FINAL]
    return Dossier(
        project=project,
        result=result,
        items=checklist_of(project, result),
        meetings=meetings,
        filing=Filing.objects.filter(project=project).select_related("report").first(),
        assets=list(Asset.objects.filter(project=project)),
        deadlines=deadlines_of(project, result, last_meeting=finals[-1] if finals else None),
    )


def acceptance_projects(*, actor: User) -> models.QuerySet[Project]:
    """Projects on their way to or through acceptance that the actor may see."""
    return (
        visible_projects(actor)
        .filter(Q(state__in=ACCEPTANCE_STATES) | Q(acceptance_passed=True))
        .select_related("unit")
        .order_by("-updated_at", "-id")
    )


def _is(actor: User, role: str) -> bool:
    return bool(actor.is_authenticated and actor.has_role(role))


def meetings_to_record(*, actor: User) -> models.QuerySet[Project]:
    """Projects applying for acceptance (the competent department convenes the meeting)."""
    if not _is(actor, Role.COMPETENT):
        return Project.objects.none()
    return visible_projects(actor).filter(state="acceptance")


def filings_to_record(*, actor: User) -> models.QuerySet[Project]:
    """Accepted projects whose report is not filed yet."""
    if not _is(actor, Role.COMPETENT):
        return Project.objects.none()
    return visible_projects(actor).filter(acceptance_passed=True, acceptance_filing__isnull=True)


def notices_to_send(*, actor: User) -> models.QuerySet[Filing]:
    """Filings whose notice to finance is not sent yet."""
    if not _is(actor, Role.COMPETENT):
        return Filing.objects.none()
    return Filing.objects.filter(visible_to(actor), notice_sent_on__isnull=True)


def notices_to_receive(*, actor: User) -> models.QuerySet[Filing]:
    """Notices sent to finance and not acknowledged yet."""
    if not _is(actor, Role.FINANCE):
        return Filing.objects.none()
    return Filing.objects.filter(
        visible_to(actor),
        notice_sent_on__isnull=False,
        notice_received_on__isnull=True,
    )


def unit_projects_preparing(*, actor: User) -> models.QuerySet[Project]:
    """The actor's unit's projects that prepare acceptance evidence or rectify."""
    if not _is(actor, Role.UNIT):
        return Project.objects.none()
    return Project.objects.filter(
        unit_id__in=acting_unit_ids(actor),
        state__in=("construction", "initial_acceptance", "trial_run", "rectification"),
    )


def assets_to_book(*, actor: User) -> models.QuerySet[Project]:
    """The actor's unit's accepted projects without booked assets."""
    if not _is(actor, Role.UNIT):
        return Project.objects.none()
    return Project.objects.filter(
        unit_id__in=acting_unit_ids(actor), acceptance_passed=True, assets_booked_on__isnull=True
    )


def overdue_duties(*, actor: User) -> models.QuerySet[Overdue]:
    """Open overdue acceptance duties of the projects the actor may see."""
    return (
        Overdue.objects.filter(visible_to(actor), resolved_on__isnull=True)
        .select_related("project", "project__unit")
        .order_by("due", "id")
    )


def failed_meetings(project: Project) -> models.QuerySet[Meeting]:
    return Meeting.objects.filter(
        project=project, kind=MeetingKind.FINAL, result=MeetingResult.FAILED
    )
