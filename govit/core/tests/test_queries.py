"""``covering``: a range for dense ids, the ids themselves otherwise."""

from __future__ import annotations

from django.db.models import Q

from govit.core.queries import covering


def test_dense_ids_are_covered_by_their_range():
    assert covering("project_id", [10, 11, 13, 15]) == Q(project_id__gte=10, project_id__lte=15)


def test_the_range_may_hold_as_many_others_as_ids_less_one():
    assert covering("pk", [1, 4]) == Q(pk__gte=1, pk__lte=4)
    assert covering("pk", [1, 5]) == Q(pk__in=[1, 5])


def test_sparse_and_no_ids_are_listed():
    assert covering("pk", [1, 1000]) == Q(pk__in=[1, 1000])
    assert covering("pk", []) == Q(pk__in=[])
