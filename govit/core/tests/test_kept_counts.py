"""Whole-table counts kept until a row is added or deleted (``core.pages.count``)."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.urls import reverse

from govit.core import pages, row_versions
from govit.orgs.choices import Role
from govit.orgs.models import Organisation
from govit.orgs.tests.factories import OrganisationFactory, member
from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_whole_table_is_counted_once_until_a_row_is_added_or_deleted(
    shared_cache: None, django_assert_num_queries: Any
) -> None:
    unit = OrganisationFactory(kind=Role.UNIT)
    first = ProjectFactory(unit=unit)
    whole = Project.objects.select_related("unit").order_by("-created_at")
    with django_assert_num_queries(1):
        assert pages.count(whole) == 1
    with django_assert_num_queries(0):
        assert pages.count(Project.objects.all()) == 1
    first.name = "改名的项目"
    first.save()  # an update changes no count: still kept
    with django_assert_num_queries(0):
        assert pages.count(whole) == 1
    second = ProjectFactory(unit=unit)
    with django_assert_num_queries(1):
        assert pages.count(whole) == 2
    second.delete()
    with django_assert_num_queries(1):
        assert pages.count(whole) == 1


def test_a_filtered_list_or_an_untracked_table_is_counted_each_time(
    shared_cache: None, django_assert_num_queries: Any
) -> None:
    unit = OrganisationFactory(kind=Role.UNIT)
    ProjectFactory(unit=unit)
    assert not row_versions.tracks_rows(Organisation)
    for _round in range(2):
        with django_assert_num_queries(1):
            assert pages.count(Project.objects.filter(unit=unit)) == 1
        with django_assert_num_queries(1):
            assert pages.count(Project.objects.all().distinct()) == 1
        with django_assert_num_queries(1):
            assert pages.count(Organisation.objects.all()) == 1


def test_without_a_shared_cache_the_table_is_counted_each_time(
    django_assert_num_queries: Any,
) -> None:
    ProjectFactory(unit=OrganisationFactory(kind=Role.UNIT))
    for _round in range(2):
        with django_assert_num_queries(1):
            assert pages.count(Project.objects.all()) == 1


def test_a_bulk_insert_of_the_generator_gives_a_new_count(shared_cache: None) -> None:
    from govit.generate.base import Context

    unit = OrganisationFactory(kind=Role.UNIT)
    ProjectFactory(unit=unit)
    assert pages.count(Project.objects.all()) == 1
    built = ProjectFactory.build(unit=unit, code="GEN-1")
    Context.insert(mock.Mock(counts=mock.MagicMock()), Project, [built])
    assert pages.count(Project.objects.all()) == 2


def test_the_competent_departments_list_shows_the_kept_count(
    shared_cache: None, client: Any
) -> None:
    official = member(Role.COMPETENT)
    unit = OrganisationFactory(kind=Role.UNIT)
    ProjectFactory(unit=unit)
    client.force_login(official)
    assert client.get(reverse("project-list")).context["page"].paginator.count == 1
    ProjectFactory(unit=unit)
    assert client.get(reverse("project-list")).context["page"].paginator.count == 2
