"""Deny by default for the reviews app: anonymous callers go to sign-in (pages) or get 401
(endpoints); another unit's clerk gets 404 for every object (STYLE.md rule 7)."""

import datetime as dt

import pytest
from django.urls import URLPattern, reverse

from govit.api import api
from govit.orgs.choices import Role
from govit.orgs.tests.factories import member
from govit.reviews import services
from govit.reviews import urls as review_urls
from govit.reviews.tests.factories import REVIEW_DAY, make_expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(reviewer, project):
    pooled = make_expert(["software"])
    review = services.review_create(
        actor=reviewer,
        project=project,
        kind="preliminary",
        review_on=REVIEW_DAY,
        specialty_mix={"software": 1},
    )
    stage = services.preliminary_open(actor=reviewer, project=project)
    delegation = services.delegation_create(
        actor=reviewer,
        delegate=member(Role.COMPETENT, reviewer.organisations[0]),
        starts_on=dt.date.today(),
        ends_on=dt.date.today(),
        reason="出差",
    )
    return {
        "pk": review.pk,
        "project_pk": project.pk,
        "expert": pooled.pk,
        "task_pk": stage.tasks.get().pk,
        "delegation_pk": delegation.pk,
    }


def web_urls(objects):
    urls = []
    for pattern in review_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = {key: objects[key] for key in pattern.pattern.converters}
        if pattern.name == "expert-detail":
            kwargs = {"pk": objects["expert"]}
        urls.append((pattern.name, reverse(pattern.name, kwargs=kwargs)))
    return urls


def api_urls(objects):
    found = []
    for _prefix, router in api._routers:
        if "reviews" not in (router.tags or []):
            continue
        for path, path_view in router.path_operations.items():
            url = "/api/v1/" + path.lstrip("/")
            url = (
                url.replace("{review_id}", str(objects["pk"]))
                .replace("{expert_id}", str(objects["expert"]))
                .replace("{task_id}", str(objects["task_pk"]))
                .replace("{project_id}", str(objects["project_pk"]))
                .replace("{delegation_id}", str(objects["delegation_pk"]))
            )
            for op in path_view.operations:
                found.extend((method, url) for method in op.methods)
    return found


def test_every_page_sends_anonymous_callers_to_sign_in(client, objects):
    for name, url in web_urls(objects):
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (302, 405), (name, method)
            if response.status_code == 302:
                assert reverse("login") in response["Location"], (name, method)


def test_every_page_about_an_object_is_404_to_another_unit(client, other_applicant, objects):
    client.force_login(other_applicant)
    for name, url in web_urls(objects):
        if name == "review-list":
            assert list(client.get(url).context["reviews"]) == []
            continue
        if name == "expert-list":
            assert client.get(url).status_code == 403, name
            continue
        if name == "review-tasks":  # everyone's own to-do list: empty for them
            assert list(client.get(url).context["tasks"]) == []
            continue
        for method in ("get", "post"):
            assert getattr(client, method)(url).status_code in (404, 405), (name, method)


def test_every_endpoint_refuses_anonymous_callers(client, objects):
    endpoints = api_urls(objects)
    assert len(endpoints) >= 9
    for method, url in endpoints:
        assert client.generic(method, url).status_code == 401, (method, url)


def test_every_endpoint_about_an_object_is_404_to_another_unit(client, other_applicant, objects):
    client.force_login(other_applicant)
    for method, url in api_urls(objects):
        if url.rstrip("/").endswith(("/reviews", "/experts")):
            continue
        if url.rstrip("/").endswith(("/review-tasks", "/review-delegations")):
            # Their own lists: empty for them, or a refusal of the empty payload.
            response = client.generic(method, url, "{}", content_type="application/json")
            assert response.status_code in (200, 422), (method, url)
            if response.status_code == 200:
                assert response.json() == []
            continue
        response = client.generic(method, url, "{}", content_type="application/json")
        assert response.status_code in (404, 422), (method, url, response.status_code)
