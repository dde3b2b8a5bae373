"""The delivery app's models, one module per subject."""

from govit.delivery.models.contracts import (
    ChangeRequest,
    Contract,
    ContractAmendment,
    ProjectVersion,
)
from govit.delivery.models.funds import (
    Appropriation,
    ApprovalRecord,
    Budget,
    Payment,
    PaymentRequest,
    SurplusReturn,
)
from govit.delivery.models.procurement import (
    Procurement,
    SupervisionEngagement,
    SupervisionReport,
)
from govit.delivery.models.progress import Milestone, ProgressReport, Rebaseline

__all__ = [
    "Appropriation",
    "ApprovalRecord",
    "Budget",
    "ChangeRequest",
    "Contract",
    "ContractAmendment",
    "Milestone",
    "Payment",
    "PaymentRequest",
    "Procurement",
    "ProgressReport",
    "ProjectVersion",
    "Rebaseline",
    "SupervisionEngagement",
    "SupervisionReport",
    "SurplusReturn",
]
