import datetime as dt

import pytest
from django.db import connection

from govit.core.models import AuditEvent
from govit.reviews import selectors, services
from govit.reviews.errors import NotAllowed
from govit.reviews.models import Expert
from govit.reviews.tests.factories import make_expert

pytestmark = pytest.mark.django_db


def test_it_adds_an_expert_with_an_encrypted_phone(reviewer, expert, competent_org):
    created = services.expert_create(
        actor=reviewer,
        user=expert,
        name="张专家",
        organisation=competent_org,
        specialties=["security", "software"],
        phone="13800000000",
    )
    with connection.cursor() as cursor:
        cursor.execute("select phone from reviews_expert where id = %s", [created.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("sm4gcm:")
    assert Expert.objects.get(pk=created.pk).phone == "13800000000"
    event = AuditEvent.objects.get(action="reviews.expert_create")
    assert "13800000000" not in str(event.after)


def test_it_refuses_the_pool_to_other_roles(applicant, expert, competent_org):
    with pytest.raises(NotAllowed):
        services.expert_create(
            actor=applicant, user=expert, name="x", organisation=competent_org, specialties=[]
        )


def test_it_refuses_a_user_without_the_expert_role(reviewer, applicant, competent_org):
    with pytest.raises(ValueError, match="expert role"):
        services.expert_create(
            actor=reviewer, user=applicant, name="x", organisation=competent_org, specialties=[]
        )


def test_it_refuses_an_unknown_specialty(reviewer, expert, competent_org):
    with pytest.raises(ValueError, match="magic"):
        services.expert_create(
            actor=reviewer, user=expert, name="x", organisation=competent_org, specialties=["magic"]
        )


def test_it_needs_a_reason_to_mark_unavailable(reviewer):
    pooled = make_expert()
    with pytest.raises(ValueError, match="unavailable"):
        services.expert_update(actor=reviewer, expert=pooled, available=False)
    services.expert_update(
        actor=reviewer,
        expert=pooled,
        available=False,
        unavailable_reason="出差",
        unavailable_until=dt.date(2026, 12, 1),
    )
    pooled.refresh_from_db()
    assert not pooled.is_available_on(dt.date(2026, 12, 1))  # "until" includes the day
    assert pooled.is_available_on(dt.date(2026, 12, 2))


def test_it_shows_the_pool_to_the_competent_department_only(reviewer, applicant, expert):
    make_expert()
    assert selectors.expert_list(actor=reviewer).count() == 1
    assert selectors.expert_list(actor=applicant).count() == 0
    assert selectors.expert_list(actor=expert).count() == 0
