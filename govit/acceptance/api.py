"""REST API of initial acceptance, trial run, prerequisites, the acceptance meeting,
rectification, filing and the finance notice. 404 for a project the caller may not see, 403
for a role that may not act, 409 for a step the rules or the records refuse (with the
article), 422 for invalid input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from govit.acceptance import meetings, schemas, selectors, services
from govit.acceptance.errors import ProjectError
from govit.acceptance.models import Filing, Meeting
from govit.acceptance.participants import ParticipantLine
from govit.core.api_types import DatabaseId
from govit.core.permissions import permission
from govit.documents.models import Document
from govit.orgs.models import User
from govit.projects.http import from_project_error, from_validation_error, not_found
from govit.projects.models import Project, StateChange

router = Router(tags=["acceptance"])
ERRORS: dict[int, Any] = dict.fromkeys((403, 404, 409, 422), dict[str, Any])


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _document(project: Project, pk: int | None, field: str) -> Document | None:
    if pk is None:
        return None
    document = Document.objects.filter(pk=pk, project=project).first()
    if document is None:
        raise ValidationError({field: _("Unknown document of this project.")})
    return document


def _meeting_out(meeting: Meeting) -> dict[str, Any]:
    return {
        **{
            name: getattr(meeting, name)
            for name in schemas.MeetingOut.model_fields
            if name != "participants"
        },
        "participants": list(meeting.participants.all()),
    }


def _filing_out(filing: Filing | None) -> dict[str, Any] | None:
    if filing is None:
        return None
    return {name: getattr(filing, name) for name in schemas.FilingOut.model_fields}


def _step_out(change: StateChange) -> dict[str, Any]:
    return {"state": change.to_state, "transition": change.transition}


def _write(
    request: HttpRequest, project_id: int, call: Callable[[Project], Any], status: int = 201
) -> Any:
    project = selectors.acceptance_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    try:
        return Status(status, call(project))
    except ProjectError as exc:
        return from_project_error(exc)
    except ValidationError as exc:
        return from_validation_error(exc)


@router.get("/projects/{project_id}/acceptance", response={200: schemas.DossierOut, **ERRORS})
@permission("acceptance.acceptance_view")
def get_acceptance(request: HttpRequest, project_id: DatabaseId) -> Any:
    """The project's checklist with articles, deadlines, meetings, filing and assets."""
    project = selectors.acceptance_project(actor=_actor(request), pk=project_id)
    if project is None:
        return not_found()
    dossier = selectors.dossier_of(project)
    return {
        "project_id": project.pk,
        "state": project.state,
        "rulebook": project.rulebook,
        "checklist": [
            {
                "key": s.item.key,
                "label": s.item.label,
                "document_type": s.item.spec.document,
                "fact": s.item.spec.fact,
                "confirmed_by": s.item.spec.by,
                "needed_before": s.item.before,
                "article": s.item.spec.article,
                "quote": s.item.spec.quote,
                "applies": s.applies,
                "done": s.done,
                "document_ids": [d.pk for d in s.documents],
            }
            for s in dossier.items
        ],
        "deadlines": dossier.deadlines,
        "meetings": [_meeting_out(m) for m in dossier.meetings],
        "filing": _filing_out(dossier.filing),
        "assets": dossier.assets,
    }


@router.put(
    "/projects/{project_id}/acceptance/evidence/{item}",
    response={201: schemas.EvidenceOut, **ERRORS},
)
@permission("acceptance.evidence_record")
def put_evidence(
    request: HttpRequest, project_id: DatabaseId, item: str, payload: schemas.EvidenceIn
) -> Any:
    """Record the evidence of a prerequisite (its document); the project fact becomes true."""

    def call(project: Project) -> Any:
        evidence = services.evidence_record(
            actor=_actor(request),
            project=project,
            item=item,
            document=_document(project, payload.document_id, "document_id"),
            note=payload.note,
        )
        return {"item": evidence.item, "document_id": evidence.document_id, "note": evidence.note}

    return _write(request, project_id, call)


@router.delete("/projects/{project_id}/acceptance/evidence/{item}", response={204: None, **ERRORS})
@permission(
    "acceptance.acceptance_view", "acceptance.evidence_record", "acceptance.evidence_confirm"
)
def delete_evidence(request: HttpRequest, project_id: DatabaseId, item: str) -> Any:
    """Withdraw the evidence of a prerequisite."""
    return _write(
        request,
        project_id,
        lambda project: services.evidence_withdraw(
            actor=_actor(request), project=project, item=item
        ),
        status=204,
    )


def _lines(payload: list[schemas.ParticipantIn]) -> list[ParticipantLine]:
    return [ParticipantLine(**p.model_dump()) for p in payload]


@router.post(
    "/projects/{project_id}/acceptance/initial", response={201: schemas.MeetingOut, **ERRORS}
)
@permission("acceptance.initial_acceptance_record")
def post_initial(request: HttpRequest, project_id: DatabaseId, payload: schemas.InitialIn) -> Any:
    """Record the unit's initial acceptance and take the step into it."""

    def call(project: Project) -> Any:
        meeting = services.initial_acceptance_record(
            actor=_actor(request),
            project=project,
            held_on=payload.held_on,
            participants=_lines(payload.participants),
            report=_document(project, payload.report_id, "report_id"),
            opinion=payload.opinion,
            acknowledge_warnings=payload.acknowledge_warnings,
        )
        return _meeting_out(meeting)

    return _write(request, project_id, call)


