"""The finance view's rows: the largest approved amount first, then by code, the projects not
approved (0) last by code, at most ``LIMIT``; read in two parts (the approved ones by their
index), which must give the order of one sort."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from govit.delivery.models import ApprovalRecord
from govit.orgs.models import Organisation, User
from govit.projects.tests.factories import ProjectFactory
from govit.reports import finance
from govit.reports.selectors import PortfolioFilter

pytestmark = pytest.mark.django_db

# code → approved amount (None: not approved)
PORTFOLIO = {
    "XM-05": Decimal("500000"),
    "XM-01": Decimal("500000"),  # same amount: by code
    "XM-03": Decimal("900000"),
    "XM-02": None,
    "XM-06": Decimal("100"),
    "XM-04": None,
    "XM-07": Decimal("0.01"),
}
ORDER = ["XM-03", "XM-01", "XM-05", "XM-06", "XM-07", "XM-02", "XM-04"]


@pytest.fixture
def world(unit_org: Organisation) -> None:
    for code, amount in PORTFOLIO.items():
        project = ProjectFactory(unit=unit_org, code=code)
        if amount is not None:
            ApprovalRecord.objects.create(
                project=project,
                approving_body="市发展改革委",
                document_number=f"发改批〔2026〕{code}",
                approved_on=dt.date(2026, 3, 1),
                approved_amount=amount,
            )


@pytest.mark.parametrize("limit", [1, 3, 5, 6, 7, 50])
def test_the_rows_are_in_the_order_of_one_sort_whatever_the_limit(
    world: None, finance_clerk: User, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    monkeypatch.setattr(finance, "LIMIT", limit)
    rows = finance.project_money(actor=finance_clerk, filters=PortfolioFilter())
    assert [row["code"] for row in rows] == ORDER[:limit]
    for row in rows:
        assert row["approved"] == (PORTFOLIO[row["code"]] or Decimal("0"))
        assert row["balance"] == row["approved"] - row["paid"]


def test_a_unit_sees_only_its_own_rows(world: None, applicant: User, other_applicant: User) -> None:
    assert len(finance.project_money(actor=applicant, filters=PortfolioFilter())) == 7
    assert finance.project_money(actor=other_applicant, filters=PortfolioFilter()) == []


def test_figures_of_every_project_need_no_project_filter(
    world: None, finance_clerk: User, applicant: User, other_applicant: User
) -> None:
    from django.db.models import Q

    from govit.projects.models import Project
    from govit.projects.selectors import of_projects
    from govit.reports.selectors import filtered_projects, portfolio

    assert of_projects(Project.objects.all()) == Q()
    every = filtered_projects(actor=finance_clerk, filters=PortfolioFilter())
    assert of_projects(every) == Q()
    assert of_projects(every.filter(plan_year=2026)) != Q()
    assert of_projects(Project.objects.none()) != Q()
    approved = sum(amount for amount in PORTFOLIO.values() if amount)

    def total(actor: User) -> Decimal:
        bars = portfolio(actor=actor, filters=PortfolioFilter()).money
        return Decimal({bar.key: bar.value for bar in bars}["approved"])

    assert total(finance_clerk) == approved
    assert total(applicant) == approved
    assert total(other_applicant) == Decimal("0")


# The finance table's loop before issue #9's round six, to compare with.
FORMER_ROWS = (
    "{% load govit_projects %}{% for row in rows %}"
    "<tr><td><code>{{ row.code }}</code></td><td><a href=\"{% url 'delivery-detail' row.pk %}\">"
    "{{ row.name }}</a></td><td>{{ row.unit__name }}</td>"
    '<td class="text-end">{{ row.approved|wan }}</td><td class="text-end">'
    '{{ row.appropriated|wan }}</td><td class="text-end">{{ row.contracted|wan }}</td>'
    '<td class="text-end">{{ row.paid|wan }}</td><td class="text-end">{{ row.balance|wan }}'
    '</td><td class="text-end">{{ row.returned|wan }}</td></tr>\n{% endfor %}'
)


def test_the_table_rows_are_what_the_template_printed(world: None, finance_clerk: User) -> None:
    from django.template import Context, Template

    rows = finance.project_money(actor=finance_clerk, filters=PortfolioFilter())
    rows[0]["name"] = '<script>"甲"</script>'
    rows[0]["unit__name"] = "A&B"
    former = Template(FORMER_ROWS).render(Context({"rows": rows}))
    assert str(finance.table_rows(rows)) + "\n" == former
    assert "&lt;script&gt;" in former
    assert finance.table_rows([]) == ""
