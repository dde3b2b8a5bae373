"""Pages of the data-resource catalogue: the catalogue and its two views, an entry, its form,
its moves through review and publication, and sharing requests."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from govit.core.pages import CountedPaginator, kept_filters
from govit.core.permissions import SIGNED_IN, permission
from govit.data_resources import grading, policies, selectors, services, sharing, xlsx
from govit.data_resources.choices import RequestStatus, ResourceStatus, SharingType
from govit.data_resources.errors import Refused
from govit.data_resources.forms import (
    AnswerForm,
    ImportForm,
    NoteForm,
    RequestForm,
    ResourceForm,
)
from govit.data_resources.models import DataResource, SharingRequest
from govit.documents.validation import XLSX
from govit.orgs.models import User

PAGE_SIZE = 50
TITLES = {
    "all": _("Data-resource catalogue"),
    "sharing": _("Sharing catalogue"),
    "open": _("Open catalogue"),
}


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _resource(request: HttpRequest, pk: int) -> DataResource:
    resource = selectors.resource_get(actor=_actor(request), pk=pk)
    if resource is None:
        raise Http404
    return resource


def _request(request: HttpRequest, pk: int) -> SharingRequest:
    found = selectors.request_get(actor=_actor(request), pk=pk)
    if found is None:
        raise Http404
    return found


@login_required
@permission("data_resources.catalogue_read")
def resource_list(request: HttpRequest, catalogue: str = "all") -> HttpResponse:
    actor = _actor(request)
    if not policies.catalogue_read(actor):
        raise PermissionDenied
    filters = {
        k: request.GET.get(k, "") for k in ("status", "sharing_type", "grade", "q", "system")
    }
    if not str(filters["system"]).isdigit():
        filters["system"] = ""
    resources = selectors.resource_list(actor=actor, filters=filters, catalogue=catalogue)
    page = CountedPaginator(resources, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "data_resources/resource_list.html",
        {
            "page": page,
            "catalogue": catalogue,
            "title": TITLES[catalogue],
            "filters": filters,
            "query": kept_filters(request),
            "statuses": ResourceStatus.choices,
            "sharing_types": SharingType.choices,
            "grades": grading.grade_choices(),
            "can_create": policies.resource_create(actor),
        },
    )


@login_required
@permission(SIGNED_IN)
def resource_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    resource = _resource(request, pk)
    return render(
        request,
        "data_resources/resource_detail.html",
        {
            "resource": resource,
            "items": resource.items.all(),
            "history": resource.history.select_related("actor"),
            "can_edit": policies.resource_update(actor, resource)
            and resource.status
            in (ResourceStatus.DRAFT, ResourceStatus.RETURNED, ResourceStatus.WITHDRAWN),
            "can_submit": policies.resource_submit(actor, resource),
            "can_review": policies.resource_review(actor, resource),
            "can_withdraw": policies.resource_withdraw(actor, resource),
            "can_request": policies.sharing_request_create(actor)
            and resource.status == ResourceStatus.PUBLISHED
            and resource.sharing_type != SharingType.NONE
            and resource.unit_id not in actor.organisation_ids,
            "note_form": NoteForm(),
            "request_form": RequestForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("data_resources.resource_create", "data_resources.resource_update")
def resource_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = _actor(request)
    resource = _resource(request, pk) if pk is not None else None
    allowed = (
        policies.resource_update(actor, resource)
        if resource is not None
        else policies.resource_create(actor)
    )
    if not allowed:
        raise PermissionDenied
    form = ResourceForm(request.POST or None, instance=resource, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            if resource is None:
                resource = services.resource_create(
                    actor=actor, data=form.resource_data(), items=form.cleaned_data["items"]
                )
            else:
                services.resource_update(
                    actor=actor,
                    resource=resource,
                    data=form.resource_data(),
                    items=form.cleaned_data["items"],
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        except Refused as exc:
            form.add_error(None, exc.detail)
        else:
            messages.success(request, _("The entry was saved."))
            return redirect("data-resource-detail", pk=resource.pk)
    return render(
        request, "data_resources/resource_form.html", {"form": form, "resource": resource}
    )


@login_required
@require_POST
@permission(
    "data_resources.resource_submit",
    "data_resources.resource_review",
    "data_resources.resource_publish",
    "data_resources.resource_withdraw",
)
def resource_move(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = _actor(request)
    resource = _resource(request, pk)
    note = request.POST.get("note", "")
    try:
        if action == "submit":
            services.resource_submit(actor=actor, resource=resource, note=note)
        elif action in ("approve", "return"):
            services.resource_review(
                actor=actor, resource=resource, approve=action == "approve", note=note
            )
        elif action == "publish":
            services.resource_publish(actor=actor, resource=resource, note=note)
        elif action == "withdraw":
            services.resource_withdraw(actor=actor, resource=resource, note=note)
        elif action == "duplicate":
            code = request.POST.get("duplicate_of", "").strip()
            original = selectors.resource_list(actor=actor).filter(code=code).first()
            if code and original is None:
                raise ValidationError({"duplicate_of": _("Unknown resource code.")})
            services.resource_mark_duplicate(actor=actor, resource=resource, duplicate_of=original)
        else:
            raise Http404
    except Refused as exc:
        messages.error(request, exc.detail)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Done."))
    return redirect("data-resource-detail", pk=resource.pk)


@login_required
@require_POST
@permission("data_resources.sharing_request_create")
def request_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    resource = _resource(request, pk)
    form = RequestForm(request.POST)
    units = [m.organisation for m in actor.active_memberships if m.role == "unit"]
    if not units or not policies.sharing_request_create(actor):
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, _("Say what the data is for and on what basis."))
        return redirect("data-resource-detail", pk=pk)
    try:
        created = sharing.sharing_request_create(
            actor=actor,
            resource=resource,
            requester=units[0],
            purpose=form.cleaned_data["purpose"],
        )
    except Refused as exc:
        messages.error(request, exc.detail)
        return redirect("data-resource-detail", pk=pk)
    messages.success(request, _("The request was sent."))
    return redirect("sharing-request-detail", pk=created.pk)


@login_required
@permission("data_resources.catalogue_read")
def request_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not policies.catalogue_read(actor):
        raise PermissionDenied
    today = timezone.localdate()
    if request.GET.get("overdue"):
        requests = selectors.overdue_requests(actor=actor, today=today)
    else:
        requests = selectors.request_list(actor=actor, status=request.GET.get("status") or None)
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "data_resources/request_list.html",
        {"page": page, "today": today, "statuses": RequestStatus.choices},
    )


@login_required
@permission("data_resources.sharing_request_view")
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    found = _request(request, pk)
    return render(
        request,
        "data_resources/request_detail.html",
        {
            "req": found,
            "today": timezone.localdate(),
            "can_check": policies.sharing_request_check(actor, found)
            and found.status == RequestStatus.PENDING_CHECK,
            "can_answer": policies.sharing_request_answer(actor, found)
            and found.status == RequestStatus.FORWARDED,
            "can_arbitrate": policies.sharing_request_arbitrate(actor, found)
            and found.status == RequestStatus.REFUSED,
            "answer_form": AnswerForm(),
            "note_form": NoteForm(),
        },
    )


@login_required
@require_POST
@permission(
    "data_resources.sharing_request_check",
    "data_resources.sharing_request_answer",
    "data_resources.sharing_request_arbitrate",
)
def request_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = _actor(request)
    found = _request(request, pk)
    try:
        if action == "check":
            sharing.sharing_request_check(actor=actor, request=found)
        elif action in ("grant", "refuse"):
            sharing.sharing_request_answer(
                actor=actor,
                request=found,
                grant=action == "grant",
                reason=request.POST.get("reason", ""),
            )
        elif action in ("uphold", "overturn"):
            sharing.sharing_request_arbitrate(
                actor=actor,
                request=found,
                uphold=action == "uphold",
                note=request.POST.get("note", ""),
            )
        else:
            raise Http404
    except Refused as exc:
        messages.error(request, exc.detail)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Done."))
    return redirect("sharing-request-detail", pk=found.pk)


@login_required
@permission("data_resources.catalogue_read")
def resource_export(request: HttpRequest) -> HttpResponse:
    """The entries the actor may read, with the list's filters, as the import layout."""
    actor = _actor(request)
    if not policies.catalogue_read(actor):
        raise PermissionDenied
    filters = {k: request.GET.get(k, "") for k in ("status", "sharing_type", "grade", "q")}
    resources = selectors.resource_list(actor=actor, filters=filters).prefetch_related("items")
    response = HttpResponse(xlsx.resources_export(resources), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="data-resources.xlsx"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
@permission("data_resources.resource_create")
def resource_import(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not policies.resource_create(actor):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = xlsx.resources_import(actor=actor, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if result.ok:
                messages.success(
                    request,
                    _("Imported: %(created)d entries created, %(updated)d updated.")
                    % {"created": result.created, "updated": result.updated},
                )
                return redirect("data-resource-list")
    return render(
        request,
        "data_resources/resource_import.html",
        {"form": form, "result": result, "headers": [h for _n, h in xlsx.HEADERS]},
    )
