"""REST API of projects: list, detail (with what the rules say), create, update, transition.

Errors are ``{detail, errors: [{field, message, article, quote}]}``: 404 for a project the
caller may not see, 403 for a role that may not act, 409 for a step refused or gone, 422 for
invalid input.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from govit.core import audit, pages
from govit.core.api_types import Cursor, DatabaseId, api_page
from govit.core.permissions import permission
from govit.core.selectors import work_calendar
from govit.orgs.models import Organisation, User
from govit.policy import loader
from govit.projects import schemas, selectors, services
from govit.projects.errors import ProjectError
from govit.projects.http import from_project_error, from_validation_error, not_found
from govit.projects.models import Project, StateChange
from govit.projects.snapshots import CONTRACT_COLUMNS, build_snapshot

router = Router(tags=["projects"])


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _summary(project: Project) -> dict[str, Any]:
    return {
        "id": project.pk,
        "code": project.code,
        "name": project.name,
        "rulebook": project.rulebook,
        "state": project.state,
        "unit_id": project.unit_id,
        "unit_name": project.unit.name,
        "plan_year": project.plan_year,
        "investment": project.investment,
        "updated_at": project.updated_at,
    }


def _change(change: StateChange) -> dict[str, Any]:
    return {
        "from_state": change.from_state,
        "to_state": change.to_state,
        "transition": change.transition,
        "label": change.label,
        "actor": change.actor.get_username() if change.actor else None,
        "at": change.at,
        "note": change.note,
        "acknowledged": change.acknowledged,
    }


def _detail(actor: User, project: Project) -> dict[str, Any]:
    rulebook = loader.get(project.rulebook)
    today = timezone.localdate()
    snapshot = build_snapshot(project, as_of=today)
    calendar = work_calendar()
    result = rulebook.evaluate(snapshot, calendar=calendar, as_of=today).as_dict()
    steps = services.check_steps(actor=actor, project=project, snapshot=snapshot, calendar=calendar)
    contract = getattr(project, "contract", None)
    return {
        **_summary(project),
        "facts": audit.to_json_value({n: getattr(project, n) for n in schemas.OUTPUT_FACTS}),
        "co_unit_ids": sorted(project.co_unit_ids),
        "budget_items": list(project.budget_items.all()),
        "contract": (
            audit.to_json_value({n: getattr(contract, n) for n in CONTRACT_COLUMNS})
            if contract
            else None
        ),
        "changes": [
            audit.to_json_value(model_to_dict(c, exclude=["id", "project"]))
            for c in project.changes.all()
        ],
        "systems": [
            audit.to_json_value(model_to_dict(s, exclude=["id", "project"]))
            for s in project.systems.all()
        ],
        "documents": [
            {
                "id": d.pk,
                "type": d.type,
                "title": d.title,
                "date": d.date,
                "versions": d.version_count,
            }
            for d in project.documents.all()
        ],
        "history": [_change(c) for c in project.history.all()],
        "findings": result["findings"],
        "decisions": result["decisions"],
        "obligations": result["obligations"],
        "steps": [
            {
                "name": s.transition.name,
                "label": s.transition.label,
                "to": s.transition.to,
                "permitted": s.permitted,
                "blocking": [f.as_dict() for f in s.blocking],
                "warnings": [f.as_dict() for f in s.warnings],
            }
            for s in steps
        ],
    }


@router.get("/projects", response=schemas.ProjectPage)
@permission("projects.view_project")
def list_projects(
    request: HttpRequest,
    state: str = "",
    unit_id: DatabaseId | None = None,
    plan_year: int | None = Query(None, ge=1900, le=2200),  # type: ignore[type-arg]
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    search: str = "",
    awaiting: bool = False,
    limit: int = Query(50, ge=1, le=200),  # type: ignore[type-arg]
    offset: int = Query(0, ge=0, le=2**31 - 1),  # type: ignore[type-arg]
    after: Cursor = "",
) -> dict[str, Any]:
    """Projects the caller may see, newest first (amounts in yuan); ``after`` (the ``next`` of
    the previous page) walks the list without offsets."""
    filters = selectors.ProjectFilter(
        state=state,
        unit_id=unit_id,
        plan_year=plan_year,
        amount_min=amount_min,
        amount_max=amount_max,
        search=search,
        awaiting=awaiting,
    )
    projects = selectors.project_list(actor=_actor(request), filters=filters)
    page = api_page(projects, limit=limit, offset=offset, after=after)
    return {
        "count": pages.count(projects),
        "items": [_summary(p) for p in page.rows],
        "next": page.next,
    }


@router.get("/projects/{project_id}", response={200: schemas.ProjectDetailOut, 404: dict[str, Any]})
@permission("projects.view_project")
def get_project(request: HttpRequest, project_id: DatabaseId) -> Any:
    """One project with its facts, documents, history, and what the rules say now."""
    actor = _actor(request)
    project = selectors.project_detail(actor=actor, pk=project_id)
    if project is None:
        return not_found()
    return _detail(actor, project)


def _units(ids: list[int]) -> list[Organisation]:
    units = list(Organisation.objects.filter(pk__in=ids))
    if len(units) != len(set(ids)):
        raise ValidationError({"co_unit_ids": _("Unknown organisation.")})
    return units


@router.post(
    "/projects",
    response={201: schemas.ProjectDetailOut, 403: dict[str, Any], 422: dict[str, Any]},
)
@permission("projects.create_project")
def create_project(request: HttpRequest, payload: schemas.ProjectIn) -> Any:
    """Create a draft project for one of the caller's units."""
    actor = _actor(request)
    data = payload.model_dump(exclude_unset=True)
    unit = Organisation.objects.filter(pk=data.pop("unit_id")).first()
    name = data.pop("name")
    lines = [services.BudgetLine(**item) for item in data.pop("budget_items", [])]
    try:
        with transaction.atomic():
            if unit is None:
                raise ValidationError({"unit_id": _("Unknown organisation.")})
            project = services.project_create(
                actor=actor,
                unit=unit,
                name=name,
                facts=_facts(data),
                budget_items=lines,
                co_units=_units(data.get("co_unit_ids", [])),
            )
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)
    detail = selectors.project_detail(actor=actor, pk=project.pk)
    assert detail is not None
    return Status(201, _detail(actor, detail))


