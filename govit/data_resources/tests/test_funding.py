"""The O&M funding of a system follows the data-resource catalogue and the acceptance filing
of the project that built it, recomputed by the daily tick."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from govit.core import ticks
from govit.data_resources import services, sharing
from govit.data_resources.choices import ResourceStatus
from govit.data_resources.tests.factories import DataResourceFactory
from govit.policy import loader
from govit.systems import funding
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def gaoping(settings):
    settings.GOVIT_RULEBOOK = "gaoping"
    return loader.get("gaoping")


@pytest.fixture
def harbin(settings):
    settings.GOVIT_RULEBOOK = "harbin"
    return loader.get("harbin")


@pytest.fixture
def system(unit_org):
    return SystemFactory(
        unit=unit_org,
        docked_service_platform=True,
        shares_data=True,
        in_data_catalog=True,
        security_compliant=True,
        crypto_compliant=True,
        major_hazard=False,
        duplicate_collection=False,
    )


def test_a_system_whose_entries_are_all_unpublished_is_not_in_the_catalogue(harbin, system):
    DataResourceFactory(unit=system.unit, source_system=system, status=ResourceStatus.DRAFT)
    result = funding.om_funding_evaluate(system, rulebook=harbin)
    assert result.decision == "withheld"
    assert result.article == "第三十五条"


def test_an_overturned_refusal_withholds_and_a_new_year_restores_o_and_m_funding(
    gaoping, system, reviewer, applicant, other_applicant, other_unit_org
):
    resource = DataResourceFactory(
        unit=system.unit, source_system=system, status=ResourceStatus.PUBLISHED
    )
    assert funding.om_funding_evaluate(system, rulebook=gaoping).decision == "eligible"
    day = timezone.localdate()
    request = sharing.sharing_request_create(
        actor=other_applicant,
        resource=resource,
        requester=other_unit_org,
        purpose="核对",
        today=day,
    )
    request = sharing.sharing_request_check(actor=reviewer, request=request, today=day)
    request = sharing.sharing_request_answer(
        actor=applicant, request=request, grant=False, reason="不便提供"
    )
    sharing.sharing_request_arbitrate(actor=reviewer, request=request, uphold=False, note="无依据")
    result = funding.system_recompute_funding(actor=None, system=system, rulebook=gaoping)
    assert result.decision == "withheld"
    assert any(reason.article == "第十一条" for reason in result.reasons)
    system.refresh_from_db()
    assert system.shares_data is False
    later = day + dt.timedelta(days=400)
    result = funding.system_recompute_funding(
        actor=None, system=system, rulebook=gaoping, as_of=later
    )
    assert result.decision == "eligible"


def test_an_unfiled_acceptance_withholds_funding_with_article_20(gaoping, system, project):
    project.accepted_on = dt.date(2025, 3, 3)
    project.save()
    system.project_codes = project.code
    system.save()
    DataResourceFactory(unit=system.unit, source_system=system, status=ResourceStatus.PUBLISHED)
    result = funding.om_funding_evaluate(system, rulebook=gaoping)
    assert result.decision == "withheld"
    assert "第二十条" in {reason.article for reason in result.reasons}
    project.acceptance_filed_on = dt.date(2025, 3, 20)
    project.save()
    assert funding.om_funding_evaluate(system, rulebook=gaoping).decision == "eligible"


def test_the_tick_stores_the_decision_and_the_page_shows_its_reasons(
    harbin, monkeypatch, client, applicant, system
):
    monkeypatch.setattr(loader, "active", lambda: harbin)
    resource = DataResourceFactory(
        unit=system.unit, source_system=system, status=ResourceStatus.PUBLISHED
    )
    assert "systems.om_funding" in {job.name for job in ticks.jobs()}
    funding.tick()
    system.refresh_from_db()
    assert system.om_funding == "eligible"
    services.resource_withdraw(actor=applicant, resource=resource, note="停用")
    funding.tick()
    system.refresh_from_db()
    assert system.om_funding == "withheld"
    assert system.in_data_catalog is False
    client.force_login(applicant)
    page = client.get(reverse("system-detail", args=[system.pk])).content.decode()
    assert "第三十五条" in page


def test_a_projects_page_links_to_the_systems_it_built(client, applicant, system, project):
    system.project_codes = f"{project.code}, 2020-OTHER-1"
    system.save()
    client.force_login(applicant)
    page = client.get(reverse("project-detail", args=[project.pk])).content.decode()
    assert "本项目建设或改造的信息系统" in page
    listed = client.get(reverse("system-list"), {"project": project.code})
    assert [s.pk for s in listed.context["page"]] == [system.pk]
