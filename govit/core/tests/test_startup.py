import gc

from django.urls import clear_url_caches, get_resolver
from django.utils.translation import trans_real

from govit.core.startup import settle, warm_up


def test_warm_up_fills_the_url_lookups_and_the_catalogues():
    clear_url_caches()
    trans_real._translations.clear()
    resolver = get_resolver()
    assert not resolver._populated

    warm_up()

    assert get_resolver() is resolver
    assert resolver._populated
    assert {"zh-hans", "en"} <= set(trans_real._translations)


def test_settle_hides_what_is_loaded_from_the_collector():
    kept = [object()]  # a list: the collector tracks it
    try:
        settle()
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for o in gc.get_objects())  # frozen: not looked at
        made_later = [object()]
        assert any(o is made_later for o in gc.get_objects())
    finally:
        gc.unfreeze()


def test_the_wsgi_application_warms_up_then_settles(monkeypatch):
    import importlib

    import govit.wsgi

    calls = []
    monkeypatch.setattr("govit.core.startup.warm_up", lambda: calls.append("warm_up"))
    monkeypatch.setattr("govit.core.startup.settle", lambda: calls.append("settle"))
    importlib.reload(govit.wsgi)
    assert calls == ["warm_up", "settle"]
