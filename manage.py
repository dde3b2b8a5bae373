#!/usr/bin/env python
"""Django's command-line utility; the same as the ``govit`` command."""

from govit.cli import main

if __name__ == "__main__":
    main()
