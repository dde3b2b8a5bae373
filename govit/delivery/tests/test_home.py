"""The home page's delivery action: approved projects without an approval record."""

import pytest

from govit.delivery.home import next_actions
from govit.delivery.tests.helpers import approved_project, record_approval

pytestmark = pytest.mark.django_db


def test_it_counts_approved_projects_without_a_record(applicant, finance_clerk, unit_org):
    recorded = approved_project(unit_org)
    record_approval(applicant, recorded)
    approved_project(unit_org)
    approved_project(unit_org, approved_on=None, state="draft")
    actions = list(next_actions(applicant))
    assert [a.count for a in actions] == [1]
    assert list(next_actions(finance_clerk)) == []


def test_another_unit_sees_no_action(other_applicant, unit_org):
    approved_project(unit_org)
    assert list(next_actions(other_applicant)) == []


def test_the_competent_department_sees_changes_to_approve(applicant, reviewer, unit_org):
    import datetime as dt
    from decimal import Decimal

    from govit.delivery import changes

    project = approved_project(unit_org, approved_estimate=Decimal("1000000"))
    changes.change_request(
        actor=applicant,
        project=project,
        reason="technical_optimization",
        description="x",
        amount=Decimal("1.00"),
        requested_on=dt.date(2026, 7, 1),
    )
    labels = {a.label: a.count for a in next_actions(reviewer)}
    assert labels["批准变更"] == 1
    assert "批准变更" not in {a.label for a in next_actions(applicant)}


def test_the_index_lists_projects_and_vendor_contracts(
    client, applicant, vendor, unit_org, django_assert_max_num_queries
):
    from decimal import Decimal

    from django.urls import reverse

    from govit.delivery import contracts

    project = approved_project(unit_org)
    vendor_org = vendor.active_memberships[0].organisation
    contracts.contract_record(
        actor=applicant,
        project=project,
        title="建设合同",
        vendor=vendor_org,
        parties=["unit", "vendor"],
        amount=Decimal("1.00"),
        signed_on=project.approved_on,
    )
    client.force_login(applicant)
    with django_assert_max_num_queries(12):
        assert project.name in client.get(reverse("delivery-index")).content.decode()
    client.force_login(vendor)
    page = client.get(reverse("delivery-index")).content.decode()
    assert "建设合同" in page
    assert [a.label for a in next_actions(vendor)] == ["您的合同"]
