"""Widgets rendered once: the same HTML as Django's, kept per language, value and attributes;
a value outside the choices, or a filled input, is rendered every time and never kept."""

from __future__ import annotations

import re
from typing import Any
from unittest import mock

import pytest
from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from govit.core import widgets
from govit.orgs.models import Organisation

CHOICES = [("draft", _("draft")), ("submitted", _("submitted"))]


class Sample(forms.Form):
    state = forms.ChoiceField(
        choices=CHOICES, widget=widgets.FixedSelect(choices_key="tests.states")
    )
    flag = forms.NullBooleanField(widget=widgets.FixedNullBooleanSelect())
    title = forms.CharField(widget=widgets.BlankTextInput())
    day = forms.DateField(widget=widgets.BlankDateInput(attrs={"type": "date"}))
    file = forms.FileField(widget=widgets.KeptFileInput())


class Plain(forms.Form):
    state = forms.ChoiceField(choices=CHOICES)
    flag = forms.NullBooleanField()
    title = forms.CharField()
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    file = forms.FileField()


def _renders(form: forms.Form, name: str) -> tuple[str, int]:
    """The field's HTML and how many times Django's own rendering ran for it."""
    original = forms.Widget.render
    runs = []

    def counted(self: forms.Widget, *args: Any, **kwargs: Any) -> Any:
        runs.append(self)
        return original(self, *args, **kwargs)

    with mock.patch.object(forms.Widget, "render", counted):
        html = str(form[name])
    return html, len(runs)


def test_the_html_is_django_s_for_every_widget_bound_or_not() -> None:
    data = {"state": "submitted", "flag": "true", "title": "", "day": ""}
    for name in ("state", "flag", "title", "day", "file"):
        assert str(Sample()[name]) == str(Plain()[name])
        assert str(Sample(data)[name]) == str(Plain(data)[name])


def test_a_select_is_rendered_once_per_language() -> None:
    widgets._rendered.clear()
    with translation.override("zh-hans"):
        first, runs = _renders(Sample(), "state")
        assert runs == 1
        again, runs = _renders(Sample(), "state")
        assert (again, runs) == (first, 0)
    with translation.override("en"):
        english, runs = _renders(Sample(), "state")
    assert runs == 1  # another language is rendered anew ...
    assert ">draft<" in english
    assert english != first  # ... with its own labels
    with translation.override("zh-hans"):
        assert _renders(Sample(), "state") == (first, 0)


def test_the_chosen_value_and_the_attributes_are_part_of_the_key() -> None:
    widgets._rendered.clear()
    blank, _runs = _renders(Sample(), "state")
    chosen, runs = _renders(Sample({"state": "submitted"}), "state")
    assert runs == 1
    assert 'value="submitted" selected' in chosen
    assert "selected" not in blank
    invalid, runs = _renders(Sample({"title": "x"}), "state")  # required, missing: aria-invalid
    assert runs == 1
    assert 'aria-invalid="true"' in invalid


def test_a_value_outside_the_choices_is_rendered_but_not_kept() -> None:
    widgets._rendered.clear()
    for _attempt in range(2):
        html, runs = _renders(Sample({"state": "x" * 50}), "state")
        assert runs == 1
        assert "selected" not in html
    assert not any("x" * 50 in key for key in map(str, widgets._rendered))


def test_an_input_is_kept_only_blank() -> None:
    widgets._rendered.clear()
    assert _renders(Sample(), "title")[1] == 1
    assert _renders(Sample(), "title")[1] == 0
    filled, runs = _renders(Sample({"title": "方案"}), "title")
    assert runs == 1
    assert 'value="方案"' in filled
    assert _renders(Sample({"title": "方案"}), "title")[1] == 1  # a typed value is not kept
    assert _renders(Sample(), "file")[1] == 1
    assert _renders(Sample(), "file")[1] == 0


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.django_db
@pytest.mark.parametrize("value", [None, "", "2", "999"])
def test_a_plain_select_writes_what_django_writes(value: str | None) -> None:
    from govit.core.widgets import PlainSelect
    from govit.orgs.tests.factories import OrganisationFactory

    OrganisationFactory(name="甲<单位>")
    OrganisationFactory(name='乙"单位"')
    units = Organisation.objects.order_by("pk")
    attrs = {"class": "form-select", "data-x": True, "hidden": False}

    class Plain(forms.Form):
        unit = forms.ModelChoiceField(
            queryset=units, required=False, empty_label="任意", widget=PlainSelect(attrs=attrs)
        )

    class Django(forms.Form):
        unit = forms.ModelChoiceField(
            queryset=units, required=False, empty_label="任意", widget=forms.Select(attrs=attrs)
        )

    chosen = str(units[1].pk) if value == "2" else value
    data = None if value is None else {"unit": chosen}
    plain, django = str(Plain(data)["unit"]), str(Django(data)["unit"])
    assert _normalised(plain) == _normalised(django)
    assert "&lt;单位&gt;" in plain
    if value == "2":
        assert f'value="{chosen}" selected' in plain


