"""The load benchmark (benchmarks/load.py) is slow and never runs in the suite; this checks
that its scenario parses and names real routes, without importing locust (which
monkey-patches the standard library with gevent), and its helpers: the choice of simulated
users by role, and the sessions it makes and removes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import Resolver404, resolve

from benchmarks import load
from benchmarks.forms_html import form_values
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User, UserSession
from govit.orgs.tests.factories import OrganisationFactory, UserFactory, member
from govit.projects.tests.factories import ProjectFactory

LOCUSTFILE = Path(load.__file__).with_name("locustfile.py")


def _tree() -> ast.Module:
    return ast.parse(LOCUSTFILE.read_text(encoding="utf-8"))


def _strings(name: str) -> tuple[str, ...]:
    for node in _tree().body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, tuple)
            return value
    raise AssertionError(f"{name} not found in the locustfile")


def test_the_scenario_names_three_kinds_of_user_with_tasks() -> None:
    classes = {n.name: n for n in _tree().body if isinstance(n, ast.ClassDef)}
    assert {"Official", "Clerk", "Leader"} <= set(classes)
    for name in ("Official", "Clerk", "Leader"):
        tasks = [
            f
            for f in classes[name].body
            if isinstance(f, ast.FunctionDef)
            and any("task" in ast.unparse(d) for d in f.decorator_list)
        ]
        assert tasks, name


def test_the_urls_it_reads_exist() -> None:
    urls = [*_strings("API_LISTS"), *_strings("PAGE_LISTS"), *load.SQL_RATIO_LISTS]
    urls += ["/", "/projects/", "/reports/", "/reports/finance/", "/projects/new/"]
    for url in urls:
        try:
            resolve(url.split("?")[0])
        except Resolver404:  # pragma: no cover - the failure message
            raise AssertionError(f"{url} is not a route") from None


def test_it_fills_a_form_as_a_browser_does() -> None:
    html = """<form><input type="hidden" name="csrfmiddlewaretoken" value="t">
    <input name="name" value="x"><input type="checkbox" name="a" value="1">
    <input type="checkbox" name="b" value="2" checked><select name="s"><option value="1">
    <option value="2" selected></select><select name="m" multiple><option value="3"></select>
    <textarea name="d">文本</textarea><input type="submit" name="go"></form>"""
    assert form_values(html) == {
        "csrfmiddlewaretoken": "t",
        "name": "x",
        "b": "2",
        "s": "2",
        "d": "文本",
    }


def test_evenly_spreads_a_choice_over_the_whole_list() -> None:
    assert load._evenly(list(range(10)), 3) == [0, 3, 6]
    assert load._evenly(list(range(10)), 10) == list(range(10))
    assert load._evenly([1, 2], 5) == [1, 2]
    assert load._evenly([], 5) == []


@pytest.mark.django_db
def test_without_the_demo_accounts_users_are_chosen_by_role_one_clerk_per_unit(
    reviewer: User,
    finance_clerk: User,
    leader: User,
    applicant: User,
    unit_org: Organisation,
    other_applicant: User,
    other_unit_org: Organisation,
) -> None:
    member(Role.UNIT, unit_org, username="applicant2")  # a second clerk of the same unit
    idle = OrganisationFactory(kind=Role.UNIT)
    member(Role.UNIT, idle, username="idle")  # a unit without projects
    closed = OrganisationFactory(kind=Role.UNIT)
    ProjectFactory(unit=closed)
    member(Role.UNIT, closed, username="gone", is_active=False)  # no active clerk
    ProjectFactory.create_batch(3, unit=unit_org)
    ProjectFactory(unit=other_unit_org)

    users = load.choose_users(clerk_units=5)

    assert users == {
        "official": ["reviewer"],
        "clerk": ["applicant", "other"],  # the larger portfolio first
        "leader": ["finance", "leader"],
    }
    assert load.choose_users(clerk_units=1)["clerk"] == ["applicant"]


@pytest.mark.django_db
def test_the_demo_accounts_are_used_when_they_are_all_there() -> None:
    for name in ("competent", "unit", "unit2", "finance", "government"):
        UserFactory(username=name)
    assert load.choose_users() == {
        "official": ["competent"],
        "clerk": ["unit", "unit2"],
        "leader": ["finance", "government"],
    }


@pytest.mark.django_db
def test_sessions_sign_users_in_without_touching_them_and_are_removed(
    client: Client, reviewer: User, applicant: User, unit_org: Organisation
) -> None:
    ProjectFactory(unit=unit_org)
    sessions = load.make_sessions({"official": ["reviewer"], "clerk": ["applicant"]}, 2)

    assert [name for name, _key in sessions["official"]] == ["reviewer", "reviewer"]
    key = sessions["clerk"][0][1]
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    assert client.get("/api/v1/projects").json()["count"] == 1
    applicant.refresh_from_db()
    assert applicant.last_login is None  # the user's row is as it was
    keys = [key for pairs in sessions.values() for _name, key in pairs]
    assert UserSession.objects.filter(session_key__in=keys).count() == 4

    assert load.remove_sessions(keys) == 4
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert not UserSession.objects.exists()


def test_on_an_existing_database_the_clerks_file_no_projects() -> None:
    (new_project,) = (
        f for f in ast.walk(_tree()) if isinstance(f, ast.FunctionDef) and f.name == "new_project"
    )
    assert [ast.unparse(d) for d in new_project.decorator_list] == ["task(0 if READ_ONLY else 1)"]
