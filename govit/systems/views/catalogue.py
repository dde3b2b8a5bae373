"""The catalogue: list, export, detail, create, edit and import."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from govit.core.pages import CountedPaginator, kept_filters
from govit.core.permissions import permission
from govit.documents.validation import XLSX
from govit.orgs.models import User
from govit.policy import loader
from govit.systems import (
    citations,
    docking,
    facts,
    funding,
    policies,
    selectors,
    services,
    xlsx,
    xlsx_docking,
)
from govit.systems.choices import DOCKING_FACTS, DockingPlatform
from govit.systems.forms import (
    DecisionForm,
    DispositionForm,
    FilterForm,
    ImportForm,
    ProgressForm,
    SystemForm,
)
from govit.systems.models import System
from govit.systems.views.common import actor_of, visible_system

PAGE_SIZE = 50


def _filtered(request: HttpRequest) -> tuple[FilterForm, dict[str, object]]:
    actor = actor_of(request)
    form = FilterForm(request.GET or None, units=selectors.unit_choices(actor=actor))
    return form, form.filters()


@login_required
@permission("systems.view_catalogue")
def system_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not policies.catalogue_read(actor):
        raise PermissionDenied
    form, filters = _filtered(request)
    systems = selectors.system_list(actor=actor, filters=filters)
    page = CountedPaginator(systems, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "query": kept_filters(request),
        "can_create": policies.system_create(actor),
        "can_decide": policies.proposal_decide(actor),
    }
    template = "systems/partials/system_table.html" if request.htmx else "systems/system_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
@permission("systems.view_catalogue")
def system_export(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not policies.catalogue_read(actor):
        raise PermissionDenied
    _form, filters = _filtered(request)
    systems = selectors.system_list(actor=actor, filters=filters)
    response = HttpResponse(
        xlsx.systems_export(
            systems.iterator(chunk_size=1000),
            selectors.docking_for(systems).iterator(chunk_size=1000),
        ),
        content_type=XLSX,
    )
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="systems-{stamp}.xlsx"'
    return response


@login_required
@permission("systems.view_system")
def system_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    system = visible_system(request, pk)
    rulebook = loader.active()
    # Show the facts the registers decide (the nightly tick stores them too).
    decided = facts.derived([system], timezone.localdate()).get(system.pk, {})
    for name, value in decided.items():
        setattr(system, name, value)
    context = {
        "system": system,
        "usage": selectors.system_usage(system=system),
        "proposals": system.proposals.select_related("similar_to", "decided_by").order_by(
            "-proposed_at"
        ),
        "dispositions": system.dispositions.select_related("decided_by"),
        "funding": funding.om_funding_evaluate(system, rulebook=rulebook, derived=decided),
        "rulebook": rulebook,
        "today": timezone.localdate(),
        "can_edit": policies.system_update(actor, system),
        "can_decide": policies.disposition_decide(actor),
        "disposition_form": DispositionForm(),
        "progress_form": ProgressForm(),
        "decision_form": DecisionForm(),
        "citation": citations.four_batches(),
    }
    linked = list(system.projects.order_by("code"))
    known = {project.code for project in linked}
    context.update(_docking_context(actor, system))
    context["linked_projects"] = linked
    context["unlinked_codes"] = [c for c in system.project_code_list if c.upper() not in known]
    return render(request, "systems/system_detail.html", context)


def _docking_context(actor: User, system: System) -> dict[str, object]:
    """The docking section: the records, where each docked fact comes from, the actions."""
    records = list(selectors.docking_records(system=system))
    confirmed = {record.platform for record in records if record.is_confirmed}
    fallback = "required" if docking.requires_record() else "declared"
    sources = [
        {
            "label": label,
            "value": getattr(system, DOCKING_FACTS[platform]),
            "source": "records" if platform in confirmed else fallback,
        }
        for platform, label in DockingPlatform.choices
    ]
    return {
        "docking_records": records,
        "docking_sources": sources,
        "can_record_docking": policies.docking_record(actor, system),
        "can_confirm_docking": policies.docking_confirmer(actor),
        "can_end_docking": policies.docking_end(actor, system),
    }


@login_required
@require_http_methods(["GET", "POST"])
@permission("systems.add_system")
def system_create(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not policies.system_create(actor):
        raise PermissionDenied
    form = SystemForm(request.POST or None, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            system = services.system_create(actor=actor, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The system was registered."))
            return redirect("system-detail", pk=system.pk)
    return render(request, "systems/system_form.html", {"form": form, "system": None})


@login_required
@require_http_methods(["GET", "POST"])
@permission("systems.change_system")
def system_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    system = visible_system(request, pk)
    if not policies.system_update(actor, system):
        raise PermissionDenied
    form = SystemForm(request.POST or None, instance=system, actor=actor)
    if request.method == "POST" and form.is_valid():
        try:
            services.system_update(actor=actor, system=system, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The system was saved."))
            return redirect("system-detail", pk=system.pk)
    return render(request, "systems/system_form.html", {"form": form, "system": system})


@login_required
@require_http_methods(["GET", "POST"])
@permission("systems.add_system")
def system_import(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not policies.system_create(actor):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = xlsx.systems_import(actor=actor, upload=form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            if result.ok:
                messages.success(
                    request,
                    _(
                        "Imported: %(created)d systems created, %(updated)d updated, %(usage)d "
                        "months of usage, %(docking)d docking records."
                    )
                    % {
                        "created": result.created,
                        "updated": result.updated,
                        "usage": result.usage,
                        "docking": result.docking,
                    },
                )
                return redirect("system-list")
    return render(
        request,
        "systems/system_import.html",
        {
            "form": form,
            "result": result,
            "headers": xlsx.HEADERS,
            "usage_headers": xlsx.USAGE_HEADERS,
            "docking_headers": xlsx_docking.DOCKING_HEADERS,
        },
    )


@login_required
@permission("systems.add_system")
def import_template(request: HttpRequest) -> HttpResponse:
    """An empty census form with the headers, to fill in."""
    if not policies.system_create(actor_of(request)):
        raise PermissionDenied
    response = HttpResponse(
        xlsx.systems_export([]),
        content_type=XLSX,
    )
    response["Content-Disposition"] = 'attachment; filename="systems-template.xlsx"'
    return response
