import pytest

from govit.orgs.choices import Role
from govit.orgs.tests.factories import member
from govit.projects.tests.factories import ProjectFactory
from govit.reviews import scoring, selectors, services
from govit.reviews.choices import ReviewStatus, SignOffMode
from govit.reviews.errors import NotAllowed
from govit.reviews.tests.factories import REVIEW_DAY, make_expert

pytestmark = pytest.mark.django_db


def drawn_review(reviewer, experts=3, rulebook="wuhan", kind="preliminary"):
    pool = [make_expert(["software"]) for _ in range(experts)]
    review = services.review_create(
        actor=reviewer,
        project=ProjectFactory(rulebook=rulebook),
        kind=kind,
        review_on=REVIEW_DAY,
        specialty_mix={"software": experts},
    )
    services.review_draw(actor=reviewer, review=review, seed=3)
    return review, pool


def sheet(review, value):
    return {c["id"]: value for c in review.criteria}


def test_outliers_are_more_than_the_distance_from_the_median():
    at_boundary = scoring.aggregate(
        criteria=["a"], sheets={1: {"a": 80}, 2: {"a": 80}, 3: {"a": 60}}, distance=20
    )
    assert at_boundary["outliers"] == []
    beyond = scoring.aggregate(
        criteria=["a"], sheets={1: {"a": 80}, 2: {"a": 80}, 3: {"a": 59}}, distance=20
    )
    assert [(o["expert"], o["score"]) for o in beyond["outliers"]] == [(3, 59)]
    assert beyond["per_criterion"] == {"a": "73.00"}
    assert beyond["total"] == "73.00"


def test_it_seals_scores_until_every_expert_has_submitted(reviewer):
    review, pool = drawn_review(reviewer, experts=4)
    first, second, fourth, third = pool
    services.assignment_score(
        actor=first.user, review=review, scores=sheet(review, 90), opinion="好"
    )
    services.assignment_score(
        actor=second.user, review=review, scores=sheet(review, 85), opinion="可"
    )
    services.assignment_score(
        actor=fourth.user, review=review, scores=sheet(review, 88), opinion="可"
    )
    review.refresh_from_db()
    assert review.is_sealed()
    assert review.result is None
    services.assignment_score(
        actor=third.user, review=review, scores=sheet(review, 40), opinion="差"
    )
    review.refresh_from_db()
    assert review.status == ReviewStatus.SCORED
    assert not review.is_sealed()
    assert {o["expert"] for o in review.result["outliers"]} == {third.pk}
    third.refresh_from_db()
    first.refresh_from_db()
    assert third.reviews_done == 1
    assert third.performance == 0
    assert first.performance == 100


def test_only_drawn_experts_score_once_and_in_range(reviewer):
    review, pool = drawn_review(reviewer, experts=2)
    outsider = make_expert(["software"])
    with pytest.raises(NotAllowed):
        services.assignment_score(
            actor=outsider.user, review=review, scores=sheet(review, 80), opinion="x"
        )
    with pytest.raises(ValueError, match="between 0 and 100"):
        services.assignment_score(
            actor=pool[0].user, review=review, scores=sheet(review, 101), opinion="x"
        )
    with pytest.raises(ValueError, match="every criterion"):
        services.assignment_score(actor=pool[0].user, review=review, scores={}, opinion="x")
    services.assignment_score(
        actor=pool[0].user, review=review, scores=sheet(review, 100), opinion="x"
    )
    with pytest.raises(NotAllowed):
        services.assignment_score(
            actor=pool[0].user, review=review, scores=sheet(review, 0), opinion="x"
        )


def test_the_competent_department_cannot_score(reviewer):
    review, _pool = drawn_review(reviewer, experts=1)
    with pytest.raises(NotAllowed):
        services.assignment_score(
            actor=reviewer, review=review, scores=sheet(review, 1), opinion="x"
        )


