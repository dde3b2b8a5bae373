"""A user of one unit cannot see another unit's objects; oversight roles see all."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from govit.orgs import selectors, services
from govit.orgs.choices import Role
from govit.orgs.policies import owner_id
from govit.orgs.tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


def test_a_unit_sees_its_own_organisation_and_those_below_it(applicant, unit_org, other_unit_org):
    child = OrganisationFactory(parent=unit_org)
    visible = set(selectors.organisation_list(actor=applicant))
    assert visible == {unit_org, child}
    assert other_unit_org not in visible


def test_a_parent_unit_is_not_visible_to_its_child(unit_org):
    child = OrganisationFactory(parent=unit_org)
    clerk = member(Role.UNIT, child)
    assert set(selectors.organisation_list(actor=clerk)) == {child}


def test_the_competent_department_sees_every_organisation(reviewer, unit_org, other_unit_org):
    visible = set(selectors.organisation_list(actor=reviewer))
    assert {unit_org, other_unit_org} <= visible


def test_an_expert_sees_no_other_organisation(expert, unit_org):
    assert unit_org not in set(selectors.organisation_list(actor=expert))


def test_object_permission_follows_the_owning_unit(applicant, other_applicant, reviewer, unit_org):
    assert applicant.has_perm("orgs.view_organisation", unit_org)
    assert not other_applicant.has_perm("orgs.view_organisation", unit_org)
    assert reviewer.has_perm("orgs.view_organisation", unit_org)


def test_members_are_visible_to_the_unit_and_the_competent_department_only(
    applicant, other_applicant, reviewer, finance_clerk, unit_org
):
    assert applicant.has_perm("orgs.view_members", unit_org)
    assert reviewer.has_perm("orgs.view_members", unit_org)
    assert not other_applicant.has_perm("orgs.view_members", unit_org)
    assert not finance_clerk.has_perm("orgs.view_members", unit_org)


def test_an_inactive_user_sees_nothing(applicant, unit_org):
    applicant.is_active = False
    applicant.save()
    assert not applicant.has_perm("orgs.view_organisation", unit_org)
    assert not selectors.organisation_list(actor=applicant).exists()


def test_owner_id_reads_the_unit_of_an_object(unit_org):
    class Thing:
        unit_id = unit_org.pk

    assert owner_id(Thing()) == unit_org.pk
    assert owner_id(unit_org) == unit_org.pk
    assert owner_id(object()) is None


def test_another_units_organisation_page_is_not_found(client, other_applicant, unit_org):
    client.force_login(other_applicant)
    response = client.get(reverse("organisation-detail", args=[unit_org.pk]))
    assert response.status_code == 404


def test_the_unit_sees_its_organisation_page_with_members(client, applicant, unit_org):
    client.force_login(applicant)
    response = client.get(reverse("organisation-detail", args=[unit_org.pk]))
    assert response.status_code == 200
    assert "申报单位经办人" in response.content.decode()


def test_finance_sees_the_organisation_but_not_its_members(
    client, finance_clerk, unit_org, applicant
):
    client.force_login(finance_clerk)
    response = client.get(reverse("organisation-detail", args=[unit_org.pk]))
    assert response.status_code == 200
    assert "申报单位经办人" not in response.content.decode()


def test_the_organisation_list_keeps_its_query_count(
    client, reviewer, django_assert_max_num_queries
):
    for _ in range(30):
        OrganisationFactory(parent=OrganisationFactory())
    client.force_login(reviewer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("organisation-list"))
    assert response.status_code == 200


def test_the_organisation_pages_need_a_signed_in_user(client, unit_org):
    response = client.get(reverse("organisation-detail", args=[unit_org.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_it_refuses_an_organisation_with_a_bad_credit_code():
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(
            actor=None, name="坏代码单位", kind=Role.UNIT, credit_code="91350100M000100Y44"
        )
    assert "credit_code" in caught.value.message_dict


def test_it_refuses_a_parent_loop(unit_org):
    child = OrganisationFactory(parent=unit_org)
    unit_org.parent = child
    with pytest.raises(ValidationError) as caught:
        unit_org.full_clean()
    assert "parent" in caught.value.message_dict


def test_membership_changes_are_audited(reviewer, unit_org):
    from govit.core.models import AuditEvent

    user = services.user_create(actor=reviewer, username="new", password="Long-enough-2026")
    membership = services.membership_grant(
        actor=reviewer, user=user, organisation=unit_org, role=Role.UNIT
    )
    services.membership_revoke(actor=reviewer, membership=membership)
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions[-3:] == ["user.create", "membership.grant", "membership.revoke"]
