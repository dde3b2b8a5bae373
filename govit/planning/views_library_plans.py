"""Pages of the project library and of the duplicate-construction check. Thin: parse, call a
selector or a service, render. An entry outside the actor's scope answers 404, a step the
actor may not take 403."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from govit.core import audit
from govit.core.permissions import permission
from govit.documents.validation import XLSX
from govit.planning import duplicates, exports_plans, forms_plans, library_plans, selectors_plans
from govit.planning import policies_plans as policies
from govit.planning.models.plans import (
    LibraryAdjustment,
    LibraryCategory,
    LibraryDomain,
    LibraryEntry,
    LibraryPriority,
    LibraryStatus,
)
from govit.planning.pages_plans import actor_of, form_page
from govit.projects.selectors import project_detail

PAGE_SIZE = 200


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _filters(request: HttpRequest) -> selectors_plans.LibraryFilter:
    params = request.GET
    return selectors_plans.LibraryFilter(
        status=params.get("status", "") if params.get("status") in LibraryStatus.values else "",
        reserve_year=_int(params.get("year")),
        category=params.get("category", "") if params.get("category") in LibraryCategory else "",
        domain=params.get("domain", "") if params.get("domain") in LibraryDomain else "",
        priority=_int(params.get("priority")),
    )


@login_required
@require_GET
@permission("projects.view_project")
def library_list(request: HttpRequest) -> HttpResponse:
    """The library entries the actor may see, filtered by status, year and classification."""
    actor = actor_of(request)
    filters = _filters(request)
    entries = selectors_plans.library_entries(actor=actor, filters=filters)
    return render(
        request,
        "planning/plans/library_list.html",
        {
            "entries": entries[:PAGE_SIZE],
            "filters": filters,
            "statuses": LibraryStatus.choices,
            "categories": LibraryCategory.choices,
            "domains": LibraryDomain.choices,
            "priorities": LibraryPriority.choices,
            "can_admit": policies.library_admit(actor),
        },
    )


@login_required
@require_GET
@permission("projects.view_project")
def library_export(request: HttpRequest) -> HttpResponse:
    """The entries of the list page under the same filters, as a spreadsheet (audited)."""
    actor = actor_of(request)
    filters = _filters(request)
    entries = list(selectors_plans.library_entries(actor=actor, filters=filters))
    filename = f"library-{timezone.localdate():%Y%m%d}.xlsx"
    audit.record(
        actor=actor,
        action="planning.export",
        object_type="planning.libraryentry",
        object_repr=filename,
        after={"query": request.GET.urlencode(), "rows": len(entries)},
    )
    response = HttpResponse(exports_plans.library_xlsx(entries), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _entry(request: HttpRequest, pk: int) -> LibraryEntry:
    entry = selectors_plans.library_entry(actor=actor_of(request), pk=pk)
    if entry is None:
        raise Http404
    return entry


def _shown(name: str, value: Any) -> str:
    field = LibraryEntry._meta.get_field(name)
    choices = dict(getattr(field, "choices", None) or ())
    return "—" if value is None else str(choices.get(value, value))


def _changes(row: LibraryAdjustment) -> list[tuple[str, str, str]]:
    """An adjustment's changes as (field label, before, after), in words."""
    return [
        (
            str(getattr(LibraryEntry._meta.get_field(name), "verbose_name", name)),
            _shown(name, row.before.get(name)),
            _shown(name, value),
        )
        for name, value in row.after.items()
    ]


@login_required
@require_GET
@permission("projects.view_project")
def library_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    entry = _entry(request, pk)
    return render(
        request,
        "planning/plans/library_detail.html",
        {
            "entry": entry,
            "history": [(row, _changes(row)) for row in entry.adjustments.all()],
            "can_adjust": policies.library_reclassify(actor),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.library_admit")
def library_admit(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not policies.library_admit(actor):
        raise PermissionDenied
    projects = selectors_plans.admittable_projects(actor=actor)
    data = request.POST if request.method == "POST" else None
    form = forms_plans.AdmitForm(
        data, projects=projects, initial={"project": _int(request.GET.get("project"))}
    )
    return form_page(
        request,
        form=form,
        call=lambda d: library_plans.library_admit(actor=actor, **d),
        done=lambda entry: reverse("planning-library-entry", args=[entry.pk]),
        success=_("The project is in the library."),
        title=_("Admit a project to the library"),
        back=reverse("planning-library"),
    )


def _adjust(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    actor = actor_of(request)
    entry = _entry(request, pk)
    if not policies.library_reclassify(actor):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    back = reverse("planning-library-entry", args=[entry.pk])
    service: Callable[..., Any]
    form: forms_plans.StyledForm
    if kind == "reclassify":
        initial = {"category": entry.category, "domain": entry.domain, "priority": entry.priority}
        form = forms_plans.ReclassifyForm(data, initial=initial)
        title, service = _("Reclassify"), library_plans.library_reclassify
    elif kind == "move":
        form = forms_plans.MoveYearForm(data, initial={"reserve_year": entry.reserve_year})
        title, service = _("Move to another year"), library_plans.library_move_year
    else:
        form = forms_plans.ReasonForm(data)
        title, service = _("Withdraw from the library"), library_plans.library_withdraw
    return form_page(
        request,
        form=form,
        call=lambda d: service(actor=actor, entry=entry, **d),
        done=lambda _result: back,
        success=_("The library entry is adjusted."),
        title=f"{title}: {entry.project.code} {entry.project.name}",
        back=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.library_reclassify")
def library_reclassify(request: HttpRequest, pk: int) -> HttpResponse:
    return _adjust(request, pk, "reclassify")


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.library_reclassify", "planning.library_move_year")
def library_move_year(request: HttpRequest, pk: int) -> HttpResponse:
    return _adjust(request, pk, "move")


@login_required
@require_http_methods(["GET", "POST"])
@permission("planning.library_reclassify", "planning.library_withdraw")
def library_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _adjust(request, pk, "withdraw")


@login_required
@require_GET
@permission("planning.duplicate_check")
def project_similar(request: HttpRequest, project_pk: int) -> HttpResponse:
    """Similar library projects and catalogue systems of a project (重复建设)."""
    actor = actor_of(request)
    project = project_detail(actor=actor, pk=project_pk)
    if project is None:
        raise Http404
    if not policies.duplicate_check(actor, project):
        raise PermissionDenied
    report = duplicates.similar_to_project(project, actor=actor)
    return render(
        request,
        "planning/plans/similar.html",
        {"project": project, "report": report, "threshold": round(report.threshold * 100)},
    )
