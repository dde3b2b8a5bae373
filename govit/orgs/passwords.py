"""Password expiry and history (等保 level 3, 身份鉴别 a: passwords changed regularly).

Every time a password is set, Django calls the validators' ``password_changed`` (from
``User.save``); ``PasswordHistoryValidator`` then notes the new hash and the time. A password
older than ``GOVIT_PASSWORD_MAX_AGE_DAYS`` must be changed before any other page (the
middleware sends its owner to the change page); the last ``GOVIT_PASSWORD_HISTORY`` passwords,
the current one included, cannot be chosen again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit, row_versions
from govit.orgs.models import PasswordHistory, User


def password_set_at(user: User) -> dt.datetime:
    return user.password_changed_at or user.date_joined


def password_expires_at(user: User) -> dt.datetime | None:
    """When ``user``'s password expires, or None when passwords do not expire."""
    days = int(settings.GOVIT_PASSWORD_MAX_AGE_DAYS)
    if days <= 0 or not user.has_usable_password():
        return None
    return password_set_at(user) + dt.timedelta(days=days)


def password_expired(user: User, *, now: dt.datetime | None = None) -> bool:
    expires = password_expires_at(user)
    return expires is not None and expires <= (now or timezone.now())


def _earlier_hashes(user: User) -> list[str]:
    count = int(settings.GOVIT_PASSWORD_HISTORY)
    if count <= 0 or user.pk is None:
        return []
    hashes = list(
        PasswordHistory.objects.filter(user_id=user.pk).values_list("password_hash", flat=True)[
            :count
        ]
    )
    current = User.objects.filter(pk=user.pk).values_list("password", flat=True).first()
    if current and current not in hashes:
        hashes.insert(0, current)
    return hashes[:count]


class PasswordHistoryValidator:
    """Refuses any of the user's last ``GOVIT_PASSWORD_HISTORY`` passwords and notes each new
    one (its hash only) when it is set."""

    def validate(self, password: str, user: Any = None) -> None:
        if not isinstance(user, User):
            return
        for encoded in _earlier_hashes(user):
            # hashers.check_password, not user.check_password: no re-hashing side effects.
            if check_password(password, encoded):
                raise ValidationError(
                    _(
                        "You used this password recently: choose one that is not among your "
                        "last %(count)d passwords."
                    ),
                    code="password_reused",
                    params={"count": int(settings.GOVIT_PASSWORD_HISTORY)},
                )

    def password_changed(self, password: str, user: Any = None) -> None:
        if not isinstance(user, User) or user.pk is None:
            return
        now = timezone.now()
        user.password_changed_at = now
        User.objects.filter(pk=user.pk).update(password_changed_at=now)
        row_versions.changed(User)  # an update sends no signal (orgs/backends.py keeps users)
        PasswordHistory.objects.create(user=user, password_hash=user.password, set_at=now)
        keep = max(int(settings.GOVIT_PASSWORD_HISTORY), 1)
        stale = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[keep:]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        return _("It cannot be one of your last %(count)d passwords.") % {
            "count": int(settings.GOVIT_PASSWORD_HISTORY)
        }


@transaction.atomic
def password_change(*, actor: User, form: PasswordChangeForm, request: HttpRequest) -> None:
    """Save a valid change-password form, keep the session signed in, and audit it."""
    form.save()
    update_session_auth_hash(request, actor)
    audit.record(
        actor=actor,
        action="auth.password_changed",
        obj=actor,
        ip_address=request.META.get("REMOTE_ADDR"),
    )
