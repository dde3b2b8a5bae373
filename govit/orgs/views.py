"""Sign-in pages and the organisation pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from govit.orgs import selectors
from govit.orgs.models import User


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    organisations = selectors.organisation_list(actor=actor)
    return render(request, "orgs/organisation_list.html", {"organisations": organisations})


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    # Another unit's organisation answers 404, not 403: its existence is not disclosed.
    organisation = selectors.organisation_list(actor=actor).filter(pk=pk).first()
    if organisation is None:
        raise Http404
    members = (
        selectors.organisation_members(actor=actor, organisation=organisation)
        if actor.has_perm("orgs.view_members", organisation)
        else None
    )
    children = selectors.organisation_list(actor=actor).filter(parent=organisation)
    return render(
        request,
        "orgs/organisation_detail.html",
        {"organisation": organisation, "members": members, "children": children},
    )
