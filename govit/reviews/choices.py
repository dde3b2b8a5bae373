"""Vocabularies of the reviews app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Specialty(models.TextChoices):
    SOFTWARE = "software", _("Software")
    DATA = "data", _("Data")
    SECURITY = "security", _("Security")
    CRYPTOGRAPHY = "cryptography", _("Cryptography")
    NETWORK = "network", _("Network")
    FINANCE = "finance", _("Finance and cost")
    MANAGEMENT = "management", _("Management")
    HARDWARE = "hardware", _("Hardware and infrastructure")


class ReviewKind(models.TextChoices):
    PRELIMINARY = "preliminary", _("Preliminary review")
    JOINT = "joint", _("Joint review")
    THIRD_PARTY = "third_party", _("Third-party review")
    DECISION = "decision", _("Decision consultation")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DRAWN = "drawn", _("Experts drawn")
    SCORED = "scored", _("Scored")
    CLOSED = "closed", _("Closed")


class SignOffMode(models.TextChoices):
    ALL = "all", _("Every department must sign")
    ANY = "any", _("Any one department signs")


class Exclusion(models.TextChoices):
    SAME_ORGANISATION = "same_organisation", _("Works for the applying or a co-building unit")
    VENDOR = "vendor", _("Works for the vendor with a stake")
    UNAVAILABLE = "unavailable", _("Unavailable on the review date")


class Verdict(models.TextChoices):
    """One item of the preliminary-review checklist."""

    PENDING = "pending", _("Not checked")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class SignOffDecision(models.TextChoices):
    SIGNED = "signed", _("Signed")
    REFUSED = "refused", _("Refused")


class TaskStep(models.TextChoices):
    """The named steps of a review's approval chain, in order (return goes to an earlier one)."""

    PRELIMINARY = "preliminary", _("Preliminary review")
    SIGNOFF = "signoff", _("Joint sign-off")
    AGENCY = "agency", _("Third-party report")
    COUNTERSIGN = "countersign", _("Added signer")
    DECISION = "decision", _("Decision consultation")


STEP_ORDER: list[str] = [
    TaskStep.PRELIMINARY,
    TaskStep.SIGNOFF,
    TaskStep.AGENCY,
    TaskStep.COUNTERSIGN,
    TaskStep.DECISION,
]


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Waiting")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    RETURNED = "returned", _("Returned")
    HANDED_OVER = "handed_over", _("Handed over")
    WITHDRAWN = "withdrawn", _("Withdrawn")
