"""O&M funding: linked to sharing, catalogues, security, docking, acceptance filing and the
unit's performance evaluation results."""

from __future__ import annotations

from typing import Literal

from govit.policy.engine.context import Context
from govit.policy.engine.i18n import gettext as _
from govit.policy.engine.registry import NoParams, Params, rule
from govit.policy.engine.snapshot import EvaluationGrade, Snapshot, System
from govit.policy.vocabulary import label

Condition = Literal[
    "not_sharing",
    "duplicate_collection",
    "not_in_data_catalog",
    "not_security_compliant",
    "not_crypto_compliant",
    "major_hazard",
    "not_docked",
    "not_in_catalog",
    "not_on_gov_cloud",
]


def system_fails(system: System, condition: Condition) -> bool | None:
    """Whether ``system`` fails ``condition``; None when the fact is unknown."""
    value = {
        "not_sharing": system.shares_data,
        "duplicate_collection": system.duplicate_collection,
        "not_in_data_catalog": system.in_data_catalog,
        "not_security_compliant": system.security_compliant,
        "not_crypto_compliant": system.crypto_compliant,
        "major_hazard": system.major_hazard,
        "not_docked": system.docked,
        "not_in_catalog": system.in_catalog,
        "not_on_gov_cloud": system.on_gov_cloud,
    }[condition]
    if value is None:
        return None
    positive = condition in ("duplicate_collection", "major_hazard")
    return value if positive else not value


class OmConditions(Params):
    withhold_when: list[Condition]


@rule("om_funding_systems", OmConditions)
def om_funding_systems(s: Snapshot, p: OmConditions, c: Context) -> None:
    """No O&M funding for a system that fails one of the listed conditions."""
    systems = s.project.systems
    if not systems:
        return
    reasons: list[str] = []
    unknown: list[str] = []
    for position, system in enumerate(systems):
        for condition in p.withhold_when:
            failed = system_fails(system, condition)
            if failed:
                reasons.append(f"{system.name}：{label(condition)}")
            elif failed is None:
                unknown.append(f"project.systems[{position}]:{condition}")
    if reasons:
        c.decide("om_funding", "withheld", rank=1)
        c.warn(_("O&M funding is withheld: %(reasons)s.") % {"reasons": "; ".join(reasons)})
    elif unknown:
        c.unknown(*unknown)
    else:
        c.decide("om_funding", "eligible")


@rule("om_funding_needs_acceptance_filing")
def om_funding_needs_acceptance_filing(s: Snapshot, p: NoParams, c: Context) -> None:
    """No further construction or O&M money for an accepted project that was not filed."""
    project = s.project
    if project.accepted_on is None:
        return
    if project.acceptance_filed_on is None:
        c.decide("om_funding", "withheld", rank=1)
        c.warn(_("The acceptance was not filed: no further construction or O&M funds."))
    else:
        c.decide("om_funding", "eligible")


class EvaluationBasis(Params):
    warn_at: list[EvaluationGrade]


@rule("om_funding_evaluation_basis", EvaluationBasis)
def om_funding_evaluation_basis(s: Snapshot, p: EvaluationBasis, c: Context) -> None:
    """The owner unit's evaluation result is an important basis (重要依据) for the next year's
    O&M funds: it is shown with the decision, and a grade in ``warn_at`` is a warning for the
    department that arranges the funds. It never decides ``om_funding`` by itself.

    Funds arranged in year N for N+1 read the result of N, or of N-1 while N's is not in;
    an older result is not used."""
    for system in s.project.systems or []:
        year, grade = system.evaluation_year, system.evaluation_grade
        if year is None or grade is None or year < c.year - 1 or year > c.year:
            continue
        values = {"system": system.name, "year": year, "grade": label(grade)}
        if grade in p.warn_at:
            c.warn(
                _(
                    "%(system)s: the unit's %(year)s evaluation result is %(grade)s; it is an "
                    "important basis for arranging next year's O&M funds."
                )
                % values
            )
        else:
            c.info(
                _(
                    "%(system)s: the unit's %(year)s evaluation result is %(grade)s (a basis "
                    "for arranging next year's O&M funds)."
                )
                % values
            )
