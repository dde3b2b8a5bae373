"""Bijie 第十一条 after approval: the rule blocks the steps up to approval, so an item of an
excluded category added later (the competent department may still edit) is refused where
budget items are written, with a field error citing the article, in the form and the API.
Before approval the line is saved and the rule blocks the next step, as before."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from govit.projects import services
from govit.projects.models import Project
from govit.projects.tests.factories import BudgetItemFactory, ProjectFactory
from govit.projects.tests.test_views import budget

pytestmark = pytest.mark.django_db

SOFTWARE = services.BudgetLine("软件开发", "software", Decimal("800000.00"))
TRAVEL = services.BudgetLine("差旅", "travel", Decimal("20000.00"))


def bijie(unit, state="construction", **facts):
    approved = {"approved_on": dt.date(2026, 3, 2)} if state not in ("draft", "planned") else {}
    project = ProjectFactory(rulebook="bijie", unit=unit, state=state, **approved, **facts)
    BudgetItemFactory(project=project, name="软件开发", category="software")
    return project


def test_an_allowed_category_is_saved_after_approval(reviewer, unit_org):
    project = bijie(unit_org)
    extra = services.BudgetLine("等保测评", "security", Decimal("50000.00"))
    services.project_update(actor=reviewer, project=project, budget_items=[SOFTWARE, extra])
    assert list(project.budget_items.values_list("category", flat=True)) == [
        "software",
        "security",
    ]


def test_an_excluded_category_is_refused_after_approval_with_the_article(reviewer, unit_org):
    project = bijie(unit_org)
    with pytest.raises(ValidationError) as caught:
        services.project_update(actor=reviewer, project=project, budget_items=[SOFTWARE, TRAVEL])
    errors = caught.value.message_dict
    assert list(errors) == ["budget_items.1.category"]
    assert "第十一条" in errors["budget_items.1.category"][0]
    assert list(project.budget_items.values_list("category", flat=True)) == ["software"]


@pytest.mark.parametrize("state", ["draft", "planned"])
def test_before_approval_the_line_is_saved_and_the_rule_blocks_the_step(
    applicant, reviewer, unit_org, state
):
    project = bijie(unit_org, state=state)
    actor = applicant if state == "draft" else reviewer
    services.project_update(actor=actor, project=project, budget_items=[SOFTWARE, TRAVEL])
    assert project.budget_items.filter(category="travel").exists()


def test_a_filed_project_counts_as_approved(reviewer, unit_org):
    project = bijie(unit_org, state="filed")
    with pytest.raises(ValidationError):
        services.project_update(actor=reviewer, project=project, budget_items=[SOFTWARE, TRAVEL])


def test_a_kept_line_is_not_refused(reviewer, unit_org):
    """A line stored before (the rulebook may be newer than the data) stays when the rest of
    the budget is edited; only what is added is judged."""
    project = bijie(unit_org)
    BudgetItemFactory(project=project, name="差旅", category="travel", amount=TRAVEL.amount)
    extra = services.BudgetLine("等保测评", "security", Decimal("50000.00"))
    services.project_update(actor=reviewer, project=project, budget_items=[SOFTWARE, TRAVEL, extra])
    assert project.budget_items.count() == 3


def test_other_rulebooks_without_the_rule_are_unchanged(reviewer, unit_org):
    project = ProjectFactory(
        rulebook="wuhan", unit=unit_org, state="construction", approved_on=dt.date(2026, 3, 2)
    )
    services.project_update(actor=reviewer, project=project, budget_items=[SOFTWARE, TRAVEL])
    assert project.budget_items.count() == 2


def test_the_api_answers_422_with_the_field(client, reviewer, unit_org):
    project = bijie(unit_org)
    client.force_login(reviewer)
    response = client.patch(
        f"/api/v1/projects/{project.pk}",
        {
            "budget_items": [
                {"name": "软件开发", "category": "software", "amount": "800000.00"},
                {"name": "差旅", "category": "travel", "amount": "20000.00"},
            ]
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["budget_items.1.category"]
    assert "第十一条" in errors[0]["message"]
    allowed = client.patch(
        f"/api/v1/projects/{project.pk}",
        {"budget_items": [{"name": "软件开发", "category": "software", "amount": "800000.00"}]},
        content_type="application/json",
    )
    assert allowed.status_code == 200


def test_the_form_puts_the_error_on_the_line(client, reviewer, unit_org):
    project = bijie(unit_org)
    client.force_login(reviewer)
    url = reverse("project-edit", args=[project.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.pop("features", None)
    data["funding_sources"] = ["fiscal"]
    # A deleted row first: the line position counts the lines, not the rows.
    rows = budget(
        [("旧", "software", "1"), ("软件开发", "software", "80"), ("差旅", "travel", "2")]
    )
    response = client.post(url, {**data, "co_units": [], **rows, "budget-0-DELETE": "on"})
    assert response.status_code == 400
    formset = response.context["formset"]
    assert not response.context["form"].errors, response.context["form"].errors
    assert "第十一条" in formset.forms[2].errors["category"][0]
    assert not formset.forms[1].errors
    assert "第十一条" in response.content.decode()
    assert Project.objects.get(pk=project.pk).budget_items.count() == 1
