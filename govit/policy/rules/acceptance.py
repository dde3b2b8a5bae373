"""Acceptance: prerequisites, trial run, deadlines, filing, finance notice, third-party tests."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import NoParams, Params, rule
from govit.policy.engine.snapshot import DocumentType, Snapshot
from govit.policy.rules.common import AmountField, amount_of, field_path, wan
from govit.policy.vocabulary import labels

Fact = Literal[
    "data_collected",
    "platform_docked",
    "acceptance_confirmed",
    "catalog_registered",
    "safe_reliable_products",
    "initial_acceptance",
]


class Prerequisites(Params):
    documents: list[DocumentType] = []
    facts: list[Fact] = []


@rule("acceptance_prerequisites", Prerequisites)
def acceptance_prerequisites(s: Snapshot, p: Prerequisites, c: Context) -> None:
    """Acceptance is organised only once the listed evidence is in place."""
    project = s.project
    missing: list[str] = [k for k in p.documents if not project.has_document(k)]
    for fact in p.facts:
        value = (
            project.initial_acceptance_on is not None
            if fact == "initial_acceptance"
            else getattr(project, fact)
        )
        if not value:
            missing.append(fact)
    if missing:
        c.block(
            _("Before acceptance these are needed: %(missing)s.") % {"missing": labels(missing)}
        )


class TrialRun(Params):
    months: int


@rule("trial_run_length", TrialRun, obliges=True)
def trial_run_length(s: Snapshot, p: TrialRun, c: Context) -> None:
    """The trial run lasts the stated months before acceptance is applied for."""
    started = s.project.trial_run_started_on
    if started is None:
        if c.reached("acceptance"):
            c.block(_("The trial run has not started."))
        return
    due = c.calendar.deadline_after_months(started, p.months)
    end = due.date
    applied = s.project.acceptance_applied_on
    obligation = c.oblige("trial_run", due, applied if applied and applied >= end else None)
    if c.target == "acceptance" and c.as_of < end:
        c.block(
            _("The %(months)d-month trial run ends on %(end)s; acceptance cannot start before.")
            % {"months": p.months, "end": end.isoformat()}
        )
    elif applied is not None and applied < end:
        c.block(
            _("Acceptance was applied for on %(applied)s, before the trial run ended on %(end)s.")
            % {"applied": applied.isoformat(), "end": end.isoformat()}
        )
    del obligation


class MonthsAfter(Params):
    months: int


@rule("acceptance_deadline", MonthsAfter, obliges=True)
def acceptance_deadline(s: Snapshot, p: MonthsAfter, c: Context) -> None:
    """Acceptance is organised within N months of completion."""
    completed = s.project.completed_on
    if completed is None:
        return
    due = c.calendar.deadline_after_months(completed, p.months)
    c.oblige("acceptance", due, s.project.accepted_on)


class WorkingDays(Params):
    working_days: int


@rule("acceptance_filing_deadline", WorkingDays, obliges=True)
def acceptance_filing_deadline(s: Snapshot, p: WorkingDays, c: Context) -> None:
    """The acceptance report is filed within N working days of acceptance."""
    accepted = s.project.accepted_on
    if accepted is None or s.project.acceptance_passed is False:
        return
    due = c.calendar.add_working_days(accepted, p.working_days)
    c.oblige("acceptance_filing", due, s.project.acceptance_filed_on)


@rule("acceptance_filing_required")
def acceptance_filing_required(s: Snapshot, p: NoParams, c: Context) -> None:
    """An accepted project is filed with the approving department (no period is given)."""
    project = s.project
    if project.acceptance_passed and project.acceptance_filed_on is None:
        c.warn(_("The accepted project has not been filed with the approving department."))


@rule("finance_notice_deadline", WorkingDays, obliges=True)
def finance_notice_deadline(s: Snapshot, p: WorkingDays, c: Context) -> None:
    """Finance is told in writing within N working days of the acceptance filing."""
    filed = s.project.acceptance_filed_on
    if filed is None:
        return
    due = c.calendar.add_working_days(filed, p.working_days)
    c.oblige("finance_notice", due, s.project.finance_notified_on)


class ThirdPartyTest(Params):
    threshold: Decimal  # 含本数
    amount: AmountField = "contract"


@rule("third_party_acceptance_test", ThirdPartyTest)
def third_party_acceptance_test(s: Snapshot, p: ThirdPartyTest, c: Context) -> None:
    """At or above the threshold a third party tests the project for acceptance."""
    amount = amount_of(s.project, p.amount)
    if amount is None:
        c.unknown(field_path(p.amount))
        return
    required = amount >= p.threshold
    c.decide("third_party_acceptance_test", required)
    if required and c.reached("acceptance") and not s.project.has_document("test_report"):
        c.block(
            _("At %(amount)s a third-party acceptance test report is needed.")
            % {"amount": wan(amount)}
        )


@rule("failed_acceptance_blocks_operation")
def failed_acceptance_blocks_operation(s: Snapshot, p: NoParams, c: Context) -> None:
    """A project that has not passed acceptance is not put into use."""
    if c.reached("operation") and not s.project.acceptance_passed:
        c.block(_("The project has not passed acceptance, so it cannot go into operation."))


@rule("assets_booked")
def assets_booked(s: Snapshot, p: NoParams, c: Context) -> None:
    """After acceptance the project's assets are booked."""
    project = s.project
    if project.acceptance_passed and project.assets_booked_on is None:
        c.warn(_("The project passed acceptance but its assets are not booked yet."))
