import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govit.core.actions import for_user
from govit.orgs.choices import Role
from govit.orgs.tests.factories import member
from govit.projects.tests.factories import ProjectFactory
from govit.reviews import services
from govit.reviews.tests.factories import REVIEW_DAY, make_expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def drawn(reviewer, project):
    pool = [make_expert(["software"]) for _ in range(2)]
    review = services.review_create(
        actor=reviewer,
        project=project,
        kind="preliminary",
        review_on=REVIEW_DAY,
        specialty_mix={"software": 2},
    )
    services.review_draw(actor=reviewer, review=review, seed=5)
    return review, pool


def scores(review, value):
    return {f"score_{c['id']}": value for c in review.criteria}


def test_it_shows_the_pool_to_the_competent_department_only(client, reviewer, applicant, expert):
    pooled = make_expert()
    client.force_login(reviewer)
    assert client.get(reverse("expert-list")).status_code == 200
    assert client.get(reverse("expert-detail", args=[pooled.pk])).status_code == 200
    for other in (applicant, expert):
        client.force_login(other)
        assert client.get(reverse("expert-list")).status_code == 403
        assert client.get(reverse("expert-detail", args=[pooled.pk])).status_code == 404


def test_the_pool_list_has_a_constant_query_count(client, reviewer):
    client.force_login(reviewer)
    make_expert()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("expert-list"))
    for _ in range(5):
        make_expert()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("expert-list"))
    assert len(many) == len(few)


def test_the_competent_department_opens_and_draws(client, reviewer, project):
    for _ in range(3):
        make_expert(["data"])
    client.force_login(reviewer)
    response = client.post(
        reverse("review-create", args=[project.pk]),
        {
            "kind": "preliminary",
            "review_on": "2026-12-01",
            "reserve_count": 1,
            "outlier_distance": 20,
            "mix_data": 2,
        },
    )
    assert response.status_code == 302
    detail = response["Location"]
    client.post(detail + "draw/")
    page = client.get(detail)
    assert "2名专家中已有0名提交" in page.content.decode()


def test_the_applicant_cannot_open_a_review(client, applicant, project):
    client.force_login(applicant)
    assert client.get(reverse("review-create", args=[project.pk])).status_code == 403


def test_experts_see_only_the_reviews_they_are_drawn_for(client, drawn):
    review, pool = drawn
    outsider = make_expert(["software"])
    client.force_login(outsider.user)
    assert client.get(reverse("review-detail", args=[review.pk])).status_code == 404
    assert client.get(reverse("review-score", args=[review.pk])).status_code == 404
    assert review.pk not in [r.pk for r in client.get(reverse("review-list")).context["reviews"]]
    client.force_login(pool[0].user)
    assert client.get(reverse("review-detail", args=[review.pk])).status_code == 200


def test_scores_stay_sealed_then_the_opinion_shows(client, reviewer, drawn):
    review, pool = drawn
    client.force_login(pool[0].user)
    response = client.post(
        reverse("review-score", args=[review.pk]), {**scores(review, 80), "opinion": "同意"}
    )
    assert response.status_code == 302
    client.force_login(reviewer)
    page = client.get(reverse("review-detail", args=[review.pk])).content.decode()
    assert 'data-testid="opinion"' not in page
    assert "同意" not in page
    client.force_login(pool[1].user)
    client.post(
        reverse("review-score", args=[review.pk]), {**scores(review, 70), "opinion": "基本同意"}
    )
    client.force_login(reviewer)
    page = client.get(reverse("review-detail", args=[review.pk])).content.decode()
    assert 'data-testid="opinion"' in page
    assert "75.00" in page


def test_another_unit_gets_404(client, other_applicant, drawn):
    review, _pool = drawn
    client.force_login(other_applicant)
    for name in ("review-detail", "review-score"):
        assert client.get(reverse(name, args=[review.pk])).status_code == 404
    for name in ("review-draw", "review-sign", "review-close"):
        assert client.post(reverse(name, args=[review.pk])).status_code == 404


def test_the_home_page_counts_reviews_waiting_for_my_scores(drawn):
    _review, pool = drawn
    labels = {a.label: a.count for a in for_user(pool[0].user)}
    assert labels["Reviews waiting for my scores"] == 1


def test_a_joint_review_department_signs_on_the_page(client, reviewer):
    pooled = make_expert(["software"])
    review = services.review_create(
        actor=reviewer,
        project=ProjectFactory(rulebook="kaihua"),
        kind="joint",
        review_on=REVIEW_DAY,
        specialty_mix={"software": 1},
    )
    services.review_draw(actor=reviewer, review=review, seed=1)
    services.assignment_score(
        actor=pooled.user, review=review, scores={c["id"]: 60 for c in review.criteria}, opinion="x"
    )
    finance = member(Role.FINANCE)
    client.force_login(finance)
    client.post(reverse("review-sign", args=[review.pk]))
    assert review.signoffs.get(role=Role.FINANCE).signed_by == finance


