"""Organisations, users and the roles users hold in organisations."""

from __future__ import annotations

from binascii import unhexlify
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from govit.core.fields import EncryptedTextField
from govit.orgs.choices import ASSIGNED_ROLES, MEMBERSHIP_ROLE_CHOICES, OVERSIGHT_ROLES, Role
from govit.orgs.validators import validate_credit_code, validate_id_number, validate_phone


class Organisation(models.Model):
    """A government body, agency or company that takes part in projects."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Role.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    budget_unit_count = models.PositiveIntegerField(
        _("number of budget units"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("Budget units (预算单位) under this body; caps yearly applications."),
    )
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_credit_code],
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ("kind", "name")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget_unit_count__gte=1), name="orgs_budget_units_positive"
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="orgs_not_own_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError(
                    {"parent": _("An organisation cannot be placed under itself.")}
                )
            ancestor = ancestor.parent


class User(AbstractUser):
    """A person who signs in; their roles come from memberships."""

    display_name = models.CharField(_("full name"), max_length=100, blank=True)
    # Personal data stored encrypted with SM4 (GB/T 39786: confidentiality of stored data).
    phone = EncryptedTextField(_("phone number"), blank=True, validators=[validate_phone])
    id_number = EncryptedTextField(
        _("resident identity card number"), blank=True, validators=[validate_id_number]
    )
    # Set whenever the password is set (govit.orgs.passwords); None: since the account was made.
    password_changed_at = models.DateTimeField(_("password changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    @cached_property
    def active_memberships(self) -> list[Membership]:
        """This user's memberships with their organisations (one query, cached per request)."""
        return list(
            self.memberships.select_related("organisation").filter(organisation__is_active=True)
        )

    @cached_property
    def roles(self) -> frozenset[str]:
        return frozenset(membership.role for membership in self.active_memberships)

    @cached_property
    def organisation_ids(self) -> frozenset[int]:
        return frozenset(membership.organisation_id for membership in self.active_memberships)

    @property
    def organisations(self) -> list[Organisation]:
        seen: dict[int, Organisation] = {}
        for membership in self.active_memberships:
            seen.setdefault(membership.organisation_id, membership.organisation)
        return list(seen.values())

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def oversees_all(self) -> bool:
        """Whether the user's roles let them read every unit's objects."""
        return bool(self.roles & OVERSIGHT_ROLES)

    @property
    def sees_assigned_only(self) -> bool:
        return bool(self.roles) and self.roles <= ASSIGNED_ROLES

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        for cached in ("active_memberships", "roles", "organisation_ids"):
            state.pop(cached, None)
        return state


class Membership(models.Model):
    """A role that a user holds in an organisation."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=MEMBERSHIP_ROLE_CHOICES)
    since = models.DateField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "organisation", "role"), name="orgs_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


class SignInAttempt(models.Model):
    """One attempt to sign in, kept to lock out password guessing (等保: login-failure handling)."""

    username = models.CharField(_("username"), max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    at = models.DateTimeField(_("time"), db_index=True)
    succeeded = models.BooleanField(_("succeeded"))

    class Meta:
        verbose_name = _("sign-in attempt")
        verbose_name_plural = _("sign-in attempts")
        indexes = [models.Index(fields=("username", "at"))]

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M} {'ok' if self.succeeded else 'failed'}"


class RecoveryCode(models.Model):
    """A one-time code that stands in for the second factor; only its keyed SM3 hash is kept."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(_("code hash"), max_length=64)
    created_at = models.DateTimeField(_("created"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("recovery code")
        verbose_name_plural = _("recovery codes")
        indexes = [models.Index(fields=("user", "code_hash"))]

    def __str__(self) -> str:
        return f"{self.user} {'used' if self.used_at else 'unused'}"


class UserSession(models.Model):
    """What is known of one signed-in session, so its owner can see and end it."""

    session_key = models.CharField(_("session key"), max_length=40, primary_key=True)
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="signed_in_sessions"
    )
    started_at = models.DateTimeField(_("started"))
    last_seen_at = models.DateTimeField(_("last seen"))
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ("-last_seen_at",)

    def __str__(self) -> str:
        return f"{self.user} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def handle(self) -> str:
        """A name for the session in pages and forms; the key itself is never shown."""
        from govit.core.crypto import sm3_hex

        return sm3_hex(self.session_key.encode())[:32]


class PasswordHistory(models.Model):
    """A hash of a password the user had, so the last few cannot be chosen again
    (等保: 身份鉴别 a)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="password_history"
    )
    password_hash = models.CharField(_("password hash"), max_length=256)
    set_at = models.DateTimeField(_("set at"))

    class Meta:
        verbose_name = _("earlier password")
        verbose_name_plural = _("earlier passwords")
        ordering = ("-set_at", "-id")

    def __str__(self) -> str:
        return f"{self.user} {self.set_at:%Y-%m-%d}"


class TOTPSecret(models.Model):
    """The secret of an authenticator device, SM4-encrypted (GB/T 39786: confidentiality of
    stored data); rotated by ``govit crypto rotate`` like every ``EncryptedTextField``. The
    device row itself (django-otp's ``TOTPDevice.key``) is left empty."""

    device = models.OneToOneField(
        "otp_totp.TOTPDevice",
        verbose_name=_("device"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="sealed_secret",
    )
    key = EncryptedTextField(_("secret"))

    class Meta:
        verbose_name = _("authenticator secret")
        verbose_name_plural = _("authenticator secrets")

    def __str__(self) -> str:
        return f"{self.device_id}"


class SealedTOTPDevice(TOTPDevice):  # type: ignore[misc]  # django-otp is untyped
    """django-otp's TOTP device whose secret lives encrypted in ``TOTPSecret``.

    On save, a secret in the clear in ``key`` (django-otp generates one for a new device) moves
    to ``TOTPSecret`` and ``key`` is emptied, so a device read through plain ``TOTPDevice``
    has no secret and verifies nothing (fails closed).
    """

    class Meta:
        proxy = True
        verbose_name = _("authenticator device")
        verbose_name_plural = _("authenticator devices")

    _plain_key: str | None = None

    @property
    def bin_key(self) -> bytes:
        return unhexlify(self.hex_key.encode())

    @property
    def hex_key(self) -> str:
        if self._plain_key is None:
            stored = str(getattr(self, "key", "") or "")
            if stored:
                self._plain_key = stored
            else:
                secret = TOTPSecret.objects.filter(device_id=self.pk).first()
                self._plain_key = secret.key if secret is not None else ""
        return self._plain_key

    def save(self, *args: Any, **kwargs: Any) -> None:
        plain = str(getattr(self, "key", "") or "")
        if plain:
            self._plain_key = plain
            self.key = ""
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "key"}
        super().save(*args, **kwargs)
        if plain:
            TOTPSecret.objects.update_or_create(device_id=self.pk, defaults={"key": plain})
