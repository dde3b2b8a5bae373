"""Keys for what a page keeps per user in Django's cache (ADR 0022).

A key holds the user, what they hold (memberships and flags: their scope), the language, the
date and the head of the audit chain: every business action writes an audit event in its
transaction, so any of them gives every key a new version and the next page computes afresh.
Data written without an audit event (bulk loads, the daily tick's deadlines) shows when the
entry's lifetime ends.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone, translation

if TYPE_CHECKING:
    from govit.orgs.models import User


def key_for(prefix: str, user: User, *parts: str) -> str:
    """The key of ``prefix``'s entry for ``user`` (and ``parts``, e.g. the page's filters)."""
    fields = (str(user.pk), holdings(user), *language_and_day(), audit_version(), *parts)
    return ":".join((prefix, *fields))


def holdings(user: User) -> str:
    """A digest of what ``user`` holds: the active memberships (organisation and role) and the
    flags, which decide what they may read."""
    memberships = sorted({(m.organisation_id, m.role) for m in user.active_memberships})
    holds = f"{memberships}|{user.is_staff}|{user.is_superuser}|{user.is_active}"
    return hashlib.sha256(holds.encode()).hexdigest()[:16]


def language_and_day() -> tuple[str, str]:
    """The request's language and today's date: a page kept in one language, or of one day's
    figures and deadlines, is not served in another."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language, timezone.localdate().isoformat()


def audit_version() -> str:
    """The head of the audit chain (one indexed query): it moves with every audited change."""
    from govit.core.models import AuditEvent

    head = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    return "0" if head is None else f"{head[0]}-{head[1][:16]}"
