"""Decisions on the catalogue: zombie and shadow proposals, 四个一批 dispositions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govit.core.permissions import permission
from govit.systems import citations, detection, policies, selectors, services
from govit.systems.choices import ProposalKind, ProposalStatus
from govit.systems.forms import DecisionForm, DispositionForm, ProgressForm
from govit.systems.views.common import actor_of, visible_system


def _reader(request: HttpRequest) -> None:
    if not policies.catalogue_read(actor_of(request)):
        raise PermissionDenied


@login_required
@permission("systems.view_catalogue")
def proposal_list(request: HttpRequest) -> HttpResponse:
    _reader(request)
    actor = actor_of(request)
    status = request.GET.get("status", ProposalStatus.OPEN)
    kind = request.GET.get("kind") or None
    if status not in ProposalStatus.values:
        status = ProposalStatus.OPEN
    if kind not in (None, *ProposalKind.values):
        kind = None
    proposals = selectors.proposal_list(actor=actor, status=status, kind=kind)
    page = Paginator(proposals, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "status": status,
        "kind": kind or "",
        "statuses": ProposalStatus.choices,
        "kinds": ProposalKind.choices,
        "can_decide": policies.proposal_decide(actor),
        "form": DecisionForm(),
        "citation": citations.four_batches(),
    }
    return render(request, "systems/proposal_list.html", context)


@login_required
@require_POST
@permission("systems.decide_proposal")
def proposals_scan(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not policies.proposal_decide(actor):
        raise PermissionDenied
    zombies = detection.zombie_propose(actor=actor)
    shadows = detection.shadow_propose(actor=actor)
    messages.info(
        request,
        _("%(zombies)d zombie and %(shadows)d shadow proposals were added.")
        % {"zombies": len(zombies), "shadows": len(shadows)},
    )
    return redirect("system-proposals")


@login_required
@require_POST
@permission("systems.decide_proposal")
def proposal_decide(request: HttpRequest, pk: int, verdict: str) -> HttpResponse:
    actor = actor_of(request)
    proposal = selectors.proposal_list(actor=actor, status=None).filter(pk=pk).first()
    if proposal is None or verdict not in ("confirm", "dismiss"):
        raise Http404
    if not policies.proposal_decide(actor):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    service = services.proposal_confirm if verdict == "confirm" else services.proposal_dismiss
    try:
        service(actor=actor, proposal=proposal, note=note)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The proposal was decided."))
    return redirect("system-proposals")


@login_required
@permission("systems.view_catalogue")
def disposition_list(request: HttpRequest) -> HttpResponse:
    _reader(request)
    actor = actor_of(request)
    today = timezone.localdate()
    overdue = request.GET.get("overdue") == "1"
    dispositions = selectors.disposition_list(
        actor=actor, overdue_on=today if overdue else None, open_only=request.GET.get("open") == "1"
    )
    page = Paginator(dispositions, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "systems/disposition_list.html",
        {
            "page": page,
            "overdue": overdue,
            "today": today,
            "citation": citations.four_batches(),
        },
    )


@login_required
@require_POST
@permission("systems.decide_disposition")
def disposition_create(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    system = visible_system(request, pk)
    if not policies.disposition_decide(actor):
        raise PermissionDenied
    form = DispositionForm(request.POST)
    if form.is_valid():
        try:
            services.disposition_decide(actor=actor, system=system, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The disposition was decided."))
    else:
        messages.error(request, _("Check the disposition: %(errors)s") % {"errors": _errors(form)})
    return redirect("system-detail", pk=system.pk)


@login_required
@require_POST
@permission("systems.change_system")
def disposition_progress(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    disposition = selectors.disposition_list(actor=actor).filter(pk=pk).first()
    if disposition is None:
        raise Http404
    if not policies.system_update(actor, disposition.system):
        raise PermissionDenied
    form = ProgressForm(request.POST, instance=disposition)
    if form.is_valid():
        try:
            services.disposition_progress(actor=actor, disposition=disposition, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The progress was recorded."))
    else:
        messages.error(request, _("Check the progress: %(errors)s") % {"errors": _errors(form)})
    return redirect("system-detail", pk=disposition.system_id)


def _errors(form: DispositionForm | ProgressForm) -> str:
    return "；".join(
        f"{form.fields[name].label if name in form.fields else ''}{' '.join(str(e) for e in errs)}"
        for name, errs in form.errors.items()
    )
