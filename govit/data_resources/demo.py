"""Demo data: a data-resource catalogue of a few hundred entries linked to the demo systems,
with items, grades and sharing requests in every state.

Deterministic (seeded) and idempotent: a demo system that already has entries is skipped.
Written with bulk_create so that ``govit demo load`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from govit.core import audit, row_versions
from govit.core.selectors import work_calendar
from govit.data_resources import grading, sharing
from govit.data_resources.choices import (
    OpenType,
    RequestStatus,
    ResourceFormat,
    ResourceStatus,
    SharingMethod,
    SharingType,
    UpdateCycle,
)
from govit.data_resources.models import DataItem, DataResource, SharingRequest
from govit.orgs.models import User
from govit.systems.models import System

SUBJECTS = ["对象信息", "办理记录", "统计数据", "证照信息", "台账", "审批结果"]
ITEMS = [
    ("姓名", "C", 50, "general-2"),
    ("公民身份号码", "C", 18, "important"),
    ("统一社会信用代码", "C", 18, "general-1"),
    ("联系电话", "C", 20, "general-3"),
    ("办理日期", "D", None, "general-1"),
    ("金额", "Y", None, "general-2"),
    ("地址", "C", 200, "general-3"),
    ("状态", "C", 10, "general-1"),
    ("备注", "M", None, "general-1"),
    ("定位坐标", "C", 40, "general-4"),
]
STATUSES = [ResourceStatus.PUBLISHED] * 7 + [
    ResourceStatus.DRAFT,
    ResourceStatus.SUBMITTED,
    ResourceStatus.APPROVED,
    ResourceStatus.WITHDRAWN,
]


def _resource(rng: random.Random, system: System, number: int, today: dt.date) -> DataResource:
    sharing_type = rng.choice(
        [SharingType.UNCONDITIONAL] * 3 + [SharingType.CONDITIONAL] * 5 + [SharingType.NONE]
    )
    fmt = rng.choice([ResourceFormat.DATABASE] * 4 + [ResourceFormat.SPREADSHEET])
    method = (
        ""
        if sharing_type == SharingType.NONE
        else SharingMethod.FILE
        if fmt == ResourceFormat.SPREADSHEET
        else rng.choice([SharingMethod.INTERFACE, SharingMethod.DATABASE])
    )
    opened = rng.random() < 0.2 and sharing_type == SharingType.UNCONDITIONAL
    status = rng.choice(STATUSES)
    classification = f"3{system.unit_id % 100:02d}{number % 1000:03d}"
    subject = SUBJECTS[number % len(SUBJECTS)]
    return DataResource(
        classification=classification,
        code=f"{classification}/{number:05d}",
        name=f"{system.name}{subject}",
        unit_id=system.unit_id,
        summary=f"{system.name}产生的{subject}，按{system.purpose or '业务'}采集。",
        format=fmt,
        sharing_type=sharing_type,
        sharing_condition="用于法定职责范围内的业务办理" if sharing_type == "conditional" else "",
        no_sharing_basis="涉及国家秘密，依据《保守国家秘密法》" if sharing_type == "none" else "",
        sharing_method=method,
        open_type=OpenType.UNCONDITIONAL if opened else OpenType.NONE,
        desensitised=opened,
        update_cycle=rng.choice(list(UpdateCycle.values)),
        released_on=(today - dt.timedelta(days=rng.randrange(10, 600)))
        if status == ResourceStatus.PUBLISHED
        else None,
        source_system=system,
        data_owner=rng.choice(["业务科", "信息中心", "办公室", "数据管理科"]),
        data_listed=rng.random() < 0.7,
        status=status,
    )


@transaction.atomic
def load(*, admin: User) -> int:
    """Create entries for the demo systems that have none; return how many were created."""
    today = timezone.localdate()
    systems = list(
        System.objects.filter(code__startswith="DEMO-", data_resources__isnull=True).order_by(
            "code"
        )
    )
    rng = random.Random("govit-demo-data-resources")  # noqa: S311 - demo data
    start = DataResource.objects.count() + 1
    resources: list[DataResource] = []
    for system in systems:
        own = random.Random(f"govit-demo-data-resources-{system.code}")  # noqa: S311
        if own.random() < 0.1:
            continue  # some systems are not catalogued: their O&M funding shows it
        for _ in range(own.choice([1, 2, 2, 3])):
            resources.append(_resource(own, system, start + len(resources), today))
    DataResource.objects.bulk_create(resources)
    row_versions.changed(DataResource)  # a bulk insert sends no signal (kept counts)
    items: list[DataItem] = []
    for resource in resources:
        chosen = rng.sample(ITEMS, rng.randrange(3, 8))
        for position, (name, kind, length, grade) in enumerate(chosen, start=1):
            items.append(
                DataItem(
                    resource=resource,
                    name=name,
                    data_type=kind,
                    length=length,
                    grade=grade,
                    position=position,
                )
            )
        resource.grade = grading.highest(g for *_, g in chosen)
    DataItem.objects.bulk_create(items)
    DataResource.objects.bulk_update(resources, ["grade"])
    requests = _requests(rng, resources, admin, today)
    if resources:
        audit.record(
            actor=admin,
            action="data_resource.demo",
            object_type="data_resources.dataresource",
            after={"resources": len(resources), "items": len(items), "requests": requests},
        )
    return len(resources)


def _requests(
    rng: random.Random, resources: list[DataResource], admin: User, today: dt.date
) -> int:
    shareable = [
        r
        for r in resources
        if r.status == ResourceStatus.PUBLISHED and r.sharing_type != SharingType.NONE
    ]
    units = sorted({r.unit_id for r in resources})
    if len(units) < 2 or not shareable:
        return 0
    calendar = work_calendar()
    rows: list[SharingRequest] = []
    for resource in rng.sample(shareable, min(60, len(shareable))):
        requester = rng.choice([u for u in units if u != resource.unit_id])
        submitted = today - dt.timedelta(days=rng.randrange(1, 90))
        check_due, provisional = sharing.check_due(submitted, calendar)
        request = SharingRequest(
            resource=resource,
            requester_id=requester,
            requested_by=admin,
            purpose="用于本单位法定职责范围内的业务核验",
            submitted_on=submitted,
            check_due=check_due,
            provisional=provisional,
        )
        roll = rng.random()
        if roll > 0.15 and check_due <= today:
            request.checked_on = check_due
            if resource.sharing_type == SharingType.UNCONDITIONAL:
                request.status = RequestStatus.GRANTED
                request.answered_on = check_due
            else:
                due, _provisional = sharing.answer_due(check_due, resource, calendar)
                request.answer_due = due
                request.status = RequestStatus.FORWARDED
                if due < today and roll > 0.3:
                    request.answered_on = due
                    request.status = rng.choice(
                        [RequestStatus.GRANTED] * 5
                        + [RequestStatus.REFUSED, RequestStatus.OVERTURNED]
                    )
                    if request.status != RequestStatus.GRANTED:
                        request.reason = "数据涉及个人隐私，需进一步明确使用范围"
                    if request.status == RequestStatus.OVERTURNED:
                        request.arbitration_note = "属于共享目录明确的共享范围，拒绝理由不成立"
        rows.append(request)
    SharingRequest.objects.bulk_create(rows)
    return len(rows)
