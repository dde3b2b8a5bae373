"""REST API of performance targets and evaluations: read a project's targets and
evaluations, set the targets, submit the self-evaluation, record a post-evaluation, draw key
projects, read a unit's or vendor's result. 404 for a project the caller may not see, 403
for a role that may not act, 409 for a refusal that cites its article, 422 for bad input."""

from __future__ import annotations

from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Path, Router, Status

from govit.core.api_types import DatabaseId
from govit.core.permissions import permission
from govit.core.selectors import work_calendar
from govit.evaluation import policies, results, sampling, schemas, selectors, services
from govit.evaluation.errors import NotPermitted, ProjectError
from govit.evaluation.models import Evaluation, SamplingDraw
from govit.evaluation.windows import self_evaluation_window
from govit.orgs.models import Organisation, User
from govit.policy import loader
from govit.projects.http import from_project_error, from_validation_error, not_found

router = Router(tags=["evaluation"])
YEAR = Annotated[int, Path(ge=2000, le=2100)]
ERRORS: dict[int, Any] = dict.fromkeys((403, 404, 409, 422), dict[str, Any])


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _evaluation_out(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "id": evaluation.pk,
        "kind": evaluation.kind,
        "subject": evaluation.subject,
        "subject_org_id": evaluation.subject_org_id,
        "year": evaluation.year,
        "conducted_on": evaluation.conducted_on,
        "evaluator": evaluation.evaluator,
        "total": evaluation.total,
        "grade": evaluation.grade,
        "article": evaluation.article,
        "quote": evaluation.quote,
        "results": list(evaluation.results.all()),
    }


@router.get(
    "/projects/{project_id}/evaluation",
    response={200: schemas.ProjectEvaluationOut, **ERRORS},
)
@permission("evaluation.evaluation_view")
def get_project_evaluation(request: HttpRequest, project_id: DatabaseId) -> Any:
    """The project's performance targets, its evaluations and its self-evaluation window."""
    project = selectors.evaluation_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    window = self_evaluation_window(project, work_calendar())
    return {
        "project_id": project.pk,
        "targets": list(project.performance_targets.all()),
        "evaluations": [_evaluation_out(e) for e in selectors.project_evaluations(project)],
        "window": window.__dict__,
    }


def _write(request: HttpRequest, project_id: int, call: Any) -> Any:
    project = selectors.evaluation_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    try:
        return Status(201, call(project))
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)


@router.put(
    "/projects/{project_id}/evaluation/targets",
    response={201: list[schemas.TargetOut], **ERRORS},
)
@permission("evaluation.targets_set")
def put_targets(request: HttpRequest, project_id: DatabaseId, payload: schemas.TargetsIn) -> Any:
    """Replace the performance targets (weights total 100)."""
    rows = [t.model_dump() for t in payload.targets]
    return _write(
        request,
        project_id,
        lambda project: services.targets_set(actor=_actor(request), project=project, rows=rows),
    )


@router.post(
    "/projects/{project_id}/evaluation/self",
    response={201: schemas.EvaluationOut, **ERRORS},
)
@permission("evaluation.self_evaluation_submit")
def post_self_evaluation(
    request: HttpRequest, project_id: DatabaseId, payload: schemas.SelfEvaluationIn
) -> Any:
    """The unit's self-evaluation, inside its rulebook's window; scored and graded."""
    return _write(
        request,
        project_id,
        lambda project: _evaluation_out(
            services.self_evaluation_submit(
                actor=_actor(request),
                project=project,
                conducted_on=payload.conducted_on,
                summary=payload.summary,
                results=[r.model_dump() for r in payload.results],
            )
        ),
    )


@router.post(
    "/projects/{project_id}/evaluation/post",
    response={201: schemas.EvaluationOut, **ERRORS},
)
@permission("evaluation.post_evaluation_record")
def post_post_evaluation(
    request: HttpRequest, project_id: DatabaseId, payload: schemas.PostEvaluationIn
) -> Any:
    """A third party's post-evaluation, or the evaluation of a drawn key project (Kaihua)."""
    draw = SamplingDraw.objects.filter(pk=payload.draw_id).first() if payload.draw_id else None
    return _write(
        request,
        project_id,
        lambda project: _evaluation_out(
            sampling.post_evaluation_record(
                actor=_actor(request),
                project=project,
                conducted_on=payload.conducted_on,
                evaluator=payload.evaluator,
                summary=payload.summary,
                results=[r.model_dump() for r in payload.results],
                draw=draw,
            )
        ),
    )


