"""The vocabularies of the information-system catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Network(models.TextChoices):
    EXTRANET = "extranet", _("Government extranet")
    INTRANET = "intranet", _("Government intranet")
    INTERNET = "internet", _("Internet")


class SystemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    BUILDING = "building", _("Under construction")
    RUNNING = "running", _("Running")
    ZOMBIE = "zombie", _("Zombie")
    SHADOW = "shadow", _("Shadow")
    # A context: the reviews app's "Closed" (已结束) is another word than a closed system's.
    CLOSED = "closed", pgettext_lazy("system status", "Closed")
    MIGRATED = "migrated", _("Migrated")


class CryptoStatus(models.TextChoices):
    NOT_REQUIRED = "not_required", _("Not required")
    PENDING = "pending", _("Pending")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")


class OmFunding(models.TextChoices):
    """The last O&M funding decision of the active rulebook for a system."""

    ELIGIBLE = "eligible", _("Fundable")
    WITHHELD = "withheld", _("Not fundable")
    UNDETERMINED = "undetermined", _("Undetermined")


class UsageSource(models.TextChoices):
    IMPORTED = "imported", _("Imported")
    API = "api", _("Pushed through the API")


class ProposalKind(models.TextChoices):
    ZOMBIE = "zombie", _("Zombie system")
    SHADOW = "shadow", _("Shadow system")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class DispositionKind(models.TextChoices):
    """四个一批 (Gaoping 第九条)."""

    CLOSE = "close", _("Close")
    INTEGRATE = "integrate", _("Integrate")
    TAKE_OVER = "take_over", _("Take over from a higher level")
    BUILD = "build", _("Build within the plan")


# The status a system takes when its disposition is completed.
COMPLETION_STATUS: dict[str, str] = {
    DispositionKind.CLOSE: SystemStatus.CLOSED,
    DispositionKind.INTEGRATE: SystemStatus.MIGRATED,
    DispositionKind.TAKE_OVER: SystemStatus.MIGRATED,
    DispositionKind.BUILD: SystemStatus.RUNNING,
}

# Systems that no longer run: not scanned for zombies or shadows, not funded.
RETIRED_STATUSES = frozenset({SystemStatus.CLOSED, SystemStatus.MIGRATED})


class DockingPlatform(models.TextChoices):
    """The shared platforms a system docks with (Gaoping 第十一条; Harbin 第七条)."""

    SERVICE = "service_platform", _("Integrated government service platform")
    DATA = "data_platform", _("Big-data platform (data sharing and exchange)")


class DockingMethod(models.TextChoices):
    API = "api", _("API")
    DATABASE = "database", _("Database exchange")
    FRONTEND = "frontend", _("Front-end integration")
    SSO = "sso", _("Single sign-on")
    OTHER = "other", _("Other")


class DockingStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")


# The system fact each platform's confirmed records decide.
DOCKING_FACTS: dict[str, str] = {
    DockingPlatform.SERVICE: "docked_service_platform",
    DockingPlatform.DATA: "docked_data_platform",
}
