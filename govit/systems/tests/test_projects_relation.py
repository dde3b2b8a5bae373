"""System.projects: the projects that built or changed a system, filled from the census codes."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from govit.projects.tests.factories import ProjectFactory
from govit.systems import home, services, xlsx
from govit.systems.models import System
from govit.systems.tests.factories import SystemFactory
from govit.systems.tests.test_xlsx import row, workbook

pytestmark = pytest.mark.django_db


def test_registering_a_system_relates_the_projects_its_codes_name(applicant, unit_org, project):
    data = {
        "name": "社会救助管理系统",
        "code": "XT-MZ-301",
        "unit": unit_org,
        "project_codes": f"{project.code.lower()}，NO-SUCH-1",
    }
    system = services.system_create(actor=applicant, data=data)
    assert list(system.projects.all()) == [project]
    assert list(project.catalogued_systems.all()) == [system]


def test_changing_the_codes_relinks_and_a_longer_code_is_not_a_match(applicant, unit_org, project):
    longer = ProjectFactory(unit=unit_org, code=f"{project.code}9")
    system = SystemFactory(unit=unit_org)
    services.system_update(actor=applicant, system=system, data={"project_codes": longer.code})
    assert list(system.projects.all()) == [longer]
    services.system_update(actor=applicant, system=system, data={"project_codes": ""})
    assert list(system.projects.all()) == []


def test_the_census_import_fills_the_relation(applicant, unit_org, project):
    upload = workbook([row(unit_org, **{"建设/改造项目编号": project.code})])
    result = xlsx.systems_import(actor=applicant, upload=upload)
    assert result.errors == []
    assert list(System.objects.get(code="XT-MZ-101").projects.all()) == [project]


def test_the_migration_links_the_existing_codes(unit_org, project):
    system = SystemFactory(unit=unit_org, project_codes=f"{project.code}, OLD-1")
    other = SystemFactory(unit=unit_org, project_codes="")
    migration = importlib.import_module("govit.systems.migrations.0002_system_projects")
    migration.link_existing(apps, None)
    migration.link_existing(apps, None)  # twice: nothing is added again
    assert list(system.projects.all()) == [project]
    assert list(other.projects.all()) == []


def test_both_pages_show_the_relation(client, applicant, unit_org, project):
    system = services.system_create(
        actor=applicant,
        data={
            "name": "社会救助管理系统",
            "code": "XT-MZ-302",
            "unit": unit_org,
            "project_codes": f"{project.code}, OLD-1",
        },
    )
    client.force_login(applicant)
    page = client.get(reverse("system-detail", args=[system.pk])).content.decode()
    assert reverse("project-detail", args=[project.pk]) in page
    assert "OLD-1" in page
    links = list(home.project_links(applicant, project))
    assert len(links) == 1
    assert links[0].count == 1
    assert system.name in links[0].detail
    listed = client.get(links[0].url).content.decode()
    assert system.code in listed


def test_a_system_naming_a_longer_code_is_not_on_the_projects_page(applicant, unit_org, project):
    ProjectFactory(unit=unit_org, code=f"{project.code}9")
    SystemFactory(unit=unit_org, project_codes=f"{project.code}9")
    assert list(home.project_links(applicant, project)) == []
