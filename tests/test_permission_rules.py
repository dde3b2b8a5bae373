"""Every page and every API operation names the permission rule it checks (等保 访问控制:
access rules set per subject and object). A new route fails here until its view carries
``@permission(...)`` (govit.core.permissions) naming a registered permission, a predicate of
an app's policies module, ``PUBLIC`` or ``SIGNED_IN``.

This test checks that a rule is named and that the name exists; the access matrix
(tests/test_access_matrix.py) and each app's tests check that the view enforces it.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
import rules
from django.urls import URLPattern, URLResolver, get_resolver

from govit.api import api
from govit.core.permissions import PUBLIC, SIGNED_IN, rules_of

NOT_YET_CHECKED: set[str] = set()
# Views that are not govit's own: Django's language switch and django-ninja's docs, schema
# and API root, all public on purpose (see tests/test_deny_by_default.py).
THIRD_PARTY_PUBLIC = {
    "django.views.i18n.set_language",
    "ninja.openapi.views.openapi_json",
    "ninja.openapi.views.openapi_view",
    "ninja.openapi.views.default_home",
}


def _qualified(view: Any) -> str:
    function = getattr(view, "func", view)  # functools.partial
    return f"{function.__module__}.{getattr(function, '__name__', type(function).__name__)}"


def _app_of(view: Any) -> str:
    module = getattr(getattr(view, "view_class", None), "__module__", None) or _qualified(view)
    parts = module.split(".")
    return parts[1] if parts[0] == "govit" and len(parts) > 1 else parts[0]


def _web_views(resolver: URLResolver, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for entry in resolver.url_patterns:
        text = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if text.startswith("admin/"):
                continue  # Django's admin: staff only, with its own permissions
            yield from _web_views(entry, text)
        elif isinstance(entry, URLPattern):
            if "ninja.operation" in entry.callback.__module__:
                continue  # API operations are walked below, one per method
            yield text, entry.callback


def _api_views() -> Iterator[tuple[str, Any]]:
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    yield f"{method} /api/v1/{path.lstrip('/')}", operation.view_func


def _routes() -> list[tuple[str, Any]]:
    found = [*_web_views(get_resolver()), *_api_views()]
    return [
        (name, view)
        for name, view in found
        if _app_of(view) not in NOT_YET_CHECKED and _qualified(view) not in THIRD_PARTY_PUBLIC
    ]


def _exists(rule: str) -> bool:
    if rule in (PUBLIC, SIGNED_IN) or rules.perm_exists(rule):
        return True
    app, _dot, name = rule.partition(".")
    try:
        policies = importlib.import_module(f"govit.{app}.policies")
    except ModuleNotFoundError:
        return False
    return callable(getattr(policies, name, None))


ROUTES = _routes()


def test_the_walk_finds_the_routes_of_every_checked_app() -> None:
    apps = {_app_of(view) for _name, view in ROUTES}
    assert apps >= {"orgs", "policy", "projects", "documents", "systems", "web", "api"}
    assert len(ROUTES) > 50


@pytest.mark.parametrize(("route", "view"), ROUTES, ids=[name for name, _view in ROUTES])
def test_every_route_names_an_existing_permission_rule(route: str, view: Any) -> None:
    named = rules_of(view)
    assert named, f"{route} ({_qualified(view)}) names no permission rule: add @permission(...)"
    unknown = [rule for rule in named if not _exists(rule)]
    assert not unknown, f"{route} names rules that do not exist: {unknown}"


def test_an_unnamed_view_is_caught() -> None:
    def bare(request: Any) -> None:
        return None

    assert rules_of(bare) == ()
    assert not _exists("projects.no_such_rule")
    assert _exists("projects.project_transition")
