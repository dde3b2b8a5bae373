from django.urls import clear_url_caches, get_resolver
from django.utils.translation import trans_real

from govit.core.startup import warm_up


def test_warm_up_fills_the_url_lookups_and_the_catalogues():
    clear_url_caches()
    trans_real._translations.clear()
    resolver = get_resolver()
    assert not resolver._populated

    warm_up()

    assert get_resolver() is resolver
    assert resolver._populated
    assert {"zh-hans", "en"} <= set(trans_real._translations)


def test_the_wsgi_application_warms_up(monkeypatch):
    import importlib

    import govit.wsgi

    calls = []
    monkeypatch.setattr("govit.core.startup.warm_up", lambda: calls.append(True))
    importlib.reload(govit.wsgi)
    assert calls == [True]
