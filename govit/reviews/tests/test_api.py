import json

import pytest

from govit.orgs.choices import Role
from govit.orgs.tests.factories import member
from govit.reviews import services
from govit.reviews.tests.factories import REVIEW_DAY, make_expert

pytestmark = pytest.mark.django_db


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_the_whole_round_through_the_api(client, reviewer, project):
    pool = [make_expert(["security"]) for _ in range(2)]
    client.force_login(reviewer)
    created = post(
        client,
        "/api/v1/reviews",
        {
            "project_id": project.pk,
            "kind": "preliminary",
            "review_on": "2026-12-01",
            "specialty_mix": {"security": 2},
        },
    )
    assert created.status_code == 201, created.content
    review_id = created.json()["id"]
    assert post(client, f"/api/v1/reviews/{review_id}/draw").json()["drawn"] == 2
    criteria = [c["id"] for c in created.json()["criteria"]]
    for value, expert in zip((80, 50), pool, strict=True):
        client.force_login(expert.user)
        body = post(
            client,
            f"/api/v1/reviews/{review_id}/scores",
            {"scores": dict.fromkeys(criteria, value), "opinion": "ok"},
        ).json()
        if value == 80:
            assert body["result"] is None  # sealed
    assert body["status"] == "scored"
    assert body["result"]["total"] == "65.00"
    # 30 points apart on every criterion: both experts are outliers everywhere.
    assert len(body["result"]["outliers"]) == 2 * len(criteria)


def test_refused_roles_and_other_callers(client, applicant, expert, reviewer, project):
    make_expert(["data"])
    review = services.review_create(
        actor=reviewer,
        project=project,
        kind="preliminary",
        review_on=REVIEW_DAY,
        specialty_mix={"data": 1},
    )
    client.force_login(applicant)
    assert client.get("/api/v1/experts").status_code == 403
    assert client.get(f"/api/v1/reviews/{review.pk}").status_code == 404
    assert (
        post(
            client,
            "/api/v1/reviews",
            {
                "project_id": project.pk,
                "kind": "joint",
                "review_on": "2026-12-01",
                "specialty_mix": {"data": 1},
            },
        ).status_code
        == 403
    )
    client.force_login(expert)
    assert client.get(f"/api/v1/reviews/{review.pk}").status_code == 404
    assert client.get("/api/v1/reviews").json() == []
    client.force_login(member(Role.DRC))
    assert client.get(f"/api/v1/reviews/{review.pk}").status_code == 404


def test_not_enough_candidates_answers_422(client, reviewer, project):
    review = services.review_create(
        actor=reviewer,
        project=project,
        kind="preliminary",
        review_on=REVIEW_DAY,
        specialty_mix={"network": 1},
    )
    client.force_login(reviewer)
    response = post(client, f"/api/v1/reviews/{review.pk}/draw")
    assert response.status_code == 422
    assert "网络专业专家不足" in response.json()["detail"]
