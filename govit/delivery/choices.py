"""Value lists of the delivery records."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from govit.projects.choices import PROCUREMENT_METHODS


class PaymentKind(models.TextChoices):
    ADVANCE = "advance", _("Advance payment")
    PROGRESS = "progress", _("Progress payment")
    FINAL = "final", _("Final (remaining) payment")


# The parties a contract may name (the snapshot's Party vocabulary).
CONTRACT_PARTIES = (
    ("competent", _("Competent department")),
    ("unit", _("Project unit")),
    ("vendor", _("Vendor")),
    ("supervisor", _("Supervisor")),
)
# Every contract is signed by the unit and the vendor; a third party makes it three-party.
REQUIRED_PARTIES = ("unit", "vendor")
# The clause checklist and the articles that ask for each clause.
CLAUSES = (
    ("ip_owned_by_unit", "harbin", "第二十三条"),
    ("deliverables_clause", "gaoping", "第十五条"),
    ("emergency_response_clause", "bijie", "第二十八条"),
    ("security_testing_clause", "bijie", "第二十八条"),
)

# The procurement methods a procurement record may use (the six).
DELIVERY_METHOD_VALUES = (
    "public_tender",
    "competitive_negotiation",
    "competitive_consultation",
    "inquiry",
    "single_source",
    "framework_agreement",
)
DELIVERY_METHODS = tuple(
    (value, label) for value, label in PROCUREMENT_METHODS if value in DELIVERY_METHOD_VALUES
)
