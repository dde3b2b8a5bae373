"""Deny by default, across the whole URL configuration: every page and every API endpoint
refuses an anonymous caller, except the few that are public on purpose (STYLE.md rule 7).
A new route fails here until it checks who is asking."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from govit.api import api

pytestmark = pytest.mark.django_db

# Public on purpose: signing in and out, choosing a language, the API's own documentation and
# the published snapshot schema.
PUBLIC = {
    "/accounts/login/",
    "/accounts/logout/",
    "/i18n/setlang/",
    "/api/v1/docs",
    "/api/v1/openapi.json",
    "/api/v1/schema/snapshot.json",
}
SAMPLE = {
    "int": "1",
    "slug": "x",
    "str": "x",
    "path": "x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}


def _routes(resolver: URLResolver, prefix: str = ""):
    for entry in resolver.url_patterns:
        text = str(entry.pattern)
        if isinstance(entry, URLResolver):
            if text.startswith("admin/") or text.startswith("api/"):
                continue  # the admin has its own login; the API is walked through ninja below
            yield from _routes(entry, prefix + text)
        elif isinstance(entry, URLPattern):
            yield prefix + text


def _concrete(route: str) -> str:
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    return "/" + route.lstrip("^").rstrip("$")


def web_routes():
    return sorted({_concrete(route) for route in _routes(get_resolver())} - PUBLIC)


def api_routes():
    found = []
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            url = "/api/v1/" + re.sub(r"\{\w+\}", "1", path.lstrip("/"))
            for operation in path_view.operations:
                for method in operation.methods:
                    if url not in PUBLIC:
                        found.append((method, url))
    return sorted(set(found))


def _refused(response) -> bool:
    if response.status_code in (401, 403, 405):
        return True
    return response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("url", web_routes())
def test_every_page_refuses_an_anonymous_caller(client, url):
    assert _refused(client.get(url)), url
    assert _refused(client.post(url, {})), url


@pytest.mark.parametrize(("method", "url"), api_routes())
def test_every_api_endpoint_refuses_an_anonymous_caller(client, method, url):
    response = client.generic(method, url, data="{}", content_type="application/json")
    assert response.status_code in (401, 403), (method, url, response.status_code)


def test_the_walk_finds_the_routes():
    assert len(web_routes()) > 40
    assert len(api_routes()) > 30
