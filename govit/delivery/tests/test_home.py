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
