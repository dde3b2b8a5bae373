"""Evaluation pages. Thin: they parse, call a selector or a service, and render. A project
the actor may not see answers 404; a form the actor may not use answers 403."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from govit.core.permissions import permission
from govit.core.selectors import work_calendar
from govit.evaluation import (
    exports,
    forms,
    policies,
    results,
    sampling,
    scoring,
    selectors,
    services,
)
from govit.evaluation.errors import ProjectError
from govit.evaluation.funding import funding_block
from govit.evaluation.models import Evaluation
from govit.evaluation.windows import self_evaluation_window
from govit.orgs.models import User
from govit.projects.models import Project

PAGE_SIZE = 100


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _project(request: HttpRequest, project_pk: int) -> Project:
    project = selectors.evaluation_project(actor=_actor(request), pk=project_pk)
    if project is None:
        raise Http404
    return project


def _evaluation(request: HttpRequest, pk: int) -> Evaluation:
    evaluation = selectors.evaluation_of(actor=_actor(request), pk=pk)
    if evaluation is None:
        raise Http404
    return evaluation


@login_required
@require_GET
@permission("projects.view_project", "evaluation.sampling_draw")
def evaluation_index(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    return render(
        request,
        "evaluation/index.html",
        {
            "evaluations": selectors.visible_evaluations(actor)[:PAGE_SIZE],
            "draws": selectors.draws(actor)[:20],
            "can_draw": policies.sampling_draw(actor),
            "draw_form": forms.DrawForm(initial={"year": timezone.localdate().year, "size": 2}),
            "uses": results.USES,
            "bands": scoring.bands(),
        },
    )


@login_required
@require_GET
@permission("evaluation.evaluation_view")
def evaluation_project(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    targets = list(project.performance_targets.all())
    return render(
        request,
        "evaluation/project.html",
        {
            "project": project,
            "targets": targets,
            "weight_total": sum(t.weight for t in targets),
            "evaluations": selectors.project_evaluations(project),
            "window": self_evaluation_window(project, work_calendar()),
            "can_set_targets": policies.targets_set(actor, project),
            "can_self": policies.self_evaluation_submit(actor, project),
            "can_ex_ante": policies.ex_ante_record(actor, project),
            "can_annual": policies.annual_report_record(actor, project),
            "can_post": policies.post_evaluation_record(actor, project)
            and project.rulebook in services.POST,
            "can_comprehensive": policies.comprehensive_record(actor, project)
            and project.rulebook == "bijie",
            "uses": [u for u in results.USES if u.rulebook == project.rulebook],
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
    template: str = "evaluation/form.html",
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
                form.add_error(None, f"{problem.article} {problem.message} {problem.quote}".strip())
        else:
            messages.success(request, done)
            return redirect("evaluation-project", project_pk=project.pk)
    return render(request, template, {"project": project, "form": form, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
@permission("evaluation.targets_set")
def targets_edit(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.TargetsForm(request.POST or None, targets=list(project.performance_targets.all()))
    return _form_page(
        request,
        project,
        title=_("Performance targets"),
        form=form,
        allowed=policies.targets_set(actor, project),
        write=lambda _data: services.targets_set(
            actor=actor, project=project, rows=form.cleaned_rows()
        ),
        done=_("The performance targets were saved."),
        template="evaluation/targets.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("evaluation.self_evaluation_submit")
def self_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.ScoreForm(
        request.POST or None,
        targets=list(project.performance_targets.all()),
        initial={"conducted_on": timezone.localdate()},
    )
    return _form_page(
        request,
        project,
        title=_("Self-evaluation"),
        form=form,
        allowed=policies.self_evaluation_submit(actor, project),
        write=lambda data: services.self_evaluation_submit(
            actor=actor,
            project=project,
            conducted_on=data["conducted_on"],
            summary=data["summary"],
            results=form.results(),
        ),
        done=_("The self-evaluation was scored and graded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("evaluation.post_evaluation_record")
def post_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    draws = None
    if project.rulebook == "kaihua":
        draws = [d for d in selectors.draws(actor) if project.pk in d.chosen]
    form = forms.ScoreForm(
        request.POST or None,
        targets=list(project.performance_targets.all()),
        evaluator=True,
        draws=draws,
        initial={"conducted_on": timezone.localdate()},
    )
    return _form_page(
        request,
        project,
        title=_("Post-evaluation"),
        form=form,
        allowed=policies.post_evaluation_record(actor, project),
        write=lambda data: sampling.post_evaluation_record(
            actor=actor,
            project=project,
            conducted_on=data["conducted_on"],
            evaluator=data["evaluator"],
            summary=data["summary"],
            results=form.results(),
            draw=data.get("draw"),
        ),
        done=_("The evaluation was scored and graded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("evaluation.ex_ante_record")
def ex_ante_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    return _form_page(
        request,
        project,
        title=_("Ex-ante assessment"),
        form=forms.ExAnteForm(request.POST or None),
        allowed=policies.ex_ante_record(actor, project),
        write=lambda data: services.ex_ante_record(actor=actor, project=project, **data),
        done=_("The ex-ante assessment was recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("evaluation.annual_report_record")
def annual_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    today = timezone.localdate()
    return _form_page(
        request,
        project,
        title=_("Year-end report"),
        form=forms.AnnualForm(
            request.POST or None, initial={"year": today.year, "conducted_on": today}
        ),
        allowed=policies.annual_report_record(actor, project),
        write=lambda data: services.annual_report_record(actor=actor, project=project, **data),
        done=_("The year-end report was recorded."),
    )


@login_required
@require_http_methods(["GET", "POST"])
@permission("evaluation.comprehensive_record")
def comprehensive_new(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = _actor(request)
    project = _project(request, project_pk)
    form = forms.ComprehensiveForm(request.POST or None)
    return _form_page(
        request,
        project,
        title=_("Comprehensive assessment"),
        form=form,
        allowed=policies.comprehensive_record(actor, project),
        write=lambda data: sampling.comprehensive_record(
            actor=actor,
            project=project,
            conducted_on=data["conducted_on"],
            evaluator=data["evaluator"],
            summary=data["summary"],
            parties=form.parties(),
        ),
        done=_("The comprehensive assessment was recorded."),
    )


@login_required
@require_http_methods(["POST"])
@permission("evaluation.sampling_draw")
def draw_new(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if not policies.sampling_draw(actor):
        raise PermissionDenied
    form = forms.DrawForm(request.POST)
    if form.is_valid():
        try:
            draw = sampling.sampling_draw(actor=actor, rulebook=_rulebook(), **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
        else:
            messages.success(
                request,
                _("Drawn with seed %(seed)s: %(n)s projects.")
                % {"seed": draw.seed, "n": len(draw.chosen)},
            )
    else:
        messages.error(request, _("Check the draw's year and number."))
    return redirect("evaluation-index")


def _rulebook() -> str:
    from govit.policy import loader

    return loader.active().id


@login_required
@require_GET
@permission("projects.view_project")
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    evaluation = _evaluation(request, pk)
    return render(
        request,
        "evaluation/detail.html",
        {
            "evaluation": evaluation,
            "project": evaluation.project,
            "rows": evaluation.results.select_related("target"),
            "funding": funding_block(evaluation),
        },
    )


@login_required
@require_GET
@permission("projects.view_project")
def evaluation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    evaluation = _evaluation(request, pk)
    if fmt == "xlsx":
        return exports.xlsx_response(evaluation)
    if fmt == "docx":
        return exports.docx_response(evaluation)
    raise Http404
