"""Forms of the delivery pages (amounts in yuan, to the fen)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govit.delivery.choices import CONTRACT_PARTIES, REQUIRED_PARTIES, PaymentKind
from govit.documents.models import Document
from govit.orgs.models import Organisation
from govit.projects.choices import CHANGE_REASONS, FUNDING_SOURCES, PROCUREMENT_METHODS
from govit.projects.models import Project


def _styled(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
        field.widget.attrs.setdefault("class", css)


def _amount(label: Any, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=18, decimal_places=2, min_value=0, required=required
    )


class DateInput(forms.DateInput):
    input_type = "date"


class ApprovalForm(forms.Form):
    approving_body = forms.CharField(label=_("Approving body"), max_length=200)
    document_number = forms.CharField(label=_("Document number"), max_length=100)
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput)
    approved_amount = _amount(_("Approved amount (yuan)"))
    approved_estimate = _amount(_("Approved estimate (yuan)"), required=False)
    investment_code = forms.CharField(
        label=_("Investment project code"),
        max_length=24,
        required=False,
        help_text=_("YYYY-AAAAAA-II-TT-NNNNNN"),
    )
    conditions = forms.CharField(label=_("Conditions"), required=False, widget=forms.Textarea)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
        self.fields["conditions"].widget.attrs["rows"] = 3


class AppropriationForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    source = forms.ChoiceField(label=_("Funding source"), choices=FUNDING_SOURCES)
    amount = _amount(_("Amount (yuan)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class PaymentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PaymentKind.choices)
    milestone = forms.CharField(label=_("Milestone"), max_length=200)
    amount = _amount(_("Amount (yuan)"))
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput)
    treasury_reference = forms.CharField(label=_("Treasury payment reference"), max_length=100)
    evidence = forms.ModelChoiceField(
        label=_("Evidence"), queryset=Document.objects.none(), required=False
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].queryset = Document.objects.filter(project=project)  # type: ignore[attr-defined]
        _styled(self)


class SurplusForm(forms.Form):
    amount = _amount(_("Amount (yuan)"))
    returned_on = forms.DateField(label=_("Returned on"), widget=DateInput)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class ContractForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    vendor = forms.ModelChoiceField(label=_("Vendor"), queryset=Organisation.objects.none())
    parties = forms.MultipleChoiceField(
        label=_("Parties"),
        choices=CONTRACT_PARTIES,
        widget=forms.CheckboxSelectMultiple,
        initial=list(REQUIRED_PARTIES),
        help_text=_("Two parties, or three (Bijie 第十六条: a three-party contract)."),
    )
    amount = _amount(_("Amount (yuan)"))
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput)
    procurement_method = forms.ChoiceField(
        label=_("Procurement method"), choices=[("", "—"), *PROCUREMENT_METHODS], required=False
    )
    ip_owned_by_unit = forms.BooleanField(
        label=_("IP and data owned by the unit (Harbin 第二十三条)"), required=False
    )
    deliverables_clause = forms.BooleanField(
        label=_("Design documents, source code and test documents handed over (Gaoping 第十五条)"),
        required=False,
    )
    emergency_response_clause = forms.BooleanField(
        label=_("Emergency response mechanism (Bijie 第二十八条)"), required=False
    )
    security_testing_clause = forms.BooleanField(
        label=_("Yearly security and cryptography testing (Bijie 第二十八条)"), required=False
    )

    def __init__(self, *args: Any, vendors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = vendors  # type: ignore[attr-defined]
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            elif name != "parties":
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)


class ContractFilingForm(forms.Form):
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class AmendmentForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput)
    description = forms.CharField(label=_("Description"), max_length=300)
    amount_after = _amount(_("Contract amount after the amendment (yuan)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)


class ChangeForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=CHANGE_REASONS)
    description = forms.CharField(label=_("Description"), max_length=300)
    amount = _amount(_("Money concerned (yuan)"))
    requested_on = forms.DateField(label=_("Requested on"), widget=DateInput)
    content_before = forms.CharField(
        label=_("Content before"), required=False, widget=forms.Textarea
    )
    content_after = forms.CharField(label=_("Content after"), required=False, widget=forms.Textarea)
    goal_changed = forms.BooleanField(label=_("The construction goal changes"), required=False)
    exceeds_estimate = forms.BooleanField(
        label=_("The investment would exceed the approved estimate"), required=False
    )
    investment_after = _amount(_("Total investment after the change (yuan)"), required=False)
    estimate_after = _amount(_("Approved estimate after the change (yuan)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            else:
                css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs.setdefault("class", css)
        for name in ("content_before", "content_after"):
            self.fields[name].widget.attrs["rows"] = 3


class ChangeApprovalForm(forms.Form):
    approved_on = forms.DateField(label=_("Approved on"), widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
