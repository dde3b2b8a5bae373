"""JSON error answers of the API: ``{detail, errors: [{field, message, article, quote}]}``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _

from govit.projects.errors import ProjectError


def error_response(status: int, detail: str, errors: Iterable[dict[str, Any]] = ()) -> JsonResponse:
    return JsonResponse(
        {"detail": detail, "errors": list(errors)},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def not_found() -> JsonResponse:
    """Another unit's object and a missing one answer the same."""
    return error_response(404, _("Not found."))


def from_project_error(exc: ProjectError) -> JsonResponse:
    body = exc.as_dict()
    return error_response(exc.status, body["detail"], body["errors"])


def from_validation_error(exc: ValidationError) -> JsonResponse:
    errors: list[dict[str, Any]] = []
    if hasattr(exc, "error_dict"):
        for field, field_errors in exc.message_dict.items():
            errors.extend(
                {"field": "" if field == "__all__" else field, "message": message}
                for message in field_errors
            )
    else:
        errors.extend({"field": "", "message": message} for message in exc.messages)
    return error_response(422, _("The input is not valid."), errors)
