"""More operations of the delivery API, on the same router: procurement, supervision,
milestones and progress, payment requests and reversals, change rejection, the OCDS export.
The same answers as api.py: 404 out of scope, 403 for a role that may not act, 409 refused
(with the article), 422 invalid."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Status
from ninja.files import UploadedFile

from govit.core.api_types import DatabaseId
from govit.core.permissions import permission
from govit.delivery import (
    procurement,
    schemas,
    schemas_steps,
    selectors,
    supervision,
)
from govit.delivery.api import ERRORS, _actor, _write, router
from govit.delivery.errors import ProjectError
from govit.delivery.models import (
    Contract,
    Procurement,
)
from govit.documents.downloads import file_response
from govit.documents.models import Document
from govit.orgs.models import Organisation
from govit.projects.http import from_project_error, from_validation_error, not_found
from govit.projects.models import Project

P = "/projects/{project_id}/delivery"


def _document(project: Project, pk: int | None, field: str) -> Document | None:
    if pk is None:
        return None
    document = Document.objects.filter(pk=pk, project=project).first()
    if document is None:
        raise ValidationError({field: _("Unknown document of this project.")})
    return document


def _org(pk: int, field: str) -> Organisation:
    org = Organisation.objects.filter(pk=pk).first()
    if org is None:
        raise ValidationError({field: _("Unknown organisation.")})
    return org


def _procurement_out(item: Procurement) -> dict[str, Any]:
    return {name: getattr(item, name) for name in schemas_steps.ProcurementOut.model_fields}


def _on_procurement(
    request: HttpRequest, project_id: int, pk: int, call: Callable[[Procurement], Any]
) -> Any:
    def run(project: Project) -> Any:
        item = Procurement.objects.filter(project=project, pk=pk).first()
        if item is None:
            raise ValidationError({"procurement_id": _("Unknown procurement of this project.")})
        return _procurement_out(call(item))

    return _write(request, project_id, run)


@router.get(P + "/procurements", response={200: list[schemas_steps.ProcurementDetailOut], **ERRORS})
@permission("delivery.delivery_view")
def list_procurements(request: HttpRequest, project_id: DatabaseId) -> Any:
    """The project's procurements with the findings on their method (thresholds, rules)."""
    project = selectors.delivery_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    return [
        {**_procurement_out(p), "findings": procurement.method_findings(p)}
        for p in selectors.project_procurements(project)
    ]


@router.post(P + "/procurements", response={201: schemas_steps.ProcurementOut, **ERRORS})
@permission("delivery.procurement_record")
def post_procurement(
    request: HttpRequest, project_id: DatabaseId, payload: schemas_steps.ProcurementIn
) -> Any:
    """Plan a procurement with its method and budget."""
    return _write(
        request,
        project_id,
        lambda project: _procurement_out(
            procurement.procurement_record(
                actor=_actor(request), project=project, **payload.model_dump()
            )
        ),
    )


@router.post(
    P + "/procurements/{procurement_id}/control-price",
    response={201: schemas_steps.ProcurementOut, **ERRORS},
)
@permission("delivery.procurement_control_price")
def post_control_price(
    request: HttpRequest,
    project_id: DatabaseId,
    procurement_id: DatabaseId,
    payload: schemas_steps.ControlPriceIn,
) -> Any:
    """Record the third-party review of the control price and its document (Bijie 第十四条)."""
    data = payload.model_dump()
    document_id = data.pop("document_id")
    return _on_procurement(
        request,
        project_id,
        procurement_id,
        lambda item: procurement.procurement_control_price(
            actor=_actor(request),
            procurement=item,
            document=_document(item.project, document_id, "document_id"),  # type: ignore[arg-type]
            **data,
        ),
    )


@router.post(
    P + "/procurements/{procurement_id}/award",
    response={201: schemas_steps.ProcurementOut, **ERRORS},
)
@permission("delivery.procurement_award")
def post_award(
    request: HttpRequest,
    project_id: DatabaseId,
    procurement_id: DatabaseId,
    payload: schemas_steps.AwardIn,
) -> Any:
    """Record the winning vendor and the award amount."""
    return _on_procurement(
        request,
        project_id,
        procurement_id,
        lambda item: procurement.procurement_award(
            actor=_actor(request),
            procurement=item,
            vendor=_org(payload.vendor_id, "vendor_id"),
            award_amount=payload.award_amount,
            awarded_on=payload.awarded_on,
        ),
    )


