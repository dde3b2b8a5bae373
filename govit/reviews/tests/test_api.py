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


def test_the_pool_through_the_api(client, reviewer, expert, applicant, competent_org):
    client.force_login(applicant)
    body = {"user_id": expert.pk, "name": "王专家", "organisation_id": competent_org.pk}
    assert post(client, "/api/v1/experts", body).status_code == 403
    client.force_login(reviewer)
    created = post(client, "/api/v1/experts", {**body, "specialties": ["data"], "phone": "139"})
    assert created.status_code == 201, created.content
    assert "phone" not in created.json()
    url = f"/api/v1/experts/{created.json()['id']}"
    refused = client.patch(url, json.dumps({"available": False}), content_type="application/json")
    assert refused.status_code == 422
    marked = client.patch(
        url,
        json.dumps(
            {"available": False, "unavailable_reason": "出国", "unavailable_until": "2026-12-31"}
        ),
        content_type="application/json",
    )
    assert marked.json()["unavailable_until"] == "2026-12-31"
    client.force_login(applicant)
    assert client.patch(url, "{}", content_type="application/json").status_code == 404


def test_the_competent_department_cannot_see_scores_while_sealed(client, reviewer, project):
    pool = [make_expert(["data"]) for _ in range(2)]
    review = services.review_create(
        actor=reviewer,
        project=project,
        kind="preliminary",
        review_on=REVIEW_DAY,
        specialty_mix={"data": 2},
    )
    services.review_draw(actor=reviewer, review=review, seed=9)
    services.assignment_score(
        actor=pool[0].user,
        review=review,
        scores={c["id"]: 77 for c in review.criteria},
        opinion="sealed opinion",
    )
    client.force_login(reviewer)
    response = client.get(f"/api/v1/reviews/{review.pk}")
    assert response.json()["result"] is None
    assert response.json()["submitted"] == 1
    assert "77" not in response.content.decode()
    assert "sealed opinion" not in response.content.decode()


def _reviews(reviewer, project, count):
    make_expert(["data"])
    return [
        services.review_create(
            actor=reviewer,
            project=project,
            kind="preliminary",
            review_on=REVIEW_DAY,
            specialty_mix={"data": 1},
        )
        for _ in range(count)
    ]


def test_the_list_is_paged_newest_first_with_the_next_page_in_the_link_header(
    client, reviewer, project
):
    made = _reviews(reviewer, project, 3)
    client.force_login(reviewer)
    first = client.get("/api/v1/reviews", {"limit": 2})
    assert [r["id"] for r in first.json()] == [made[2].pk, made[1].pk]
    link = first["Link"]
    assert link.endswith('>; rel="next"')
    second = client.get(link[1 : link.index(">")])
    assert [r["id"] for r in second.json()] == [made[0].pk]
    assert "Link" not in second
    by_offset = client.get("/api/v1/reviews", {"limit": 2, "offset": 2})
    assert [r["id"] for r in by_offset.json()] == [made[0].pk]
    assert [r["id"] for r in client.get("/api/v1/reviews").json()] == [r.pk for r in made[::-1]]


def test_a_bad_cursor_or_limit_of_the_review_list_names_the_field(client, reviewer, project):
    _reviews(reviewer, project, 1)
    client.force_login(reviewer)
    answer = client.get("/api/v1/reviews", {"after": "not-a-cursor"})
    assert answer.status_code == 422
    assert "after" in json.dumps(answer.json())
    assert client.get("/api/v1/reviews", {"limit": 201}).status_code == 422
    assert client.get("/api/v1/reviews", {"limit": 0}).status_code == 422


def test_a_cursor_shows_no_review_the_caller_may_not_read(client, reviewer, expert, project):
    made = _reviews(reviewer, project, 2)
    client.force_login(reviewer)
    link = client.get("/api/v1/reviews", {"limit": 1})["Link"]
    client.force_login(expert)  # drawn for none of them
    assert client.get(link[1 : link.index(">")]).json() == []
    assert made
