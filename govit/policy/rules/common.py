"""Helpers shared by rule functions."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from govit.core.money import format_wan
from govit.policy.engine.snapshot import Project

AmountField = Literal["investment", "approved_estimate", "estimate_or_investment", "contract"]


def amount_of(project: Project, field: AmountField) -> Decimal | None:
    """The amount a threshold is compared with."""
    if field == "investment":
        return project.investment
    if field == "approved_estimate":
        return project.approved_estimate
    if field == "contract":
        return project.contract.amount if project.contract else None
    return (
        project.approved_estimate if project.approved_estimate is not None else project.investment
    )


def field_path(field: AmountField) -> str:
    return {
        "investment": "project.investment",
        "approved_estimate": "project.approved_estimate",
        "estimate_or_investment": "project.investment",
        "contract": "project.contract.amount",
    }[field]


def wan(amount: Decimal | int) -> str:
    return format_wan(amount)
