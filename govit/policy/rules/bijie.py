"""Rules of the Bijie rulebook that no generic rule covers: scope, funding channels, data duties,
yearly security tests, rectification and performance."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext_lazy

from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import NoParams, Params, rule
from govit.policy.engine.snapshot import Project, Snapshot
from govit.policy.rules.common import wan
from govit.policy.rules.documents import DocumentsRequired, documents_required
from govit.policy.rules.funding import Condition, system_fails
from govit.policy.vocabulary import label, labels, register_labels

register_labels(
    {
        # facts
        "data_graded": gettext_lazy("data classified and graded, sharing and opening types set"),
        "data_listed": gettext_lazy("data resources put on the platform as catalogued"),
        "sharing_catalog_compiled": gettext_lazy("data-sharing catalogue compiled"),
        "open_catalog_compiled": gettext_lazy("data-opening catalogue compiled"),
        "open_data_desensitised": gettext_lazy("data to be opened desensitised and declassified"),
        "shares_data": gettext_lazy("data shared on the sharing platform"),
        # problems found by inspection (the others reuse the O&M-funding labels)
        "non_compliant": gettext_lazy("not in line with the regulations or the approval"),
        "unauthorised_change": gettext_lazy("service content changed without approval"),
        "unauthorised_third_party_system": gettext_lazy(
            "a third party's information system used without approval"
        ),
        "other_violation": gettext_lazy("other breach of the regulations"),
    }
)


def _fiscal(project: Project) -> bool:
    """City fiscal money is (or may be) involved: unknown sources count as fiscal."""
    return project.funding_sources is None or "fiscal" in project.funding_sources


@rule("bijie_classified_excluded")
def bijie_classified_excluded(s: Snapshot, p: NoParams, c: Context) -> None:
    """A classified project is governed by the secrecy rules, not by this regulation."""
    if s.project.classified:
        c.decide("in_scope", False)
        c.info(_("A classified project follows the rules on classified projects instead."))


@rule("bijie_next_year_application")
def bijie_next_year_application(s: Snapshot, p: NoParams, c: Context) -> None:
    """The yearly call collects demand plans for the next year's projects."""
    project = s.project
    if project.submitted_on is None:
        return
    if project.plan_year is None:
        c.unknown("project.plan_year")
        return
    expected = project.submitted_on.year + 1
    if project.plan_year != expected:
        c.warn(
            _(
                "Submitted in %(year)d for the plan of %(plan)d: the yearly call is for the "
                "projects of %(expected)d."
            )
            % {"year": project.submitted_on.year, "plan": project.plan_year, "expected": expected}
        )


@rule("bijie_library_required")
def bijie_library_required(s: Snapshot, p: NoParams, c: Context) -> None:
    """Only projects admitted to the project library go further."""
    project = s.project
    if project.in_library is None:
        c.unknown("project.in_library")
    elif not project.in_library:
        c.block(_("The project is not in the project library."))


@rule("bijie_soe_self_funded")
def bijie_soe_self_funded(s: Snapshot, p: NoParams, c: Context) -> None:
    """A city state-owned enterprise raises its own construction money."""
    soe = s.unit.kind == "soe" or "soe" in (s.project.funding_sources or ())
    if soe and "fiscal" in (s.project.funding_sources or ()):
        c.block(
            _("A project of a city state-owned enterprise is paid from the enterprise's own money.")
        )


DataFact = Literal[
    "catalog_registered",
    "data_graded",
    "data_listed",
    "sharing_catalog_compiled",
    "shares_data",
]


class DataDuties(Params):
    facts: list[DataFact] = []
    systems: list[Condition] = []


@rule("bijie_data_duties", DataDuties)
def bijie_data_duties(s: Snapshot, p: DataDuties, c: Context) -> None:
    """The unit's data duties (catalogue, grading, listing, sharing) are done."""
    project = s.project
    missing = [label(fact) for fact in p.facts if getattr(project, fact) is not True]
    for system in project.systems or ():
        for condition in p.systems:
            if system_fails(system, condition) is not False:
                missing.append(f"{system.name}：{label(condition)}")
    if missing:
        c.block(_("Data duties not done yet: %(missing)s.") % {"missing": "、".join(missing)})


OpenFact = Literal["open_catalog_compiled", "open_data_desensitised"]


class OpenData(Params):
    facts: list[OpenFact]


@rule("bijie_open_data", OpenData)
def bijie_open_data(s: Snapshot, p: OpenData, c: Context) -> None:
    """Data the project opens is catalogued and desensitised before it is opened."""
    project = s.project
    if project.opens_data is None:
        c.unknown("project.opens_data")
        return
    if not project.opens_data:
        return
    missing = [fact for fact in p.facts if getattr(project, fact) is not True]
    if missing:
        c.block(
            _("The project opens data; first needed: %(missing)s.") % {"missing": labels(missing)}
        )


class Yearly(Params):
    months: int = 12


