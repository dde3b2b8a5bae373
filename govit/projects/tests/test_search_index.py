"""The project search (name or code contains the words) is answered from the trigram indexes on
PostgreSQL (migration 0006) for words of three characters or more."""

from __future__ import annotations

import pytest
from django.db import connection

from govit.orgs.models import User
from govit.projects import selectors
from govit.projects.tests.factories import ProjectFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes: PostgreSQL"),
]


def _plan(actor: User, words: str) -> str:
    rows = selectors.project_list(actor=actor, filters=selectors.ProjectFilter(search=words))
    sql, params = rows.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        # Too few rows for the planner to prefer an index on its own: forbid the full scan.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_three_characters_or_more_are_read_from_the_trigram_indexes(reviewer: User) -> None:
    ProjectFactory.create_batch(3)
    plan = _plan(reviewer, "智慧水务")
    assert "projects_name_trgm" in plan
    assert "projects_code_trgm" in plan


def test_the_search_finds_by_name_and_by_code_in_any_case(reviewer: User) -> None:
    water = ProjectFactory(name="智慧水务平台建设")
    other = ProjectFactory(name="医疗健康系统")
    found = selectors.project_list(
        actor=reviewer, filters=selectors.ProjectFilter(search="水务平台")
    )
    assert list(found) == [water]
    code = other.code.lower()
    by_code = selectors.project_list(actor=reviewer, filters=selectors.ProjectFilter(search=code))
    assert list(by_code) == [other]
