"""The home page: who you are, under which rulebook, and what you may do next."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from govit.core import actions
from govit.core.permissions import SIGNED_IN, permission
from govit.orgs.models import User
from govit.policy import loader


@login_required
@permission(SIGNED_IN)
def home(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    rulebook = loader.active()
    memberships = [
        {
            "organisation": membership.organisation,
            "role": membership.get_role_display(),
            "local_title": rulebook.spec.role_title(membership.role),
        }
        for membership in user.active_memberships
    ]
    return render(
        request,
        "web/home.html",
        {"memberships": memberships, "next_actions": actions.for_user(user)},
    )
