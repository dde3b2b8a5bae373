"""Rules of the Gaoping regulation (高政办发〔2020〕35号) that no generic rule expresses."""

from __future__ import annotations

from typing import Literal

from django.utils.translation import gettext_lazy

from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import NoParams, Params, rule
from govit.policy.engine.snapshot import ProcurementMethod, Snapshot
from govit.policy.vocabulary import label, labels, register_labels

register_labels(
    {
        "adjustment": gettext_lazy("adjustment application assessed by the competent department"),
        "emergency_drill": gettext_lazy("emergency drill"),
    }
)

SystemFact = Literal[
    "in_catalog", "docked", "on_gov_cloud", "security_compliant", "crypto_compliant"
]
# "self" is labelled as a funding source (self-raised funds); as a procurement method it means
# the unit does the work itself.
METHOD_LABEL = {"self": gettext_lazy("implementation by the unit itself")}
# A failed fact is named by the O&M-funding condition label it corresponds to.
FAILURE_LABEL: dict[str, str] = {
    "in_catalog": "not_in_catalog",
    "docked": "not_docked",
    "on_gov_cloud": "not_on_gov_cloud",
    "security_compliant": "not_security_compliant",
    "crypto_compliant": "not_crypto_compliant",
}


@rule("gaoping_joint_plan")
def gaoping_joint_plan(s: Snapshot, p: NoParams, c: Context) -> None:
    """A cross-department project names its lead department and the units building with it."""
    project = s.project
    if project.cross_department is None:
        c.unknown("project.cross_department")
        return
    if not project.cross_department:
        return
    missing: list[str] = []
    if not project.lead_department:
        missing.append(_("the lead department"))
    if not project.co_builders:
        missing.append(_("the co-building units"))
    if missing:
        c.block(
            _(
                "A cross-department project is planned by its lead department together with "
                "the co-building units; name %(missing)s."
            )
            % {"missing": "、".join(missing)}
        )


class SystemsMeet(Params):
    require: list[SystemFact]
    skip_classified: bool = False
    exempt_negative_list: bool = False  # systems the government left off (负面清单) are skipped
    consequence: Literal["block", "om_funding"] = "block"


@rule("gaoping_systems_meet", SystemsMeet)
def gaoping_systems_meet(s: Snapshot, p: SystemsMeet, c: Context) -> None:
    """Every system of the project meets the listed requirements (or O&M money is withheld)."""
    project = s.project
    if p.skip_classified and project.classified:
        return
    if project.systems is None:
        c.unknown("project.systems")
        return
    failures: list[str] = []
    unknown: list[str] = []
    for position, system in enumerate(project.systems):
        if p.exempt_negative_list and system.negative_list_approved:
            continue
        failed: list[str] = []
        for fact in p.require:
            value = getattr(system, fact)
            if value is None:
                unknown.append(f"project.systems[{position}].{fact}")
            elif not value:
                failed.append(FAILURE_LABEL[fact])
        if failed:
            failures.append(f"{system.name}：{labels(failed)}")
    if p.consequence == "om_funding":
        if failures:
            c.decide("om_funding", "withheld", rank=1)
            c.warn(_("O&M funding is withheld: %(reasons)s.") % {"reasons": "；".join(failures)})
        elif unknown:
            c.unknown(*unknown)
        else:
            c.decide("om_funding", "eligible")
        return
    if failures:
        c.block(
            _("These systems do not meet the requirement: %(systems)s.")
            % {"systems": "；".join(failures)}
        )
    if unknown:
        c.unknown(*unknown)


@rule("gaoping_pre_review")
def gaoping_pre_review(s: Snapshot, p: NoParams, c: Context) -> None:
    """A new department's or an unplanned project needs the pre-review before approval."""
    project = s.project
    new_department = s.unit.new_department
    planned = project.in_application_plan
    reasons: list[str] = []
    if new_department:
        reasons.append(_("the unit is a newly established department"))
    if planned is False:
        reasons.append(_("the project is not in the informatization plan"))
    if not reasons:
        if new_department is None or planned is None:
            c.unknown(
                *(
                    path
                    for path, value in (
                        ("unit.new_department", new_department),
                        ("project.in_application_plan", planned),
                    )
                    if value is None
                )
            )
        else:
            c.decide("pre_review_required", False)
        return
    c.decide("pre_review_required", True)
    why = "；".join(reasons)
    if c.reached("approved") and not project.pre_reviewed:
        c.block(
            _(
                "The project needs the competent department's pre-review against the docking "
                "requirements (%(why)s) and has not passed it; the people's government then "
                "approves it."
            )
            % {"why": why}
        )
    else:
        c.info(
            _(
                "Pre-review by the competent department and approval by the people's "
                "government are required: %(why)s."
            )
            % {"why": why}
        )


@rule("gaoping_private_network")
def gaoping_private_network(s: Snapshot, p: NoParams, c: Context) -> None:
    """No new private network without the competent department's consent."""
    project = s.project
    if project.features is None:
        c.unknown("project.features")
        return
    if "private_network" not in project.features:
        return
    if project.private_network_consented:
        c.info(_("The competent department consented to the new private network."))
    else:
        c.block(
            _(
                "A new private network may be built only where laws, regulations or national "
                "rules require it, and with the competent department's consent."
            )
        )


