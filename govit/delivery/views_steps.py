"""Pages of procurement, supervision, progress, payment requests, reversals, change
rejection and the OCDS download. Thin, like views.py: a project the actor may not see
answers 404, a step the actor may not take too (the form is not shown)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from govit.core.permissions import permission
from govit.delivery import (
    forms_steps,
    ocds,
    policies,
    procurement,
    selectors,
    supervision,
    vendor_results,
)
from govit.delivery.models import (
    Contract,
    Procurement,
)
from govit.delivery.views import _actor, _form_page, _project
from govit.documents.downloads import file_response
from govit.policy import loader
from govit.projects.models import Project


def _post(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def _procurement(project: Project, pk: int) -> Procurement:
    item = selectors.procurement_for(project, pk)
    if item is None:
        raise Http404
    return item


@login_required
@require_GET
@permission("delivery.delivery_view")
def procurement_detail(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    item = _procurement(project, pk)
    return render(
        request,
        "delivery/procurement_detail.html",
        {
            "project": project,
            "item": item,
            "rulebook": loader.get(project.rulebook),
            "findings": procurement.method_findings(item),
            "thresholds": procurement.thresholds(),
            "vendor_result": vendor_results.of_vendor(actor, project.rulebook, item.winning_vendor),
            "can_review": policies.procurement_control_price(actor, project),
            "can_award": policies.procurement_award(actor, project),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.procurement_record")
def procurement_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return _form_page(
        request,
        project,
        title=_("Plan a procurement"),
        form=forms_steps.ProcurementForm(_post(request)),
        allowed=policies.procurement_record(actor, project),
        write=lambda data: procurement.procurement_record(actor=actor, project=project, **data),
        done=_("The procurement is recorded."),
    )


def _procurement_step(request: HttpRequest, project_pk: int, pk: int, step: str) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    item = _procurement(project, pk)
    back = reverse("delivery-procurement", args=[project.pk, item.pk])
    form: Any
    if step == "review":
        form = forms_steps.ControlPriceForm(_post(request), project=project)
        allowed = policies.procurement_control_price(actor, project)
        title = _("Control price review")

        def write(data: dict[str, Any]) -> object:
            return procurement.procurement_control_price(actor=actor, procurement=item, **data)

    elif step == "award":
        form = forms_steps.AwardForm(_post(request), vendors=selectors.vendor_choices())
        allowed = policies.procurement_award(actor, project)
        title = _("Award the procurement")

        def write(data: dict[str, Any]) -> object:
            return procurement.procurement_award(actor=actor, procurement=item, **data)

    else:
        form = forms_steps.ContractLinkForm(
            _post(request), contracts=Contract.objects.filter(project=project)
        )
        allowed = policies.procurement_award(actor, project)
        title = _("Link the contract")

        def write(data: dict[str, Any]) -> object:
            return procurement.procurement_contract_link(actor=actor, procurement=item, **data)

    return _form_page(
        request,
        project,
        title=title,
        form=form,
        allowed=allowed,
        write=write,
        done=_("Saved."),
        back=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.procurement_control_price")
def procurement_review(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    return _procurement_step(request, project_pk, pk, "review")


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.procurement_award")
def procurement_award(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    return _procurement_step(request, project_pk, pk, "award")


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.procurement_award")
def procurement_contract(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    return _procurement_step(request, project_pk, pk, "contract")


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.supervision_engage")
def supervision_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return _form_page(
        request,
        project,
        title=_("Engage the supervisor"),
        form=forms_steps.SupervisionForm(
            _post(request), supervisors=selectors.supervisor_choices()
        ),
        allowed=policies.supervision_engage(actor, project),
        write=lambda data: supervision.supervision_engage(actor=actor, project=project, **data),
        done=_("The supervisor is engaged."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.supervision_file")
def supervision_filing(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    engagement = selectors.supervision_of(project)
    if engagement is None:
        raise Http404
    return _form_page(
        request,
        project,
        title=_("File the supervisor"),
        form=forms_steps.FilingForm(_post(request)),
        allowed=policies.supervision_file(actor, project),
        write=lambda data: supervision.supervision_file(actor=actor, engagement=engagement, **data),
        done=_("The filing is recorded."),
    )


def _engagement(request: HttpRequest, pk: int) -> Any:
    engagement = selectors.engagement_for(actor=_actor(request), pk=pk)
    if engagement is None:
        raise Http404
    return engagement


@login_required
@require_GET
@permission("delivery.supervision_view")
def supervision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The engagement and its reports: for whoever sees the project and the supervisor."""
    actor = _actor(request)
    engagement = _engagement(request, pk)
    return render(
        request,
        "delivery/supervision_detail.html",
        {
            "engagement": engagement,
            "project": engagement.project,
            "sees_project": policies.delivery_view(actor, engagement.project),
            "can_report": policies.supervision_report(actor, engagement),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.supervision_report")
def supervision_report(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    engagement = _engagement(request, pk)
    return _form_page(
        request,
        engagement.project,
        title=_("Submit a supervision report"),
        form=forms_steps.SupervisionReportForm(
            _post(request),
            request.FILES if request.method == "POST" else None,
            project=engagement.project,
        ),
        allowed=policies.supervision_report(actor, engagement),
        write=lambda data: supervision.supervision_report(
            actor=actor, engagement=engagement, **data
        ),
        done=_("The report is submitted."),
        back=reverse("delivery-supervision", args=[engagement.pk]),
    )


@login_required
@require_GET
@permission("delivery.supervision_view")
def supervision_report_file(request: HttpRequest, pk: int, report_pk: int) -> FileResponse:
    """The latest file of a report's document: for whoever sees the project and the
    engaged supervisor's users (who have no rights on the project's documents otherwise)."""
    version = selectors.supervision_report_file(actor=_actor(request), pk=pk, report_pk=report_pk)
    if version is None:
        raise Http404
    return file_response(version)


def _download(request: HttpRequest, projects: Any) -> JsonResponse:
    package = ocds.release_package(
        ocds.with_parts(projects), uri=request.build_absolute_uri(request.path)
    )
    response = JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="ocds-release-package.json"'
    return response


@login_required
@require_GET
@permission("delivery.delivery_view")
def ocds_project(request: HttpRequest, project_pk: int) -> HttpResponse:
    """Download the project's contracting processes as an OCDS release package."""
    project = _project(request, project_pk)
    return _download(request, Project.objects.filter(pk=project.pk))


@login_required
@require_GET
@permission("projects.view_project")
def ocds_all(request: HttpRequest) -> HttpResponse:
    """Download every visible project's contracting processes as one release package."""
    return _download(request, selectors.delivery_projects(actor=_actor(request)))