def test_waiting_reviews_count_for_the_home_page(reviewer):
    review, pool = drawn_review(reviewer, experts=2)
    assert selectors.reviews_waiting_for(actor=pool[0].user).count() == 1
    services.assignment_score(
        actor=pool[0].user, review=review, scores=sheet(review, 70), opinion="x"
    )
    assert selectors.reviews_waiting_for(actor=pool[0].user).count() == 0


def scored_joint_review(reviewer):
    review, pool = drawn_review(reviewer, experts=1, rulebook="kaihua", kind="joint")
    services.assignment_score(
        actor=pool[0].user, review=review, scores=sheet(review, 80), opinion="x"
    )
    review.refresh_from_db()
    return review


def test_kaihua_joint_review_needs_every_department(reviewer):
    review = scored_joint_review(reviewer)
    signers = [member(role) for role in (Role.DATACENTER, Role.DRC, Role.FINANCE)]
    for signer in signers[:2]:
        services.signoff_sign(actor=signer, review=review)
    with pytest.raises(NotAllowed):
        services.review_close(actor=reviewer, review=review)
    services.signoff_sign(actor=signers[2], review=review)
    services.review_close(actor=reviewer, review=review)
    review.refresh_from_db()
    assert review.status == ReviewStatus.CLOSED


def test_any_one_signature_is_enough_when_the_rulebook_says_so(reviewer):
    review = scored_joint_review(reviewer)
    review.signoff_mode = SignOffMode.ANY
    review.save(update_fields=["signoff_mode"])
    services.signoff_sign(actor=member(Role.FINANCE), review=review)
    services.review_close(actor=reviewer, review=review)


def test_a_department_off_the_list_or_twice_is_refused(reviewer):
    review = scored_joint_review(reviewer)
    with pytest.raises(NotAllowed):
        services.signoff_sign(actor=member(Role.AUDIT), review=review)
    drc = member(Role.DRC)
    services.signoff_sign(actor=drc, review=review)
    with pytest.raises(NotAllowed):
        services.signoff_sign(actor=drc, review=review)


def test_signing_waits_for_the_scores(reviewer):
    review, _pool = drawn_review(reviewer, experts=1, rulebook="kaihua", kind="joint")
    with pytest.raises(NotAllowed):
        services.signoff_sign(actor=member(Role.DRC), review=review)


@pytest.mark.parametrize(("low", "flagged"), [(70, False), (69, True)])
def test_the_outlier_distance_is_configurable(low, flagged):
    result = scoring.aggregate(
        criteria=["a"], sheets={1: {"a": 80}, 2: {"a": 80}, 3: {"a": low}}, distance=10
    )
    assert bool(result["outliers"]) is flagged


def test_a_reserve_takes_the_seat_of_a_withdrawn_expert(reviewer):
    pool = [make_expert(["software"]) for _ in range(3)]
    review = services.review_create(
        actor=reviewer,
        project=ProjectFactory(),
        kind="preliminary",
        review_on=REVIEW_DAY,
        specialty_mix={"software": 2},
        reserve_count=1,
    )
    seats = services.review_draw(actor=reviewer, review=review, seed=4)
    drawn = [s for s in seats if not s.reserve]
    reserve = next(s for s in seats if s.reserve)
    leaving = next(e for e in pool if e.pk == drawn[0].expert_id)
    with pytest.raises(NotAllowed):
        services.assignment_replace(
            actor=leaving.user, review=review, expert=leaving, reason="回避"
        )
    with pytest.raises(ValueError, match="withdraws"):
        services.assignment_replace(actor=reviewer, review=review, expert=leaving, reason=" ")
    services.assignment_replace(actor=reviewer, review=review, expert=leaving, reason="临时出差")
    panel = set(review.assignments.filter(reserve=False).values_list("expert_id", flat=True))
    assert panel == {drawn[1].expert_id, reserve.expert_id}
    with pytest.raises(NotAllowed, match="No reserve"):
        services.assignment_replace(
            actor=reviewer,
            review=review,
            expert=next(e for e in pool if e.pk == drawn[1].expert_id),
            reason="病假",
        )
