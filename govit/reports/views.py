"""Report pages: the portfolio dashboard (a unit sees its own), the finance view, the exports
and the printed documents. Thin: they parse the filters, call a selector and render."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from govit.core import audit
from govit.core.permissions import permission
from govit.documents.validation import DOCX, XLSX
from govit.orgs.models import User
from govit.projects import selectors as project_selectors
from govit.reports import (
    dashboard_cache,
    documents,
    exports,
    finance,
    policies,
    printables,
    selectors,
    vendors,
)
from govit.reports.forms import PortfolioFilterForm


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _form(request: HttpRequest, actor: User) -> PortfolioFilterForm:
    return PortfolioFilterForm(
        request.GET or None, units=project_selectors.filter_units(actor=actor)
    )


def _attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@permission("reports.dashboard_view")
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not policies.dashboard_view(actor):
        raise PermissionDenied
    form = _form(request, actor)
    # "Refresh now": a plain GET that recomputes the actor's own scope at most every
    # REFRESH_SECONDS (ADR 0024); the links on the page keep the filters, not the refresh.
    data, computed_at = dashboard_cache.cached_portfolio(
        actor=actor, filters=form.filters(), fresh=request.GET.get("fresh") == "1"
    )
    params = request.GET.copy()
    params.pop("fresh", None)
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "data": data,
            "computed_at": computed_at,
            "cache_seconds": settings.GOVIT_DASHBOARD_CACHE_SECONDS,
            "charts": data.charts(),
            "whole_portfolio": actor.oversees_all,
            "query": params.urlencode(),
            "can_finance": policies.finance_view(actor),
            "can_opendata": policies.opendata_export(actor),
            "can_vendors": policies.vendor_list(actor),
        },
    )


@login_required
@permission("reports.finance_view")
def finance_view(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not policies.finance_view(actor):
        raise PermissionDenied
    form = _form(request, actor)
    filters = form.filters()
    # The totals are the dashboard's money figures, from its cache (the same scope and
    # filters share one entry): at a province's scale they are sums over whole tables.
    data, computed_at = dashboard_cache.cached_portfolio(actor=actor, filters=filters)
    rows = finance.project_money(actor=actor, filters=filters)
    return render(
        request,
        "reports/finance.html",
        {
            "form": form,
            "rows": rows,
            "table_rows": finance.table_rows(rows),
            "totals": data.money,
            "computed_at": computed_at,
            "cache_seconds": settings.GOVIT_DASHBOARD_CACHE_SECONDS,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@permission("reports.list_export")
def projects_xlsx(request: HttpRequest) -> HttpResponse:
    """The project list under the dashboard's filters, as a spreadsheet."""
    actor = _actor(request)
    if not policies.list_export(actor):
        raise PermissionDenied
    filters = _form(request, actor).filters()
    projects = selectors.filtered_projects(actor=actor, filters=filters).order_by("code")
    content = exports.projects_xlsx(projects)
    audit.record(
        actor=actor,
        action="reports.export",
        object_type="projects.project",
        object_repr="projects.xlsx",
        after={"filters": filters.as_query(), "rows": projects.count()},
    )
    return _attachment(content, XLSX, f"projects-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@permission("reports.opendata_export")
def opendata(request: HttpRequest, fmt: str) -> HttpResponse:
    """The public portfolio (non-classified projects, public facts only) as JSON or CSV."""
    actor = _actor(request)
    if fmt not in ("json", "csv"):
        raise Http404
    if not policies.opendata_export(actor):
        raise PermissionDenied
    filters = _form(request, actor).filters()
    rows = list(exports.open_rows(selectors.filtered_projects(actor=actor, filters=filters)))
    audit.record(
        actor=actor,
        action="reports.opendata",
        object_type="projects.project",
        object_repr=f"opendata.{fmt}",
        after={"filters": filters.as_query(), "rows": len(rows)},
    )
    day = f"{timezone.localdate():%Y%m%d}"
    if fmt == "csv":
        return _attachment(
            exports.open_csv(rows), "text/csv; charset=utf-8", f"portfolio-{day}.csv"
        )
    return _attachment(
        exports.open_json(rows), "application/json; charset=utf-8", f"portfolio-{day}.json"
    )


def _vendor_params(request: HttpRequest) -> tuple[str, int, dict[str, str]]:
    """The sort and year of the vendor pages; an invalid year is reported and not applied."""
    sort = request.GET.get("sort", vendors.DEFAULT_SORT)
    if sort.lstrip("-") not in vendors.SORTS:
        sort = vendors.DEFAULT_SORT
    year = vendors.parse_year(request.GET.get("year"))
    errors = {}
    if year is None:
        errors["year"] = _("Give a year from 2000 to 2100.")
        year = timezone.localdate().year
    return sort, year, errors


@login_required
@permission("reports.vendor_list")
def vendor_list(request: HttpRequest) -> HttpResponse:
    """Every vendor with its contracts, payments, changes, schedule and assessment results."""
    actor = _actor(request)
    if not policies.vendor_list(actor):
        raise PermissionDenied
    sort, year, errors = _vendor_params(request)
    rows = vendors.vendor_rows(actor=actor, sort=sort, year=year)
    return render(
        request,
        "reports/vendors.html",
        {
            "rows": rows,
            "sort": sort,
            "year": year,
            "errors": errors,
            "sorts": vendors.SORTS,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@permission("reports.vendor_list")
def vendors_xlsx(request: HttpRequest) -> HttpResponse:
    """The vendor list, in the page's order, as a spreadsheet."""
    actor = _actor(request)
    if not policies.vendor_list(actor):
        raise PermissionDenied
    sort, year, _errors = _vendor_params(request)
    rows = vendors.vendor_rows(actor=actor, sort=sort, year=year)
    audit.record(
        actor=actor,
        action="reports.export",
        object_type="orgs.organisation",
        object_repr="vendors.xlsx",
        after={"sort": sort, "year": year, "rows": len(rows)},
    )
    return _attachment(
        exports.vendors_xlsx(rows, year), XLSX, f"vendors-{timezone.localdate():%Y%m%d}.xlsx"
    )


@login_required
@permission("reports.vendor_view")
def vendor_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One vendor's page, for the oversight roles and for the vendor's own staff."""
    actor = _actor(request)
    if not (policies.vendor_list(actor) or actor.has_role("vendor")):
        raise PermissionDenied
    vendor = vendors.vendor_get(actor=actor, pk=pk)
    if vendor is None:
        raise Http404
    _sort, year, errors = _vendor_params(request)
    return render(
        request,
        "reports/vendor_detail.html",
        {
            "view": vendors.vendor_view(actor=actor, vendor=vendor, year=year),
            "errors": errors,
            "can_list": policies.vendor_list(actor),
        },
    )


PRINT_FORMATS = ("pdf", "docx")


def _printed(doc: documents.Doc, fmt: str, name: str) -> HttpResponse:
    if fmt == "docx":
        return _attachment(documents.to_docx(doc), DOCX, f"{name}.docx")
    try:
        content = documents.to_pdf(doc)
    except documents.PdfUnavailable as error:
        return HttpResponse(
            _("The PDF could not be made: %(reason)s. Download the Word version instead.")
            % {"reason": error},
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    return _attachment(content, "application/pdf", f"{name}.pdf")


@login_required
@permission("projects.view_project")
def project_print(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The application summary (申报表) of a project the actor may read."""
    if fmt not in PRINT_FORMATS:
        raise Http404
    project = project_selectors.project_detail(actor=_actor(request), pk=pk)
    if project is None:
        raise Http404
    return _printed(printables.project_doc(project), fmt, f"application-{project.code}")


@login_required
@permission("reviews.review_view")
def review_print(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The review opinion, once the scores are unsealed, for whoever may read the review."""
    from govit.reviews import selectors as review_selectors

    if fmt not in PRINT_FORMATS:
        raise Http404
    review = review_selectors.review_get(actor=_actor(request), pk=pk)
    if review is None or review.is_sealed():
        raise Http404
    seats = review_selectors.seats(review=review)
    return _printed(printables.review_doc(review, list(seats)), fmt, f"review-{review.pk}")


@login_required
@permission("projects.view_project")
def evaluation_print(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """An evaluation report, for whoever may read the evaluation."""
    from govit.evaluation.selectors import evaluation_of

    if fmt not in PRINT_FORMATS:
        raise Http404
    evaluation = evaluation_of(actor=_actor(request), pk=pk)
    if evaluation is None:
        raise Http404
    return _printed(printables.evaluation_doc(evaluation), fmt, f"evaluation-{evaluation.pk}")


@login_required
@permission("acceptance.acceptance_view")
def acceptance_print(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The report of an acceptance meeting, for whoever may read the project's acceptance."""
    from govit.acceptance.models import Meeting
    from govit.acceptance.selectors import acceptance_project

    if fmt not in PRINT_FORMATS:
        raise Http404
    meeting = Meeting.objects.select_related("project").filter(pk=pk).first()
    if meeting is None or acceptance_project(actor=_actor(request), pk=meeting.project_id) is None:
        raise Http404
    return _printed(printables.acceptance_doc(meeting), fmt, f"acceptance-{meeting.pk}")
