"""The vocabularies of the security registers (GB/T 22240, GB/T 39786, Bijie 第二十八条)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AssessmentKind(models.TextChoices):
    MLPS = "mlps", _("MLPS assessment (等级测评)")
    CRYPTO = "crypto", _("Cryptography assessment (密评)")
    RISK = "risk", _("Risk assessment")
    PENTEST = "pentest", _("Penetration test")
    SECURITY_TEST = "security_test", _("Information security test")


class Conclusion(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")
    PASSED = "passed", _("Passed")
    BASIC_PASS = "basic_pass", _("Basically passed")
    FAILED = "failed", _("Failed")


# Conclusions that fail the requirement the assessment checks.
FAILING = frozenset({Conclusion.POOR, Conclusion.FAILED})


class Severity(models.TextChoices):
    GENERAL = "general", _("Ordinary")
    LARGE = "large", _("Large")
    MAJOR = "major", _("Major")
    SPECIAL = "special", _("Especially major")


SERIOUS = frozenset({Severity.MAJOR, Severity.SPECIAL})


class DutyKind(models.TextChoices):
    FILING = "filing", _("MLPS filing with the police")
    MLPS = "mlps", _("MLPS assessment (等级测评)")
    CRYPTO = "crypto", _("Cryptography assessment (密评)")
    RISK = "risk", _("Risk assessment")
    SECURITY_TEST = "security_test", _("Information security test")
