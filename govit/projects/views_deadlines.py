"""The deadlines page (a user's to-do list of dated duties and notices) and marking a notice
read. Units see their projects' deadlines; the oversight roles see every project's, which makes
the page the competent department's overdue list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from govit.core.pages import kept_filters
from govit.core.permissions import SIGNED_IN, permission
from govit.orgs.models import User
from govit.projects import deadlines, forms, selectors
from govit.projects.errors import NotPermitted

PAGE_SIZE = 50


@login_required
@permission("projects.view_project")
def deadline_list(request: HttpRequest) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    form = forms.DeadlineFilterForm(request.GET or None, units=selectors.filter_units(actor=actor))
    filters = selectors.DeadlineFilter()
    if form.is_bound and form.is_valid():
        unit = form.cleaned_data["unit"]
        filters = selectors.DeadlineFilter(
            status=form.cleaned_data["status"] or "", unit_id=unit.pk if unit else None
        )
    rows = selectors.deadlines(actor=actor, filters=filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "projects/deadlines.html",
        {
            "form": form,
            "page": page,
            "query": kept_filters(request),
            "today": today,
            "horizon": deadlines.reminder_horizon(today),
            "notices": selectors.my_notices(actor=actor, unread_only=True)[:20],
        },
    )


@login_required
@require_POST
@permission(SIGNED_IN)
def notice_read(request: HttpRequest, pk: int) -> HttpResponse:
    actor: User = request.user  # type: ignore[assignment]
    notice = selectors.my_notices(actor=actor).filter(pk=pk).first()
    if notice is None:
        raise Http404
    try:
        deadlines.notice_mark_read(actor, notice)
    except NotPermitted as error:  # pragma: no cover - the selector already scopes
        raise PermissionDenied(error.detail) from error
    return redirect("deadline-list")
