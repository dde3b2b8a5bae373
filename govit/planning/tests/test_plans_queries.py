"""List pages and API lists do not grow their query count with the number of rows."""

import pytest
from django.urls import reverse

from govit.planning import services_plans
from govit.planning.tests.plans_helpers import admit, reviewed

pytestmark = pytest.mark.django_db


def _count(client, django_assert_max_num_queries, url, limit):
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("rows", [1, 6])
def test_library_and_plan_pages_keep_their_query_count(
    client, reviewer, unit_org, django_assert_max_num_queries, rows
):
    entries = [admit(reviewer, reviewed(unit_org)) for _ in range(rows)]
    plan = services_plans.plan_create(actor=reviewer, year=2027)
    services_plans.plan_fill(actor=reviewer, plan=plan)
    client.force_login(reviewer)
    _count(client, django_assert_max_num_queries, reverse("planning-library"), 12)
    _count(client, django_assert_max_num_queries, "/api/v1/planning/library", 10)
    _count(client, django_assert_max_num_queries, reverse("planning-plan", args=[plan.pk]), 14)
    _count(client, django_assert_max_num_queries, f"/api/v1/planning/plans/{plan.pk}", 14)
    assert len(entries) == rows
