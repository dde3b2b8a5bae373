"""Forms of the procurement, supervision, progress, payment-request and change-decision
pages (amounts in yuan, to the fen)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from govit.delivery.choices import DELIVERY_METHODS, PaymentKind
from govit.delivery.forms import DateInput, _amount, _styled
from govit.delivery.models import Milestone, ProgressReport, SupervisionReport
from govit.documents.models import Document
from govit.documents.validation import ACCEPT
from govit.projects.models import Project


class _Styled(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _styled(self)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3


def _documents(project: Project, types: tuple[str, ...] = ()) -> Any:
    documents = Document.objects.filter(project=project).order_by("-id")
    return documents.filter(type__in=types) if types else documents


class ProcurementForm(_Styled):
    title = forms.CharField(label=_("Title"), max_length=200)
    method = forms.ChoiceField(label=_("Procurement method"), choices=DELIVERY_METHODS)
    budget_amount = _amount(_("Procurement budget (yuan)"))
    control_price = _amount(_("Tender control price (yuan)"), required=False)
    planned_on = forms.DateField(label=_("Planned on"), widget=DateInput)
    announced_on = forms.DateField(label=_("Announced on"), widget=DateInput, required=False)
    bids_opened_on = forms.DateField(label=_("Bids opened on"), widget=DateInput, required=False)


class ControlPriceForm(_Styled):
    control_price = _amount(_("Tender control price (yuan)"))
    reviewer = forms.CharField(label=_("Third-party reviewer"), max_length=200)
    reviewed_on = forms.DateField(label=_("Reviewed on"), widget=DateInput)
    document = forms.ModelChoiceField(label=_("Review document"), queryset=Document.objects.none())

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = _documents(project, ("control_price_review",))  # type: ignore[attr-defined]


class AwardForm(_Styled):
    vendor = forms.ModelChoiceField(label=_("Winning vendor"), queryset=Document.objects.none())
    award_amount = _amount(_("Award amount (yuan)"))
    awarded_on = forms.DateField(label=_("Awarded on"), widget=DateInput)

    def __init__(self, *args: Any, vendors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = vendors  # type: ignore[attr-defined]


class ContractLinkForm(_Styled):
    contract = forms.ModelChoiceField(label=_("Contract"), queryset=Document.objects.none())

    def __init__(self, *args: Any, contracts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts  # type: ignore[attr-defined]


class SupervisionForm(_Styled):
    supervisor = forms.ModelChoiceField(label=_("Supervisor"), queryset=Document.objects.none())
    engaged_on = forms.DateField(label=_("Engaged on"), widget=DateInput)
    fee = _amount(_("Supervision fee (yuan)"), required=False)

    def __init__(self, *args: Any, supervisors: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors  # type: ignore[attr-defined]


class FilingForm(_Styled):
    filed_on = forms.DateField(label=_("Filed on"), widget=DateInput)


class SupervisionReportForm(_Styled):
    kind = forms.ChoiceField(label=_("Kind"), choices=SupervisionReport.Kind.choices)
    period_start = forms.DateField(label=_("Period from"), widget=DateInput)
    period_end = forms.DateField(label=_("Period to"), widget=DateInput)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea)
    document = forms.ModelChoiceField(
        label=_("Document"), queryset=Document.objects.none(), required=False
    )
    upload = forms.FileField(
        label=_("Or upload the report file"),
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text=_("PDF, OFD, Word, Excel or an image; checked like any upload."),
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = _documents(project, ("supervision_report",))  # type: ignore[attr-defined]


class MilestoneForm(_Styled):
    name = forms.CharField(label=_("Name"), max_length=200)
    baseline_due = forms.DateField(label=_("Baseline date"), widget=DateInput)
    planned_cost = _amount(_("Planned cost (yuan)"))


class MilestoneProgressForm(_Styled):
    actual_on = forms.DateField(label=_("Actual date"), widget=DateInput, required=False)
    actual_cost = _amount(_("Actual cost (yuan)"), required=False)


class RebaselineForm(_Styled):
    reason = forms.CharField(label=_("Reason"), max_length=300)
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput)

    def __init__(self, *args: Any, milestones: list[Milestone], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.milestones = milestones
        for m in milestones:
            self.fields[f"due_{m.pk}"] = forms.DateField(
                label=_("%(name)s: baseline date") % {"name": m.name},
                widget=DateInput(attrs={"class": "form-control"}),
                initial=m.baseline_due,
            )
            self.fields[f"cost_{m.pk}"] = forms.DecimalField(
                label=_("%(name)s: planned cost (yuan)") % {"name": m.name},
                max_digits=18,
                decimal_places=2,
                min_value=0,
                initial=m.planned_cost,
                widget=forms.NumberInput(attrs={"class": "form-control"}),
            )

    def changes(self) -> dict[int, Any]:
        data = self.cleaned_data
        return {m.pk: (data[f"due_{m.pk}"], data[f"cost_{m.pk}"]) for m in self.milestones}


class ProgressReportForm(_Styled):
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgressReport.Kind.choices)
    period_end = forms.DateField(label=_("Period to"), widget=DateInput)
    percent_complete = forms.IntegerField(label=_("Percent complete"), min_value=0, max_value=100)
    investment_executed = _amount(_("Investment executed (yuan)"))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea)
    document = forms.ModelChoiceField(
        label=_("Document"), queryset=Document.objects.none(), required=False
    )

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = _documents(project)  # type: ignore[attr-defined]


class PaymentRequestForm(_Styled):
    milestone = forms.ModelChoiceField(label=_("Milestone"), queryset=Milestone.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=PaymentKind.choices)
    amount = _amount(_("Amount (yuan)"))
    evidence = forms.ModelChoiceField(label=_("Evidence"), queryset=Document.objects.none())
    requested_on = forms.DateField(label=_("Requested on"), widget=DateInput)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = Milestone.objects.filter(project=project)  # type: ignore[attr-defined]
        self.fields["evidence"].queryset = _documents(project)  # type: ignore[attr-defined]


class DecisionForm(_Styled):
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class RejectionForm(_Styled):
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput)
    note = forms.CharField(label=_("Reason"), max_length=300)


class ExecutionForm(_Styled):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput)
    treasury_reference = forms.CharField(label=_("Treasury payment reference"), max_length=100)


class ReversalForm(_Styled):
    reversed_on = forms.DateField(label=_("Reversed on"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), max_length=300)


class ChangeRejectionForm(_Styled):
    rejected_on = forms.DateField(label=_("Rejected on"), widget=DateInput)
    reason = forms.CharField(label=_("Reason"), max_length=300)
