"""Forms of the library and plan pages (they parse; the services decide)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govit.planning.models.plans import LibraryCategory, LibraryDomain, LibraryPriority
from govit.projects.models import Project


def _year_field(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=2000, max_value=2100)


def _this_year() -> int:
    return timezone.localdate().year


class StyledForm(forms.Form):
    """A form whose widgets carry the Bootstrap classes."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class ClassificationForm(StyledForm):
    category = forms.ChoiceField(label=_("category"), choices=LibraryCategory.choices)
    domain = forms.ChoiceField(label=_("domain"), choices=LibraryDomain.choices)
    priority = forms.TypedChoiceField(
        label=_("policy priority"), choices=LibraryPriority.choices, coerce=int
    )


class AdmitForm(ClassificationForm):
    project = forms.ModelChoiceField(label=_("project"), queryset=Project.objects.none())
    reserve_year = _year_field(_("reserved for the year"))
    reason = forms.CharField(label=_("note"), required=False, widget=forms.Textarea({"rows": 2}))
    acknowledge_warnings = forms.BooleanField(
        label=_("I have read the rules' warnings"), required=False
    )

    field_order = ("project", "category", "domain", "priority", "reserve_year", "reason")

    def __init__(self, *args: Any, projects: QuerySet[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = projects
        self.fields["reserve_year"].initial = _this_year() + 1


class ReclassifyForm(ClassificationForm):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea({"rows": 2}))


class MoveYearForm(StyledForm):
    reserve_year = _year_field(_("reserved for the year"))
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea({"rows": 2}))


class ReasonForm(StyledForm):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea({"rows": 2}))


class PlanCreateForm(StyledForm):
    year = _year_field(_("plan year"))
    title = forms.CharField(label=_("title"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = _this_year() + 1


class LineAddForm(StyledForm):
    entry = forms.IntegerField(label=_("library entry"), widget=forms.HiddenInput)
    amount = forms.DecimalField(
        label=_("amount (yuan)"), min_value=0, decimal_places=2, max_digits=18, required=False
    )


class LineAmountForm(StyledForm):
    amount = forms.DecimalField(
        label=_("amount (yuan)"), min_value=0, decimal_places=2, max_digits=18
    )


class ApproveForm(StyledForm):
    reference = forms.CharField(label=_("approval document number"), max_length=100)
    approved_on = forms.DateField(label=_("approved on"), widget=forms.DateInput({"type": "date"}))
    note = forms.CharField(label=_("note"), required=False, widget=forms.Textarea({"rows": 2}))
    acknowledge_warnings = forms.BooleanField(
        label=_("I have read the rules' warnings"), required=False
    )


class SupplementForm(StyledForm):
    project = forms.ModelChoiceField(label=_("project"), queryset=Project.objects.none())
    amount = forms.DecimalField(
        label=_("amount (yuan)"), min_value=0, decimal_places=2, max_digits=18
    )
    reason = forms.CharField(
        label=_("reason (urgency or the government's requirement)"),
        widget=forms.Textarea({"rows": 2}),
    )
    article = forms.CharField(label=_("article"), max_length=20, required=False)
    reference = forms.CharField(label=_("consent document number"), max_length=100)
    approved_on = forms.DateField(label=_("consented on"), widget=forms.DateInput({"type": "date"}))
    acknowledge_warnings = forms.BooleanField(
        label=_("I have read the rules' warnings"), required=False
    )

    def __init__(self, *args: Any, projects: QuerySet[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = projects


class CheckTextForm(StyledForm):
    text = forms.CharField(
        label=_("name, goals, functions and data of the project"),
        max_length=20000,
        widget=forms.Textarea({"rows": 5}),
    )
