"""Second-factor enforcement and session bookkeeping, after Django's authentication."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from govit.orgs.sessions import user_session_touch

# Pages a signed-in user may reach before the second factor.
OPEN_URL_NAMES = ("login", "logout", "two-factor-verify", "two-factor-enrol")


class SecondFactorMiddleware:
    """Send a user who must use a second factor to verification (or enrolment) until done."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            user_session_touch(request=request)
            if settings.GOVIT_2FA_ENFORCED and not user.is_verified():  # type: ignore[attr-defined]
                response = self._gate(request)
                if response is not None:
                    return response
        return self.get_response(request)

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
