"""The vocabularies of the data-resource catalogue (政务数据资源目录编制指南, GB/T 43697)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Passed the review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SharingType(models.TextChoices):
    UNCONDITIONAL = "unconditional", _("Shared unconditionally")
    CONDITIONAL = "conditional", _("Shared on conditions")
    NONE = "none", _("Not shared")


class SharingMethod(models.TextChoices):
    DATABASE = "database", _("Database")
    INTERFACE = "interface", _("Interface")
    FILE = "file", _("File")


class OpenType(models.TextChoices):
    UNCONDITIONAL = "unconditional", _("Open unconditionally")
    CONDITIONAL = "conditional", _("Open on conditions")
    NONE = "none", _("Not open")


class UpdateCycle(models.TextChoices):
    REALTIME = "realtime", _("Real time")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")
    IRREGULAR = "irregular", _("Irregular")


class ResourceFormat(models.TextChoices):
    DOCUMENT = "document", _("Electronic document")
    SPREADSHEET = "spreadsheet", _("Spreadsheet")
    DATABASE = "database", _("Database")
    IMAGE = "image", _("Graphics and images")
    STREAM = "stream", _("Streaming media")
    SELF_DESCRIBING = "self_describing", _("Self-describing format")
    SERVICE = "service", _("Service interface")


class ItemType(models.TextChoices):
    C = "C", _("Character (C)")
    N = "N", _("Numeric (N)")
    Y = "Y", _("Currency (Y)")
    D = "D", _("Date (D)")
    T = "T", _("Date and time (T)")
    L = "L", _("Logical (L)")
    M = "M", _("Memo (M)")
    G = "G", _("General (G)")
    B = "B", _("Double (B)")
    I = "I", _("Integer (I)")  # noqa: E741 - the guide's own type code
    F = "F", _("Floating point (F)")


class RequestStatus(models.TextChoices):
    PENDING_CHECK = "pending_check", _("Awaiting the competent department's check")
    FORWARDED = "forwarded", _("Forwarded to the provider")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    OVERTURNED = "overturned", _("Refusal overturned")


# The file format forces a file sharing method; a database a database or interface one.
FORMAT_METHODS: dict[str, frozenset[str]] = {
    ResourceFormat.DOCUMENT: frozenset({SharingMethod.FILE}),
    ResourceFormat.SPREADSHEET: frozenset({SharingMethod.FILE}),
    ResourceFormat.DATABASE: frozenset({SharingMethod.DATABASE, SharingMethod.INTERFACE}),
}
OPEN_TYPES = frozenset({OpenType.UNCONDITIONAL, OpenType.CONDITIONAL})
SHARED_TYPES = frozenset({SharingType.UNCONDITIONAL, SharingType.CONDITIONAL})
EDITABLE_STATUSES = frozenset({ResourceStatus.DRAFT, ResourceStatus.RETURNED})
