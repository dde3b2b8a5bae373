import pytest
from django.core.management import call_command

from govit.reviews.choices import ReviewStatus
from govit.reviews.models import Expert, Review

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_pool_and_a_drawn_review_and_loads_twice():
    call_command("demo", "load")
    call_command("demo", "load")
    assert Expert.objects.count() == 13
    review = Review.objects.get()
    assert review.status == ReviewStatus.DRAWN
    assert review.assignments.filter(reserve=False).count() == 4
