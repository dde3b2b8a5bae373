"""REST API of the policy engine: check a snapshot, publish the snapshot schema."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from ninja import Router

from govit.core.permissions import PUBLIC, SIGNED_IN, permission
from govit.core.selectors import work_calendar
from govit.policy import checking, loader
from govit.policy.engine.snapshot import Snapshot

router = Router(tags=["policy"])


@router.post("/check", response={200: dict[str, Any], 422: dict[str, Any]})
@permission(SIGNED_IN)
def check(request: HttpRequest, rulebook: str | None = None) -> HttpResponse:
    """Check a project snapshot (the request body) against a rulebook.

    Answers ``{rulebook, findings[], obligations[], decisions{}}``; an invalid snapshot gets
    422 with ``{detail, errors: [{field, message}]}``.
    """
    try:
        snapshot = checking.parse_snapshot(request.body)
        result = checking.check(snapshot, requested=rulebook, calendar=work_calendar())
    except checking.SnapshotInvalid as exc:
        return JsonResponse(
            {"detail": exc.detail, "errors": [e.as_dict() for e in exc.errors]}, status=422
        )
    return JsonResponse(checking.public_result(result), json_dumps_params={"ensure_ascii": False})


@router.get("/schema/snapshot.json", auth=None, response=dict[str, Any])
@permission(PUBLIC)
def snapshot_schema(request: HttpRequest) -> dict[str, Any]:
    """The JSON Schema of a snapshot, generated from the pydantic model."""
    return Snapshot.model_json_schema()


@router.get("/rulebooks", response=list[dict[str, Any]])
@permission(SIGNED_IN)
def rulebooks(request: HttpRequest) -> list[dict[str, Any]]:
    """The rulebooks with their titles and state graphs."""
    return [
        {
            "id": item.id,
            "title": item.spec.title,
            "issuer": item.spec.issuer,
            "issued_on": item.spec.issued_on,
            "states": item.spec.states,
            "transitions": [t.model_dump(by_alias=True) for t in item.spec.transitions],
            "rules": [entry.id for entry in item.spec.rules],
        }
        for item in loader.load_all().values()
    ]
