"""A faster ``get_FOO_display`` for fields with fixed choices.

Django's ``Model._get_FIELD_display`` builds a dict of all the field's choices on every call,
hashing each label; govit's labels are lazy translations, so every call translates every
label of the field (a document type list has 20-odd). List pages call it per row and per
column, which made it a measurable part of their CPU time (issue #9). This version keeps, per
field and language, the dict of value → translated label, built once.
"""

from __future__ import annotations

from functools import partialmethod
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language

_DJANGOS = models.Model._get_FIELD_display  # type: ignore[attr-defined]
_labels: dict[tuple[int, str | None], dict[Any, str]] = {}


def _display(self: models.Model, field: models.Field[Any, Any]) -> Any:
    value = getattr(self, field.attname)
    key = (id(field), get_language())
    labels = _labels.get(key)
    if labels is None:
        labels = {make_hashable(v): str(label) for v, label in field.flatchoices}
        _labels[key] = labels
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


def install() -> None:
    """Point every model's ``get_FOO_display`` of a field with fixed choices (a list, not a
    callable) at the cached version; explicitly defined methods are left alone."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if not isinstance(field.choices, (list, tuple)):
                continue
            name = f"get_{field.name}_display"
            method = model.__dict__.get(name)
            if isinstance(method, partialmethod) and method.func is _DJANGOS:
                setattr(model, name, partialmethod(_display, field=field))
