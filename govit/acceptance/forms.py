"""Forms of the acceptance steps; the services check the rules, the forms only parse."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from govit.acceptance.choices import MeetingResult
from govit.documents.models import Document
from govit.orgs.models import Organisation

DATE = forms.DateInput(attrs={"type": "date", "class": "form-control"})
TEXT = forms.TextInput(attrs={"class": "form-control"})
AREA = forms.Textarea(attrs={"class": "form-control", "rows": 3})
SELECT = forms.Select(attrs={"class": "form-select"})
ACK = forms.CheckboxInput(attrs={"class": "form-check-input"})


def _documents(project_id: int, types: tuple[str, ...] = ()) -> models.QuerySet[Document]:
    documents = Document.objects.filter(project_id=project_id).order_by("type", "-date", "id")
    return documents.filter(type__in=types) if types else documents


class DocumentChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.get_type_display()} · {obj.title}"


class EvidenceForm(forms.Form):
    document = DocumentChoice(
        label=_("Document that shows it"), queryset=Document.objects.none(), widget=SELECT
    )
    note = forms.CharField(label=_("Note"), required=False, widget=AREA)

    def __init__(self, *args: Any, project_id: int, document_required: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["document"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _documents(project_id)
        field.required = document_required


class MeetingFields(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DATE)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.filter(is_active=True).order_by("kind", "name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
    )
    experts = forms.CharField(
        label=_("Experts"),
        required=False,
        widget=AREA,
        help_text=_("One per line: name, affiliation."),
    )
    people = forms.CharField(
        label=_("Other participants"),
        required=False,
        widget=AREA,
        help_text=_("One per line: name, organisation."),
    )
    opinion = forms.CharField(label=_("Opinion"), required=False, widget=AREA)


class InitialAcceptanceForm(MeetingFields):
    report = DocumentChoice(
        label=_("Report"), queryset=Document.objects.none(), required=False, widget=SELECT
    )
    acknowledge_warnings = forms.BooleanField(
        label=_("I acknowledge the warnings"), required=False, widget=ACK
    )

    def __init__(self, *args: Any, project_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["report"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _documents(project_id)


class MeetingForm(MeetingFields):
    result = forms.ChoiceField(label=_("Result"), choices=MeetingResult.choices, widget=SELECT)
    report = DocumentChoice(
        label=_("Acceptance report"),
        queryset=Document.objects.none(),
        required=False,
        widget=SELECT,
        help_text=_("Needed when the acceptance passed."),
    )
    rectification_days = forms.IntegerField(
        label=_("Working days to rectify"),
        min_value=1,
        max_value=365,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        help_text=_("Needed when the acceptance failed."),
    )

    def __init__(self, *args: Any, project_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["report"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _documents(project_id, ("acceptance_report",))


class StepForm(forms.Form):
    acknowledge_warnings = forms.BooleanField(
        label=_("I acknowledge the warnings"), required=False, widget=ACK
    )


class FilingForm(forms.Form):
    filed_on = forms.DateField(label=_("Filed on"), widget=DATE)
    report = DocumentChoice(
        label=_("Acceptance report"),
        queryset=Document.objects.none(),
        required=False,
        widget=SELECT,
    )

    def __init__(self, *args: Any, project_id: int, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["report"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _documents(project_id, ("acceptance_report",))


class NoticeForm(forms.Form):
    sent_on = forms.DateField(label=_("Notified on"), widget=DATE)


class ReceiptForm(forms.Form):
    received_on = forms.DateField(label=_("Received on"), widget=DATE)


class AssetForm(forms.Form):
    asset_number = forms.CharField(label=_("Asset number"), max_length=60, widget=TEXT)
    description = forms.CharField(label=_("Description"), max_length=200, widget=TEXT)
    value = forms.DecimalField(
        label=_("Value (yuan)"),
        min_value=0,
        max_digits=18,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.01"}),
    )
    booked_on = forms.DateField(label=_("Booked on"), widget=DATE)
