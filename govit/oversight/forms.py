"""Forms of the oversight pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govit.documents.models import Document
from govit.oversight import data
from govit.oversight.choices import Office, SanctionKind
from govit.oversight.models import Finding
from govit.projects.models import Project


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field.widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            continue
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")  # what <input type=date> reads


class InspectionForm(forms.Form):
    inspected_on = forms.DateField(label=_("Inspected on"), widget=DateInput)
    offices = forms.MultipleChoiceField(
        label=_("Joined by"),
        choices=Office.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
        self.fields["note"].widget.attrs["rows"] = 2


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of finding"))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = data.of(project.rulebook).kinds
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [(k.code, f"{k.article} {k.label}") for k in kinds]
        _styled(self)
        self.fields["description"].widget.attrs["rows"] = 2


class OrderForm(forms.Form):
    findings = forms.ModelMultipleChoiceField(
        label=_("Findings"), queryset=Finding.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    working_days = forms.IntegerField(label=_("Deadline (working days)"), min_value=1)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["findings"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Finding.objects.filter(inspection__project=project)
        _styled(self)


class ReportForm(forms.Form):
    report = forms.CharField(label=_("Rectification report"), widget=forms.Textarea)
    evidence = forms.ModelMultipleChoiceField(
        label=_("Evidence"), queryset=Document.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["evidence"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = Document.objects.filter(project=project)
        _styled(self)


class RecheckForm(forms.Form):
    passed = forms.TypedChoiceField(
        label=_("Re-check"),
        choices=[("1", _("passed")), ("0", _("failed"))],
        coerce=lambda v: v == "1",
    )
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class EscalateForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"))
    reason = forms.CharField(label=_("Reason"), required=False)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = dict(SanctionKind.choices)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [
            (s.code, f"{s.article} {names[s.code]}") for s in data.of(project.rulebook).sanctions
        ]
        _styled(self)


class LiftForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
