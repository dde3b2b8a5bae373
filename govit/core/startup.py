"""Work a server process does once at start rather than in its first request.

Django imports the URLconf (every app's views and the API's schemas: about 1.5 s) and the
translation catalogues on the first request that needs them. In a gunicorn worker that is the
worker's first request, and again after every restart of a worker (``--max-requests``): one
user waits for it. ``warm_up`` does it when the worker loads the application (govit.wsgi).

``settle`` then takes what the process has loaded out of the garbage collector's sight: the
collector's full passes went over every object of every imported module (about 260,000 in a
worker) and stopped the worker for 140 ms each, every few thousand requests: under load, the
requests waiting on that worker are the slowest of the run (docs/benchmarks.md, round eight).
"""

from __future__ import annotations

import gc

from django.conf import settings
from django.urls import get_resolver
from django.utils import translation


def warm_up() -> None:
    """Import the URLconf, fill its reverse lookups, and load the catalogue of every language."""
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 (imports every view module and the API)
    resolver.reverse_dict  # noqa: B018 (fills the lookups behind every reverse())
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("")


def settle() -> None:
    """Collect once, then freeze what survives (``gc.freeze``): the modules, classes and
    catalogues loaded at start live as long as the process, and the collector's later passes
    look only at what requests make."""
    gc.collect()
    gc.freeze()
