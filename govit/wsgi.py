"""WSGI entry point (gunicorn govit.wsgi); a bad setting is reported in one sentence."""

import os
import sys

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govit.settings")
try:
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()

    from govit.core.startup import settle, warm_up

    warm_up()
    settle()
except ImproperlyConfigured as exc:
    print(f"govit: configuration error: {exc}", file=sys.stderr)
    raise SystemExit(2) from None
