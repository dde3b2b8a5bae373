import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from govit.core.models import AuditEvent
from govit.orgs.middleware import session_second
from govit.orgs.models import UserSession
from govit.orgs.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def _signed_in(user, agent="Browser A"):
    client = Client(HTTP_USER_AGENT=agent, REMOTE_ADDR="10.0.0.7")
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_it_records_the_session_at_sign_in(applicant):
    client = _signed_in(applicant)
    record = UserSession.objects.get(user=applicant)
    assert record.session_key == client.session.session_key
    assert record.ip_address == "10.0.0.7"
    assert record.user_agent == "Browser A"


def test_it_lists_only_the_users_own_live_sessions(
    applicant, other_applicant, django_assert_max_num_queries
):
    first = _signed_in(applicant, "Browser A")
    _signed_in(applicant, "Browser B")
    _signed_in(other_applicant, "Someone else")
    with django_assert_max_num_queries(12):
        response = first.get(reverse("session-list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Browser A" in page
    assert "Browser B" in page
    assert "Someone else" not in page
    assert first.session.session_key not in page  # keys are never shown


def test_revoke_signs_the_other_session_out(applicant):
    first = _signed_in(applicant, "Browser A")
    second = _signed_in(applicant, "Browser B")
    other = UserSession.objects.get(session_key=second.session.session_key)
    response = first.post(reverse("session-list"), {"session": other.handle})
    assert response.status_code == 302
    assert second.get(reverse("home")).status_code == 302  # back to sign-in
    assert first.get(reverse("home")).status_code == 200
    assert AuditEvent.objects.filter(action="auth.session_revoked").exists()


def test_it_cannot_revoke_another_users_session(applicant, other_applicant):
    first = _signed_in(applicant)
    victim = _signed_in(other_applicant)
    record = UserSession.objects.get(user=other_applicant)
    response = first.post(reverse("session-list"), {"session": record.handle})
    assert response.status_code == 404
    assert victim.get(reverse("home")).status_code == 200


def test_sign_out_everywhere_else_keeps_this_session(applicant):
    first = _signed_in(applicant, "A")
    second = _signed_in(applicant, "B")
    third = _signed_in(applicant, "C")
    first.post(reverse("session-list"), {"all_others": "1"})
    assert first.get(reverse("home")).status_code == 200
    assert second.get(reverse("home")).status_code == 302
    assert third.get(reverse("home")).status_code == 302
    assert Session.objects.count() == 1


def test_the_idle_timeout_is_thirty_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    # Not saved on every request: SessionActivityMiddleware refreshes it once a minute.
    assert not settings.SESSION_SAVE_EVERY_REQUEST


@pytest.fixture
def clock(monkeypatch):
    """Move ``timezone.now`` (the session engine's clock and the middleware's) by minutes.
    Every session's minutes start at second 0 here, so that the boundaries are known."""
    monkeypatch.setattr("govit.orgs.middleware.session_second", lambda _key: 0)
    start = timezone.now().replace(second=10, microsecond=0)
    offset = {"minutes": 0.0}
    monkeypatch.setattr(timezone, "now", lambda: start + dt.timedelta(minutes=offset["minutes"]))

    def move_to(minutes: float) -> None:
        offset["minutes"] = minutes

    return move_to


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


@pytest.mark.session_clock
def test_an_idle_session_ends_after_the_timeout(applicant, clock):
    client = _signed_in(applicant)
    clock(31)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.session_clock
def test_an_active_session_stays_alive(applicant, clock):
    client = _signed_in(applicant)
    for minutes in (20, 40, 60, 80):
        clock(minutes)
        assert client.get(reverse("home")).status_code == 200
    record = UserSession.objects.get(user=applicant)
    assert record.last_seen_at >= timezone.now() - dt.timedelta(minutes=1)


@pytest.mark.session_clock
def test_the_session_is_written_at_most_once_a_minute(applicant, clock):
    client = _signed_in(applicant)
    clock(5)
    client.get(reverse("home"))
    refreshed = _expiry(client)
    assert refreshed >= timezone.now() + dt.timedelta(minutes=29)
    # Further requests in the same minute write nothing (the expiry stays).
    clock(5.01)
    client.get(reverse("home"))
    clock(5.02)
    client.get(reverse("session-list"))
    assert _expiry(client) == refreshed
    # The next minute moves it on again.
    clock(6.5)
    client.get(reverse("home"))
    assert _expiry(client) > refreshed


@pytest.mark.session_clock
def test_last_seen_moves_on_with_the_session_minute(applicant, clock):
    """One throttle, the middleware's minute: the first request of a new minute moves the
    record on, even less than a minute after the last write; the same minute writes nothing."""
    client = _signed_in(applicant)
    record = UserSession.objects.get(user=applicant)
    signed_in_at = record.last_seen_at
    clock(0.9)  # 54 s later, past the minute boundary (the clock starts at second 10)
    client.get(reverse("home"))
    record.refresh_from_db()
    assert record.last_seen_at == signed_in_at + dt.timedelta(seconds=54)
    clock(0.95)  # the same minute
    client.get(reverse("home"))
    record.refresh_from_db()
    assert record.last_seen_at == signed_in_at + dt.timedelta(seconds=54)


def test_each_session_starts_its_minutes_at_its_own_second():
    """Sessions in use are not all written in the first second of each minute."""
    keys = [f"session-key-{n}" for n in range(200)]
    seconds = {session_second(key) for key in keys}
    assert len(seconds) > 40  # spread over the minute
    assert all(0 <= second < 60 for second in seconds)
    assert session_second(keys[0]) == session_second(keys[0])  # stable for a session


@pytest.mark.session_clock
def test_a_session_is_written_when_its_own_minute_turns(applicant, monkeypatch):
    start = timezone.now().replace(second=0, microsecond=0)
    now = {"at": start}
    monkeypatch.setattr(timezone, "now", lambda: now["at"])
    monkeypatch.setattr("govit.orgs.middleware.session_second", lambda _key: 30)
    client = _signed_in(applicant)
    written = _expiry(client)
    now["at"] = start + dt.timedelta(seconds=29)  # the clock's minute is the same: still its own
    client.get(reverse("home"))
    assert _expiry(client) == written
    now["at"] = start + dt.timedelta(seconds=30)  # its own minute turns at second 30
    client.get(reverse("home"))
    assert _expiry(client) == start + dt.timedelta(seconds=30 + 30 * 60)
    now["at"] = start + dt.timedelta(seconds=61)  # the clock's minute turned, its own did not
    client.get(reverse("home"))
    assert _expiry(client) == start + dt.timedelta(seconds=30 + 30 * 60)


@pytest.mark.parametrize("name", ["session-list", "two-factor-verify", "two-factor-enrol"])
def test_security_pages_refuse_anonymous_callers(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
