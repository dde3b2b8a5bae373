"""Shared set-up of the delivery tests: an approved project with its approval recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from govit.delivery import services
from govit.delivery.models import ApprovalRecord
from govit.orgs.models import Organisation, User
from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory

APPROVED = Decimal("1000000.00")


def approved_project(unit: Organisation, **facts: Any) -> Project:
    values: dict[str, Any] = {
        "unit": unit,
        "state": "construction",
        "approved_on": dt.date(2026, 3, 2),
        **facts,
    }
    project: Project = ProjectFactory(**values)
    return project


def record_approval(
    actor: User, project: Project, amount: Decimal = APPROVED, **kwargs: Any
) -> ApprovalRecord:
    values: dict[str, Any] = {
        "approving_body": "市数据局",
        "document_number": "武数发〔2026〕12号",
        "approved_on": dt.date(2026, 3, 2),
        "approved_amount": amount,
        **kwargs,
    }
    return services.approval_record(actor=actor, project=project, **values)


def pay(actor: User, project: Project, amount: Decimal, kind: str = "progress") -> Any:
    return services.payment_make(
        actor=actor,
        project=project,
        kind=kind,
        milestone="初验",
        amount=amount,
        paid_on=dt.date(2026, 6, 1),
        treasury_reference="GK-2026-001",
    )
