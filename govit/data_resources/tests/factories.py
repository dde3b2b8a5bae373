"""factory_boy factories and helpers for the data-resource catalogue."""

from __future__ import annotations

from typing import Any

import factory

from govit.data_resources.choices import (
    ItemType,
    OpenType,
    ResourceFormat,
    ResourceStatus,
    SharingMethod,
    SharingType,
    UpdateCycle,
)
from govit.data_resources.models import DataItem, DataResource
from govit.orgs.tests.factories import OrganisationFactory


class DataResourceFactory(factory.django.DjangoModelFactory[DataResource]):
    class Meta:
        model = DataResource
        skip_postgeneration_save = True

    classification = "201003"
    name = factory.Sequence(lambda n: f"测试数据资源{n}")
    code = factory.Sequence(lambda n: f"201003/{n:04d}")
    unit = factory.SubFactory(OrganisationFactory)
    summary = "测试用数据资源"
    format = ResourceFormat.DATABASE
    sharing_type = SharingType.CONDITIONAL
    sharing_condition = "用于本部门法定职责"
    sharing_method = SharingMethod.INTERFACE
    open_type = OpenType.NONE
    update_cycle = UpdateCycle.DAILY
    data_owner = "业务科"
    status = ResourceStatus.DRAFT
    grade = "general-2"

    @factory.post_generation
    def with_items(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            DataItem.objects.create(
                resource=self, name="姓名", data_type=ItemType.C, length=50, grade="general-2"
            )


def resource_data(unit: Any, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "classification": "201003",
        "name": "低保对象信息",
        "code": "201003/0001",
        "unit": unit,
        "summary": "城乡低保对象的基本信息",
        "format": ResourceFormat.DATABASE,
        "sharing_type": SharingType.CONDITIONAL,
        "sharing_condition": "用于社会救助核对",
        "no_sharing_basis": "",
        "sharing_method": SharingMethod.INTERFACE,
        "open_type": OpenType.NONE,
        "open_condition": "",
        "desensitised": False,
        "update_cycle": UpdateCycle.DAILY,
        "released_on": None,
        "related_codes": "",
        "source_system": None,
        "data_owner": "社会救助科",
        "data_listed": True,
    }
    data.update(overrides)
    return data


ITEMS = [
    {"name": "姓名", "data_type": "C", "length": 50, "grade": "general-2"},
    {"name": "身份证号", "data_type": "C", "length": 18, "grade": "important"},
    {"name": "救助金额", "data_type": "Y", "length": None, "grade": "general-1"},
]