@rule("bijie_yearly_security_test", Yearly, obliges=True)
def bijie_yearly_security_test(s: Snapshot, p: Yearly, c: Context) -> None:
    """Each year of service the vendor tests security, cryptography and risk, and reports."""
    start = s.project.operation_started_on
    if start is None:
        return
    tests = sorted(s.project.security_tests_on or ())
    window_start = start
    for period in range(1, 100):
        if not c.has_come(window_start):
            break
        due = c.calendar.deadline_after_months(start, p.months * period)
        done = next((day for day in tests if window_start <= day <= due.date), None)
        c.oblige(
            "security_test",
            due,
            done,
            _("Year %(n)d of service, from %(start)s")
            % {"n": period, "start": window_start.isoformat()},
        )
        window_start = due.date + dt.timedelta(days=1)


@rule("bijie_rectification", obliges=True)
def bijie_rectification(s: Snapshot, p: NoParams, c: Context) -> None:
    """Problems found by inspection are rectified and reported; until then no further funds."""
    issues = s.project.inspection_issues
    if issues is None:
        return
    still_open: list[str] = []
    for issue in issues:
        not_good = issue.confirmed is False
        if issue.rectify_by is not None:
            due = c.calendar.next_workday_on_or_after(issue.rectify_by)
            c.oblige(
                "rectification", due, None if not_good else issue.rectified_on, label(issue.kind)
            )
        if issue.rectified_on is None:
            still_open.append(label(issue.kind))
        elif not_good:
            still_open.append(
                _("%(kind)s (rectified but still not compliant)") % {"kind": label(issue.kind)}
            )
        elif issue.confirmed is None:
            c.info(
                _("The rectification of %(kind)s awaits the competent department's confirmation.")
                % {"kind": label(issue.kind)}
            )
    if still_open:
        c.decide("further_funding", "withheld", rank=1)
        c.block(
            _("No further project funds until these are rectified: %(issues)s.")
            % {"issues": "、".join(still_open)}
        )
    else:
        c.decide("further_funding", "eligible")


SIGNALS: tuple[Condition, ...] = (
    "not_on_gov_cloud",
    "not_docked",
    "not_sharing",
    "not_security_compliant",
    "not_crypto_compliant",
)


@rule("bijie_problem_signals")
def bijie_problem_signals(s: Snapshot, p: NoParams, c: Context) -> None:
    """Facts that already show a problem the inspection article lists."""
    project = s.project
    if project.classified:
        return
    systems = project.systems or ()
    found: set[str] = set()
    if project.gov_cloud is False:
        found.add("not_on_gov_cloud")
    if project.shares_data is False:
        found.add("not_sharing")
    for system in systems:
        for kind in SIGNALS:
            if system_fails(system, kind):
                found.add(kind)
    found -= {issue.kind for issue in project.inspection_issues or ()}
    if found:
        shown = [kind for kind in SIGNALS if kind in found]
        c.warn(
            _("These are problems to be rectified and reported: %(items)s.")
            % {"items": labels(shown)}
        )


class ExAnte(Params):
    major_threshold: Decimal | None = None  # the text sets none: the deployment's (含本数)


@rule("bijie_ex_ante_assessment", ExAnte)
def bijie_ex_ante_assessment(s: Snapshot, p: ExAnte, c: Context) -> None:
    """A new major project has an ex-ante performance assessment."""
    project = s.project
    if not _fiscal(project):
        return
    if project.kind is None:
        c.unknown("project.kind")
        return
    if project.kind != "new":
        return
    if p.major_threshold is None:
        c.info(
            _(
                "Which new projects are major is set by the deployment and none is configured: "
                "decide by hand whether an ex-ante performance assessment is needed."
            )
        )
        return
    if project.investment is None:
        c.unknown("project.investment")
        return
    required = project.investment >= p.major_threshold
    c.decide("ex_ante_assessment_required", required)
    if required and not project.has_document("ex_ante_assessment"):
        c.block(
            _("A new major project (%(amount)s, %(threshold)s or more) needs %(document)s.")
            % {
                "amount": wan(project.investment),
                "threshold": wan(p.major_threshold),
                "document": label("ex_ante_assessment"),
            }
        )


@rule("bijie_fiscal_documents_required", DocumentsRequired)
def bijie_fiscal_documents_required(s: Snapshot, p: DocumentsRequired, c: Context) -> None:
    """Documents that only projects paid with city fiscal money need."""
    if _fiscal(s.project):
        documents_required(s, p, c)


@rule("bijie_comprehensive_assessment")
def bijie_comprehensive_assessment(s: Snapshot, p: NoParams, c: Context) -> None:
    """The comprehensive assessment is made after the project was put into use."""
    project = s.project
    done = project.post_evaluated_on
    if done is None:
        c.block(_("The comprehensive assessment has not been made."))
        return
    started = project.operation_started_on
    if started is not None and done < started:
        c.block(
            _(
                "The comprehensive assessment of %(done)s came before the project was put into "
                "use on %(started)s."
            )
            % {"done": done.isoformat(), "started": started.isoformat()}
        )
