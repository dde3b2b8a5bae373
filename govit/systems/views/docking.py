"""Docking records on a system's page: record, confirm, end, and the evidence download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from govit.core.permissions import permission
from govit.documents.downloads import private_download
from govit.systems import docking, policies, selectors
from govit.systems.forms import DockingEndForm, DockingForm
from govit.systems.models import DockingRecord
from govit.systems.views.common import actor_of, visible_system


@login_required
@require_http_methods(["GET", "POST"])
@permission("systems.record_docking")
def docking_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The form of a docking record (also inline on the system's page)."""
    actor = actor_of(request)
    system = visible_system(request, pk)
    if not policies.docking_record(actor, system):
        raise PermissionDenied
    form = DockingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            docking.docking_record(actor=actor, system=system, **form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            messages.success(request, _("The docking record was saved; it counts once confirmed."))
            return redirect("system-detail", pk=system.pk)
    return render(request, "systems/docking_form.html", {"form": form, "system": system})


def _record(request: HttpRequest, pk: int) -> DockingRecord:
    record = selectors.docking_get(actor=actor_of(request), pk=pk)
    if record is None:
        raise Http404
    return record


@login_required
@require_POST
@permission("systems.confirm_docking")
def docking_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    record = _record(request, pk)
    if not policies.docking_confirmer(actor):
        raise PermissionDenied
    try:
        docking.docking_confirm(actor=actor, record=record)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The docking record was confirmed."))
    return redirect("system-detail", pk=record.system_id)


@login_required
@require_POST
@permission("systems.end_docking")
def docking_end(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    record = _record(request, pk)
    if not policies.docking_end(actor, record.system):
        raise PermissionDenied
    form = DockingEndForm(request.POST)
    if form.is_valid():
        try:
            docking.docking_end(actor=actor, record=record, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The end of the docking was recorded."))
    else:
        messages.error(request, _("Give the day the docking ended."))
    return redirect("system-detail", pk=record.system_id)


@login_required
@require_GET
@permission("systems.view_docking")
def docking_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file of a record, as a private download."""
    record = _record(request, pk)
    if not record.evidence:
        raise Http404
    return private_download(
        record.evidence,
        filename=record.evidence_name or "evidence",
        content_type=record.evidence_content_type or "application/octet-stream",
    )
