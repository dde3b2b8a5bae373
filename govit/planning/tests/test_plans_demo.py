"""The demo: a library and an approved plan with two versions, in rulebooks whose paths differ."""

import pytest

from govit.planning.models.plans import AnnualPlan, LibraryEntry
from govit.policy import loader
from govit.web import demo

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rulebook_id", ["wuhan", "harbin", "bijie", "gaoping"])
def test_the_demo_makes_a_library_and_a_plan_with_two_versions(settings, rulebook_id):
    settings.GOVIT_RULEBOOK = rulebook_id
    rulebook = loader.get(rulebook_id)
    demo.load(rulebook)
    assert LibraryEntry.objects.count() >= 2
    plan = AnnualPlan.objects.get()
    assert plan.status == "approved"
    assert list(plan.versions.values_list("number", flat=True)) == [1, 2]
    first, second = plan.versions.all()
    assert second.lines.count() == first.lines.count() + 1
    demo.load(rulebook)  # idempotent
    assert AnnualPlan.objects.count() == 1
