"""Sessions in the shared cache, written through to the database (orgs/session_store.py)."""

from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govit.orgs.models import UserSession
from govit.orgs.sessions import user_session_revoke
from govit.orgs.tests.factories import PASSWORD

# One minute throughout: the session is not refreshed (written) between requests.
pytestmark = [pytest.mark.django_db, pytest.mark.session_clock]
cache = caches["default"]


@pytest.fixture(autouse=True)
def cached_sessions(settings, monkeypatch):
    settings.SESSION_ENGINE = "govit.orgs.session_store"
    monkeypatch.setattr("govit.orgs.middleware.current_minute", lambda *_key: 1)
    cache.clear()
    yield
    cache.clear()


def _signed_in(user, agent="Browser A"):
    client = Client(HTTP_USER_AGENT=agent)
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def _session_reads(client):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("home")).status_code == 200
    return [q["sql"] for q in captured.captured_queries if '"django_session"' in q["sql"]]


def test_a_request_reads_its_session_from_the_cache(applicant):
    client = _signed_in(applicant)
    client.get(reverse("home"))
    assert _session_reads(client) == []


def test_the_session_is_also_in_the_database(applicant):
    client = _signed_in(applicant)
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    cache.clear()  # the cache lost it (a restarted Redis): read from the database again
    assert client.get(reverse("home")).status_code == 200
    assert _session_reads(client) == []  # and kept again


def test_signing_out_ends_the_session_in_the_cache_too(applicant):
    client = _signed_in(applicant)
    cookie = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    replay = Client()
    replay.cookies["sessionid"] = cookie
    assert replay.get(reverse("home")).status_code == 302


def test_a_revoked_session_is_refused_at_once(applicant):
    first = _signed_in(applicant, "Browser A")
    second = _signed_in(applicant, "Browser B")
    assert second.get(reverse("home")).status_code == 200  # kept in the cache
    other = UserSession.objects.get(session_key=second.session.session_key)
    first.post(reverse("session-list"), {"session": other.handle})
    assert second.get(reverse("home")).status_code == 302
    assert first.get(reverse("home")).status_code == 200


def test_a_revocation_the_cache_cannot_forget_fails_and_changes_nothing(applicant):
    _signed_in(applicant, "Browser A")
    second = _signed_in(applicant, "Browser B")
    record = UserSession.objects.get(session_key=second.session.session_key)
    with (
        mock.patch.object(type(caches["default"]), "delete", side_effect=ConnectionError("down")),
        pytest.raises(ConnectionError),
    ):
        user_session_revoke(actor=applicant, handle=record.handle)
    assert UserSession.objects.filter(pk=record.pk).exists()
    assert Session.objects.filter(session_key=record.session_key).exists()


def test_a_cache_that_does_not_answer_makes_requests_read_the_database(applicant):
    client = _signed_in(applicant)
    down = ConnectionError("the cache is down")
    with (
        mock.patch.object(type(caches["default"]), "get", side_effect=down),
        mock.patch.object(type(caches["default"]), "set", side_effect=down),
        mock.patch.object(type(caches["default"]), "has_key", side_effect=down),
    ):
        assert client.get(reverse("home")).status_code == 200
        assert len(_session_reads(client)) == 1
        # Signing in (a new session key, checked for clashes) works too.
        assert _signed_in(applicant, "Browser B").get(reverse("home")).status_code == 200
