"""Deadlines and reminders: what ``govit tick`` does with every open project's obligations.

``deadlines_refresh`` asks the rulebook for each open project's obligations and stores them
(``TrackedObligation``); ``notices_send`` writes a notice to the people concerned once when a
due date is within ``GOVIT_REMINDER_WORKING_DAYS`` working days and once when it has passed, and
e-mails each recipient one message listing the new ones. Both are idempotent: a second run on
the same day changes nothing and sends nothing.

Who is told: the project unit's staff (role ``unit``) about every deadline of their projects;
the competent department's staff also about every overdue one (they keep the overdue list).
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from govit.core import audit
from govit.core.calendar import WorkCalendar
from govit.core.queries import covering
from govit.core.selectors import work_calendar
from govit.orgs.choices import Role
from govit.orgs.models import Membership, User
from govit.policy import loader
from govit.policy.engine.i18n import pinned_language
from govit.policy.engine.results import CheckResult, Obligation
from govit.policy.engine.snapshot import Snapshot
from govit.policy.vocabulary import label
from govit.projects.choices import CLOSED_STATES
from govit.projects.models import Notice, ObligationCheck, Project, TrackedObligation
from govit.projects.models.deadlines import NoticeKind, ObligationStatus
from govit.projects.obligation_checks import facts_digest, run_key, still_holds, stored
from govit.projects.snapshot_batch import DocumentMemo, read_batch
from govit.projects.snapshots import UnitFacts, every_unit_facts
from govit.systems.facts import whole_portfolio

BATCH = 2000
TRACKED_FIELDS = ("due", "status", "article", "provisional", "message", "done_on", "active")


@dataclass
class RefreshReport:
    projects: int = 0
    # Projects whose facts, rules and calendar are those of their last evaluation, before
    # any of their due days: their stored obligations stand (see ``obligation_checks``).
    kept: int = 0
    created: int = 0
    updated: int = 0
    retired: int = 0
    overdue: int = 0

    def add(self, other: RefreshReport) -> None:
        """Count ``other``'s figures in (a worker's report)."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class NoticeReport:
    reminders: int = 0
    overdue: int = 0
    emails: int = 0
    failed_emails: list[str] = field(default_factory=list)


def _batches(ids: list[int], size: int) -> Iterator[list[int]]:
    it = iter(ids)
    while chunk := list(islice(it, size)):
        yield chunk


def _unique(obligations: Iterable[Obligation]) -> dict[tuple[str, str], Obligation]:
    """One obligation per (rule, kind): the earliest due date if a rule names a kind twice."""
    found: dict[tuple[str, str], Obligation] = {}
    for obligation in obligations:
        key = (obligation.rule, obligation.kind)
        if key not in found or obligation.due < found[key].due:
            found[key] = obligation
    return found


def _values(obligation: Obligation) -> dict[str, object]:
    return {
        "due": obligation.due,
        "status": obligation.status,
        "article": obligation.article,
        "provisional": obligation.provisional,
        "message": obligation.message,
        "done_on": obligation.done_on,
        "active": True,
    }


def deadlines_refresh(
    *, today: dt.date | None = None, batch: int = BATCH, workers: int = 1, full: bool = False
) -> RefreshReport:
    """Store every open project's obligations as its rulebook computes them today.

    A project whose facts and rules have not changed since its last evaluation, before the
    first day that could change its answer, keeps its stored obligations; ``full`` evaluates
    every project all the same. ``workers`` > 1 splits the batches across that many processes
    (PostgreSQL, outside a transaction; anywhere else the batches run here, one after
    another)."""
    today = today or timezone.localdate()
    report = RefreshReport()
    ids = list(
        Project.objects.exclude(state__in=CLOSED_STATES).order_by("pk").values_list("pk", flat=True)
    )
    chunks = list(_batches(ids, batch))
    # What is loaded now (the app, the rulebooks, the calendar) lives on: frozen, the garbage
    # collector does not walk it again and again while the batches make their short-lived
    # objects (a quarter of the CPU time of the job on a 10,000-project portfolio).
    calendar = work_calendar()
    gc.freeze()
    try:
        if workers > 1 and len(chunks) > 1 and _can_fork():
            _refresh_in_processes(chunks, today, min(workers, len(chunks)), report, full)
        else:
            _refresh_chunks(chunks, today, report, calendar, full)
    finally:
        gc.unfreeze()
    # Closed projects owe nothing any more.
    report.retired += TrackedObligation.objects.filter(
        active=True, project__state__in=CLOSED_STATES
    ).update(active=False, checked_on=today)
    return report


