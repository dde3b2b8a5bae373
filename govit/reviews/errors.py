"""Domain errors of the reviews app."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class NotAllowed(PermissionDenied):
    """The actor may not do this; the message says why."""


class DrawError(Exception):
    """The draw cannot be made (not enough candidates); the message says why."""
