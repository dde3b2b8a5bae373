"""Forms of the data-resource catalogue; the views hand their cleaned data to the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from govit.data_resources import grading
from govit.data_resources.choices import ItemType
from govit.data_resources.models import DataResource
from govit.data_resources.services import EDITABLE_FIELDS
from govit.orgs.models import User
from govit.orgs.selectors import scoped
from govit.systems.forms import DateInput, bootstrap, unit_queryset
from govit.systems.models import System


def parse_items(text: str) -> list[dict[str, Any]]:
    """One item a line: name, type code, length, grade code (comma or tab separated)."""
    items: list[dict[str, Any]] = []
    errors: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.replace("\t", ",").replace("，", ",").split(",")]
        if len(parts) != 4:
            errors.append(str(_("Line %(n)d: write name, type, length, grade.") % {"n": number}))
            continue
        name, data_type, length, grade = parts
        if data_type not in ItemType.values:
            errors.append(str(_("Line %(n)d: unknown data type.") % {"n": number}))
        if length and not length.isdigit():
            errors.append(str(_("Line %(n)d: the length is a whole number.") % {"n": number}))
        if not grading.is_valid(grade):
            errors.append(str(_("Line %(n)d: unknown grade.") % {"n": number}))
        items.append(
            {"name": name, "data_type": data_type, "length": int(length or 0), "grade": grade}
        )
    if errors:
        raise ValidationError(errors)
    if not items:
        raise ValidationError(_("List at least one data item."))
    return items


def items_text(resource: DataResource) -> str:
    return "\n".join(
        f"{i.name},{i.data_type},{i.length or ''},{i.grade}" for i in resource.items.all()
    )


class ResourceForm(forms.ModelForm[DataResource]):
    items = forms.CharField(
        label=_("data items"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One a line: name, type code (C, N, D …), length, grade (core, important, general-1 …)."
        ),
    )

    class Meta:
        model = DataResource
        fields = EDITABLE_FIELDS
        widgets = {"released_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = unit_queryset(actor)  # type: ignore[attr-defined]
        self.fields["source_system"].queryset = scoped(  # type: ignore[attr-defined]
            actor, System.objects.all(), org_field="unit_id"
        )
        if self.instance.pk and not self.is_bound:
            self.initial["items"] = items_text(self.instance)
        bootstrap(self)

    def clean_items(self) -> list[dict[str, Any]]:
        return parse_items(self.cleaned_data.get("items") or "")

    def resource_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RequestForm(forms.Form):
    purpose = forms.CharField(
        label=_("purpose and basis of the use"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    reason = forms.CharField(
        label=_("reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("xlsx workbook"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bootstrap(self)
