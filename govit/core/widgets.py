"""Widgets rendered once per language, value and attributes: selects of fixed choices, and
blank inputs.

The upload form of a project's page offers every document type (some forty options), the
dashboard's filters every state and project type; Django renders each option through its own
template on every request, a measurable part of those pages (issue #9). The choices of these
widgets never change while the process runs (the caller names them with ``choices_key``), so
their HTML depends only on the language, the field name, the chosen value and the attributes:
it is kept per those, built by Django's own rendering the first time (the same HTML), like
``govit.core.choices`` keeps the labels per language. Only a value among the choices (or none)
is kept, so a posted value cannot grow the cache; an input is kept only blank (an unbound
form's), a file input always (it never shows its value).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.db import models
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from govit.core import row_versions

_rendered: dict[tuple[Any, ...], SafeString] = {}


def _items(value: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((name, str(item)) for name, item in value.items()))


class RenderedOnceMixin:
    """Keeps a widget's HTML per language, name, shown value and attributes, for the values
    ``kept_values`` accepts (it answers None for a value not to keep)."""

    def kept_values(self, value: Any) -> tuple[str, ...] | None:
        raise NotImplementedError

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        values = self.kept_values(value)
        if values is None:
            return super().render(name, value, attrs, renderer)  # type: ignore[misc, no-any-return]
        key = (
            type(self),
            getattr(self, "choices_key", ""),
            get_language(),
            name,
            values,
            _items(attrs or {}),
            _items(self.attrs),  # type: ignore[attr-defined]
            self.is_required,  # type: ignore[attr-defined]
            renderer,
        )
        html = _rendered.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)  # type: ignore[misc]
            _rendered[key] = html
        return html


class FixedSelectMixin(RenderedOnceMixin):
    """A select whose choices, named by ``choices_key``, are fixed for the process's life (a
    module constant, not a query); kept for a value among them or none."""

    choices_key: str

    def __init__(self, *args: Any, choices_key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choices_key = choices_key

    def kept_values(self, value: Any) -> tuple[str, ...] | None:
        formatted = self.format_value(value)  # type: ignore[attr-defined]
        values = (formatted,) if isinstance(formatted, str) else tuple(formatted)
        known = {"", *(str(choice) for choice, _ in self.choices)}  # type: ignore[attr-defined]
        return values if set(values) <= known else None


class FixedSelect(FixedSelectMixin, forms.Select):
    """A ``Select`` of fixed choices, rendered once per language, value and attributes."""


class FixedNullBooleanSelect(FixedSelectMixin, forms.NullBooleanSelect):
    """A ``NullBooleanSelect`` (its three choices are fixed), rendered once the same way."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, choices_key="null-boolean")


class BlankInputMixin(RenderedOnceMixin):
    """An input kept only when it shows no value (an unbound form's)."""

    def kept_values(self, value: Any) -> tuple[str, ...] | None:
        return ("",) if value is None or value == "" else None


class BlankTextInput(BlankInputMixin, forms.TextInput):
    """A ``TextInput`` rendered once per language and attributes while blank."""


class BlankDateInput(BlankInputMixin, forms.DateInput):
    """A ``DateInput`` rendered once per language and attributes while blank."""


class KeptFileInput(RenderedOnceMixin, forms.FileInput):
    """A ``FileInput``: it never shows a value, so it is rendered once per language and
    attributes."""

    def kept_values(self, value: Any) -> tuple[str, ...] | None:
        return ()


class PlainSelect(forms.Select):
    """A ``Select`` whose options are written in Python, not through a template each.

    For a select of rows that grow with the data (the unit filters list every unit: 2,670 at a
    province's scale), Django's template per option cost some 50 ms a page. The markup is
    Django's, whitespace aside (``tests``: the same elements, attributes and text). Its text is
    escaped by ``html.escape``, which Django's ``escape`` calls (without its lazy-string
    wrapper, a third of the cost at 2,670 options)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        chosen = {str(v) for v in self.format_value(value)}
        final = self.build_attrs(self.attrs, attrs)
        head = f'<select name="{_escape(name)}"{_attrs(final)}>'
        kept = getattr(self.choices, "kept", None)
        options = kept(self._options) if kept is not None else self._options()
        for text in sorted(chosen):  # the first option of each value, as Django's select
            plain = f'<option value="{_escape(text)}">'
            options = options.replace(plain, plain[:-1] + " selected>", 1)
        return SafeString("\n".join((head, options, "</select>")))

    def _options(self) -> str:
        """The options, none selected."""
        parts: list[str] = []
        for option, label in self.choices:
            if isinstance(label, list | tuple):  # a group of options
                parts.append(f'<optgroup label="{_escape(option)}">')
                parts.extend(_option(inner, text) for inner, text in label)
                parts.append("</optgroup>")
            else:
                parts.append(_option(option, label))
        return "\n".join(parts)


# The options of ``PlainSelect``s whose rows are kept (``PlainModelChoiceField(versioned_by=)``),
# unselected, by table version, query and language; at most this many (a scope and language
# is one).
_kept_options: row_versions.Kept[str] = row_versions.Kept(limit=32)


def _escape(text: Any) -> str:
    """Django's ``escape`` without its wrapper: ``html.escape`` of the text."""
    return html.escape(str(text))


def _option(value: Any, label: Any) -> str:
    text = "" if value is None else str(value)
    return f'<option value="{_escape(text)}">{_escape(label)}</option>'


def _attrs(attrs: dict[str, Any]) -> str:
    """Django's ``attrs.html``: ``True`` as a bare name, ``False`` left out."""
    return "".join(
        f" {name}" if value is True else f' {name}="{_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class _LabelRows(forms.models.ModelChoiceIterator):
    """The choices as (primary key, label) rows read with ``values_list``: no model instance
    per row."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        label_field: str = getattr(self.field, "label_field", "name")
        yield from self.queryset.values_list("pk", label_field)

    def __len__(self) -> int:
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)

    def kept(self, render: Callable[[], str]) -> str:
        """The options ``render`` writes, kept when the field names the one table its rows come
        from (``versioned_by``) and the cache is shared (``row_versions``): by the table's
        version, the query (so each scope has its own), the label field and the language (the
        empty label's)."""
        model = getattr(self.field, "versioned_by", None)
        if model is None or not row_versions.shared():
            return render()
        sql, params = self.queryset.query.sql_with_params()
        empty = self.field.empty_label
        key = (
            sql,
            tuple(map(str, params)),
            getattr(self.field, "label_field", "name"),
            get_language(),
            None if empty is None else str(empty),
        )
        return _kept_options.get((model,), key, render)


class PlainModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A ``ModelChoiceField`` for long lists (every unit), shown by a ``PlainSelect``, whose
    options are read as (primary key, ``label_field``) rows rather than model instances: the
    label must be what the model's ``__str__`` gives. Cleaning is ``ModelChoiceField``'s (the
    chosen row, looked up in the queryset)."""

    iterator = _LabelRows
    widget = PlainSelect

    def __init__(
        self,
        *args: Any,
        label_field: str = "name",
        versioned_by: type[models.Model] | None = None,
        **kwargs: Any,
    ) -> None:
        """``versioned_by``: the model whose table alone the queryset reads (no join or
        subquery into another), tracked by ``row_versions``; its options are then rendered
        once per version, scope and language and kept by every worker."""
        super().__init__(*args, **kwargs)
        self.label_field = label_field
        self.versioned_by = versioned_by
