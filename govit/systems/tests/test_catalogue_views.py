"""The catalogue pages: scoping, filters, forms with Chinese errors, refused roles."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govit.orgs.tests.factories import OrganisationFactory
from govit.systems.models import System
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(unit_org):
    return SystemFactory(unit=unit_org, name="民政救助管理系统", code="XT-MZ-001")


@pytest.fixture
def foreign(other_unit_org):
    return SystemFactory(unit=other_unit_org, name="教育资助系统", code="XT-JY-001")


def form_data(unit, **overrides):
    data = {
        "name": "低保审批系统",
        "code": "xt-mz-002",
        "unit": unit.pk,
        "network": "extranet",
        "build_cost": "800000",
        "om_cost": "90000",
        "status": "running",
        "crypto_status": "pending",
        "shares_data": "unknown",
        "duplicate_collection": "unknown",
        "in_data_catalog": "true",
        "security_compliant": "true",
        "crypto_compliant": "unknown",
        "major_hazard": "false",
    }
    data.update(overrides)
    return data


def test_it_lists_only_the_units_own_systems_and_those_below(
    client, applicant, unit_org, own, foreign
):
    child_system = SystemFactory(unit=OrganisationFactory(parent=unit_org))
    client.force_login(applicant)
    page = client.get(reverse("system-list")).content.decode()
    assert own.name in page
    assert child_system.name in page
    assert foreign.name not in page


def test_it_lets_oversight_roles_read_every_system(client, finance_clerk, own, foreign):
    client.force_login(finance_clerk)
    page = client.get(reverse("system-list")).content.decode()
    assert own.name in page
    assert foreign.name in page
    assert client.get(reverse("system-detail", args=[foreign.pk])).status_code == 200
    assert client.get(reverse("system-edit", args=[foreign.pk])).status_code == 403


def test_it_answers_404_for_another_units_system_on_every_page(client, other_applicant, own):
    client.force_login(other_applicant)
    for name in ("system-detail", "system-edit", "system-dispose"):
        method = client.post if name == "system-dispose" else client.get
        assert method(reverse(name, args=[own.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["expert", "vendor"])
def test_it_refuses_assigned_only_roles(client, request, persona, own):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("system-list")).status_code == 403
    assert client.get(reverse("system-create")).status_code == 403
    assert client.get(reverse("system-import")).status_code == 403
    assert client.get(reverse("system-proposals")).status_code == 403
    assert client.get(reverse("system-dispositions")).status_code == 403
    assert client.get(reverse("system-detail", args=[own.pk])).status_code == 404


def test_it_needs_a_signed_in_user(client, own):
    response = client.get(reverse("system-list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_it_filters_by_unit_status_cloud_and_level(client, reviewer, own, foreign):
    SystemFactory(
        unit=own.unit, name="上云系统", on_gov_cloud=True, mlps_level=3, status="building"
    )
    client.force_login(reviewer)
    url = reverse("system-list")
    page = client.get(url, {"unit": own.unit.pk}).content.decode()
    assert own.name in page
    assert foreign.name not in page
    page = client.get(
        url, {"cloud": "yes", "mlps_level": "3", "status": "building"}
    ).content.decode()
    assert "上云系统" in page
    assert own.name not in page
    page = client.get(url, {"q": "资助"}).content.decode()
    assert foreign.name in page
    assert own.name not in page


def test_it_renders_the_table_partial_for_htmx(client, reviewer, own):
    client.force_login(reviewer)
    response = client.get(reverse("system-list"), HTTP_HX_REQUEST="true")
    assert "<html" not in response.content.decode()
    assert own.name in response.content.decode()


def test_the_list_query_count_does_not_grow_with_the_page(client, reviewer, unit_org):
    SystemFactory.create_batch(3, unit=unit_org)
    client.force_login(reviewer)
    client.get(reverse("system-list"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("system-list"))
    SystemFactory.create_batch(30, unit=OrganisationFactory())
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("system-list"))
    assert len(many) == len(few)


def test_it_registers_a_system_for_the_own_unit(client, applicant, unit_org):
    client.force_login(applicant)
    response = client.post(reverse("system-create"), form_data(unit_org))
    system = System.objects.get(code="XT-MZ-002")
    assert response.status_code == 302
    assert system.unit == unit_org
    assert system.in_data_catalog is True
    assert system.shares_data is None


def test_it_shows_field_errors_in_chinese(client, applicant, unit_org, own):
    client.force_login(applicant)
    data = form_data(unit_org, code="XT-MZ-001", mlps_level="7", build_cost="-1", name="")
    response = client.post(reverse("system-create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "这个字段是必填项" in page
    assert "已存在" in page
    assert "小于或等于5" in page
    assert "大于或等于0" in page


def test_a_unit_cannot_register_a_system_for_another_unit(client, applicant, other_unit_org):
    client.force_login(applicant)
    response = client.post(reverse("system-create"), form_data(other_unit_org))
    assert response.status_code == 200
    assert not System.objects.filter(code="XT-MZ-002").exists()


def test_a_unit_cannot_declare_its_system_a_zombie(client, applicant, unit_org, own):
    client.force_login(applicant)
    data = form_data(unit_org, code=own.code, status="zombie")
    response = client.post(reverse("system-edit", args=[own.pk]), data)
    assert "只有主管部门" in response.content.decode()
    own.refresh_from_db()
    assert own.status == "running"


def test_the_competent_department_edits_any_system(client, reviewer, foreign):
    client.force_login(reviewer)
    data = form_data(foreign.unit, code=foreign.code, name="教育资助管理系统")
    response = client.post(reverse("system-edit", args=[foreign.pk]), data)
    assert response.status_code == 302
    foreign.refresh_from_db()
    assert foreign.name == "教育资助管理系统"


def test_the_detail_page_shows_facts_in_wan_yuan(client, applicant, own):
    client.force_login(applicant)
    page = client.get(reverse("system-detail", args=[own.pk])).content.decode()
    assert "120万元" in page
    assert "运维经费" in page


def test_the_home_page_offers_the_catalogue_and_open_proposals(client, reviewer, own):
    from govit.systems import detection

    detection.zombie_propose(actor=None)
    client.force_login(reviewer)
    page = client.get(reverse("home")).content.decode()
    assert "政务信息系统目录" in page
    assert "审定僵尸、影子系统建议" in page


def test_the_home_page_does_not_offer_the_catalogue_to_experts(client, expert):
    client.force_login(expert)
    assert "政务信息系统目录" not in client.get(reverse("home")).content.decode()
