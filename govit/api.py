"""The REST API root (django-ninja); each app adds its router here. Docs at /api/v1/docs."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import ValidationError
from ninja.security import SessionAuth

from govit.core.permissions import SIGNED_IN, permission

api = NinjaAPI(
    title="govit API",
    version="1",
    description="政务信息化项目全生命周期管理平台 REST API",
    auth=SessionAuth(),
    urls_namespace="api",
)


def _add_routers() -> None:
    from govit.acceptance.api import router as acceptance_router
    from govit.data_resources.api import router as data_resources_router
    from govit.delivery.api import router as delivery_router
    from govit.documents.api import router as documents_router
    from govit.evaluation.api import router as evaluation_router
    from govit.oversight.api import router as oversight_router
    from govit.planning.api_cycles import router as planning_cycles_router
    from govit.planning.api_plans import router as planning_plans_router
    from govit.policy.api import router as policy_router
    from govit.projects.api import router as projects_router
    from govit.projects.api_deadlines import router as deadlines_router
    from govit.reports.api import router as reports_router
    from govit.reviews.api import router as reviews_router
    from govit.security.api import router as security_router
    from govit.systems.api import router as systems_router

    api.add_router("/", policy_router)
    api.add_router("/", projects_router)
    api.add_router("/", deadlines_router)
    api.add_router("/", documents_router)
    api.add_router("/", systems_router)
    api.add_router("/", delivery_router)
    api.add_router("/", reviews_router)
    api.add_router("/", planning_cycles_router)
    api.add_router("/", planning_plans_router)
    api.add_router("/", acceptance_router)
    api.add_router("/", data_resources_router)
    api.add_router("/", security_router)
    api.add_router("/", evaluation_router)
    api.add_router("/", oversight_router)
    api.add_router("/", reports_router)


# Where ninja says a value came from: not part of the field's name.
LOCATIONS = frozenset({"body", "query", "path", "form", "file", "header", "cookie"})


def _field(location: Any) -> str:
    """``("body", "payload", "budget_items", 0, "amount")`` → ``budget_items.0.amount``."""
    parts = [str(part) for part in location]
    if parts and parts[0] in LOCATIONS:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] == "payload":  # the name of the body parameter
        parts = parts[1:]
    return ".".join(parts)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """Invalid input answers ``{detail, errors: [{field, message}]}`` like every other error."""
    errors = [
        {"field": _field(error.get("loc", ())), "message": error.get("msg", "")}
        for error in exc.errors
    ]
    return api.create_response(
        request, {"detail": "The input is not valid.", "errors": errors}, status=422
    )


@api.exception_handler(OverflowError)
def number_out_of_range(request: HttpRequest, exc: OverflowError) -> HttpResponse:
    """A number too large for the database (an id in a path, say) names no row: 404, not 500.
    Bounded path parameters catch most; this is the net under the rest."""
    return api.create_response(request, {"detail": "Not found."}, status=404)


_add_routers()


class MeOut(Schema):
    username: str
    display_name: str
    roles: list[str]
    organisations: list[str]
    rulebook: str


@api.get("/me", response=MeOut, tags=["orgs"])
@permission(SIGNED_IN)
def me(request: HttpRequest) -> MeOut:
    """The signed-in user, their roles and the deployment's rulebook."""
    from django.conf import settings

    user = request.user
    return MeOut(
        username=user.get_username(),
        display_name=getattr(user, "display_name", ""),
        roles=sorted(getattr(user, "roles", ())),
        organisations=[org.name for org in getattr(user, "organisations", [])],
        rulebook=settings.GOVIT_RULEBOOK,
    )
