"""Delivery pages of a project: its approval, budget and payments. Thin: they parse, call a
selector or a service, and render. A project the actor may not see answers 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from govit.core.permissions import permission
from govit.delivery import changes, contracts, forms, policies, selectors, services, vendor_results
from govit.delivery.approval_documents import required_documents
from govit.delivery.errors import ProjectError
from govit.delivery.models import ChangeRequest, Contract
from govit.delivery.views_context import steps_context
from govit.orgs.models import User
from govit.policy import loader
from govit.projects.models import Project

PAGE_SIZE = 100


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _project(request: HttpRequest, project_pk: int) -> Project:
    project = selectors.delivery_project(actor=_actor(request), pk=project_pk)
    if project is None:
        raise Http404
    return project


@login_required
@require_GET
@permission("projects.view_project")
def delivery_index(request: HttpRequest) -> HttpResponse:
    """Approved projects the actor may see, and the contracts of the actor's vendors."""
    actor = _actor(request)
    return render(
        request,
        "delivery/delivery_index.html",
        {
            "projects": selectors.delivery_projects(actor=actor)[:PAGE_SIZE],
            "contracts": selectors.vendor_contracts(actor=actor)[:PAGE_SIZE],
            "engagements": selectors.supervisor_engagements(actor=actor)[:PAGE_SIZE],
        },
    )


