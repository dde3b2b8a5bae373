"""Domain errors of the data-resource catalogue."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class NotAllowed(PermissionDenied):
    """The actor may not do this; the message says why."""


class Refused(Exception):
    """An action the catalogue's rules do not allow now; the message says why (with the article)."""

    def __init__(self, detail: str, *, field: str = "", article: str = "") -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.article = article
