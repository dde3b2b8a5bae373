"""Choices of the acceptance records."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    INITIAL = "initial", _("Initial acceptance")
    FINAL = "final", _("Acceptance meeting")


class MeetingResult(models.TextChoices):
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class ParticipantKind(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    EXPERT = "expert", _("Expert")
    PERSON = "person", _("Person")


class DutyKind(models.TextChoices):
    """The dated duties of the acceptance process the tick watches."""

    TRIAL_RUN = "trial_run", _("Trial run")
    ACCEPTANCE = "acceptance", _("Acceptance")
    FILING = "acceptance_filing", _("Filing of the acceptance report")
    FINANCE_NOTICE = "finance_notice", _("Notice to finance")
    RECTIFICATION = "rectification", _("Rectification")


# States in which a project is on its way to (or through) acceptance.
ACCEPTANCE_STATES = (
    "construction",
    "initial_acceptance",
    "trial_run",
    "acceptance",
    "rectification",
)
