import pytest
from django.core.management import call_command

from govit.reviews.choices import ReviewStatus
from govit.reviews.models import Expert, Review

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_pool_and_a_drawn_review_and_loads_twice():
    call_command("demo", "load")
    call_command("demo", "load")
    assert Expert.objects.count() == 13
    review = Review.objects.get(panel=True)
    assert review.status == ReviewStatus.DRAWN
    assert review.assignments.filter(reserve=False).count() == 4
    # The stages without a panel: the agency's report task and a decision consultation.
    assert Review.objects.filter(kind="third_party", panel=False).count() == 1
    assert Review.objects.filter(kind="decision", panel=False).count() == 1
    agency = Review.objects.get(kind="third_party").tasks.get()
    assert agency.assignee.username == "agency"
