"""REST API of planning cycles and applications. 404 for what the caller may not see, 403 for
an action their role may not take, 409 for a refusal (citing the article), 422 for bad input
(``{detail, errors: [{field, message}]}``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Router, Status
from ninja.files import UploadedFile

from govit.core.api_types import DatabaseId
from govit.core.permissions import permission
from govit.orgs.models import Organisation, User
from govit.planning import policies
from govit.planning import schemas_cycles as schemas
from govit.planning import selectors_cycles as selectors
from govit.planning import services_applications as app_services
from govit.planning import services_cycles as services
from govit.planning.errors_cycles import ProjectError
from govit.planning.models.cycles import Application, PlanningCycle
from govit.projects.http import error_response, from_project_error, from_validation_error, not_found
from govit.projects.selectors import visible_projects

router = Router(tags=["planning"])
ERRORS: dict[int, Any] = dict.fromkeys((403, 404, 409, 422), dict[str, Any])


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _cycle_out(cycle: PlanningCycle) -> dict[str, Any]:
    return {name: getattr(cycle, name) for name in schemas.CycleOut.model_fields}


def _application_out(application: Application) -> dict[str, Any]:
    project = application.project
    return {
        "id": application.pk,
        "cycle_id": application.cycle_id,
        "project_id": project.pk,
        "project_code": project.code,
        "project_name": project.name,
        "unit": project.unit.name,
        "co_units": sorted(unit.name for unit in project.co_units.all()),
        "form": application.form,
        "state": project.state,
        "chapters": application.chapters or {},
        "late": application.late,
        "submitted_at": application.submitted_at,
        "withdrawn_at": application.withdrawn_at,
    }


def _call(call: Callable[[], Any], status: int = 200) -> Any:
    try:
        return Status(status, call())
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)


def _forbidden() -> Any:
    return error_response(403, _("You may not do this."))


@router.get("/planning/cycles", response=list[schemas.CycleOut])
@permission("planning.cycle_list")
def list_cycles(request: HttpRequest) -> Any:
    """The cycles the caller may see (draft ones only for the competent department)."""
    return [_cycle_out(cycle) for cycle in selectors.visible_cycles(_actor(request))[:500]]


@router.post("/planning/cycles", response={201: schemas.CycleOut, **ERRORS})
@permission("planning.cycle_create")
def post_cycle(request: HttpRequest, payload: schemas.CycleIn) -> Any:
    """Create a plan year's cycle as a draft (the competent department)."""
    actor = _actor(request)
    if not policies.cycle_create(actor):
        return _forbidden()
    return _call(
        lambda: _cycle_out(services.cycle_create(actor=actor, **payload.model_dump())), 201
    )


@router.get("/planning/cycles/{cycle_id}", response={200: schemas.CycleDetailOut, **ERRORS})
@permission("planning.cycle_list")
def get_cycle(request: HttpRequest, cycle_id: DatabaseId) -> Any:
    """One cycle with the applications-against-budget-units usage the caller may see."""
    actor = _actor(request)
    cycle = selectors.cycle_for(actor, cycle_id)
    if cycle is None:
        return not_found()
    quota = [{**row.__dict__, "over": row.over} for row in selectors.quota_usage(actor, cycle)]
    return {**_cycle_out(cycle), "quota": quota}


@router.put("/planning/cycles/{cycle_id}", response={200: schemas.CycleOut, **ERRORS})
@permission("planning.cycle_update")
def put_cycle(request: HttpRequest, cycle_id: DatabaseId, payload: schemas.CycleUpdateIn) -> Any:
    """Change the title, dates or timetable (the fields given) until the plan is compiled."""
    actor = _actor(request)
    cycle = selectors.cycle_for(actor, cycle_id)
    if cycle is None:
        return not_found()
    if not policies.cycle_update(actor, cycle):
        return _forbidden()
    values = payload.model_dump(exclude_unset=True)
    return _call(lambda: _cycle_out(services.cycle_update(actor=actor, cycle=cycle, **values)))


@router.post("/planning/cycles/{cycle_id}/guide", response={200: schemas.CycleOut, **ERRORS})
@permission("planning.cycle_attach_guide")
def post_guide(request: HttpRequest, cycle_id: DatabaseId, file: File[UploadedFile]) -> Any:
    """Attach or replace the application guide (申报指南); checked like any document."""
    actor = _actor(request)
    cycle = selectors.cycle_for(actor, cycle_id)
    if cycle is None:
        return not_found()
    if not policies.cycle_attach_guide(actor, cycle):
        return _forbidden()
    return _call(
        lambda: _cycle_out(services.cycle_attach_guide(actor=actor, cycle=cycle, upload=file))
    )


@router.post("/planning/cycles/{cycle_id}/steps/{step}", response={200: schemas.CycleOut, **ERRORS})
@permission("planning.cycle_open")
def post_cycle_step(request: HttpRequest, cycle_id: DatabaseId, step: str) -> Any:
    """Open, close or mark compiled (the competent department)."""
    actor = _actor(request)
    cycle = selectors.cycle_for(actor, cycle_id)
    write = {
        "open": services.cycle_open,
        "close": services.cycle_close,
        "compile": services.cycle_compile,
    }.get(step)
    if cycle is None or write is None:
        return not_found()
    if not policies.cycle_open(actor, cycle):
        return _forbidden()
    return _call(lambda: _cycle_out(write(actor=actor, cycle=cycle)))


