"""Second-factor enforcement and session bookkeeping, after Django's authentication."""

from __future__ import annotations

import zlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from govit.orgs.sessions import user_session_touch

# The session key holding the minute (since the epoch) of the session's last refresh.
TOUCHED_KEY = "_govit_touched"

# Pages a signed-in user may reach before the second factor.
OPEN_URL_NAMES = ("login", "logout", "two-factor-verify", "two-factor-enrol")
# Pages a user whose password has expired may reach before changing it.
EXPIRED_OPEN_URL_NAMES = (*OPEN_URL_NAMES, "password-change")


class SecondFactorMiddleware:
    """Send a user who must use a second factor to verification (or enrolment) until done,
    then a user whose password has expired to the change page until it is changed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            if settings.GOVIT_2FA_ENFORCED and not user.is_verified():  # type: ignore[attr-defined]
                response = self._gate(request)
                if response is not None:
                    return response
            response = self._expired(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _expired(self, request: HttpRequest) -> HttpResponse | None:
        from django.utils.translation import gettext as _

        from govit.orgs.passwords import password_expired

        if not password_expired(request.user):  # type: ignore[arg-type]
            return None
        path = request.path_info
        if path.startswith(settings.STATIC_URL) or path.startswith("/" + settings.STATIC_URL):
            return None
        if path in {reverse(name) for name in EXPIRED_OPEN_URL_NAMES}:
            return None
        if path.startswith("/api/"):
            detail = _("Your password has expired: change it before going on.")
            return JsonResponse({"detail": detail, "errors": []}, status=403)
        return redirect("password-change")

    def _gate(self, request: HttpRequest) -> HttpResponse | None:
        from govit.orgs.twofactor import confirmed_device, needs_verification

        path = request.path_info
        if path.startswith(settings.STATIC_URL) or path.startswith("/" + settings.STATIC_URL):
            return None
        if path in {reverse(name) for name in OPEN_URL_NAMES}:
            return None
        user = request.user
        if not needs_verification(user):  # type: ignore[arg-type]
            return None
        if confirmed_device(user) is None:  # type: ignore[arg-type]
            return redirect("two-factor-enrol")
        return redirect("two-factor-verify")


def session_second(session_key: str) -> int:
    """The second (0-59) at which this session's minutes start, from its key."""
    return zlib.crc32(session_key.encode()) % 60


def current_minute(session_key: str) -> int:
    """The minute (since the epoch) SessionActivityMiddleware marks a session with. Each
    session's minutes start at its own second (``session_second``): on the clock's minutes,
    every session in use would be written in the first seconds of each minute at once (two
    writes each: the load benchmark's slowest seconds, docs/benchmarks.md round eight)."""
    return int((timezone.now().timestamp() - session_second(session_key)) // 60)


class SessionActivityMiddleware:
    """The idle timeout (等保: session timeout, ADR 0021) without writing the session on every
    request: a session used in a new minute (its own minutes: ``current_minute``) is marked with
    that minute, which makes Django's session middleware save it (its expiry moves on by
    SESSION_COOKIE_AGE) and send the cookie again; further requests in the same minute write
    nothing. A session thus ends between SESSION_COOKIE_AGE minus one minute and
    SESSION_COOKIE_AGE after its last use. The user's session record (last seen,
    ``UserSession``) moves on at the same time: this minute is the only throttle of both writes
    (``user_session_touch`` writes whenever it is called).

    Runs on the way out, so that a session started or ended by the view is seen as it is then.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.session_key is None or response.status_code >= 500:
            return response
        minute = current_minute(session.session_key)
        if session.get(TOUCHED_KEY) != minute:
            session[TOUCHED_KEY] = minute
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                user_session_touch(request=request)
        return response
