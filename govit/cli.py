"""The ``govit`` console command: Django's management commands under one name.

``govit migrate``, ``govit runserver``, ``govit rulebook list``, ``govit check`` ... A bad
setting is reported as one sentence, not a traceback.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govit.settings")
    from django.core.exceptions import ImproperlyConfigured

    args = list(sys.argv if argv is None else argv)
    args[0] = "govit"
    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        print(f"govit: configuration error: {exc}", file=sys.stderr)
        raise SystemExit(2) from None
    from django.core.management import execute_from_command_line

    execute_from_command_line(args)


if __name__ == "__main__":
    main()