@rule("gaoping_new_platform")
def gaoping_new_platform(s: Snapshot, p: NoParams, c: Context) -> None:
    """As a rule no new platform system: use the national, provincial or Jincheng platforms."""
    new_platform = s.project.new_platform
    if new_platform is None:
        c.unknown("project.new_platform")
    elif new_platform:
        c.warn(
            _(
                "The project builds a new platform system: as a rule none are built; use the "
                "national, provincial or Jincheng platforms where possible and dock with the "
                "government service system."
            )
        )


@rule("gaoping_government_agreement")
def gaoping_government_agreement(s: Snapshot, p: NoParams, c: Context) -> None:
    """The project is approved after the people's government agreed to it."""
    project = s.project
    if not c.reached("approved"):
        return
    agreed = project.government_agreed_on
    if agreed is None:
        c.block(_("The people's government has not agreed to the project yet."))
    elif project.approved_on is not None and project.approved_on < agreed:
        c.block(
            _(
                "The project was approved on %(approved)s, before the people's government "
                "agreed on %(agreed)s."
            )
            % {"approved": project.approved_on.isoformat(), "agreed": agreed.isoformat()}
        )


class Competition(Params):
    excluded: list[ProcurementMethod]


@rule("gaoping_competitive_procurement", Competition)
def gaoping_competitive_procurement(s: Snapshot, p: Competition, c: Context) -> None:
    """A complex, technically demanding project chooses its vendor by market competition."""
    project = s.project
    if project.complex_project is None:
        c.unknown("project.complex_project")
        return
    if not project.complex_project:
        return
    method = project.contract.procurement_method if project.contract else None
    if method is None:
        c.unknown("project.contract.procurement_method")
    elif method in p.excluded:
        c.block(
            _(
                "A complex, technically demanding project chooses its vendor by market "
                "competition, not by %(method)s."
            )
            % {"method": METHOD_LABEL.get(method) or label(method)}
        )


@rule("gaoping_change_route")
def gaoping_change_route(s: Snapshot, p: NoParams, c: Context) -> None:
    """A significant change waits until the competent department has assessed its adjustment."""
    changes = s.project.changes or []
    if not changes:
        return
    if changes[-1].significant:
        c.decide("change_route", "adjustment")
    elif changes[-1].significant is None:
        c.unknown(f"project.changes[{len(changes) - 1}].significant")
    pending = [
        (position, change)
        for position, change in enumerate(changes)
        if change.significant and not change.approved
    ]
    for position, change in pending:
        if change.on is None:
            message = _(
                "Change %(number)d is significant: it needs an adjustment application assessed "
                "and agreed by the competent department."
            ) % {"number": position + 1}
        else:
            message = _(
                "Change %(number)d of %(on)s is significant: it needs an adjustment application "
                "assessed and agreed by the competent department."
            ) % {"number": position + 1, "on": change.on.isoformat()}
        c.block(message)


@rule("gaoping_funding_suspended")
def gaoping_funding_suspended(s: Snapshot, p: NoParams, c: Context) -> None:
    """A suspended or terminated project receives no construction or O&M money."""
    stage = s.project.stage
    if stage == "suspended" or stage == "terminated":
        c.decide("om_funding", "withheld", rank=2)
        c.info(
            _("The project is %(stage)s: construction and O&M funds are not paid.")
            % {"stage": label(stage)}
        )


class Drills(Params):
    months: int  # the text says 定期 only: the period is the deployment's


@rule("gaoping_emergency_drills", Drills, obliges=True)
def gaoping_emergency_drills(s: Snapshot, p: Drills, c: Context) -> None:
    """In operation, the emergency plan is drilled at least once in every period."""
    project = s.project
    started = project.operation_started_on
    if started is None:
        return
    since = max([started, *(project.drills or ())])
    due = c.calendar.deadline_after_months(since, p.months)
    c.oblige(
        "emergency_drill",
        due,
        None,
        _("The next emergency drill is due within %(months)d months of %(since)s.")
        % {"months": p.months, "since": since.isoformat()},
    )


@rule("gaoping_incident_records")
def gaoping_incident_records(s: Snapshot, p: NoParams, c: Context) -> None:
    """Every security incident is recorded (time, symptoms, handling) and reported."""
    for position, incident in enumerate(s.project.incidents or ()):
        missing: list[str] = []
        if incident.occurred_on is None:
            missing.append(_("the time it occurred"))
        if not incident.symptoms:
            missing.append(_("how it showed"))
        if not incident.handling:
            missing.append(_("how it was handled"))
        if incident.reported_on is None:
            missing.append(_("the report to the relevant bodies"))
        if missing:
            c.warn(
                _("Security incident %(number)d: the record lacks %(missing)s.")
                % {"number": position + 1, "missing": "、".join(missing)}
            )