@router.post("/evaluation/draws", response={201: schemas.DrawOut, **ERRORS})
@permission("evaluation.sampling_draw")
def post_draw(request: HttpRequest, payload: schemas.DrawIn) -> Any:
    """Draw key projects of the active rulebook at random; the seed is recorded."""
    try:
        draw = sampling.sampling_draw(
            actor=_actor(request), rulebook=loader.active().id, **payload.model_dump()
        )
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)
    return Status(201, draw)


def _result(request: HttpRequest, organisation_id: int, year: int, vendor: bool) -> Any:
    if not policies.sampling_draw(_actor(request)):
        return from_project_error(NotPermitted(_("Only the evaluating departments read results.")))
    function = results.vendor_result if vendor else results.unit_result
    return function(organisation_id, year).__dict__


@router.get(
    "/evaluation/results/units/{unit_id}/{year}",
    response={200: schemas.ResultSummaryOut, **ERRORS},
)
@permission("evaluation.sampling_draw")
def get_unit_result(request: HttpRequest, unit_id: DatabaseId, year: YEAR) -> Any:
    """A unit's mean score and grade in a year (what the plan ranking and O&M funding read)."""
    return _result(request, unit_id, year, vendor=False)


@router.get(
    "/evaluation/results/vendors/{vendor_id}/{year}",
    response={200: schemas.ResultSummaryOut, **ERRORS},
)
@permission("evaluation.sampling_draw")
def get_vendor_result(request: HttpRequest, vendor_id: DatabaseId, year: YEAR) -> Any:
    """A vendor's mean comprehensive-assessment score and grade in a year (Bijie 第三十三条)."""
    return _result(request, vendor_id, year, vendor=True)


@router.post(
    "/projects/{project_id}/evaluation/ex-ante", response={201: schemas.EvaluationOut, **ERRORS}
)
@permission("evaluation.ex_ante_record")
def post_ex_ante(request: HttpRequest, project_id: DatabaseId, payload: schemas.ExAnteIn) -> Any:
    """Record the ex-ante performance assessment (Harbin 第三十条, Bijie 第三十二条)."""
    return _write(
        request,
        project_id,
        lambda project: _evaluation_out(
            services.ex_ante_record(actor=_actor(request), project=project, **payload.model_dump())
        ),
    )


@router.post(
    "/projects/{project_id}/evaluation/annual", response={201: schemas.EvaluationOut, **ERRORS}
)
@permission("evaluation.annual_report_record")
def post_annual(request: HttpRequest, project_id: DatabaseId, payload: schemas.AnnualIn) -> Any:
    """The year-end performance report of a year of construction (Wuhan 第二十条)."""
    return _write(
        request,
        project_id,
        lambda project: _evaluation_out(
            services.annual_report_record(
                actor=_actor(request), project=project, **payload.model_dump()
            )
        ),
    )


@router.post(
    "/projects/{project_id}/evaluation/comprehensive",
    response={201: list[schemas.EvaluationOut], **ERRORS},
)
@permission("evaluation.comprehensive_record")
def post_comprehensive(
    request: HttpRequest, project_id: DatabaseId, payload: schemas.ComprehensiveIn
) -> Any:
    """Bijie 第三十三条: the user unit, the vendor and the review agency assessed."""
    orgs = Organisation.objects.in_bulk([p.organisation_id for p in payload.parties])
    parties = [
        {"subject": p.subject, "organisation": orgs.get(p.organisation_id), "score": p.score}
        for p in payload.parties
    ]
    return _write(
        request,
        project_id,
        lambda project: [
            _evaluation_out(e)
            for e in sampling.comprehensive_record(
                actor=_actor(request),
                project=project,
                conducted_on=payload.conducted_on,
                evaluator=payload.evaluator,
                summary=payload.summary,
                parties=parties,
            )
        ],
    )
