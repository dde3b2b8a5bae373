"""Pages of the review stages and the approval chain (ADR 0014): open a preliminary review,
commission an agency, record a decision consultation; a task's page with its actions; the
to-do list with delegations; a project's review history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from govit.core.permissions import SIGNED_IN, permission
from govit.projects.errors import ProjectError
from govit.projects.models import Project
from govit.projects.selectors import visible_projects
from govit.reviews import outside, policies, selectors, stages, tasks, workflow
from govit.reviews import workflow_forms as wf
from govit.reviews.choices import TaskStep
from govit.reviews.errors import NotAllowed
from govit.reviews.models import ReviewTask
from govit.reviews.views import _review, actor_of

REFUSALS = (NotAllowed, ValueError, ProjectError, ValidationError)

# The review history's wording of each audited action.
ACTION_LABELS = {
    "reviews.review_create": gettext_lazy("Review opened"),
    "reviews.review_draw": gettext_lazy("Experts drawn"),
    "reviews.review_close": gettext_lazy("Review closed"),
    "reviews.signoff_sign": gettext_lazy("Department signed"),
    "reviews.signoff_refuse": gettext_lazy("Department refused to sign"),
    "reviews.preliminary_open": gettext_lazy("Preliminary review opened"),
    "reviews.checklist_record": gettext_lazy("Checklist recorded"),
    "reviews.supplement_request": gettext_lazy("Returned for supplement"),
    "reviews.clock_restart": gettext_lazy("Resubmitted: review clock restarted"),
    "reviews.agency_commission": gettext_lazy("Third-party agency commissioned"),
    "reviews.agency_report_upload": gettext_lazy("Agency report uploaded"),
    "reviews.decision_record": gettext_lazy("Decision consultation recorded"),
    "reviews.task_approve": gettext_lazy("Approved"),
    "reviews.task_return": gettext_lazy("Returned to an earlier step"),
    "reviews.task_hand_over": gettext_lazy("Handed over"),
    "reviews.task_add_signer": gettext_lazy("Signer added"),
    "reviews.task_withdraw": gettext_lazy("Withdrawn"),
    "reviews.signoff_add": gettext_lazy("Department added to the sign-off"),
}


def _project(request: HttpRequest, pk: int) -> Project:
    project = visible_projects(actor_of(request)).filter(pk=pk).first()
    if project is None:
        raise Http404
    return project


def _refusal(error: Exception) -> str:
    return str(getattr(error, "detail", None) or getattr(error, "messages", [error])[0])


def _stage_form(request: HttpRequest, title: str, form: Any, project: Project) -> HttpResponse:
    context = {"form": form, "project": project, "title": title}
    return render(request, "reviews/stage_form.html", context)


@login_required
@permission("reviews.preliminary_open")
def preliminary_open(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = _project(request, project_pk)
    if not policies.preliminary_open(actor):
        raise PermissionDenied
    form = wf.PreliminaryOpenForm(request.POST or None, initial={"assignee": actor.pk})
    if request.method == "POST" and form.is_valid():
        try:
            review = workflow.preliminary_open(
                actor=actor,
                project=project,
                assignee=form.cleaned_data["assignee"],
                working_days=form.cleaned_data["working_days"],
            )
        except REFUSALS as error:
            form.add_error(None, _refusal(error))
        else:
            return redirect("review-detail", pk=review.pk)
    return _stage_form(request, _("Open the preliminary review"), form, project)


@login_required
@permission("reviews.agency_commission")
def agency_commission(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = _project(request, project_pk)
    if not policies.agency_commission(actor):
        raise PermissionDenied
    rules = stages.for_rulebook(project.rulebook)
    subjects = [
        (
            s.id,
            f"{s.label}"
            + (_(" (article %(n)s)") % {"n": s.article} if s.article else "")
            + (_(", %(d)s working days") % {"d": s.working_days} if s.working_days else ""),
        )
        for s in rules.subjects
    ]
    form = wf.AgencyForm(request.POST or None, subjects=subjects)
    if request.method == "POST" and form.is_valid():
        try:
            review = outside.agency_commission(
                actor=actor,
                project=project,
                subject=form.cleaned_data["subject"],
                assignee=form.cleaned_data["assignee"],
                due_on=form.cleaned_data["due_on"],
            )
        except REFUSALS as error:
            form.add_error("due_on" if "due" in str(error) else None, _refusal(error))
        else:
            return redirect("review-detail", pk=review.pk)
    return _stage_form(request, _("Commission a third-party agency"), form, project)


@login_required
@permission("reviews.decision_record")
def decision_record(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = _project(request, project_pk)
    if not policies.decision_record(actor):
        raise PermissionDenied
    form = wf.DecisionForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            review = outside.decision_record(actor=actor, project=project, **form.cleaned_data)
        except REFUSALS as error:
            form.add_error(None, _refusal(error))
        else:
            return redirect("review-detail", pk=review.pk)
    return _stage_form(request, _("Record a decision consultation"), form, project)


def _task(request: HttpRequest, pk: int) -> ReviewTask:
    task = selectors.task_get(actor=actor_of(request), pk=pk)
    if task is None:
        raise Http404
    return task


def _task_forms(request: HttpRequest, task: ReviewTask, posted: str) -> dict[str, Any]:
    actor = actor_of(request)
    data = request.POST if request.method == "POST" else None

    def bound(name: str) -> Any:
        return data if posted == name else None

    return {
        "checklist": wf.ChecklistForm(bound("checklist"), checklist=task.review.checklist),
        "supplement": wf.SupplementForm(bound("supplement")),
        "approve": wf.ApproveForm(bound("approve")),
        "return": wf.ReturnForm(bound("return")),
        "hand_over": wf.UserPickForm(
            bound("hand_over"), prefix="ho", users=wf.colleagues_of(task.assignee)
        ),
        "add_signer": wf.UserPickForm(
            bound("add_signer"), prefix="as", users=wf.users_with(*policies.SIGNER_ROLES)
        ),
        "report": wf.ReportForm(bound("report"), request.FILES if posted == "report" else None),
        "withdraw": wf.ReasonForm(bound("withdraw")),
        "actor": actor,
    }


def _run(actor: Any, task: ReviewTask, action: str, form: Any) -> None:
    data = form.cleaned_data
    if action == "checklist":
        workflow.checklist_record(actor=actor, task=task, items=form.items())
    elif action == "supplement":
        workflow.supplement_request(actor=actor, task=task, **data)
    elif action == "approve":
        tasks.task_approve(actor=actor, task=task, opinion=data["opinion"])
    elif action == "return":
        tasks.task_return(actor=actor, task=task, **data)
    elif action == "hand_over":
        tasks.task_hand_over(actor=actor, task=task, to=data["user"], note=data["note"])
    elif action == "add_signer":
        tasks.task_add_signer(actor=actor, task=task, signer=data["user"], note=data["note"])
    elif action == "report":
        outside.agency_report_upload(
            actor=actor, task=task, upload=data["report"], opinion=data["opinion"]
        )
    else:
        tasks.task_withdraw(actor=actor, task=task, reason=data["reason"])


@login_required
@permission("reviews.review_view", "reviews.task_act", "reviews.task_withdraw")
def task_detail(request: HttpRequest, task_pk: int) -> HttpResponse:
    actor = actor_of(request)
    task = _task(request, task_pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = _task_forms(request, task, action)
    may_act = bool(policies.task_act(actor, task))
    if request.method == "POST":
        if action not in forms or action == "actor":
            raise Http404
        allowed = policies.task_withdraw if action == "withdraw" else policies.task_act
        if not allowed(actor, task):
            raise PermissionDenied
        form = forms[action]
        if form.is_valid():
            try:
                _run(actor, task, action, form)
            except REFUSALS as error:
                form.add_error(None, _refusal(error))
            else:
                messages.success(request, _("Done."))
                return redirect("review-task", task_pk=task.pk)
    context = {
        "task": task,
        "review": task.review,
        "forms": forms,
        "may_act": may_act and task.is_open(),
        "may_withdraw": bool(policies.task_withdraw(actor, task)) and task.is_open(),
        "is_preliminary": task.step == TaskStep.PRELIMINARY,
        "is_agency": task.step == TaskStep.AGENCY,
        "today": timezone.localdate(),
    }
    return render(request, "reviews/task_detail.html", context, status=400 if action else 200)


@login_required
@permission(SIGNED_IN, "reviews.delegation_create")
def task_list(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    if not actor.is_active:
        raise PermissionDenied
    form = wf.DelegationForm(request.POST or None, user=actor)
    if request.method == "POST" and form.is_valid():
        try:
            tasks.delegation_create(actor=actor, **form.cleaned_data)
        except REFUSALS as error:
            form.add_error(None, _refusal(error))
        else:
            messages.success(request, _("The delegation is recorded."))
            return redirect("review-tasks")
    context = {
        "tasks": selectors.open_tasks(actor=actor)[:200],
        "sent": selectors.sent_tasks(actor=actor)[:200],
        "delegations": selectors.delegations_of(actor=actor),
        "form": form,
        "today": timezone.localdate(),
    }
    return render(request, "reviews/task_list.html", context)


@login_required
@require_POST
@permission("reviews.delegation_end")
def delegation_end(request: HttpRequest, delegation_pk: int) -> HttpResponse:
    actor = actor_of(request)
    delegation = selectors.delegation_get(actor=actor, pk=delegation_pk)
    if delegation is None:
        raise Http404
    tasks.delegation_end(actor=actor, delegation=delegation)
    messages.success(request, _("The delegation has ended."))
    return redirect("review-tasks")


@login_required
@require_POST
@permission("reviews.supplement_resubmit")
def supplement_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    review = _review(request, pk)
    if not policies.supplement_resubmit(actor, review):
        raise PermissionDenied
    try:
        workflow.supplement_resubmit(actor=actor, review=review, note=request.POST.get("note", ""))
        messages.success(request, _("Resubmitted: the review clock runs again."))
    except REFUSALS as error:
        messages.error(request, _refusal(error))
    return redirect("review-detail", pk=review.pk)


@login_required
@require_POST
@permission("reviews.signoff_refuse")
def signoff_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    review = _review(request, pk)
    if not policies.signoff_refuse(actor, review):
        raise PermissionDenied
    form = wf.RefuseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValueError(_("Say why your department refuses to sign."))
        outside.signoff_refuse(actor=actor, review=review, opinion=form.cleaned_data["opinion"])
        messages.success(request, _("Your department's refusal is recorded."))
    except REFUSALS as error:
        messages.error(request, _refusal(error))
    return redirect("review-detail", pk=review.pk)


@login_required
@require_POST
@permission("reviews.signoff_add")
def signoff_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor = actor_of(request)
    review = _review(request, pk)
    if not policies.signoff_add(actor):
        raise PermissionDenied
    try:
        outside.signoff_add(
            actor=actor,
            review=review,
            role=request.POST.get("role", ""),
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("The department is added to the sign-off."))
    except REFUSALS as error:
        messages.error(request, _refusal(error))
    return redirect("review-detail", pk=review.pk)


@login_required
@permission("projects.view_project")
def project_history(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = actor_of(request)
    project = _project(request, project_pk)
    events = [
        (event, ACTION_LABELS.get(event.action, event.action))
        for event in selectors.project_review_history(actor=actor, project=project)[:500]
    ]
    return render(request, "reviews/project_history.html", {"project": project, "events": events})
