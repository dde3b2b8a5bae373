"""Field helpers shared by the project models."""

from __future__ import annotations

from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def fact(verbose_name: Any, **kwargs: Any) -> models.BooleanField[bool | None, bool | None]:
    """A yes/no fact that may be unknown (None): rules tell "no" from "not given"."""
    return models.BooleanField(verbose_name, null=True, blank=True, default=None, **kwargs)


def day(verbose_name: Any, **kwargs: Any) -> models.DateField[Any, Any]:
    """The date of an event; None while it has not happened."""
    return models.DateField(verbose_name, null=True, blank=True, **kwargs)


def yuan(verbose_name: Any, **kwargs: Any) -> models.DecimalField[Any, Any]:
    """An amount of money in yuan (shown to people in 万元)."""
    kwargs.setdefault("help_text", _("in yuan"))
    return models.DecimalField(
        verbose_name,
        max_digits=18,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        **kwargs,
    )
