"""Forms of the security registers; the views hand their cleaned data to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govit.security.models import Assessment, Drill, Grading, Incident, ServiceContract
from govit.security.services import (
    ASSESSMENT_FIELDS,
    CONTRACT_FIELDS,
    DRILL_FIELDS,
    GRADING_FIELDS,
    INCIDENT_FIELDS,
)
from govit.systems.forms import DateInput, bootstrap


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class _Small(forms.BaseForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self, small=True)


class GradingForm(_Small, forms.ModelForm[Grading]):
    class Meta:
        model = Grading
        fields = GRADING_FIELDS
        widgets = {"graded_on": DateInput(), "filed_on": DateInput()}


class FilingForm(_Small, forms.Form):
    filing_number = forms.CharField(label=_("filing number"), max_length=60)
    filed_on = forms.DateField(label=_("filed with the police on"), widget=DateInput())


class AssessmentForm(_Small, forms.ModelForm[Assessment]):
    class Meta:
        model = Assessment
        fields = ASSESSMENT_FIELDS
        widgets = {
            "done_on": DateInput(),
            "remediated_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }


class ContractForm(_Small, forms.ModelForm[ServiceContract]):
    class Meta:
        model = ServiceContract
        fields = CONTRACT_FIELDS
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}


class IncidentForm(_Small, forms.ModelForm[Incident]):
    class Meta:
        model = Incident
        fields = INCIDENT_FIELDS
        widgets = {
            "occurred_at": DateTimeInput(),
            "reported_on": DateInput(),
            "closed_on": DateInput(),
            "symptoms": forms.Textarea(attrs={"rows": 2}),
            "handling": forms.Textarea(attrs={"rows": 2}),
        }


class DrillForm(_Small, forms.ModelForm[Drill]):
    class Meta:
        model = Drill
        fields = DRILL_FIELDS
        widgets = {
            "held_on": DateInput(),
            "record": forms.Textarea(attrs={"rows": 3}),
            "findings": forms.Textarea(attrs={"rows": 2}),
        }
