"""The O&M funding decision reads the owner unit's evaluation result (Harbin 第三十四条, Wuhan
第二十三条), and both pages show the link."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.fixtures import Settings

from govit.evaluation.models import Evaluation
from govit.orgs.models import Organisation, User
from govit.policy import loader
from govit.projects.models import Project
from govit.systems import funding
from govit.systems.models import System
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 11, 24)


def evaluated(project: Project, by: User, total: str, on: dt.date = DAY) -> Evaluation:
    return Evaluation.objects.create(
        project=project, kind="self", conducted_on=on, total=Decimal(total), recorded_by=by
    )


def system_of(unit: Organisation) -> System:
    return SystemFactory(
        unit=unit,
        shares_data=True,
        duplicate_collection=False,
        in_data_catalog=True,
        security_compliant=True,
        crypto_compliant=True,
        major_hazard=False,
    )


def decide(system: System, rulebook: str = "harbin") -> funding.FundingResult:
    return funding.om_funding_evaluate(system, rulebook=loader.get(rulebook), as_of=DAY)


def test_below_the_lowest_band_the_result_is_poor_and_warns(
    project: Project, unit_org: Organisation, reviewer: User
) -> None:
    evaluated(project, reviewer, "59.99")
    result = decide(system_of(unit_org))
    assert result.evaluation is not None
    assert (result.evaluation.year, result.evaluation.grade) == (2026, "poor")
    assert result.evaluation.score == Decimal("59.99")
    reason = result.evaluation_reason
    assert reason is not None
    assert (reason.severity, reason.article, reason.article_number) == ("warn", "第三十四条", 34)
    assert reason in result.reasons
    assert result.decision == "eligible"  # a basis, not a withholding


def test_at_the_lowest_band_the_result_is_fair_and_only_informs(
    project: Project, unit_org: Organisation, reviewer: User
) -> None:
    evaluated(project, reviewer, "60.00")
    result = decide(system_of(unit_org), "wuhan")
    assert result.evaluation is not None
    assert result.evaluation.grade == "fair"
    assert result.evaluation_reason is not None
    assert (result.evaluation_reason.severity, result.evaluation_reason.article) == (
        "info",
        "第二十三条",
    )


def test_last_years_result_is_read_when_this_years_is_not_in(
    project: Project, unit_org: Organisation, reviewer: User
) -> None:
    system = system_of(unit_org)
    evaluated(project, reviewer, "50", on=dt.date(2024, 6, 1))
    assert decide(system).evaluation is None
    evaluated(project, reviewer, "55", on=dt.date(2025, 6, 1))
    result = decide(system)
    assert result.evaluation is not None
    assert result.evaluation.year == 2025
    evaluated(project, reviewer, "95", on=dt.date(2026, 3, 1))
    result = decide(system)
    assert result.evaluation is not None
    assert (result.evaluation.year, result.evaluation.grade) == (2026, "excellent")


def test_another_units_result_is_not_read(
    project: Project, other_unit_org: Organisation, reviewer: User
) -> None:
    evaluated(project, reviewer, "40")
    assert decide(system_of(other_unit_org)).evaluation is None


def test_gaoping_reads_no_result_for_o_and_m_funds(
    project: Project, unit_org: Organisation, reviewer: User
) -> None:
    evaluated(project, reviewer, "40")
    result = decide(system_of(unit_org), "gaoping")
    assert result.evaluation is None
    assert result.evaluation_reason is None


def test_the_system_page_shows_the_result_used_and_its_article(
    client: Client,
    settings: Settings,
    project: Project,
    unit_org: Organisation,
    applicant: User,
    reviewer: User,
) -> None:
    settings.GOVIT_RULEBOOK = "harbin"
    settings.LANGUAGE_CODE = "zh-hans"
    evaluated(project, reviewer, "59.99", on=timezone.localdate())
    system = system_of(unit_org)
    client.force_login(applicant)
    page = client.get(reverse("system-detail", args=[system.pk])).content.decode()
    assert 'data-testid="om-funding-evaluation"' in page
    assert "59.99" in page
    assert "/regulations/harbin/34/" in page
    assert reverse("evaluation-index") in page


def test_the_evaluation_pages_link_to_the_systems_whose_funding_reads_the_result(
    client: Client, project: Project, reviewer: User
) -> None:
    client.force_login(reviewer)
    index = client.get(reverse("evaluation-index")).content.decode()
    assert index.count('data-testid="use-systems"') == 2  # Harbin and Wuhan
    assert project.rulebook == "wuhan"
    page = client.get(reverse("evaluation-project", args=[project.pk])).content.decode()
    assert f"{reverse('system-list')}?unit={project.unit_id}" in page
    Project.objects.filter(pk=project.pk).update(rulebook="gaoping")
    page = client.get(reverse("evaluation-project", args=[project.pk])).content.decode()
    assert 'data-testid="use-systems"' not in page


def test_the_funding_endpoint_names_the_result_and_its_article(
    client: Client,
    settings: Settings,
    project: Project,
    unit_org: Organisation,
    applicant: User,
    reviewer: User,
) -> None:
    settings.GOVIT_RULEBOOK = "wuhan"
    system = system_of(unit_org)
    client.force_login(applicant)
    url = f"/api/v1/systems/{system.pk}/om-funding"
    assert client.get(url).json()["evaluation"] is None
    evaluated(project, reviewer, "59.99", on=timezone.localdate())
    body = client.get(url).json()
    assert body["evaluation"]["grade"] == "poor"
    assert body["evaluation"]["article"] == "第二十三条"
    assert Decimal(body["evaluation"]["score"]) == Decimal("59.99")


def test_a_batch_of_systems_reads_the_results_of_all_their_units_in_four_queries(
    project: Project,
    unit_org: Organisation,
    other_unit_org: Organisation,
    reviewer: User,
    django_assert_num_queries: Any,
) -> None:
    from govit.evaluation.results import om_funding_results, unit_result
    from govit.orgs.tests.factories import OrganisationFactory
    from govit.projects.tests.factories import ProjectFactory

    evaluated(project, reviewer, "55", on=dt.date(2025, 6, 1))
    evaluated(project, reviewer, "95", on=dt.date(2026, 3, 1))
    evaluated(project, reviewer, "85", on=dt.date(2026, 4, 1))
    other = ProjectFactory(unit=other_unit_org)
    evaluated(other, reviewer, "70", on=dt.date(2025, 6, 1))
    units = [unit_org, other_unit_org, *OrganisationFactory.create_batch(5)]
    systems = [system_of(unit) for unit in units for _ in range(2)]
    with django_assert_num_queries(4):  # two years, own and assessed evaluations
        found = om_funding_results(systems, DAY)
    mine, theirs = systems[0], systems[2]
    assert found[mine.pk].year == 2026
    assert found[mine.pk].score == unit_result(unit_org, 2026).average == Decimal("90.00")
    assert (found[theirs.pk].year, found[theirs.pk].score) == (2025, Decimal("70.00"))
    assert set(found) == {s.pk for s in systems[:4]}


def test_over_the_whole_portfolio_the_results_of_every_unit_are_read_once(
    project: Project,
    unit_org: Organisation,
    other_unit_org: Organisation,
    reviewer: User,
    django_assert_num_queries: Any,
) -> None:
    from govit.evaluation.results import om_funding_results
    from govit.orgs.tests.factories import OrganisationFactory
    from govit.projects.tests.factories import ProjectFactory
    from govit.systems.facts import whole_portfolio

    evaluated(project, reviewer, "55", on=dt.date(2025, 6, 1))
    evaluated(project, reviewer, "95", on=dt.date(2026, 3, 1))
    other = ProjectFactory(unit=other_unit_org)
    evaluated(other, reviewer, "70", on=dt.date(2025, 6, 1))
    evaluated(other, reviewer, "80", on=dt.date(2024, 6, 1))  # too old: not read
    units = [unit_org, other_unit_org, *OrganisationFactory.create_batch(3)]
    systems = [system_of(unit) for unit in units]
    expected = om_funding_results(systems, DAY)
    with whole_portfolio():
        with django_assert_num_queries(4):
            first = om_funding_results(systems[:2], DAY)
        with django_assert_num_queries(0):
            rest = om_funding_results(systems[2:], DAY)
    assert {**first, **rest} == expected
    assert expected[systems[1].pk].year == 2025
