"""The catalogue's lifecycle: compile, review, publish, withdraw; grades; desensitisation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from govit.core.models import AuditEvent
from govit.data_resources import grading, selectors, services
from govit.data_resources.choices import ResourceStatus
from govit.data_resources.errors import NotAllowed, Refused
from govit.data_resources.services import TRANSITIONS
from govit.data_resources.tests.factories import ITEMS, DataResourceFactory, resource_data
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db


def published(unit, reviewer, applicant, **facts):
    resource = services.resource_create(
        actor=applicant, data=resource_data(unit, **facts), items=ITEMS
    )
    services.resource_submit(actor=applicant, resource=resource)
    services.resource_review(actor=reviewer, resource=resource, approve=True)
    return services.resource_publish(actor=reviewer, resource=resource)


def test_it_grades_an_entry_at_its_highest_item(applicant, unit_org):
    resource = services.resource_create(actor=applicant, data=resource_data(unit_org), items=ITEMS)
    assert resource.grade == "important"
    assert AuditEvent.objects.filter(action="data_resource.create").count() == 1


@pytest.mark.parametrize(
    ("grades", "expected"),
    [
        (["general-1", "general-4", "general-2"], "general-4"),
        (["general-4", "important"], "important"),
        (["important", "core", "general-1"], "core"),
        (["general-1"], "general-1"),
        ([], ""),
    ],
)
def test_it_takes_the_highest_grade(grades, expected):
    assert grading.highest(grades) == expected


def test_sub_levels_of_general_data_are_a_setting(settings):
    settings.GOVIT_DATA_GENERAL_SUBLEVELS = 0
    assert grading.grade_codes() == ["core", "important", "general"]
    settings.GOVIT_DATA_GENERAL_SUBLEVELS = 2
    assert grading.grade_codes() == ["core", "important", "general-2", "general-1"]
    assert not grading.is_valid("general-3")


def test_it_walks_the_whole_lifecycle(applicant, reviewer, unit_org):
    resource = published(unit_org, reviewer, applicant)
    assert resource.status == ResourceStatus.PUBLISHED
    assert resource.released_on is not None
    services.resource_withdraw(actor=reviewer, resource=resource, note="数据源停用")
    resource.refresh_from_db()
    assert resource.status == ResourceStatus.WITHDRAWN
    moves = list(resource.history.values_list("to_status", flat=True))
    assert moves == ["submitted", "approved", "published", "withdrawn"]


@pytest.mark.parametrize("start", list(ResourceStatus.values))
@pytest.mark.parametrize("to", list(ResourceStatus.values))
def test_the_transition_table_is_enforced(start, to, reviewer, applicant, unit_org):
    resource = DataResourceFactory(unit=unit_org, status=start)
    allowed = to in TRANSITIONS[start]
    calls = {
        ResourceStatus.SUBMITTED: lambda: services.resource_submit(
            actor=applicant, resource=resource
        ),
        ResourceStatus.APPROVED: lambda: services.resource_review(
            actor=reviewer, resource=resource, approve=True
        ),
        ResourceStatus.RETURNED: lambda: services.resource_review(
            actor=reviewer, resource=resource, approve=False, note="补充信息项"
        ),
        ResourceStatus.PUBLISHED: lambda: services.resource_publish(
            actor=reviewer, resource=resource
        ),
        ResourceStatus.WITHDRAWN: lambda: services.resource_withdraw(
            actor=reviewer, resource=resource, note="下架"
        ),
    }
    if to == ResourceStatus.DRAFT:
        return  # nothing moves an entry back to draft
    if allowed:
        calls[to]()
        resource.refresh_from_db()
        assert resource.status == to
    else:
        with pytest.raises(Refused):
            calls[to]()


def test_it_refuses_to_open_data_that_is_not_desensitised(applicant, reviewer, unit_org):
    data = resource_data(unit_org, open_type="unconditional")
    resource = services.resource_create(actor=applicant, data=data, items=ITEMS)
    with pytest.raises(Refused) as refused:
        services.resource_submit(actor=applicant, resource=resource)
    assert "第二十五条" in refused.value.detail
    assert refused.value.field == "desensitised"
    services.resource_update(actor=applicant, resource=resource, data={"desensitised": True})
    services.resource_submit(actor=applicant, resource=resource)


def test_the_sharing_type_needs_its_condition_or_basis(applicant, unit_org):
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            actor=applicant,
            data=resource_data(unit_org, sharing_type="none", sharing_method=""),
            items=ITEMS,
        )
    assert "no_sharing_basis" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            actor=applicant, data=resource_data(unit_org, sharing_condition=""), items=ITEMS
        )
    assert "sharing_condition" in error.value.message_dict


def test_a_file_resource_is_shared_as_a_file(applicant, unit_org):
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            actor=applicant,
            data=resource_data(unit_org, format="spreadsheet", sharing_method="database"),
            items=ITEMS,
        )
    assert "sharing_method" in error.value.message_dict


def test_another_unit_may_not_compile_or_edit_a_units_entries(applicant, other_applicant, unit_org):
    with pytest.raises(NotAllowed):
        services.resource_create(actor=other_applicant, data=resource_data(unit_org), items=ITEMS)
    resource = DataResourceFactory(unit=unit_org)
    with pytest.raises(NotAllowed):
        services.resource_update(actor=other_applicant, resource=resource, data={"name": "x"})
    with pytest.raises(NotAllowed):
        services.resource_submit(actor=other_applicant, resource=resource)


def test_a_unit_may_not_review_or_publish(applicant, unit_org):
    resource = DataResourceFactory(unit=unit_org, status=ResourceStatus.SUBMITTED)
    with pytest.raises(NotAllowed):
        services.resource_review(actor=applicant, resource=resource, approve=True)
    resource = DataResourceFactory(unit=unit_org, status=ResourceStatus.APPROVED)
    with pytest.raises(NotAllowed):
        services.resource_publish(actor=applicant, resource=resource)


def test_the_source_system_is_the_provider_units(applicant, unit_org, other_unit_org):
    system = SystemFactory(unit=other_unit_org)
    with pytest.raises(ValidationError) as error:
        services.resource_create(
            actor=applicant, data=resource_data(unit_org, source_system=system), items=ITEMS
        )
    assert "source_system" in error.value.message_dict


def test_units_see_their_drafts_and_every_published_entry(
    applicant, other_applicant, reviewer, unit_org, other_unit_org
):
    draft = DataResourceFactory(unit=unit_org)
    public = DataResourceFactory(unit=unit_org, status=ResourceStatus.PUBLISHED)
    other_draft = DataResourceFactory(unit=other_unit_org)
    seen = set(selectors.resource_list(actor=other_applicant))
    assert public in seen
    assert other_draft in seen
    assert draft not in seen
    assert set(selectors.resource_list(actor=reviewer)) == {draft, public, other_draft}
    sharing = selectors.resource_list(actor=other_applicant, catalogue="sharing")
    assert list(sharing) == [public]
    assert list(selectors.resource_list(actor=other_applicant, catalogue="open")) == []


def test_the_open_catalogue_lists_published_open_entries(reviewer, unit_org):
    opened = DataResourceFactory(
        unit=unit_org, status=ResourceStatus.PUBLISHED, open_type="unconditional", desensitised=True
    )
    DataResourceFactory(unit=unit_org, status=ResourceStatus.APPROVED, open_type="unconditional")
    assert list(selectors.resource_list(actor=reviewer, catalogue="open")) == [opened]
