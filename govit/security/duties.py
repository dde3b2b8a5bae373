"""Dated security duties of a system, computed from its registers (pure: no queries here).

- Filing with the police within ``GOVIT_MLPS_FILING_DAYS`` days of the grading, level 2 and up.
- An 等级测评 every ``GOVIT_MLPS_TEST_MONTHS`` months at level 3 (``GOVIT_MLPS_TEST_MONTHS_L4``
  from level 4), counted from the last one (or from the grading).
- A 密评 every ``GOVIT_CRYPTO_TEST_MONTHS`` months from level ``GOVIT_CRYPTO_MIN_LEVEL``.
- The yearly tests a service contract names (Bijie 第二十八条), while the contract runs.
A duty is due on its day itself ("以内" includes the day); it is overdue from the day after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings

from govit.core.calendar import WorkCalendar, add_months
from govit.security.choices import FAILING, SERIOUS, AssessmentKind, DutyKind
from govit.security.models import Assessment, Grading, Incident, ServiceContract

CONTRACT_ARTICLE = "毕节 第二十八条"
# The kinds of assessment that discharge a contract's yearly security test.
SECURITY_TEST_KINDS = frozenset(
    {AssessmentKind.SECURITY_TEST, AssessmentKind.PENTEST, AssessmentKind.MLPS}
)


@dataclass(frozen=True)
class Duty:
    """One dated duty: what, by when, whether it is met, and where it comes from."""

    kind: str
    due: dt.date
    overdue: bool
    basis: str
    last_done: dt.date | None = None
    provisional: bool = False

    @property
    def label(self) -> str:
        return str(DutyKind(self.kind).label)


def _latest(assessments: Iterable[Assessment], kinds: frozenset[str]) -> Assessment | None:
    found = [a for a in assessments if a.kind in kinds]
    return max(found, key=lambda a: (a.done_on, a.pk or 0)) if found else None


def mlps_months(level: int) -> int | None:
    if level >= 4:
        return int(settings.GOVIT_MLPS_TEST_MONTHS_L4)
    if level == 3:
        return int(settings.GOVIT_MLPS_TEST_MONTHS)
    return None


def _periodic(
    kind: str, start: dt.date, last: Assessment | None, months: int, today: dt.date, basis: str
) -> Duty:
    since = last.done_on if last is not None else start
    due = add_months(since, months)
    return Duty(
        kind=kind,
        due=due,
        overdue=today > due,
        basis=basis,
        last_done=last.done_on if last is not None else None,
    )


def system_duties(
    *,
    grading: Grading | None,
    assessments: Sequence[Assessment],
    contracts: Sequence[ServiceContract],
    today: dt.date,
    calendar: WorkCalendar,
) -> list[Duty]:
    """Every open duty of one system on ``today``."""
    duties: list[Duty] = []
    if grading is not None:
        if grading.level >= 2 and grading.filed_on is None:
            due = calendar.deadline_after_days(grading.graded_on, settings.GOVIT_MLPS_FILING_DAYS)
            duties.append(
                Duty(
                    kind=DutyKind.FILING,
                    due=due.date,
                    overdue=today > due.date,
                    basis="GB/T 22240-2020",
                    provisional=due.provisional,
                )
            )
        months = mlps_months(grading.level)
        if months is not None:
            last = _latest(assessments, frozenset({AssessmentKind.MLPS}))
            duties.append(
                _periodic(DutyKind.MLPS, grading.graded_on, last, months, today, "GB/T 22239-2019")
            )
        if grading.level >= settings.GOVIT_CRYPTO_MIN_LEVEL:
            last = _latest(assessments, frozenset({AssessmentKind.CRYPTO}))
            duties.append(
                _periodic(
                    DutyKind.CRYPTO,
                    grading.graded_on,
                    last,
                    settings.GOVIT_CRYPTO_TEST_MONTHS,
                    today,
                    "GB/T 39786-2021",
                )
            )
    for contract in contracts:
        if not contract.starts_on <= today <= contract.ends_on:
            continue
        wanted = (
            (contract.security_test, DutyKind.SECURITY_TEST, SECURITY_TEST_KINDS),
            (contract.crypto, DutyKind.CRYPTO, frozenset({AssessmentKind.CRYPTO})),
            (contract.risk, DutyKind.RISK, frozenset({AssessmentKind.RISK})),
        )
        for required, kind, kinds in wanted:
            if not required:
                continue
            done = [a for a in assessments if a.done_on >= contract.starts_on]
            duty = _periodic(
                kind,
                contract.starts_on,
                _latest(done, kinds),
                settings.GOVIT_CONTRACT_TEST_MONTHS,
                today,
                CONTRACT_ARTICLE,
            )
            # One duty per source: the law's (the grading) and each contract's.
            duties.append(duty)
    return sorted(duties, key=lambda d: d.due)


def compliance(
    *,
    grading: Grading | None,
    assessments: Sequence[Assessment],
    incidents: Sequence[Incident],
    duties: Sequence[Duty],
) -> dict[str, bool | None]:
    """The security facts the O&M funding rules read; None where the registers know nothing."""
    hazard = any(a.open_hazard for a in assessments) or any(
        i.severity in SERIOUS and i.closed_on is None for i in incidents
    )
    facts: dict[str, bool | None] = {
        "major_hazard": hazard if (grading or assessments or incidents) else None,
        "security_compliant": None,
        "crypto_compliant": None,
    }
    overdue = {d.kind for d in duties if d.overdue}
    if grading is None:
        # Ungraded: only a service contract's overdue tests are known to fail.
        if DutyKind.SECURITY_TEST in overdue or DutyKind.RISK in overdue:
            facts["security_compliant"] = False
        if DutyKind.CRYPTO in overdue:
            facts["crypto_compliant"] = False
        return facts
    mlps = _latest(assessments, frozenset({AssessmentKind.MLPS}))
    crypto = _latest(assessments, frozenset({AssessmentKind.CRYPTO}))
    facts["security_compliant"] = not (
        DutyKind.FILING in overdue
        or DutyKind.MLPS in overdue
        or DutyKind.SECURITY_TEST in overdue
        or (mlps is not None and mlps.conclusion in FAILING)
    )
    crypto_required = grading.level >= settings.GOVIT_CRYPTO_MIN_LEVEL
    facts["crypto_compliant"] = not (
        DutyKind.CRYPTO in overdue
        or (crypto_required and crypto is not None and crypto.conclusion in FAILING)
    )
    return facts
