"""Shared test fixtures: named personas (STYLE.md rule 12) for every app's tests."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.utils import translation
from pytest_django.fixtures import Settings

from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.orgs.tests.factories import OrganisationFactory, member
from govit.projects.models import Project


@pytest.fixture(autouse=True)
def _media_root(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Uploaded files go to a temporary folder, never to var/media."""
    root = tmp_path_factory.mktemp("media")
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture(autouse=True)
def _chinese_by_default() -> Iterator[None]:
    """Every test starts in the default language; a test that switches to English (the
    LocaleMiddleware activates a request's language in the thread) does not leak it."""
    translation.activate("zh-hans")
    yield
    translation.activate("zh-hans")


@pytest.fixture(autouse=True)
def _session_written_on_every_request(request: pytest.FixtureRequest) -> Iterator[None]:
    """SessionActivityMiddleware writes a session once a minute (ADR 0021): a test that counts
    queries would see a write or not depending on whether a minute turned between two
    requests. In tests every request falls in a new minute, so every request writes, always;
    except for the tests of that behaviour (marked ``session_clock``), which move the clock
    themselves."""
    if request.node.get_closest_marker("session_clock"):
        yield
        return
    with mock.patch("govit.orgs.middleware.current_minute", side_effect=itertools.count()):
        yield


@pytest.fixture(autouse=True)
def _small_demo(settings: Settings) -> None:
    """Demo data for tests: a smaller catalogue (the demo itself has a few hundred systems)."""
    settings.GOVIT_DEMO_SYSTEMS_PER_UNIT = 15


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    """Tests hash passwords with a fast hasher; production keeps Django's PBKDF2."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _second_factor_gate_off(settings: Settings) -> None:
    """Other apps' tests sign in with force_login; the 2FA gate has its own tests in orgs."""
    settings.GOVIT_2FA_ENFORCED = False


@pytest.fixture(autouse=True)
def _home_actions_uncached(settings: Settings) -> None:
    """Tests write data with factories, without audit events: the home page's next actions are
    computed afresh on every call; the cache has its own tests (govit/core/tests)."""
    settings.GOVIT_HOME_ACTIONS_CACHE_SECONDS = 0
    settings.GOVIT_DASHBOARD_CACHE_SECONDS = 0


@pytest.fixture
def shared_cache() -> Iterator[None]:
    """As with a shared cache (Redis, ``row_versions.shared``): the tests' local-memory cache
    stands in for it; every value kept by table version is forgotten before and after."""
    from django.core.cache import cache

    from govit.core import row_versions

    cache.clear()
    row_versions.forget_kept()
    with mock.patch.object(row_versions, "shared", return_value=True):
        yield
    row_versions.forget_kept()


@pytest.fixture
def competent_org(db: None) -> Organisation:
    return OrganisationFactory(name="市数据局", kind=Role.COMPETENT)


@pytest.fixture
def unit_org(db: None) -> Organisation:
    return OrganisationFactory(name="市民政局", kind=Role.UNIT, budget_unit_count=3)


@pytest.fixture
def other_unit_org(db: None) -> Organisation:
    return OrganisationFactory(name="市教育局", kind=Role.UNIT)


@pytest.fixture
def applicant(unit_org: Organisation) -> User:
    """申报单位经办人: a clerk of the project unit."""
    return member(Role.UNIT, unit_org, username="applicant", display_name="申报单位经办人")


@pytest.fixture
def other_applicant(other_unit_org: Organisation) -> User:
    """A clerk of another unit, who must not see the applicant's objects."""
    return member(Role.UNIT, other_unit_org, username="other", display_name="他单位经办人")


@pytest.fixture
def reviewer(competent_org: Organisation) -> User:
    """主管部门审核人: an official of the competent department."""
    return member(Role.COMPETENT, competent_org, username="reviewer", display_name="主管部门审核人")


@pytest.fixture
def finance_clerk(db: None) -> User:
    """财政科员."""
    return member(Role.FINANCE, username="finance", display_name="财政科员")


@pytest.fixture
def expert(db: None) -> User:
    """评审专家."""
    return member(Role.EXPERT, username="expert", display_name="评审专家")


@pytest.fixture
def vendor(db: None) -> User:
    """承建单位 staff."""
    return member(Role.VENDOR, username="vendor", display_name="承建单位项目经理")


@pytest.fixture
def leader(db: None) -> User:
    """分管领导: the people's government, which approves the largest projects."""
    return member(Role.GOVERNMENT, username="leader", display_name="分管领导")


@pytest.fixture
def project(applicant: User, unit_org: Organisation) -> Project:
    """A draft project of the applicant's unit (市民政局), in the Wuhan rulebook."""
    from govit.projects.tests.factories import ProjectFactory

    return ProjectFactory(unit=unit_org, name="社会救助信息系统")
