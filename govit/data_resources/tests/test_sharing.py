"""Sharing requests: deadlines in working days at their boundaries, answers, rulings, and the
facts they give the system's O&M funding."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from govit.data_resources import facts, selectors, sharing
from govit.data_resources.choices import RequestStatus, ResourceStatus, SharingType
from govit.data_resources.errors import NotAllowed, Refused
from govit.data_resources.tests.factories import DataResourceFactory
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db
MONDAY = dt.date(2025, 6, 9)


@pytest.fixture
def system(unit_org):
    return SystemFactory(unit=unit_org)


@pytest.fixture
def resource(unit_org, system):
    return DataResourceFactory(
        unit=unit_org, status=ResourceStatus.PUBLISHED, source_system=system, data_listed=True
    )


def ask(other_applicant, other_unit_org, resource, day=MONDAY):
    return sharing.sharing_request_create(
        actor=other_applicant,
        resource=resource,
        requester=other_unit_org,
        purpose="救助对象核对",
        today=day,
    )


def test_the_check_is_due_two_working_days_later(other_applicant, other_unit_org, resource):
    request = ask(other_applicant, other_unit_org, resource)
    assert request.check_due == dt.date(2025, 6, 11)
    assert not request.check_overdue(dt.date(2025, 6, 11))
    assert request.check_overdue(dt.date(2025, 6, 12))


def test_the_check_skips_the_weekend_and_counts_the_working_sunday(
    other_applicant, other_unit_org, resource
):
    # 2025-09-28 (a Sunday) was a working day before the National Day holiday.
    request = ask(other_applicant, other_unit_org, resource, day=dt.date(2025, 9, 26))
    assert request.check_due == dt.date(2025, 9, 29)


def test_the_check_period_is_a_setting(settings, other_applicant, other_unit_org, resource):
    settings.GOVIT_SHARING_CHECK_DAYS = 3
    assert ask(other_applicant, other_unit_org, resource).check_due == dt.date(2025, 6, 12)


@pytest.mark.parametrize(
    ("listed", "due"), [(True, dt.date(2025, 6, 18)), (False, dt.date(2025, 6, 25))]
)
def test_the_provider_has_five_or_ten_working_days(
    listed, due, reviewer, other_applicant, other_unit_org, resource
):
    resource.data_listed = listed
    resource.save()
    request = ask(other_applicant, other_unit_org, resource)
    request = sharing.sharing_request_check(
        actor=reviewer, request=request, today=dt.date(2025, 6, 11)
    )
    assert request.status == RequestStatus.FORWARDED
    assert request.answer_due == due
    assert not request.answer_overdue(due)
    assert request.answer_overdue(due + dt.timedelta(days=1))


def test_unconditional_data_is_granted_at_the_check(
    reviewer, other_applicant, other_unit_org, resource
):
    resource.sharing_type = SharingType.UNCONDITIONAL
    resource.save()
    request = sharing.sharing_request_check(
        actor=reviewer, request=ask(other_applicant, other_unit_org, resource)
    )
    assert request.status == RequestStatus.GRANTED


def test_a_refusal_needs_its_reason(reviewer, applicant, other_applicant, other_unit_org, resource):
    request = sharing.sharing_request_check(
        actor=reviewer, request=ask(other_applicant, other_unit_org, resource)
    )
    with pytest.raises(ValidationError):
        sharing.sharing_request_answer(actor=applicant, request=request, grant=False)
    refused = sharing.sharing_request_answer(
        actor=applicant, request=request, grant=False, reason="涉及个人隐私"
    )
    assert refused.status == RequestStatus.REFUSED


def test_only_the_provider_answers_and_only_the_competent_department_checks(
    reviewer, other_applicant, other_unit_org, resource
):
    request = ask(other_applicant, other_unit_org, resource)
    with pytest.raises(NotAllowed):
        sharing.sharing_request_check(actor=other_applicant, request=request)
    request = sharing.sharing_request_check(actor=reviewer, request=request)
    with pytest.raises(NotAllowed):
        sharing.sharing_request_answer(actor=other_applicant, request=request, grant=True)
    with pytest.raises(NotAllowed):
        sharing.sharing_request_answer(actor=reviewer, request=request, grant=True)


def test_unpublished_or_unshared_data_cannot_be_requested(
    other_applicant, other_unit_org, unit_org
):
    draft = DataResourceFactory(unit=unit_org)
    with pytest.raises(Refused):
        ask(other_applicant, other_unit_org, draft)
    closed = DataResourceFactory(
        unit=unit_org,
        status=ResourceStatus.PUBLISHED,
        sharing_type=SharingType.NONE,
        no_sharing_basis="涉密",
    )
    with pytest.raises(Refused):
        ask(other_applicant, other_unit_org, closed)


def test_a_unit_asks_only_for_itself(applicant, other_unit_org, resource):
    with pytest.raises(NotAllowed):
        sharing.sharing_request_create(
            actor=applicant, resource=resource, requester=other_unit_org, purpose="x"
        )


def test_an_overturned_refusal_means_the_system_does_not_share(
    reviewer, applicant, other_applicant, other_unit_org, resource, system
):
    today = dt.date.today()
    assert facts.system_facts([system], today)[system.pk]["shares_data"] is True
    request = sharing.sharing_request_check(
        actor=reviewer, request=ask(other_applicant, other_unit_org, resource, day=today)
    )
    request = sharing.sharing_request_answer(
        actor=applicant, request=request, grant=False, reason="不想给"
    )
    sharing.sharing_request_arbitrate(actor=reviewer, request=request, uphold=True, note="有依据")
    assert facts.system_facts([system], today)[system.pk]["shares_data"] is True
    request.status = RequestStatus.REFUSED
    request.save()
    sharing.sharing_request_arbitrate(
        actor=reviewer, request=request, uphold=False, note="属于无条件共享范围"
    )
    assert facts.system_facts([system], today)[system.pk]["shares_data"] is False


def test_a_missed_answer_deadline_means_the_system_does_not_share(
    reviewer, other_applicant, other_unit_org, resource, system
):
    day = dt.date.today() - dt.timedelta(days=40)
    request = sharing.sharing_request_check(
        actor=reviewer, request=ask(other_applicant, other_unit_org, resource, day=day), today=day
    )
    assert request.answer_due < dt.date.today()
    assert facts.system_facts([system], dt.date.today())[system.pk]["shares_data"] is False
    assert list(selectors.overdue_requests(actor=reviewer, today=dt.date.today())) == [request]


def test_the_catalogue_decides_whether_a_system_is_in_it(unit_org, system):
    other = SystemFactory(unit=unit_org)
    DataResourceFactory(unit=unit_org, source_system=other, status=ResourceStatus.SUBMITTED)
    found = facts.system_facts([system, other], dt.date.today())
    assert found[other.pk]["in_data_catalog"] is False
    bare = SystemFactory(unit=unit_org)
    assert bare.pk not in facts.system_facts([bare], dt.date.today())


def test_a_judged_duplicate_collection_is_a_fact(
    reviewer, unit_org, other_unit_org, resource, system
):
    from govit.data_resources import services

    original = DataResourceFactory(unit=other_unit_org, status=ResourceStatus.PUBLISHED)
    services.resource_mark_duplicate(actor=reviewer, resource=resource, duplicate_of=original)
    assert facts.system_facts([system], dt.date.today())[system.pk]["duplicate_collection"] is True


def test_only_published_entries_decide_catalogue_and_duplicate_facts(unit_org, other_unit_org):
    original = DataResourceFactory(unit=other_unit_org, status=ResourceStatus.PUBLISHED)
    drafted, listed, both = (SystemFactory(unit=unit_org) for _ in range(3))
    # A duplicate still in draft decides nothing; a published entry puts the system in.
    DataResourceFactory(
        unit=unit_org, source_system=drafted, status=ResourceStatus.DRAFT, duplicate_of=original
    )
    DataResourceFactory(unit=unit_org, source_system=listed, status=ResourceStatus.PUBLISHED)
    DataResourceFactory(unit=unit_org, source_system=listed, status=ResourceStatus.DRAFT)
    DataResourceFactory(
        unit=unit_org, source_system=both, status=ResourceStatus.PUBLISHED, duplicate_of=original
    )
    found = facts.system_facts([drafted, listed, both], dt.date.today())
    assert found[drafted.pk] == {
        "in_data_catalog": False,
        "duplicate_collection": False,
        "shares_data": True,
    }
    assert found[listed.pk]["in_data_catalog"] is True
    assert found[listed.pk]["duplicate_collection"] is False
    assert found[both.pk]["in_data_catalog"] is True
    assert found[both.pk]["duplicate_collection"] is True


def test_the_fact_turns_on_the_day_after_the_answer_was_due(
    reviewer, applicant, other_applicant, other_unit_org, resource, system
):
    request = sharing.sharing_request_check(
        actor=reviewer,
        request=ask(other_applicant, other_unit_org, resource),
        today=dt.date(2025, 6, 11),
    )
    due = request.answer_due
    assert due == dt.date(2025, 6, 18)
    # Unanswered on the due day: still in time; from the next day the system does not share.
    assert facts.system_facts([system], due)[system.pk]["shares_data"] is True
    after = due + dt.timedelta(days=1)
    assert facts.system_facts([system], after)[system.pk]["shares_data"] is False
    assert list(selectors.overdue_requests(actor=reviewer, today=due)) == []
    assert list(selectors.overdue_requests(actor=reviewer, today=after)) == [request]


@pytest.mark.parametrize(("late_by", "shares"), [(0, True), (1, False)])
def test_an_answer_on_the_due_day_is_in_time_and_a_day_later_is_late(
    late_by, shares, reviewer, applicant, other_applicant, other_unit_org, resource, system
):
    request = sharing.sharing_request_check(
        actor=reviewer,
        request=ask(other_applicant, other_unit_org, resource),
        today=dt.date(2025, 6, 11),
    )
    answered = request.answer_due + dt.timedelta(days=late_by)
    sharing.sharing_request_answer(actor=applicant, request=request, grant=True, today=answered)
    later = answered + dt.timedelta(days=30)
    assert facts.system_facts([system], later)[system.pk]["shares_data"] is shares
