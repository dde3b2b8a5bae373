"""Forms of the cycle and application pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govit.documents.validation import ACCEPT
from govit.orgs.models import Organisation
from govit.planning.chapters import Form as ApplicationFormSpec
from govit.planning.chapters import form_choices
from govit.projects.models import Project


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxInput):
            field.widget.attrs.setdefault("class", "form-check-input")
            continue
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class DateInput(forms.DateInput):
    input_type = "date"


class CycleForm(forms.Form):
    """A cycle's year, window, review timetable and compile date."""

    plan_year = forms.IntegerField(label=_("Plan year"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Title"), max_length=200)
    call_opens_on = forms.DateField(label=_("Call opens on"), widget=DateInput)
    call_closes_on = forms.DateField(label=_("Call closes on"), widget=DateInput)
    review_starts_on = forms.DateField(
        label=_("Review starts on"), widget=DateInput, required=False
    )
    review_ends_on = forms.DateField(label=_("Review ends on"), widget=DateInput, required=False)
    timetable = forms.CharField(
        label=_("Review timetable"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    compile_by = forms.DateField(label=_("Plan compiled by"), widget=DateInput)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["plan_year"]
        _styled(self)


class GuideForm(forms.Form):
    guide = forms.FileField(
        label=_("Application guide"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class NewApplicationForm(forms.Form):
    """Apply with a draft project of the unit, or name a new one."""

    form = forms.ChoiceField(label=_("Application form"))
    project = forms.ModelChoiceField(
        label=_("Draft project"), queryset=Project.objects.none(), required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Project unit"), queryset=Organisation.objects.none(), required=False
    )
    name = forms.CharField(label=_("New project name"), max_length=200, required=False)
    co_units = forms.ModelMultipleChoiceField(
        label=_("Co-building units"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )

    def __init__(
        self,
        *args: Any,
        rulebook: str,
        projects: Any,
        units: Any,
        others: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["form"]
        field.choices = form_choices(rulebook)
        project_field: Any = self.fields["project"]
        project_field.queryset = projects
        unit_field: Any = self.fields["unit"]
        unit_field.queryset = units
        if units.count() == 1:
            unit_field.initial = units.first()
        co_field: Any = self.fields["co_units"]
        co_field.queryset = others
        _styled(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("project") is None:
            if not (data.get("name") or "").strip():
                self.add_error("name", _("Choose a draft project or give a new project's name."))
            if data.get("unit") is None:
                self.add_error("unit", _("Choose the unit of the new project."))
        return data


class ChaptersForm(forms.Form):
    """One text field per chapter of the rulebook's form, labelled with its article."""

    def __init__(self, *args: Any, spec: ApplicationFormSpec | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for chapter in spec.chapters if spec else ():
            self.fields[chapter.key] = forms.CharField(
                label=str(chapter.label),
                required=False,
                max_length=20000,
                help_text=chapter.article,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        _styled(self)


class SubmitForm(forms.Form):
    acknowledge_warnings = forms.BooleanField(
        label=_("I have read the warnings and submit anyway"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
