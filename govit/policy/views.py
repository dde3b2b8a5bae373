"""Pages that show each regulation article by article."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from govit.core.permissions import SIGNED_IN, permission
from govit.policy import loader


@login_required
@permission(SIGNED_IN)
def regulation_list(request: HttpRequest) -> HttpResponse:
    rulebooks = list(loader.load_all().values())
    return render(request, "policy/regulation_list.html", {"rulebooks": rulebooks})


@login_required
@permission(SIGNED_IN)
def regulation_detail(request: HttpRequest, rulebook_id: str) -> HttpResponse:
    try:
        rulebook = loader.get(rulebook_id)
    except KeyError:
        raise Http404 from None
    return render(request, "policy/regulation_detail.html", {"rulebook": rulebook})


@login_required
@permission(SIGNED_IN)
def article_detail(request: HttpRequest, rulebook_id: str, number: int) -> HttpResponse:
    try:
        rulebook = loader.get(rulebook_id)
        article = rulebook.regulation.article(number)
    except KeyError:
        raise Http404 from None
    citations = [c for c in rulebook.spec.citations if c.article == article.label]
    template = (
        "policy/partials/article.html" if request.htmx else "policy/article_detail.html"  # type: ignore[attr-defined]
    )
    return render(
        request, template, {"rulebook": rulebook, "article": article, "citations": citations}
    )
