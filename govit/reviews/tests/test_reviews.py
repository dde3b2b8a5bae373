import datetime as dt

import pytest

from govit.core import audit
from govit.core.models import AuditEvent
from govit.orgs.choices import Role
from govit.orgs.tests.factories import OrganisationFactory
from govit.projects.tests.factories import ProjectFactory
from govit.reviews import draw, services
from govit.reviews.choices import Exclusion, ReviewStatus
from govit.reviews.errors import DrawError, NotAllowed
from govit.reviews.tests.factories import REVIEW_DAY, make_expert

pytestmark = pytest.mark.django_db


def open_review(reviewer, project, mix=None, reserves=0, kind="joint", **extra):
    return services.review_create(
        actor=reviewer,
        project=project,
        kind=kind,
        review_on=REVIEW_DAY,
        specialty_mix=mix or {"software": 2},
        reserve_count=reserves,
        **extra,
    )


def test_it_takes_kaihua_article_7_criteria_and_article_8_signoff(reviewer):
    project = ProjectFactory(rulebook="kaihua")
    review = open_review(reviewer, project)
    assert [c["id"] for c in review.criteria] == [
        "budget",
        "resources",
        "coordination",
        "sharing",
        "security",
        "efficiency",
    ]
    assert sorted(review.signoffs.values_list("role", flat=True)) == [
        "datacenter",
        "drc",
        "finance",
    ]


def test_it_uses_the_default_criteria_elsewhere(reviewer, project):
    review = open_review(reviewer, project, kind="preliminary")
    assert review.criteria[0]["id"] == "necessity"
    assert review.due_on is None
    assert not review.signoffs.exists()


def test_it_gives_harbin_reviews_15_working_days(reviewer, monkeypatch):
    from govit.reviews import services as module

    monkeypatch.setattr(module.timezone, "localdate", lambda: dt.date(2026, 11, 2))
    review = open_review(reviewer, ProjectFactory(rulebook="harbin"), kind="third_party")
    # Monday 2 November 2026 + 15 working days (the event day not counted) = 23 November.
    assert review.due_on == dt.date(2026, 11, 23)
    assert review.due_article == "19"


def test_it_refuses_other_roles_to_open_a_review(applicant, expert, project):
    for actor in (applicant, expert):
        with pytest.raises(NotAllowed):
            open_review(actor, project)


def test_it_draws_reproducibly_and_replays_from_the_audit(reviewer, project):
    for _ in range(8):
        make_expert(["software"])
    for _ in range(3):
        make_expert(["security"])
    review = open_review(reviewer, project, {"software": 3, "security": 1}, reserves=2)
    seats = services.review_draw(actor=reviewer, review=review, seed=20261201)
    event = AuditEvent.objects.get(action="reviews.review_draw")
    assert event.after["seed"] == 20261201
    replayed = draw.replay(event.after)
    assert [(p.id, p.reserve) for p in replayed] == [(s.expert_id, s.reserve) for s in seats]
    assert sum(1 for s in seats if not s.reserve) == 4
    assert sum(1 for s in seats if s.reserve) == 2
    review.refresh_from_db()
    assert review.status == ReviewStatus.DRAWN


def test_the_same_seed_draws_the_same_experts():
    candidates = [draw.Candidate(i, ("data",)) for i in range(1, 30)]
    first = draw.draw(candidates=candidates, mix={"data": 5}, reserves=2, seed=7)
    again = draw.draw(candidates=list(reversed(candidates)), mix={"data": 5}, reserves=2, seed=7)
    assert first == again


def test_it_avoids_conflicts_and_logs_why(reviewer, unit_org):
    co_unit = OrganisationFactory()
    vendor_org = OrganisationFactory(kind=Role.VENDOR)
    project = ProjectFactory(unit=unit_org)
    project.co_units.add(co_unit)
    own = make_expert(["software"], organisation=unit_org)
    co = make_expert(["software"], organisation=co_unit)
    stake = make_expert(["software"], organisation=vendor_org)
    away = make_expert(
        ["software"], available=False, unavailable_reason="病假", unavailable_until=REVIEW_DAY
    )
    back = make_expert(
        ["software"],
        available=False,
        unavailable_reason="出差",
        unavailable_until=REVIEW_DAY - dt.timedelta(days=1),
    )
    free = make_expert(["software"])
    review = open_review(reviewer, project, {"software": 2}, stake_vendor=vendor_org)
    seats = services.review_draw(actor=reviewer, review=review, seed=1)
    assert {s.expert_id for s in seats} == {back.pk, free.pk}
    logged = AuditEvent.objects.get(action="reviews.review_draw").after
    assert {e["id"]: e["reason"] for e in logged["excluded"]} == {
        own.pk: Exclusion.SAME_ORGANISATION,
        co.pk: Exclusion.SAME_ORGANISATION,
        stake.pk: Exclusion.VENDOR,
        away.pk: Exclusion.UNAVAILABLE,
    }


def test_it_refuses_when_too_few_candidates_remain(reviewer, project):
    make_expert(["software"])
    make_expert(["software"], organisation=project.unit)
    review = open_review(reviewer, project, {"software": 2})
    with pytest.raises(DrawError, match="1 left"):
        services.review_draw(actor=reviewer, review=review, seed=1)
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPEN


def test_it_refuses_too_few_reserves(reviewer, project):
    make_expert(["software"])
    make_expert(["software"])
    review = open_review(reviewer, project, {"software": 2}, reserves=1)
    with pytest.raises(DrawError):
        services.review_draw(actor=reviewer, review=review, seed=1)


def test_it_draws_only_once_and_only_for_the_competent_department(reviewer, applicant, project):
    make_expert(["software"])
    make_expert(["software"])
    review = open_review(reviewer, project)
    with pytest.raises(NotAllowed):
        services.review_draw(actor=applicant, review=review)
    services.review_draw(actor=reviewer, review=review)
    with pytest.raises(NotAllowed):
        services.review_draw(actor=reviewer, review=review)


def test_unavailable_without_an_end_date_is_avoided_for_good(reviewer, project):
    gone = make_expert(["software"], available=False, unavailable_reason="退休")
    free = make_expert(["software"])
    review = open_review(reviewer, project, {"software": 1})
    seats = services.review_draw(actor=reviewer, review=review, seed=11)
    assert [s.expert_id for s in seats] == [free.pk]
    logged = AuditEvent.objects.get(action="reviews.review_draw").after
    assert logged["excluded"] == [{"id": gone.pk, "reason": Exclusion.UNAVAILABLE}]
    assert audit.verify()[1] is None