def _refresh_chunks(
    chunks: list[list[int]],
    today: dt.date,
    report: RefreshReport,
    calendar: WorkCalendar | None = None,
    full: bool = False,
) -> RefreshReport:
    calendar = calendar or work_calendar()
    run = run_key(calendar)
    # Each batch concerns about half of the units of a province: their facts are read once.
    units = every_unit_facts() if len(chunks) > 1 else None
    documents: DocumentMemo = {}
    with whole_portfolio() if len(chunks) > 1 else nullcontext(), pinned_language():
        for chunk in chunks:
            with transaction.atomic(), _collection_paused():
                _refresh_chunk(chunk, today, calendar, report, run, full, units, documents)
    return report


@contextmanager
def _collection_paused() -> Iterator[None]:
    """No cyclic garbage collection during a batch: its snapshots and results (some 100,000
    objects, nearly all freed by reference counting) set off a collection every few hundred
    projects, a tenth of the CPU time of a full evaluation. Whatever cyclic garbage the batch
    leaves is collected after it, when collection resumes."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _can_fork() -> bool:
    """Processes forked from this one each open their own connection: only where the
    database takes concurrent writers (PostgreSQL; SQLite serialises them) and nothing
    uncommitted would be invisible to them."""
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and "fork" in multiprocessing.get_all_start_methods()
    )


def _worker(chunks: list[list[int]], today: dt.date, full: bool) -> RefreshReport:
    try:
        return _refresh_chunks(chunks, today, RefreshReport(), full=full)
    finally:
        connections.close_all()


def _refresh_in_processes(
    chunks: list[list[int]], today: dt.date, workers: int, report: RefreshReport, full: bool
) -> None:
    """The batches shared out to ``workers`` forked processes (every n-th batch to each)."""
    shares = [chunks[index::workers] for index in range(workers)]
    connections.close_all()  # never share the parent's connection with the children
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        parts = list(pool.map(_worker, shares, [today] * workers, [full] * workers))
    for part in parts:
        report.add(part)


def _refresh_chunk(
    chunk: list[int],
    today: dt.date,
    calendar: WorkCalendar,
    report: RefreshReport,
    run: bytes,
    full: bool = False,
    units: UnitFacts | None = None,
    documents: DocumentMemo | None = None,
) -> None:
    checks = stored(chunk)
    evaluated: dict[int, tuple[str, CheckResult]] = {}
    kept: set[int] = set()
    batch = read_batch(chunk, as_of=today, units=units, documents=documents)
    for project_id in batch.projects:
        report.projects += 1
        digest = facts_digest(batch.facts(project_id), run)
        if not full and still_holds(checks.get(project_id), digest, today):
            kept.add(project_id)
            continue
        snapshot = Snapshot.model_validate(batch.data(project_id))
        # Only the rules that may record obligations: the rest decide nothing kept here.
        result = loader.get(str(snapshot.rulebook)).evaluate(
            snapshot, calendar=calendar, as_of=today, obligations_only=True
        )
        evaluated[project_id] = (digest, result)
    report.kept += len(kept)
    if kept:
        overdue = TrackedObligation.objects.filter(
            covering("project_id", chunk), active=True, status=ObligationStatus.OVERDUE
        ).values_list("project_id", flat=True)
        report.overdue += sum(1 for project_id in overdue if project_id in kept)
    if evaluated:
        _store(evaluated, today, report)


def _store(
    evaluated: dict[int, tuple[str, CheckResult]], today: dt.date, report: RefreshReport
) -> None:
    """Bring the stored obligations of the ``evaluated`` projects to their results.

    The stored rows are read (and locked) as tuples: after a deployment every project is
    evaluated again, and a model instance per stored row cost more than the comparison; only
    the rows to change become instances."""
    ids = sorted(evaluated)
    existing: dict[tuple[int, str, str], tuple[int, dict[str, object]]] = {
        (project_id, rule, kind): (pk, dict(zip(TRACKED_FIELDS, values, strict=True)))
        for project_id, rule, kind, pk, *values in TrackedObligation.objects.select_for_update()
        .filter(covering("project_id", ids))
        .values_list("project_id", "rule", "kind", "pk", *TRACKED_FIELDS)
        if project_id in evaluated
    }
    to_create: list[TrackedObligation] = []
    to_update: list[TrackedObligation] = []
    seen: set[tuple[int, str, str]] = set()
    for project_id, (_digest, result) in evaluated.items():
        for (rule, kind), obligation in _unique(result.obligations).items():
            key = (project_id, rule, kind)
            seen.add(key)
            values = _values(obligation)
            report.overdue += obligation.status == "overdue"
            row = existing.get(key)
            if row is None:
                to_create.append(
                    TrackedObligation(
                        project_id=project_id, rule=rule, kind=kind, checked_on=today, **values
                    )
                )
            elif values != row[1]:
                to_update.append(TrackedObligation(pk=row[0], checked_on=today, **values))
    retired = [
        TrackedObligation(pk=pk, checked_on=today, **{**stored, "active": False})
        for key, (pk, stored) in existing.items()
        if key not in seen and stored["active"]
    ]
    report.retired += len(retired)
    _store_checks(
        [
            (project_id, digest, today, result.recheck_on)
            for project_id, (digest, result) in evaluated.items()
        ]
    )
    TrackedObligation.objects.bulk_create(to_create)
    TrackedObligation.objects.bulk_update([*to_update, *retired], [*TRACKED_FIELDS, "checked_on"])
    report.created += len(to_create)
    report.updated += len(to_update)


def _store_checks(rows: list[tuple[int, str, dt.date, dt.date | None]]) -> None:
    """Write the ``ObligationCheck`` of each evaluated project (project, digest, checked on,
    recheck on). On PostgreSQL one ``INSERT … SELECT unnest(…) ON CONFLICT`` statement with an
    array per column: after a deployment every open project's check is written again, and the
    ORM's upsert (an instance and four parameters per row) cost four times as much."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        ObligationCheck.objects.bulk_create(
            [
                ObligationCheck(project_id=pk, digest=digest, checked_on=on, recheck_on=recheck)
                for pk, digest, on, recheck in rows
            ],
            update_conflicts=True,
            unique_fields=["project"],
            update_fields=["digest", "checked_on", "recheck_on"],
        )
        return
    table = connection.ops.quote_name(ObligationCheck._meta.db_table)
    columns = [list(column) for column in zip(*rows, strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (project_id, digest, checked_on, recheck_on) "  # noqa: S608
            "SELECT * FROM unnest(%s::bigint[], %s::varchar[], %s::date[], %s::date[]) "
            "ON CONFLICT (project_id) DO UPDATE SET digest = EXCLUDED.digest, "
            "checked_on = EXCLUDED.checked_on, recheck_on = EXCLUDED.recheck_on",
            columns,
        )


def _recipients() -> tuple[dict[int, list[User]], list[User]]:
    """The unit staff per organisation, and the competent department's staff."""
    by_unit: dict[int, list[User]] = defaultdict(list)
    competent: dict[int, User] = {}
    memberships = Membership.objects.filter(
        role__in=(Role.UNIT, Role.COMPETENT), user__is_active=True
    ).select_related("user")
    for membership in memberships:
        if membership.role == Role.UNIT:
            by_unit[membership.organisation_id].append(membership.user)
        else:
            competent[membership.user_id] = membership.user
    return by_unit, list(competent.values())


def reminder_horizon(today: dt.date) -> dt.date:
    """The last due date that gets a reminder today."""
    days = settings.GOVIT_REMINDER_WORKING_DAYS
    return work_calendar().add_working_days(today, days).date


def notices_send(*, today: dt.date | None = None) -> NoticeReport:
    """Write the reminders and overdue notices not yet written, and e-mail them."""
    today = today or timezone.localdate()
    report = NoticeReport()
    by_unit, competent = _recipients()
    open_rows = TrackedObligation.objects.filter(active=True, done_on__isnull=True)
    due_soon = open_rows.filter(
        status=ObligationStatus.PENDING, due__gte=today, due__lte=reminder_horizon(today)
    )
    overdue = open_rows.filter(status=ObligationStatus.OVERDUE)
    wanted: list[Notice] = []
    for kind, rows in ((NoticeKind.REMINDER, due_soon), (NoticeKind.OVERDUE, overdue)):
        for row in rows.select_related("project"):
            people = list(by_unit.get(row.project.unit_id, []))
            if kind == NoticeKind.OVERDUE:
                people += competent
            for user in {person.pk: person for person in people}.values():
                wanted.append(Notice(recipient=user, obligation=row, kind=kind, due=row.due))
    with transaction.atomic():
        have = set(
            Notice.objects.filter(obligation__in={n.obligation_id for n in wanted}).values_list(
                "recipient_id", "obligation_id", "kind", "due"
            )
        )
        new = [n for n in wanted if (n.recipient_id, n.obligation_id, n.kind, n.due) not in have]
        Notice.objects.bulk_create(new, ignore_conflicts=True)
        report.reminders = sum(1 for n in new if n.kind == NoticeKind.REMINDER)
        report.overdue = sum(1 for n in new if n.kind == NoticeKind.OVERDUE)
        if new:
            audit.record(
                actor=None,
                action="deadlines.notices",
                object_type="projects.notice",
                object_repr=f"{report.reminders} reminders, {report.overdue} overdue",
                after={"reminders": report.reminders, "overdue": report.overdue, "on": today},
            )
    _email(new, report)
    return report


def _email(new: list[Notice], report: NoticeReport) -> None:
    """One message per recipient listing their new notices; a failure is reported, not raised."""
    per_user: dict[int, list[Notice]] = defaultdict(list)
    for notice in new:
        per_user[notice.recipient_id].append(notice)
    sent: list[int] = []
    for notices in per_user.values():
        user = notices[0].recipient
        if not user.email:
            continue
        with override(settings.LANGUAGE_CODE):
            subject = _("govit: %(count)d deadline(s) need your attention") % {
                "count": len(notices)
            }
            body = "\n".join(_line(notice) for notice in notices)
        try:
            send_mail(subject, body, None, [user.email])
        except OSError as error:  # SMTP down: the notices are in the app all the same
            report.failed_emails.append(f"{user.get_username()}: {error}")
            continue
        sent.extend(notice.pk for notice in notices if notice.pk)
        report.emails += 1
    if sent:
        Notice.objects.filter(pk__in=sent).update(emailed_at=timezone.now())


def _line(notice: Notice) -> str:
    row = notice.obligation
    state = _("overdue") if notice.kind == NoticeKind.OVERDUE else _("due soon")
    provisional = _(" (provisional)") if row.provisional else ""
    return _("%(project)s: %(kind)s, due %(due)s%(provisional)s, %(state)s (%(article)s)") % {
        "project": row.project.name,
        "kind": label(row.kind),
        "due": row.due.isoformat(),
        "provisional": provisional,
        "state": state,
        "article": row.article,
    }


@transaction.atomic
def notice_mark_read(actor: User, notice: Notice) -> Notice:
    """The recipient has seen the notice (only they can say so)."""
    from govit.projects.errors import NotPermitted

    if notice.recipient_id != actor.pk:
        raise NotPermitted(_("This notice is not addressed to you."))
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def tick() -> str:
    """The daily job: recompute the deadlines, then remind and warn."""
    refreshed = deadlines_refresh(workers=settings.GOVIT_TICK_WORKERS)
    sent = notices_send()
    line = (
        f"deadlines: {refreshed.projects} projects ({refreshed.kept} unchanged), "
        f"{refreshed.created} new, "
        f"{refreshed.updated} changed, {refreshed.retired} no longer required, "
        f"{refreshed.overdue} overdue; notices: {sent.reminders} reminders, "
        f"{sent.overdue} overdue, {sent.emails} e-mails"
    )
    if sent.failed_emails:
        line += "; e-mail failed for " + ", ".join(sent.failed_emails)
    return line