@pytest.mark.django_db
@pytest.mark.parametrize("value", [None, "", "2", "999", "x"])
def test_a_plain_model_choice_field_shows_and_cleans_what_django_does(value: str | None) -> None:
    from govit.core.widgets import PlainModelChoiceField
    from govit.orgs.tests.factories import OrganisationFactory

    OrganisationFactory(name="甲<单位>&")
    OrganisationFactory(name="乙'单位'")
    units = Organisation.objects.order_by("pk")

    class Plain(forms.Form):
        unit = PlainModelChoiceField(queryset=units, required=False, empty_label="任意")

    class Django(forms.Form):
        unit = forms.ModelChoiceField(queryset=units, required=False, empty_label="任意")

    chosen = str(units[1].pk) if value == "2" else value
    data = None if value is None else {"unit": chosen}
    plain, django = Plain(data), Django(data)
    assert _normalised(str(plain["unit"])) == _normalised(str(django["unit"]))
    if data is not None:
        assert plain.is_valid() == django.is_valid()
        assert plain.errors == django.errors
        if plain.is_valid():
            assert plain.cleaned_data == django.cleaned_data
    if value == "2":
        assert plain.cleaned_data["unit"] == units[1]


@pytest.mark.django_db
def test_a_plain_model_choice_field_makes_no_instance_per_option(
    django_assert_num_queries: Any,
) -> None:
    from govit.core.widgets import PlainModelChoiceField
    from govit.orgs.tests.factories import OrganisationFactory

    OrganisationFactory.create_batch(5)

    class Plain(forms.Form):
        unit = PlainModelChoiceField(queryset=Organisation.objects.order_by("name"))

    built = mock.patch.object(Organisation, "from_db", side_effect=AssertionError("an instance"))
    with built, django_assert_num_queries(1):
        html = str(Plain()["unit"])
    assert html.count("<option") == 6
    assert len(Plain().fields["unit"].choices) == 6  # type: ignore[attr-defined]


@pytest.fixture
def kept(shared_cache: None) -> None:
    """Options kept by table version, as with a shared cache (conftest's ``shared_cache``)."""


def _unit_form(units: Any, versioned: bool = True) -> type[forms.Form]:
    class Filter(forms.Form):
        unit = widgets.PlainModelChoiceField(
            queryset=units,
            required=False,
            empty_label=_("any unit"),
            versioned_by=Organisation if versioned else None,
        )

    return Filter


@pytest.mark.django_db
@pytest.mark.parametrize("value", [None, "", "2", "999"])
def test_kept_options_give_the_same_html_as_read_ones(kept: None, value: str | None) -> None:
    from govit.orgs.tests.factories import OrganisationFactory

    OrganisationFactory(name="甲<单位>")
    OrganisationFactory(name="乙单位")
    units = Organisation.objects.order_by("pk")
    chosen = str(units[1].pk) if value == "2" else value
    data = None if value is None else {"unit": chosen}
    read = str(_unit_form(units, versioned=False)(data)["unit"])
    str(_unit_form(units)()["unit"])  # keeps the options, unselected
    assert str(_unit_form(units)(data)["unit"]) == read
    if value == "2":
        assert read.count(" selected") == 1


@pytest.mark.django_db
def test_kept_options_are_read_again_after_a_unit_is_saved_or_deleted(
    kept: None, django_assert_num_queries: Any
) -> None:
    from govit.orgs.tests.factories import OrganisationFactory

    first = OrganisationFactory(name="甲单位")
    units = Organisation.objects.order_by("name")
    with django_assert_num_queries(1):
        str(_unit_form(units)()["unit"])
    with django_assert_num_queries(0):
        assert "甲单位" in str(_unit_form(units)()["unit"])
    first.name = "丙单位"
    first.save()
    with django_assert_num_queries(1):
        html = str(_unit_form(units)()["unit"])
    assert "丙单位" in html
    assert "甲单位" not in html
    OrganisationFactory(name="丁单位")
    assert "丁单位" in str(_unit_form(units)()["unit"])
    first.delete()
    assert "丙单位" not in str(_unit_form(units)()["unit"])


@pytest.mark.django_db
def test_each_scope_and_language_keeps_its_own_options(kept: None) -> None:
    from govit.orgs.tests.factories import OrganisationFactory

    ours = OrganisationFactory(name="本单位")
    OrganisationFactory(name="他单位")
    every = str(_unit_form(Organisation.objects.order_by("name"))()["unit"])
    mine = str(_unit_form(Organisation.objects.filter(pk__in=[ours.pk]))()["unit"])
    assert "他单位" in every
    assert "他单位" not in mine
    with translation.override("en"):
        english = str(_unit_form(Organisation.objects.order_by("name"))()["unit"])
    with translation.override("zh-hans"):
        chinese = str(_unit_form(Organisation.objects.order_by("name"))()["unit"])
    assert "any unit" in english
    assert "any unit" not in chinese


@pytest.mark.django_db
def test_options_are_read_each_time_without_a_shared_cache(
    django_assert_num_queries: Any,
) -> None:
    from govit.core import row_versions
    from govit.orgs.tests.factories import OrganisationFactory

    assert not row_versions.shared()  # the tests' local-memory cache
    widgets._kept_options.clear()
    OrganisationFactory(name="甲单位")
    units = Organisation.objects.order_by("name")
    for _round in range(2):
        with django_assert_num_queries(1):
            str(_unit_form(units)()["unit"])
    assert len(widgets._kept_options) == 0


def test_a_redis_cache_is_shared(settings: Any) -> None:
    from govit.core import row_versions

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/1",
        }
    }
    assert row_versions.shared()
