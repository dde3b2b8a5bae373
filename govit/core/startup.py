"""Work a server process does once at start rather than in its first request.

Django imports the URLconf (every app's views and the API's schemas: about 1.5 s) and the
translation catalogues on the first request that needs them. In a gunicorn worker that is the
worker's first request, and again after every restart of a worker (``--max-requests``): one
user waits for it. ``warm_up`` does it when the worker loads the application (govit.wsgi).
"""

from __future__ import annotations

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
