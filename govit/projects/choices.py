"""Choices of the project facts: the snapshot's vocabularies with their Chinese labels.

The values are the snapshot's (``govit.policy.engine.snapshot``), so a stored fact goes into
the snapshot unchanged; the labels come from ``govit.policy.vocabulary`` where it has them.
"""

from __future__ import annotations

from typing import Any, get_args

from django.utils.translation import gettext_lazy as _

from govit.policy.engine import snapshot
from govit.policy.vocabulary import LABELS

# Labels the policy vocabulary does not have (it names rule outputs, not every input).
OWN_LABELS: dict[str, Any] = {
    "new": _("new construction"),
    "continued": _("continued construction"),
    "upgrade": _("upgrade"),
    "expansion": _("expansion"),
    "city": _("city level"),
    "county": _("county level"),
    "fiscal": _("fiscal funds"),
    "superior": _("funds from superior authorities"),
    "soe": _("state-owned enterprise funds"),
    "supervisor": _("supervisor"),
    "superior_requirement": _("requirement of superior authorities"),
    "technical_optimization": _("technical optimisation"),
    "business_development": _("business development"),
}


def label_of(value: str) -> Any:
    """The (lazy) label of a vocabulary value; funding ``self`` means self-raised funds."""
    if value == "self":
        return _("self-raised funds")
    return OWN_LABELS.get(value) or LABELS.get(value) or value


def choices_of(literal: Any) -> list[tuple[str, Any]]:
    """Django choices for one of the snapshot's ``Literal`` types."""
    return [(value, label_of(value)) for value in get_args(literal)]


PROJECT_KINDS = choices_of(snapshot.ProjectKind)
LEVELS = choices_of(snapshot.Level)
STAGES = choices_of(snapshot.Stage)
FUNDING_SOURCES = choices_of(snapshot.FundingSource)
BUDGET_CATEGORIES = choices_of(snapshot.BudgetCategory)
FEATURES = choices_of(snapshot.Feature)
PROCUREMENT_METHODS = choices_of(snapshot.ProcurementMethod)
CHANGE_REASONS = choices_of(snapshot.ChangeReason)
PARTIES = choices_of(snapshot.Party)

# States from which a project has left the lifecycle for good.
CLOSED_STATES = frozenset({"archived", "rejected", "terminated"})
# States in which the project unit may still edit its application.
EDITABLE_STATES = frozenset({"draft", "returned"})
