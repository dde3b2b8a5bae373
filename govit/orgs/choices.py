"""The one vocabulary of roles (DESIGN.md section 1); rulebooks map local titles onto it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COMPETENT = "competent", _("Competent department")
    UNIT = "unit", _("Project unit")
    FINANCE = "finance", _("Finance department")
    DRC = "drc", _("Development and reform department")
    CAC = "cac", _("Cyberspace affairs office")
    POLICE = "police", _("Public security")
    CRYPTO = "crypto", _("Cryptography administration")
    SECRECY = "secrecy", _("Secrecy administration")
    AUDIT = "audit", _("Audit office")
    DATACENTER = "datacenter", _("Big data centre")
    GOVERNMENT = "government", _("People's government")
    EXPERT = "expert", _("Review expert")
    AGENCY = "agency", _("Third-party agency")
    VENDOR = "vendor", _("Vendor")
    SUPERVISOR = "supervisor", _("Supervisor")


# Roles whose holders oversee the whole portfolio and so may read every unit's objects.
OVERSIGHT_ROLES = frozenset(
    {
        Role.COMPETENT,
        Role.GOVERNMENT,
        Role.DATACENTER,
        Role.FINANCE,
        Role.DRC,
        Role.CAC,
        Role.AUDIT,
        Role.POLICE,
        Role.CRYPTO,
        Role.SECRECY,
    }
)

# Roles that see only what they are assigned to (a review, a contract, a supervision).
ASSIGNED_ROLES = frozenset({Role.EXPERT, Role.AGENCY, Role.VENDOR, Role.SUPERVISOR})


class AdminRole(models.TextChoices):
    """The three separated administrators (三员分立, GB/T 22239 8.1.5); not project roles, so
    kept apart from ``Role``, which rulebooks and the demo walk as the project vocabulary."""

    SYSADMIN = "sysadmin", _("System administrator")
    SECADMIN = "secadmin", _("Security administrator")
    AUDITADMIN = "auditadmin", _("Audit administrator")


ADMIN_ROLES = frozenset(AdminRole)

# Every role a membership may carry.
MEMBERSHIP_ROLE_CHOICES = Role.choices + AdminRole.choices
