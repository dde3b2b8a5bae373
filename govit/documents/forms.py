"""Upload forms: the checks of ``validation`` run here so that the refusal is a field error."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from govit.core.widgets import (
    BlankDateInput,
    BlankTextInput,
    FixedNullBooleanSelect,
    FixedSelect,
    KeptFileInput,
)
from govit.documents.choices import DOCUMENT_TYPES
from govit.documents.validation import ACCEPT, check_upload


def _file_field() -> forms.FileField:
    return forms.FileField(
        label=_("file"),
        widget=KeptFileInput(attrs={"accept": ACCEPT, "class": "form-control"}),
        help_text=_("PDF, Word (.docx), Excel (.xlsx), OFD, PNG or JPEG."),
    )


class VersionForm(forms.Form):
    """A new version of an existing document."""

    file = _file_field()

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        check_upload(upload)
        return upload


class DocumentForm(VersionForm):
    """A new document of a project with its first file."""

    type = forms.ChoiceField(
        label=_("document type"),
        choices=DOCUMENT_TYPES,
        widget=FixedSelect(attrs={"class": "form-select"}, choices_key="documents.types"),
    )
    title = forms.CharField(
        label=_("title"), max_length=200, widget=BlankTextInput(attrs={"class": "form-control"})
    )
    date = forms.DateField(
        label=_("document date"),
        required=False,
        widget=BlankDateInput(attrs={"type": "date", "class": "form-control"}),
    )
    approved = forms.NullBooleanField(
        label=_("approval given"), widget=FixedNullBooleanSelect(attrs={"class": "form-select"})
    )
    reviewed = forms.NullBooleanField(
        label=_("review done"), widget=FixedNullBooleanSelect(attrs={"class": "form-select"})
    )

    field_order = ("type", "title", "date", "approved", "reviewed", "file")
