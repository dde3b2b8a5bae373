"""A vendor's assessment result where a procurement or contract names the vendor (Bijie
第三十三条: the comprehensive assessment of the vendor is an important basis of the next
year's service procurement). The evaluation app registers the provider (no import of it
here), which answers only in the rulebooks where it lists such a use; the result is shown
only to those who may see the vendor's figures (``reports.view_vendor``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from govit.orgs.models import Organisation, User


@dataclass(frozen=True)
class VendorResult:
    """The vendor's latest result (this year's, else last year's) and the use that cites it."""

    vendor_id: int
    year: int
    score: Decimal
    grade: str
    grade_label: str
    count: int
    rulebook: str
    article: str
    purpose: str


# ``(vendor_ids, rulebook_id, today) -> {vendor_id: VendorResult}``, a fixed number of queries.
Provider = Callable[[Sequence[int], str, dt.date], dict[int, VendorResult]]
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def for_vendors(
    actor: User, rulebook: str, vendors: Iterable[Organisation | None]
) -> dict[int, VendorResult]:
    """The results of the vendors the actor may see the figures of, by vendor id."""
    seen: dict[int, Organisation] = {}
    for vendor in vendors:
        if vendor is not None:
            seen.setdefault(vendor.pk, vendor)
    shown = [pk for pk, vendor in seen.items() if actor.has_perm("reports.view_vendor", vendor)]
    found: dict[int, VendorResult] = {}
    if not shown:
        return found
    today = timezone.localdate()
    for provider in _providers:
        for pk, result in provider(shown, rulebook, today).items():
            found.setdefault(pk, result)
    return found


def of_vendor(actor: User, rulebook: str, vendor: Organisation | None) -> VendorResult | None:
    """One vendor's result (a procurement's or a contract's page), or None."""
    if vendor is None:
        return None
    return for_vendors(actor, rulebook, [vendor]).get(vendor.pk)


def attach(actor: User, rulebook: str, rows: Iterable[Any], vendor: str = "vendor") -> None:
    """Set ``vendor_result`` on each row (contracts, procurements) from one batch."""
    rows = list(rows)
    results = for_vendors(actor, rulebook, (getattr(row, vendor) for row in rows))
    for row in rows:
        named = getattr(row, vendor)
        row.vendor_result = results.get(named.pk) if named is not None else None