def _facts(data: dict[str, Any]) -> dict[str, Any]:
    """The model facts of an input (its parts taken out)."""
    parts = {"co_unit_ids", "budget_items", "contract", "changes", "systems"}
    return {key: value for key, value in data.items() if key not in parts}


@router.patch(
    "/projects/{project_id}",
    response={
        200: schemas.ProjectDetailOut,
        403: dict[str, Any],
        404: dict[str, Any],
        422: dict[str, Any],
    },
)
@permission("projects.edit_project")
def update_project(
    request: HttpRequest, project_id: DatabaseId, payload: schemas.ProjectPatch
) -> Any:
    """Change a project's facts; a part given (budget, contract, changes, systems) replaces
    the stored one."""
    actor = _actor(request)
    project = selectors.project_for_action(actor=actor, pk=project_id)
    if project is None:
        return not_found()
    data = payload.model_dump(exclude_unset=True)
    lines = data.get("budget_items")
    try:
        with transaction.atomic():
            services.project_update(
                actor=actor,
                project=project,
                facts=_facts(data),
                budget_items=None if lines is None else [services.BudgetLine(**i) for i in lines],
                co_units=None if data.get("co_unit_ids") is None else _units(data["co_unit_ids"]),
                contract=data.get("contract"),
                changes=data.get("changes"),
                systems=data.get("systems"),
            )
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)
    detail = selectors.project_detail(actor=actor, pk=project.pk)
    assert detail is not None
    return _detail(actor, detail)


@router.post(
    "/projects/{project_id}/transitions",
    response={
        200: schemas.TransitionOut,
        403: dict[str, Any],
        404: dict[str, Any],
        409: dict[str, Any],
    },
)
@permission("projects.project_transition")
def transition_project(
    request: HttpRequest, project_id: DatabaseId, payload: schemas.TransitionIn
) -> Any:
    """Take a lifecycle step. 409 when the rules block it (the errors cite the articles), when
    warnings are not acknowledged, or when the step is not open from the current state."""
    actor = _actor(request)
    project = selectors.project_for_action(actor=actor, pk=project_id)
    if project is None:
        return not_found()
    try:
        change = services.project_transition(
            actor=actor,
            project=project,
            name=payload.name,
            acknowledge_warnings=payload.acknowledge_warnings,
            note=payload.note,
        )
    except ProjectError as exc:
        return from_project_error(exc)
    return {"state": change.to_state, "change": _change(change)}
