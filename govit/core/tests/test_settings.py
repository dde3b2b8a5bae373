"""Start-up refuses a bad or missing setting with one sentence naming the variable."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from govit import env


def _start(**variables):
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "GOVIT_ENV"}}
    environment.update(variables)
    return subprocess.run(
        [sys.executable, "-m", "govit.cli", "rulebook", "list"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_refuses_an_unknown_rulebook():
    result = _start(GOVIT_RULEBOOK="shanghai")
    assert result.returncode == 2
    assert "GOVIT_RULEBOOK must be one of bijie, gaoping, harbin, kaihua, wuhan" in result.stderr
    assert "Traceback" not in result.stderr


def test_it_requires_a_secret_key_in_production():
    result = _start(GOVIT_ENV="production", ALLOWED_HOSTS="govit.example")
    assert result.returncode == 2
    assert "SECRET_KEY is required" in result.stderr


def test_it_refuses_a_database_it_does_not_support():
    result = _start(DATABASE_URL="mysql://root@localhost/govit")
    assert result.returncode == 2
    assert "DATABASE_URL" in result.stderr


def test_it_refuses_a_malformed_boolean():
    result = _start(DEBUG="perhaps")
    assert result.returncode == 2
    assert "DEBUG must be true or false" in result.stderr


def test_it_starts_with_the_defaults():
    result = _start()
    assert result.returncode == 0, result.stderr
    assert "wuhan" in result.stdout


def test_it_reads_a_secret_from_a_file(tmp_path, monkeypatch):
    secret = tmp_path / "secret"
    secret.write_text("s3cret\n")
    monkeypatch.delenv("GOVIT_TEST_SECRET", raising=False)
    monkeypatch.setenv("GOVIT_TEST_SECRET_FILE", str(secret))
    assert env.string("GOVIT_TEST_SECRET") == "s3cret"


def test_it_names_an_unreadable_secret_file(monkeypatch):
    monkeypatch.delenv("GOVIT_TEST_SECRET", raising=False)
    monkeypatch.setenv("GOVIT_TEST_SECRET_FILE", "/nonexistent/secret")
    with pytest.raises(ImproperlyConfigured, match="GOVIT_TEST_SECRET_FILE"):
        env.string("GOVIT_TEST_SECRET")


def test_it_checks_integers(monkeypatch):
    monkeypatch.setenv("GOVIT_TEST_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="GOVIT_TEST_NUMBER must be a whole number"):
        env.integer("GOVIT_TEST_NUMBER", 1)
    monkeypatch.setenv("GOVIT_TEST_NUMBER", "0")
    with pytest.raises(ImproperlyConfigured, match="at least 1"):
        env.integer("GOVIT_TEST_NUMBER", 1, minimum=1)


def test_production_refuses_the_query_count_header():
    result = _start(
        GOVIT_ENV="production",
        ALLOWED_HOSTS="govit.example",
        SECRET_KEY="x" * 60,
        GOVIT_QUERY_COUNT_HEADER="1",
    )
    assert result.returncode == 2
    assert "GOVIT_QUERY_COUNT_HEADER" in result.stderr


@pytest.mark.django_db
def test_the_query_count_header_counts_the_queries(rf):
    from django.contrib.auth import get_user_model
    from django.http import HttpResponse

    from govit.core.middleware import QueryCountMiddleware

    def view(request):
        list(get_user_model().objects.all())
        list(get_user_model().objects.all())
        return HttpResponse("ok")

    response = QueryCountMiddleware(view)(rf.get("/"))
    assert response.headers[QueryCountMiddleware.HEADER] == "2"


def _cache_backend(**variables):
    return _setting("CACHES['default']['BACKEND']", **variables)


def _setting(expression, **variables):
    environment = {k: v for k, v in os.environ.items() if k not in {"GOVIT_CACHE_URL"}}
    environment.update(variables, DJANGO_SETTINGS_MODULE="govit.settings")
    return subprocess.run(
        [
            sys.executable,
            "-c",
            f"from django.conf import settings; print(settings.{expression})",
        ],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_it_keeps_the_cache_in_local_memory_without_a_cache_url():
    result = _cache_backend()
    assert result.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache", result.stderr


def test_a_cache_url_shares_the_cache_in_redis():
    result = _cache_backend(GOVIT_CACHE_URL="redis://127.0.0.1:6379/1")
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache", result.stderr


def test_sessions_are_kept_in_a_shared_cache_only():
    shared = _setting("SESSION_ENGINE", GOVIT_CACHE_URL="redis://127.0.0.1:6379/1")
    assert shared.stdout.strip() == "govit.orgs.session_store", shared.stderr
    # Each process's own cache would keep a session another worker ended.
    local = _setting("SESSION_ENGINE")
    assert local.stdout.strip() == "django.contrib.sessions.backends.db", local.stderr


def test_it_refuses_a_cache_url_that_is_not_redis():
    result = _start(GOVIT_CACHE_URL="memcached://127.0.0.1:11211")
    assert result.returncode == 2
    assert "GOVIT_CACHE_URL must be a Redis URL" in result.stderr
