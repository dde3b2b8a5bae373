"""Signals the project app sends after its transactions commit (for notifications, later)."""

from django.dispatch import Signal

# Sent on commit of a lifecycle step, with ``project_id`` and ``change_id`` (a StateChange).
project_transitioned = Signal()
