"""factory_boy factories for organisations and users, reused by every app's tests."""

from __future__ import annotations

from typing import Any

import factory

from govit.orgs.choices import Role
from govit.orgs.models import Membership, Organisation, User
from govit.orgs.validators import credit_code_check_character

PASSWORD = "correct-horse-battery"


def credit_code(serial: int) -> str:
    body = f"12{serial:015d}"[:17]
    return body + credit_code_check_character(body)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = Role.UNIT
    budget_unit_count = 2
    credit_code = factory.Sequence(credit_code)


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.save()


def member(role: str, organisation: Organisation | None = None, **fields: Any) -> User:
    """A user holding ``role`` in ``organisation`` (a new one of that kind when omitted)."""
    organisation = organisation or OrganisationFactory(kind=role)
    user = UserFactory(**fields)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user
