"""factory_boy factories for the system catalogue."""

from __future__ import annotations

from decimal import Decimal

import factory

from govit.orgs.tests.factories import OrganisationFactory
from govit.systems.models import System


class SystemFactory(factory.django.DjangoModelFactory[System]):
    class Meta:
        model = System

    name = factory.Sequence(lambda n: f"测试业务系统{n}号")
    code = factory.Sequence(lambda n: f"XT-TEST-{n:04d}")
    unit = factory.SubFactory(OrganisationFactory)
    purpose = "办理业务"
    build_cost = Decimal("1200000.00")
    om_cost = Decimal("150000.00")
