"""Signed-in sessions a user can see and end (等保 level 3: session management)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from govit.core import audit
from govit.orgs.models import User, UserSession


def _store_class() -> type:
    return import_module(settings.SESSION_ENGINE).SessionStore  # type: ignore[no-any-return]


def user_session_start(*, actor: User, request: HttpRequest) -> UserSession | None:
    """Note the session just started by ``actor`` (called by the sign-in view)."""
    session = request.session
    if session.session_key is None:
        session.save()
    key = session.session_key
    if key is None:
        return None
    now = timezone.now()
    record, _created = UserSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": actor,
            "started_at": now,
            "last_seen_at": now,
            "ip_address": request.META.get("REMOTE_ADDR"),
            "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
        },
    )
    return record


def user_session_touch(*, request: HttpRequest) -> None:
    """Move the session's last-seen time to now. Not throttled here: its caller,
    ``SessionActivityMiddleware``, calls it once a minute per session (ADR 0021)."""
    key = request.session.session_key
    if not key or request.user.pk is None:
        return
    UserSession.objects.filter(session_key=key, user_id=request.user.pk).update(
        last_seen_at=timezone.now()
    )


def active_sessions(*, actor: User) -> QuerySet[UserSession]:
    """The actor's own sessions that have not expired or been ended."""
    live_keys = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(user=actor, session_key__in=live_keys).order_by(
        "-last_seen_at"
    )


def _end(record: UserSession) -> None:
    _store_class()(session_key=record.session_key).delete()
    record.delete()


@transaction.atomic
def user_session_revoke(*, actor: User, handle: str) -> bool:
    """Sign one of the actor's own sessions out; False when it is not theirs or gone."""
    record = next(
        (s for s in UserSession.objects.filter(user=actor) if s.handle == handle and handle),
        None,
    )
    if record is None:
        return False
    audit.record(
        actor=actor,
        action="auth.session_revoked",
        obj=actor,
        after={"started": record.started_at, "ip": record.ip_address},
    )
    _end(record)
    return True


@transaction.atomic
def user_session_revoke_others(*, actor: User, current_key: str | None) -> int:
    """Sign out every other session of the actor's; returns how many were ended."""
    others = list(UserSession.objects.filter(user=actor).exclude(session_key=current_key or ""))
    for record in others:
        _end(record)
    audit.record(
        actor=actor, action="auth.sessions_revoked_others", obj=actor, after={"count": len(others)}
    )
    return len(others)
