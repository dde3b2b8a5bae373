"""REST API of a project's delivery records: read them, record the approval, appropriations,
payments and returned surplus. 404 for a project the caller may not see, 403 for a role that
may not act, 409 for a payment refused (the errors cite the article), 422 for invalid input."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from govit.core.api_types import DatabaseId
from govit.core.permissions import permission
from govit.delivery import changes, contracts, policies, schemas, selectors, services
from govit.delivery.approval_documents import required_documents
from govit.delivery.errors import ProjectError
from govit.delivery.models import ApprovalRecord, ChangeRequest, Contract
from govit.documents.models import Document
from govit.orgs.models import Organisation, User
from govit.projects.http import from_project_error, from_validation_error, not_found
from govit.projects.models import Project

router = Router(tags=["delivery"])
ERRORS: dict[int, Any] = dict.fromkeys((403, 404, 409, 422), dict[str, Any])


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _approval(project: Project, record: ApprovalRecord | None) -> Any:
    """The approval record with the documents its route requires (present or not)."""
    if record is None:
        return None
    snapshot = services.project_snapshot(project)
    documents = required_documents(project.rulebook, snapshot, record.route)
    return {
        **{
            name: getattr(record, name)
            for name in schemas.ApprovalOut.model_fields
            if name != "required_documents"
        },
        "required_documents": documents,
    }


def _out(project: Project, delivery: selectors.Delivery) -> dict[str, Any]:
    return {
        "project_id": project.pk,
        "approval": _approval(project, delivery.approval),
        "approved": delivery.approved,
        "paid": delivery.paid,
        "balance": delivery.balance,
        "appropriations": delivery.appropriations,
        "payments": delivery.payments,
        "surplus_returns": delivery.surplus_returns,
    }


@router.get("/projects/{project_id}/delivery", response={200: schemas.DeliveryOut, **ERRORS})
@permission("delivery.delivery_view")
def get_delivery(request: HttpRequest, project_id: DatabaseId) -> Any:
    """The project's approval record, budget balance, appropriations, payments and returns."""
    project = selectors.delivery_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    return _out(project, selectors.delivery_of(project))


def _write(request: HttpRequest, project_id: int, call: Any) -> Any:
    project = selectors.delivery_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    try:
        return Status(201, call(project))
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)


@router.put(
    "/projects/{project_id}/delivery/approval", response={201: schemas.ApprovalOut, **ERRORS}
)
@permission("delivery.approval_record")
def put_approval(request: HttpRequest, project_id: DatabaseId, payload: schemas.ApprovalIn) -> Any:
    """Record or correct the approval; the route is the one the rulebook decides."""
    return _write(
        request,
        project_id,
        lambda project: _approval(
            project,
            services.approval_record(
                actor=_actor(request), project=project, **payload.model_dump()
            ),
        ),
    )


@router.post(
    "/projects/{project_id}/delivery/appropriations",
    response={201: schemas.AppropriationOut, **ERRORS},
)
@permission("delivery.appropriation_add")
def post_appropriation(
    request: HttpRequest, project_id: DatabaseId, payload: schemas.AppropriationIn
) -> Any:
    """Record money appropriated for a year from a funding source."""
    return _write(
        request,
        project_id,
        lambda project: services.appropriation_add(
            actor=_actor(request), project=project, **payload.model_dump()
        ),
    )


@router.post(
    "/projects/{project_id}/delivery/payments", response={201: schemas.PaymentOut, **ERRORS}
)
@permission("delivery.payment_make")
def post_payment(request: HttpRequest, project_id: DatabaseId, payload: schemas.PaymentIn) -> Any:
    """Pay through the treasury; 409 over the balance or where the rulebook withholds it."""
    data = payload.model_dump()
    evidence_id = data.pop("evidence_id")

    def call(project: Any) -> Any:
        evidence = None
        if evidence_id is not None:
            evidence = Document.objects.filter(pk=evidence_id, project=project).first()
            if evidence is None:
                raise ValidationError({"evidence_id": _("Unknown document of this project.")})
        return services.payment_make(
            actor=_actor(request), project=project, evidence=evidence, **data
        )

    return _write(request, project_id, call)


@router.post(
    "/projects/{project_id}/delivery/surplus-returns",
    response={201: schemas.SurplusOut, **ERRORS},
)
@permission("delivery.surplus_return")
def post_surplus(request: HttpRequest, project_id: DatabaseId, payload: schemas.SurplusIn) -> Any:
    """Record money left over and returned."""
    return _write(
        request,
        project_id,
        lambda project: services.surplus_return(
            actor=_actor(request), project=project, **payload.model_dump()
        ),
    )


def _contract_out(contract: Contract) -> dict[str, Any]:
    return {
        **{name: getattr(contract, name) for name in schemas.ContractOut.model_fields},
        "amendments": list(contract.amendments.all()),
    }