@login_required
@require_GET
@permission("delivery.delivery_view")
def delivery_detail(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    snapshot = services.project_snapshot(project)
    result = services.evaluate(project, snapshot=snapshot)
    delivery = selectors.delivery_of(project)
    contract_rows = selectors.project_contracts(project)
    vendor_results.attach(actor, project.rulebook, contract_rows)
    return render(
        request,
        "delivery/delivery_detail.html",
        {
            "project": project,
            "rulebook": loader.get(project.rulebook),
            "delivery": delivery,
            "approval_documents": (
                required_documents(project.rulebook, snapshot, delivery.approval.route)
                if delivery.approval
                else []
            ),
            "can_record_approval": policies.approval_record(actor, project),
            "can_add_appropriation": policies.appropriation_add(actor, project),
            "can_pay": policies.payment_make(actor, project),
            "can_return_surplus": policies.surplus_return(actor, project),
            "can_record_contract": policies.contract_record(actor, project),
            "contracts": contract_rows,
            "filings": selectors.filing_obligations(result),
            "changes": selectors.project_changes(project),
            "cumulative": changes.cumulative(project),
            "can_request_change": policies.change_request(actor, project),
            "can_approve_change": policies.change_approve(actor, project),
            **steps_context(actor, project, result),
        },
    )


def _form_page(
    request: HttpRequest,
    project: Project,
    *,
    title: str,
    form: django_forms.Form,
    allowed: bool,
    write: Callable[[dict[str, Any]], object],
    done: str,
    back: str | None = None,
) -> HttpResponse:
    """Show ``form``; on a valid POST call the service, put its refusal on the form."""
    if not allowed:
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            for field, field_messages in exc.message_dict.items():
                for message in field_messages:
                    form.add_error(field if field in form.fields else None, message)
        except ProjectError as exc:
            form.add_error(None, exc.detail)
            for problem in exc.problems:
                text = f"{problem.article} {problem.message}".strip()
                form.add_error(None, text)
        else:
            messages.success(request, done)
            return redirect(back or reverse("delivery-detail", args=[project.pk]))
    return render(
        request,
        "delivery/form.html",
        {"project": project, "form": form, "title": title, "back": back},
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.approval_record")
def approval_edit(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    record = selectors.delivery_of(project).approval
    initial = (
        {
            name: getattr(record, name)
            for name in forms.ApprovalForm.base_fields
            if hasattr(record, name)
        }
        if record
        else {"investment_code": project.investment_code}
    )
    form = forms.ApprovalForm(request.POST if request.method == "POST" else None, initial=initial)
    return _form_page(
        request,
        project,
        title=_("Approval record"),
        form=form,
        allowed=policies.approval_record(actor, project),
        write=lambda data: services.approval_record(
            actor=actor,
            project=project,
            **{
                **data,
                "conditions": data["conditions"] or "",
                "investment_code": data["investment_code"] or "",
            },
        ),
        done=_("The approval is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.appropriation_add")
def appropriation_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.AppropriationForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        project,
        title=_("Add an appropriation"),
        form=form,
        allowed=policies.appropriation_add(actor, project),
        write=lambda data: services.appropriation_add(actor=actor, project=project, **data),
        done=_("The appropriation is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.payment_make")
def payment_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.PaymentForm(request.POST if request.method == "POST" else None, project=project)
    return _form_page(
        request,
        project,
        title=_("Make a payment"),
        form=form,
        allowed=policies.payment_make(actor, project),
        write=lambda data: services.payment_make(actor=actor, project=project, **data),
        done=_("The payment is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.surplus_return")
def surplus_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.SurplusForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        project,
        title=_("Record returned surplus"),
        form=form,
        allowed=policies.surplus_return(actor, project),
        write=lambda data: services.surplus_return(
            actor=actor, project=project, **{**data, "note": data["note"] or ""}
        ),
        done=_("The returned surplus is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.contract_record")
def contract_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.ContractForm(
        request.POST if request.method == "POST" else None, vendors=selectors.vendor_choices()
    )

    def write(data: dict[str, Any]) -> object:
        clauses = {name: data.pop(name) for name in contracts.CLAUSE_FIELDS}
        return contracts.contract_record(actor=actor, project=project, clauses=clauses, **data)

    return _form_page(
        request,
        project,
        title=_("Record a contract"),
        form=form,
        allowed=policies.contract_record(actor, project),
        write=write,
        done=_("The contract is recorded."),
    )


def _contract(request: HttpRequest, project_pk: int, pk: int) -> Contract:
    contract = selectors.contract_for(actor=_actor(request), pk=pk)
    if contract is None or contract.project_id != project_pk:
        raise Http404
    return contract


@login_required
@require_GET
@permission("delivery.contract_view")
def contract_detail(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    contract = _contract(request, project_pk, pk)
    project = contract.project
    sees_project = policies.delivery_view(actor, project)
    return render(
        request,
        "delivery/contract_detail.html",
        {
            "project": project,
            "contract": contract,
            "rulebook": loader.get(project.rulebook),
            "filings": (
                selectors.filing_obligations(services.evaluate(project)) if sees_project else []
            ),
            "sees_project": sees_project,
            "vendor_result": vendor_results.of_vendor(actor, project.rulebook, contract.vendor),
            "can_file": policies.contract_file(actor, project),
            "can_amend": policies.contract_amend(actor, project),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.contract_file")
def contract_filing(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    contract = _contract(request, project_pk, pk)
    form = forms.ContractFilingForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        contract.project,
        title=_("File the contract"),
        form=form,
        allowed=policies.contract_file(actor, contract.project),
        write=lambda data: contracts.contract_file(actor=actor, contract=contract, **data),
        done=_("The filing is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.contract_amend")
def contract_amend(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    contract = _contract(request, project_pk, pk)
    form = forms.AmendmentForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        contract.project,
        title=_("Amend the contract"),
        form=form,
        allowed=policies.contract_amend(actor, contract.project),
        write=lambda data: contracts.contract_amend(actor=actor, contract=contract, **data),
        done=_("The amendment is recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.change_request")
def change_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.ChangeForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        project,
        title=_("Ask for a change"),
        form=form,
        allowed=policies.change_request(actor, project),
        write=lambda data: changes.change_request(actor=actor, project=project, **data),
        done=_("The change request is recorded with the route the rules decide."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("delivery.change_approve")
def change_approve(request: HttpRequest, project_pk: int, pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    change = ChangeRequest.objects.filter(project=project, pk=pk).first()
    if change is None:
        raise Http404
    form = forms.ChangeApprovalForm(request.POST if request.method == "POST" else None)
    return _form_page(
        request,
        project,
        title=_("Approve the change"),
        form=form,
        allowed=policies.change_approve(actor, project),
        write=lambda data: changes.change_approve(actor=actor, change=change, **data),
        done=_("The change is approved."),
    )
