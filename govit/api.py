"""The REST API root (django-ninja); each app adds its router here. Docs at /api/v1/docs."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.security import SessionAuth

api = NinjaAPI(
    title="govit API",
    version="1",
    description="政务信息化项目全生命周期管理平台 REST API",
    auth=SessionAuth(),
    urls_namespace="api",
)


def _add_routers() -> None:
    from govit.policy.api import router as policy_router
    from govit.systems.api import router as systems_router

    api.add_router("/", policy_router)
    api.add_router("/", systems_router)


_add_routers()


class MeOut(Schema):
    username: str
    display_name: str
    roles: list[str]
    organisations: list[str]
    rulebook: str


@api.get("/me", response=MeOut, tags=["orgs"])
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