def test_the_opinion_exports_as_docx_once_unsealed(client, reviewer, drawn):
    review, pool = drawn
    client.force_login(reviewer)
    url = reverse("review-opinion-docx", args=[review.pk])
    assert client.get(url).status_code == 404  # sealed
    for expert in pool:
        services.assignment_score(
            actor=expert.user,
            review=review,
            scores={c["id"]: 90 for c in review.criteria},
            opinion="建议通过",
        )
    response = client.get(url)
    assert response.status_code == 200
    assert response.content[:2] == b"PK"


def test_the_review_list_has_a_constant_query_count(client, reviewer, project):
    def add_review():
        services.review_create(
            actor=reviewer,
            project=ProjectFactory(),
            kind="preliminary",
            review_on=REVIEW_DAY,
            specialty_mix={"data": 1},
        )

    client.force_login(reviewer)
    add_review()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("review-list"))
    for _ in range(4):
        add_review()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("review-list"))
    assert len(many) == len(few)


def test_the_competent_department_marks_an_expert_unavailable(client, reviewer):
    pooled = make_expert()
    client.force_login(reviewer)
    url = reverse("expert-detail", args=[pooled.pk])
    refused = client.post(url, {"unavailable_reason": ""})
    assert refused.status_code == 200
    pooled.refresh_from_db()
    assert pooled.available
    client.post(url, {"unavailable_reason": "出差", "unavailable_until": "2026-12-10"})
    pooled.refresh_from_db()
    assert not pooled.available
    assert pooled.unavailable_reason == "出差"


def test_the_competent_department_has_no_score_form(client, reviewer, drawn):
    review, _pool = drawn
    client.force_login(reviewer)
    assert client.get(reverse("review-score", args=[review.pk])).status_code == 404


def test_the_nav_link_shows_only_to_those_with_reviews(client, vendor, reviewer):
    client.force_login(vendor)
    assert reverse("review-list") not in client.get(reverse("home")).content.decode()
    client.force_login(reviewer)
    assert reverse("review-list") in client.get(reverse("home")).content.decode()


def test_the_applying_unit_reads_the_opinion_once_closed(client, reviewer, applicant, drawn):
    review, pool = drawn
    client.force_login(applicant)
    url = reverse("review-detail", args=[review.pk])
    assert client.get(url).status_code == 404
    for expert in pool:
        services.assignment_score(
            actor=expert.user,
            review=review,
            scores={c["id"]: 88 for c in review.criteria},
            opinion="建议修改后通过",
        )
    assert client.get(url).status_code == 404  # scored, not closed yet
    services.review_close(actor=reviewer, review=review)
    page = client.get(url).content.decode()
    assert "建议修改后通过" in page
    assert pool[0].name not in page  # who scored what stays with the competent department
    assert [r.pk for r in client.get(reverse("review-list")).context["reviews"]] == [review.pk]
    assert client.post(reverse("review-close", args=[review.pk])).status_code == 302


def test_the_competent_department_starts_a_review_by_project_code(client, reviewer, project):
    client.force_login(reviewer)
    response = client.get(reverse("review-list"), {"project": project.code})
    assert response["Location"] == reverse("review-create", args=[project.pk])
    assert client.get(reverse("review-list"), {"project": "NOPE"}).status_code == 200


def test_the_competent_department_replaces_a_seat_on_the_page(client, reviewer, project):
    for _ in range(2):
        make_expert(["data"])
    review = services.review_create(
        actor=reviewer,
        project=project,
        kind="preliminary",
        review_on=REVIEW_DAY,
        specialty_mix={"data": 1},
        reserve_count=1,
    )
    seat, reserve = services.review_draw(actor=reviewer, review=review, seed=8)
    client.force_login(reviewer)
    client.post(reverse("review-replace", args=[review.pk]), {"seat": seat.pk, "reason": "回避"})
    assert list(review.assignments.values_list("expert_id", "reserve")) == [
        (reserve.expert_id, False)
    ]


def test_the_review_list_is_paged_newest_first(client, reviewer, unit_org, monkeypatch):
    from django.utils import timezone

    from govit.reviews import views
    from govit.reviews.models import Review

    monkeypatch.setattr(views, "LIST_PAGE_SIZE", 2)
    made = [
        Review.objects.create(
            project=ProjectFactory(unit=unit_org),
            kind="joint",
            rulebook="kaihua",
            opened_on=timezone.localdate(),
            review_on=REVIEW_DAY,
            created_by=reviewer,
        )
        for _ in range(3)
    ]
    client.force_login(reviewer)
    first = client.get(reverse("review-list"), {"status": ""})
    assert [r.pk for r in first.context["reviews"]] == [made[2].pk, made[1].pk]
    assert 'data-testid="next-page"' in first.content.decode()
    assert "status=&amp;page=2" in first.content.decode()  # the filters kept
    second = client.get(reverse("review-list"), {"page": 2})
    assert [r.pk for r in second.context["reviews"]] == [made[0].pk]
    assert 'data-testid="next-page"' not in second.content.decode()