@router.get(
    "/projects/{project_id}/delivery/contracts",
    response={200: schemas.ContractListOut, **ERRORS},
)
@permission("delivery.delivery_view")
def list_contracts(request: HttpRequest, project_id: DatabaseId) -> Any:
    """The project's contracts and the rulebook's filing deadline with its status."""
    project = selectors.delivery_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    return {
        "contracts": [_contract_out(c) for c in selectors.project_contracts(project)],
        "filing": selectors.filing_obligations(services.evaluate(project)),
    }


@router.post(
    "/projects/{project_id}/delivery/contracts", response={201: schemas.ContractOut, **ERRORS}
)
@permission("delivery.contract_record")
def post_contract(request: HttpRequest, project_id: DatabaseId, payload: schemas.ContractIn) -> Any:
    """Record a contract with a vendor; the project's contract facts follow the first one."""
    data = payload.model_dump()
    vendor_id = data.pop("vendor_id")
    clauses = {name: data.pop(name) for name in contracts.CLAUSE_FIELDS}

    def call(project: Any) -> Any:
        vendor = Organisation.objects.filter(pk=vendor_id).first()
        if vendor is None:
            raise ValidationError({"vendor_id": _("Unknown organisation.")})
        contract = contracts.contract_record(
            actor=_actor(request), project=project, vendor=vendor, clauses=clauses, **data
        )
        return _contract_out(contract)

    return _write(request, project_id, call)


@router.get("/contracts/{contract_id}", response={200: schemas.ContractOut, **ERRORS})
@permission("delivery.contract_view")
def get_contract(request: HttpRequest, contract_id: DatabaseId) -> Any:
    """One contract (its vendor may read it too)."""
    contract = selectors.contract_for(actor=_actor(request), pk=contract_id)
    if contract is None:
        return not_found()
    return _contract_out(contract)


def _contract_write(request: HttpRequest, contract_id: int, call: Any) -> Any:
    contract = selectors.contract_for(actor=_actor(request), pk=contract_id)
    if contract is None or not policies.delivery_view(_actor(request), contract.project):
        return not_found()
    try:
        return Status(201, call(contract))
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)


@router.post("/contracts/{contract_id}/filing", response={201: schemas.ContractOut, **ERRORS})
@permission("delivery.contract_file")
def post_filing(request: HttpRequest, contract_id: DatabaseId, payload: schemas.FilingIn) -> Any:
    """Record the day the contract was filed."""
    return _contract_write(
        request,
        contract_id,
        lambda contract: _contract_out(
            contracts.contract_file(
                actor=_actor(request), contract=contract, filed_on=payload.filed_on
            )
        ),
    )


@router.post("/contracts/{contract_id}/amendments", response={201: schemas.AmendmentOut, **ERRORS})
@permission("delivery.contract_amend")
def post_amendment(
    request: HttpRequest, contract_id: DatabaseId, payload: schemas.AmendmentIn
) -> Any:
    """Record an amendment of the contract."""
    return _contract_write(
        request,
        contract_id,
        lambda contract: contracts.contract_amend(
            actor=_actor(request), contract=contract, **payload.model_dump()
        ),
    )


@router.get(
    "/projects/{project_id}/delivery/changes", response={200: schemas.ChangeListOut, **ERRORS}
)
@permission("delivery.delivery_view")
def list_changes(request: HttpRequest, project_id: DatabaseId) -> Any:
    """The project's change requests and the approved changes against the approved estimate."""
    project = selectors.delivery_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    total = changes.cumulative(project)
    return {
        "changes": selectors.project_changes(project),
        "versions": selectors.project_versions(project),
        "approved_total": total["total"],
        "approved_estimate": total["estimate"],
        "share_percent": total["share"],
    }


@router.post("/projects/{project_id}/delivery/changes", response={201: schemas.ChangeOut, **ERRORS})
@permission("delivery.change_request")
def post_change(request: HttpRequest, project_id: DatabaseId, payload: schemas.ChangeIn) -> Any:
    """Ask for a change; the route is the one the rulebook decides (409 if it forbids it)."""
    return _write(
        request,
        project_id,
        lambda project: changes.change_request(
            actor=_actor(request), project=project, **payload.model_dump()
        ),
    )


@router.post(
    "/projects/{project_id}/delivery/changes/{change_id}/approval",
    response={201: schemas.ChangeOut, **ERRORS},
)
@permission("delivery.change_approve")
def approve_change(
    request: HttpRequest,
    project_id: DatabaseId,
    change_id: DatabaseId,
    payload: schemas.ChangeApprovalIn,
) -> Any:
    """Approve a change (the competent department)."""

    def call(project: Any) -> Any:
        change = ChangeRequest.objects.filter(project=project, pk=change_id).first()
        if change is None:
            raise ValidationError({"change_id": _("Unknown change of this project.")})
        return changes.change_approve(
            actor=_actor(request), change=change, approved_on=payload.approved_on
        )

    return _write(request, project_id, call)


from govit.delivery import api_progress, api_steps  # noqa: E402, F401 - more operations
