"""Sign-in with lockout after repeated failures; every attempt is recorded and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.permissions import PUBLIC
from govit.orgs.models import SignInAttempt, User


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR")


def locked_until(username: str, *, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the lockout of ``username`` ends, or None when it may try now.

    ``GOVIT_LOCKOUT_FAILURES`` failures in a row lock the account for ``GOVIT_LOCKOUT_MINUTES``
    after the last of them; a successful sign-in ends the row.
    """
    now = now or timezone.now()
    limit = settings.GOVIT_LOCKOUT_FAILURES
    recent = list(
        SignInAttempt.objects.filter(username=username.lower(), at__lte=now)
        .order_by("-at", "-id")
        .values_list("succeeded", "at")[:limit]
    )
    if len(recent) < limit or any(succeeded for succeeded, _at in recent):
        return None
    until: dt.datetime = recent[0][1] + dt.timedelta(minutes=settings.GOVIT_LOCKOUT_MINUTES)
    return until if until > now else None


@transaction.atomic
def sign_in_record(
    *,
    username: str,
    request: HttpRequest | None,
    user: User | None,
    succeeded: bool,
    action: str | None = None,
) -> None:
    """Record a sign-in attempt and write it to the audit trail (a second-factor code is an
    attempt too, so wrong codes count towards the lockout)."""
    ip = _client_ip(request)
    SignInAttempt.objects.create(
        username=username.lower()[:150], ip_address=ip, at=timezone.now(), succeeded=succeeded
    )
    audit.record(
        actor=user,
        action=action or ("auth.sign_in" if succeeded else "auth.sign_in_failed"),
        object_type="orgs.user",
        object_id=str(user.pk) if user else "",
        object_repr=username[:300],
        ip_address=ip,
        success=succeeded,
    )


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refusing locked accounts and recording every attempt."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        until = locked_until(username) if username else None
        if until is not None:
            raise forms.ValidationError(
                _("Too many failed attempts: this account is locked until %(until)s.")
                % {"until": formats.date_format(timezone.localtime(until), "Y-m-d H:i")},
                code="locked",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                sign_in_record(username=username, request=self.request, user=None, succeeded=False)
            raise
        return cleaned


class SignInView(auth_views.LoginView):
    """The sign-in page: tells the user when they last signed in (等保: login information)."""

    form_class = SignInForm
    redirect_authenticated_user = True
    permission_rules = (PUBLIC,)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        from govit.orgs.sessions import user_session_start
        from govit.orgs.twofactor import needs_verification

        user = form.get_user()
        previous = user.last_login
        if needs_verification(user):
            # Only half the way: the attempt succeeds once the second factor does, so the
            # lockout count of failures is not reset by a correct password alone.
            audit.record(
                actor=user,
                action="auth.password_verified",
                obj=user,
                ip_address=_client_ip(self.request),
            )
        else:
            sign_in_record(
                username=user.get_username(), request=self.request, user=user, succeeded=True
            )
        response = super().form_valid(form)
        user_session_start(actor=user, request=self.request)
        if previous is not None:
            messages.info(
                self.request,
                _("Welcome back. Your last sign-in was on %(when)s.")
                % {"when": formats.date_format(timezone.localtime(previous), "Y-m-d H:i")},
            )
        return response