@router.post(
    "/projects/{project_id}/acceptance/trial-run", response={201: schemas.StepOut, **ERRORS}
)
@permission("acceptance.trial_run_start")
def post_trial_run(request: HttpRequest, project_id: DatabaseId, payload: schemas.StepIn) -> Any:
    """Start the trial run."""
    return _write(
        request,
        project_id,
        lambda project: _step_out(
            services.trial_run_start(
                actor=_actor(request),
                project=project,
                acknowledge_warnings=payload.acknowledge_warnings,
            )
        ),
    )


@router.post(
    "/projects/{project_id}/acceptance/application", response={201: schemas.StepOut, **ERRORS}
)
@permission("acceptance.acceptance_apply")
def post_application(request: HttpRequest, project_id: DatabaseId, payload: schemas.StepIn) -> Any:
    """Apply for acceptance (409 with the articles while evidence is missing)."""
    return _write(
        request,
        project_id,
        lambda project: _step_out(
            services.acceptance_apply(
                actor=_actor(request),
                project=project,
                acknowledge_warnings=payload.acknowledge_warnings,
            )
        ),
    )


@router.post(
    "/projects/{project_id}/acceptance/meetings", response={201: schemas.MeetingOut, **ERRORS}
)
@permission("acceptance.meeting_record")
def post_meeting(request: HttpRequest, project_id: DatabaseId, payload: schemas.MeetingIn) -> Any:
    """Record the acceptance meeting (the competent department)."""

    def call(project: Project) -> Any:
        meeting = meetings.meeting_record(
            actor=_actor(request),
            project=project,
            held_on=payload.held_on,
            result=payload.result,
            participants=_lines(payload.participants),
            report=_document(project, payload.report_id, "report_id"),
            opinion=payload.opinion,
            rectification_days=payload.rectification_days,
        )
        return _meeting_out(meeting)

    return _write(request, project_id, call)


@router.post(
    "/projects/{project_id}/acceptance/conclusion", response={201: schemas.StepOut, **ERRORS}
)
@permission("acceptance.acceptance_conclude")
def post_conclusion(request: HttpRequest, project_id: DatabaseId, payload: schemas.StepIn) -> Any:
    """Take the step the meeting's result calls for (rectification or operation)."""
    return _write(
        request,
        project_id,
        lambda project: _step_out(
            meetings.acceptance_conclude(
                actor=_actor(request),
                project=project,
                acknowledge_warnings=payload.acknowledge_warnings,
            )
        ),
    )


@router.post(
    "/projects/{project_id}/acceptance/filing", response={201: schemas.FilingOut, **ERRORS}
)
@permission("acceptance.filing_record")
def post_filing(request: HttpRequest, project_id: DatabaseId, payload: schemas.FilingIn) -> Any:
    """Record the filing of the acceptance report (the competent department)."""
    return _write(
        request,
        project_id,
        lambda project: _filing_out(
            meetings.filing_record(
                actor=_actor(request),
                project=project,
                filed_on=payload.filed_on,
                report=_document(project, payload.report_id, "report_id"),
            )
        ),
    )


@router.post(
    "/projects/{project_id}/acceptance/finance-notice",
    response={201: schemas.FilingOut, **ERRORS},
)
@permission("acceptance.finance_notice_send")
def post_notice(request: HttpRequest, project_id: DatabaseId, payload: schemas.NoticeIn) -> Any:
    """Record the written notice to finance (the competent department)."""
    return _write(
        request,
        project_id,
        lambda project: _filing_out(
            meetings.finance_notice_send(
                actor=_actor(request), project=project, sent_on=payload.sent_on
            )
        ),
    )


@router.post(
    "/projects/{project_id}/acceptance/finance-notice/receipt",
    response={201: schemas.FilingOut, **ERRORS},
)
@permission("acceptance.finance_notice_receive")
def post_receipt(request: HttpRequest, project_id: DatabaseId, payload: schemas.ReceiptIn) -> Any:
    """Acknowledge the notice (finance)."""
    return _write(
        request,
        project_id,
        lambda project: _filing_out(
            meetings.finance_notice_receive(
                actor=_actor(request), project=project, received_on=payload.received_on
            )
        ),
    )


@router.post("/projects/{project_id}/acceptance/assets", response={201: schemas.AssetOut, **ERRORS})
@permission("acceptance.asset_book")
def post_asset(request: HttpRequest, project_id: DatabaseId, payload: schemas.AssetIn) -> Any:
    """Book an asset of the accepted project (the project unit)."""
    return _write(
        request,
        project_id,
        lambda project: meetings.asset_book(
            actor=_actor(request), project=project, **payload.model_dump()
        ),
    )


@router.get("/acceptance/overdue", response={200: list[schemas.OverdueOut], **ERRORS})
@permission("projects.view_project")
def list_overdue(request: HttpRequest) -> Any:
    """Open overdue acceptance duties of the projects the caller may see."""
    return [
        {
            "project_id": row.project_id,
            "project_code": row.project.code,
            "kind": row.kind,
            "due": row.due,
            "article": row.article,
            "provisional": row.provisional,
            "found_on": row.found_on,
        }
        for row in selectors.overdue_duties(actor=_actor(request))[:500]
    ]
