"""Pages of the security registers: one system's registers with its duties, the forms that
add to them, the incidents and the competent department's list of overdue duties."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govit.core.permissions import permission
from govit.core.selectors import work_calendar
from govit.orgs.models import User
from govit.security import overdue, policies, selectors, services
from govit.security.forms import (
    AssessmentForm,
    ContractForm,
    DrillForm,
    FilingForm,
    GradingForm,
    IncidentForm,
)
from govit.security.models import Assessment
from govit.systems.models import System

FORMS: dict[str, type[forms.ModelForm]] = {  # type: ignore[type-arg]
    "grading": GradingForm,
    "assessment": AssessmentForm,
    "contract": ContractForm,
    "incident": IncidentForm,
    "drill": DrillForm,
}
SERVICES = {
    "grading": services.grading_record,
    "assessment": services.assessment_record,
    "contract": services.contract_record,
    "incident": services.incident_record,
    "drill": services.drill_record,
}


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _system(request: HttpRequest, pk: int) -> System:
    system = selectors.system_get(actor=_actor(request), pk=pk)
    if system is None:
        raise Http404
    return system


def _page(request: HttpRequest, system: System, bound: dict[str, forms.ModelForm]) -> HttpResponse:  # type: ignore[type-arg]
    actor = _actor(request)
    today = timezone.localdate()
    register = selectors.registers([system], today=today, calendar=work_calendar())[system.pk]
    context = {
        "system": system,
        "register": register,
        "drills": system.drills.all(),
        "today": today,
        "can_edit": policies.register_update(actor, system),
        "forms": {name: bound.get(name) or form() for name, form in FORMS.items()},
        "filing_form": FilingForm(),
    }
    return render(request, "security/system_registers.html", context)


@login_required
@permission("security.register_view")
def system_registers(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, _system(request, pk), {})


@login_required
@require_POST
@permission("security.register_update")
def register_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    actor = _actor(request)
    system = _system(request, pk)
    if kind not in FORMS:
        raise Http404
    if not policies.register_update(actor, system):
        raise PermissionDenied
    form = FORMS[kind](request.POST)
    if form.is_valid():
        try:
            SERVICES[kind](actor=actor, system=system, data=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Recorded."))
            return redirect("security-system", pk=system.pk)
    return _page(request, system, {kind: form})


@login_required
@require_POST
@permission("security.assessment_remediate")
def assessment_remediate(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    assessment = Assessment.objects.select_related("system").filter(pk=pk).first()
    if assessment is None or selectors.system_get(actor=actor, pk=assessment.system_id) is None:
        raise Http404
    if not policies.assessment_remediate(actor, assessment.system):
        raise PermissionDenied
    services.assessment_remediate(
        actor=actor, assessment=assessment, remediated_on=timezone.localdate()
    )
    messages.success(request, _("Recorded."))
    return redirect("security-system", pk=assessment.system_id)


@login_required
@require_POST
@permission("security.grading_record")
def grading_file(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    system = _system(request, pk)
    grading = system.gradings.order_by("-graded_on", "-id").first()
    if grading is None:
        raise Http404
    if not policies.grading_record(actor, system):
        raise PermissionDenied
    form = FilingForm(request.POST)
    if form.is_valid():
        try:
            services.grading_file(actor=actor, grading=grading, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Recorded."))
    else:
        messages.error(request, _("Give the filing number and date."))
    return redirect("security-system", pk=system.pk)


@login_required
@permission("security.overdue_list_read")
def overdue_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not policies.overdue_list_read(actor):
        raise PermissionDenied
    page, rows = overdue.overdue_paginated(
        actor=actor,
        today=timezone.localdate(),
        calendar=work_calendar(),
        number=request.GET.get("page"),
    )
    return render(request, "security/overdue.html", {"page": page, "rows": rows})


@login_required
@permission("security.registers_read")
def incident_list(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not policies.registers_read(actor):
        raise PermissionDenied
    incidents = selectors.incident_list(actor=actor)[:200]
    return render(request, "security/incidents.html", {"incidents": incidents})