@router.get(
    "/planning/cycles/{cycle_id}/applications",
    response={200: list[schemas.ApplicationOut], **ERRORS},
)
@permission("planning.cycle_list")
def list_applications(request: HttpRequest, cycle_id: DatabaseId) -> Any:
    """The cycle's applications the caller may see (a unit: its own)."""
    actor = _actor(request)
    cycle = selectors.cycle_for(actor, cycle_id)
    if cycle is None:
        return not_found()
    rows = selectors.cycle_applications(actor, cycle).prefetch_related("project__co_units")
    return [_application_out(application) for application in rows[:500]]


@router.post(
    "/planning/cycles/{cycle_id}/applications",
    response={201: schemas.ApplicationOut, **ERRORS},
)
@permission("planning.application_create")
def post_application(
    request: HttpRequest, cycle_id: DatabaseId, payload: schemas.ApplicationIn
) -> Any:
    """Start an application with a draft project of the unit, or a new project."""
    actor = _actor(request)
    cycle = selectors.cycle_for(actor, cycle_id)
    if cycle is None:
        return not_found()
    project = None
    if payload.project_id is not None:
        project = visible_projects(actor).filter(pk=payload.project_id).first()
        if project is None:
            return from_validation_error(ValidationError({"project_id": _("Unknown project.")}))
    unit = None
    if payload.unit_id is not None:
        unit = Organisation.objects.filter(pk=payload.unit_id, is_active=True).first()
        if unit is None:
            return from_validation_error(ValidationError({"unit_id": _("Unknown unit.")}))
    co_units = list(Organisation.objects.filter(pk__in=payload.co_unit_ids, is_active=True))
    if len(co_units) != len(set(payload.co_unit_ids)):
        return from_validation_error(ValidationError({"co_unit_ids": _("Unknown unit.")}))
    if project is None and unit is None:
        return from_validation_error(
            ValidationError({"unit_id": _("Choose a draft project or the unit of a new one.")})
        )
    if not policies.application_create(actor, project or unit):
        return _forbidden()
    return _call(
        lambda: _application_out(
            app_services.application_create(
                actor=actor,
                cycle=cycle,
                form=payload.form,
                project=project,
                unit=unit,
                name=payload.name,
                co_units=co_units,
            )
        ),
        201,
    )


def _application(request: HttpRequest, application_id: int) -> Application | None:
    return selectors.application_for(_actor(request), application_id)


@router.get(
    "/planning/applications/{application_id}", response={200: schemas.ApplicationOut, **ERRORS}
)
@permission("projects.view_project")
def get_application(request: HttpRequest, application_id: DatabaseId) -> Any:
    application = _application(request, application_id)
    if application is None:
        return not_found()
    return _application_out(application)


@router.put(
    "/planning/applications/{application_id}", response={200: schemas.ApplicationOut, **ERRORS}
)
@permission("planning.application_save")
def put_application(
    request: HttpRequest, application_id: DatabaseId, payload: schemas.ChaptersIn
) -> Any:
    """Save the draft's chapters (and, optionally, change its form)."""
    actor = _actor(request)
    application = _application(request, application_id)
    if application is None:
        return not_found()
    if not policies.application_save(actor, application):
        return _forbidden()
    return _call(
        lambda: _application_out(
            app_services.application_save(
                actor=actor, application=application, chapters=payload.chapters, form=payload.form
            )
        )
    )


@router.get(
    "/planning/applications/{application_id}/assessment",
    response={200: schemas.AssessmentOut, **ERRORS},
)
@permission("projects.view_project")
def get_assessment(request: HttpRequest, application_id: DatabaseId) -> Any:
    """What stands between the application and its submission, each with its article."""
    actor = _actor(request)
    application = _application(request, application_id)
    if application is None:
        return not_found()
    assessment = app_services.application_assess(actor=actor, application=application)
    return {
        "step": assessment.step.name if assessment.step else None,
        "ready": assessment.ready,
        "checks": [check.as_dict() for check in assessment.checks],
    }


@router.post(
    "/planning/applications/{application_id}/submit",
    response={200: schemas.ApplicationOut, **ERRORS},
)
@permission("planning.application_submit")
def post_submit(request: HttpRequest, application_id: DatabaseId, payload: schemas.SubmitIn) -> Any:
    """Submit through the project's lifecycle; 409 with the blocking findings or warnings."""
    actor = _actor(request)
    application = _application(request, application_id)
    if application is None:
        return not_found()
    if not policies.application_submit(actor, application):
        return _forbidden()
    return _call(
        lambda: _application_out(
            app_services.application_submit(
                actor=actor,
                application=application,
                acknowledge_warnings=payload.acknowledge_warnings,
            )
        )
    )


@router.post(
    "/planning/applications/{application_id}/withdraw",
    response={200: schemas.ApplicationOut, **ERRORS},
)
@permission("planning.application_withdraw")
def post_withdraw(
    request: HttpRequest, application_id: DatabaseId, payload: schemas.WithdrawIn
) -> Any:
    """Withdraw (撤回) a submitted application before the review starts."""
    actor = _actor(request)
    application = _application(request, application_id)
    if application is None:
        return not_found()
    if not policies.application_withdraw(actor, application):
        return _forbidden()
    return _call(
        lambda: _application_out(
            app_services.application_withdraw(
                actor=actor, application=application, reason=payload.reason
            )
        )
    )