@router.post(
    P + "/procurements/{procurement_id}/contract",
    response={201: schemas_steps.ProcurementOut, **ERRORS},
)
@permission("delivery.procurement_award")
def post_procurement_contract(
    request: HttpRequest,
    project_id: DatabaseId,
    procurement_id: DatabaseId,
    payload: schemas_steps.ContractLinkIn,
) -> Any:
    """Link the contract the procurement produced."""

    def call(item: Procurement) -> Procurement:
        contract = Contract.objects.filter(pk=payload.contract_id, project=item.project).first()
        if contract is None:
            raise ValidationError({"contract_id": _("Unknown contract of this project.")})
        return procurement.procurement_contract_link(
            actor=_actor(request), procurement=item, contract=contract
        )

    return _on_procurement(request, project_id, procurement_id, call)


def _supervision_out(engagement: Any) -> dict[str, Any] | None:
    if engagement is None:
        return None
    return {
        **{
            name: getattr(engagement, name)
            for name in schemas_steps.SupervisionOut.model_fields
            if name != "reports"
        },
        "reports": list(engagement.reports.all()),
    }


@router.get(P + "/supervision", response={200: schemas_steps.SupervisionStatusOut, **ERRORS})
@permission("delivery.delivery_view")
def get_supervision(request: HttpRequest, project_id: DatabaseId) -> Any:
    """Whether the rulebook requires a supervisor, and the engaged one with its reports."""
    project = selectors.delivery_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    decision = supervision.supervision_decision(project)
    return {
        "required": None if decision is None else bool(decision.value),
        "article": decision.article if decision else "",
        "engagement": _supervision_out(selectors.supervision_of(project)),
    }


@router.post(P + "/supervision", response={201: schemas_steps.SupervisionOut, **ERRORS})
@permission("delivery.supervision_engage")
def post_supervision(
    request: HttpRequest, project_id: DatabaseId, payload: schemas_steps.SupervisionIn
) -> Any:
    """Engage the supervisor organisation."""
    return _write(
        request,
        project_id,
        lambda project: _supervision_out(
            supervision.supervision_engage(
                actor=_actor(request),
                project=project,
                supervisor=_org(payload.supervisor_id, "supervisor_id"),
                engaged_on=payload.engaged_on,
                fee=payload.fee,
            )
        ),
    )


@router.post(P + "/supervision/filing", response={201: schemas_steps.SupervisionOut, **ERRORS})
@permission("delivery.supervision_file")
def post_supervision_filing(
    request: HttpRequest, project_id: DatabaseId, payload: schemas.FilingIn
) -> Any:
    """Record the filing of the supervisor."""

    def call(project: Project) -> Any:
        engagement = selectors.supervision_of(project)
        if engagement is None:
            raise ValidationError({"filed_on": _("No supervisor is engaged.")})
        return _supervision_out(
            supervision.supervision_file(
                actor=_actor(request), engagement=engagement, filed_on=payload.filed_on
            )
        )

    return _write(request, project_id, call)


@router.post(
    "/supervisions/{engagement_id}/reports",
    response={201: schemas_steps.SupervisionReportOut, **ERRORS},
)
@permission("delivery.supervision_report")
def post_supervision_report(
    request: HttpRequest, engagement_id: DatabaseId, payload: schemas_steps.SupervisionReportIn
) -> Any:
    """The supervisor's report (its own users only)."""
    engagement = selectors.engagement_for(actor=_actor(request), pk=engagement_id)
    if engagement is None:
        return not_found()
    data = payload.model_dump()
    document_id = data.pop("document_id")
    try:
        return Status(
            201,
            supervision.supervision_report(
                actor=_actor(request),
                engagement=engagement,
                document=_document(engagement.project, document_id, "document_id"),
                **data,
            ),
        )
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)


@router.post(
    "/supervisions/{engagement_id}/reports/{report_id}/files",
    response={201: schemas_steps.SupervisionReportOut, **ERRORS},
)
@permission("delivery.supervision_report")
def post_supervision_report_file(
    request: HttpRequest, engagement_id: DatabaseId, report_id: DatabaseId, file: File[UploadedFile]
) -> Any:
    """The supervisor attaches a file to its report (multipart; checked like any upload): the
    report's document, or its next version."""
    actor = _actor(request)
    engagement = selectors.engagement_for(actor=actor, pk=engagement_id)
    report = (
        None
        if engagement is None
        else next((r for r in engagement.reports.all() if r.pk == report_id), None)
    )
    if report is None:
        return not_found()
    try:
        return Status(
            201, supervision.supervision_report_attach(actor=actor, report=report, upload=file)
        )
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)


@router.get(
    "/supervisions/{engagement_id}/reports/{report_id}/file", response={404: dict[str, Any]}
)
@permission("delivery.supervision_view")
def get_supervision_report_file(
    request: HttpRequest, engagement_id: DatabaseId, report_id: DatabaseId
) -> Any:
    """The latest file of a report's document (the supervisor's users and whoever sees the
    project)."""
    version = selectors.supervision_report_file(
        actor=_actor(request), pk=engagement_id, report_pk=report_id
    )
    if version is None:
        return not_found()
    return file_response(version)
