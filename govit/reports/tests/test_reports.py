"""The dashboards and exports: figures over what the actor may read, each clickable down to its
list; the finance view; the xlsx and open-data exports; refused roles."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from govit.core.models import AuditEvent
from govit.delivery.models import Appropriation, ApprovalRecord, Payment, SurplusReturn
from govit.orgs.models import Organisation, User
from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory
from govit.reports import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio(unit_org: Organisation, other_unit_org: Organisation) -> dict[str, Project]:
    ours = ProjectFactory(
        unit=unit_org, name="救助平台", state="construction", kind="", plan_year=2026
    )
    ProjectFactory(unit=unit_org, name="养老服务", state="draft", plan_year=2027)
    theirs = ProjectFactory(
        unit=other_unit_org, name="智慧校园", state="construction", plan_year=2026
    )
    secret = ProjectFactory(unit=other_unit_org, name="涉密系统", state="draft", classified=True)
    ApprovalRecord.objects.create(
        project=ours,
        approving_body="市发改委",
        document_number="发改〔2026〕1号",
        approved_on=dt.date(2026, 3, 1),
        approved_amount=Decimal("800000"),
    )
    Appropriation.objects.create(project=ours, year=2026, source="fiscal", amount=Decimal("500000"))
    Payment.objects.create(
        project=ours,
        kind="progress",
        milestone="初验",
        amount=Decimal("300000"),
        paid_on=dt.date(2026, 6, 1),
        treasury_reference="GK-1",
    )
    SurplusReturn.objects.create(
        project=ours, amount=Decimal("10000"), returned_on=dt.date(2026, 7, 1)
    )
    return {"ours": ours, "theirs": theirs, "secret": secret}


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_competent_department_sees_the_whole_portfolio(reviewer: User, portfolio) -> None:
    data = selectors.portfolio(actor=reviewer)
    assert data.project_count == 4
    states = {bar.key: bar.value for bar in data.by_state}
    assert states == {"construction": 2, "draft": 2}
    money = {bar.key: bar.value for bar in data.money}
    assert money["approved"] == Decimal("800000")
    assert money["paid"] == Decimal("300000")
    assert money["returned"] == Decimal("10000")
    assert {bar.key: bar.value for bar in data.by_source} == {"fiscal": Decimal("500000")}


def test_a_unit_sees_only_its_own_figures(applicant: User, portfolio) -> None:
    data = selectors.portfolio(actor=applicant)
    assert data.project_count == 2
    assert {bar.label for bar in data.by_unit} == {"市民政局"}


def test_filters_narrow_every_figure(reviewer: User, portfolio) -> None:
    filters = selectors.PortfolioFilter(plan_year=2026, state="construction")
    data = selectors.portfolio(actor=reviewer, filters=filters)
    assert data.project_count == 2
    unclassified = selectors.portfolio(actor=reviewer, filters=selectors.PortfolioFilter(kind="-"))
    assert unclassified.project_count >= 1


def test_every_figure_links_to_the_list_behind_it(reviewer: User, portfolio) -> None:
    client = _client(reviewer)
    data = selectors.portfolio(actor=reviewer, filters=selectors.PortfolioFilter(plan_year=2026))
    construction = next(bar for bar in data.by_state if bar.key == "construction")
    assert "plan_year=2026" in construction.url
    assert "state=construction" in construction.url
    listed = client.get(construction.url).content.decode()
    assert "救助平台" in listed
    assert "智慧校园" in listed
    assert "养老服务" not in listed  # 2027
    kind = next(bar for bar in data.by_kind)
    assert client.get(kind.url).status_code == 200


def test_the_dashboard_page_renders_its_charts_data(reviewer: User, portfolio) -> None:
    page = _client(reviewer).get(reverse("dashboard") + "?plan_year=2026")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="chart-data"' in body
    charts = page.context["charts"]
    assert sum(row["value"] for row in charts["state"]) == 3  # two in construction, one draft
    assert "<script>" not in body  # the charts come from a file: no inline script


def _queries(client: Client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_projects(
    reviewer: User, unit_org: Organisation, portfolio
) -> None:
    client = _client(reviewer)
    urls = (reverse("dashboard"), reverse("finance-view"), "/api/v1/reports/portfolio")
    before = [_queries(client, url) for url in urls]
    for n in range(30):
        project = ProjectFactory(unit=unit_org, state="construction", plan_year=2020 + n % 5)
        Appropriation.objects.create(project=project, year=2026, source="fiscal", amount=1)
    assert [_queries(client, url) for url in urls] == before


def test_experts_and_vendors_are_refused(expert: User, vendor: User) -> None:
    for user in (expert, vendor):
        client = _client(user)
        assert client.get(reverse("dashboard")).status_code == 403
        assert client.get(reverse("finance-view")).status_code == 403
        assert client.get(reverse("report-projects-xlsx")).status_code == 403
        assert client.get("/api/v1/reports/portfolio").status_code == 403


def portfolio_of(actor: User) -> Any:
    from govit.reports.selectors import portfolio as computed

    return computed(actor=actor)


def test_finance_view_for_finance_not_for_units(
    finance_clerk: User, applicant: User, portfolio
) -> None:
    page = _client(finance_clerk).get(reverse("finance-view"))
    assert page.status_code == 200
    row = next(r for r in page.context["rows"] if r["code"] == portfolio["ours"].code)
    assert row["approved"] == Decimal("800000")
    assert row["paid"] == Decimal("300000")
    assert row["balance"] == Decimal("500000")
    # The totals are the dashboard's money figures.
    totals = page.context["totals"]
    assert totals == portfolio_of(finance_clerk).money
    assert {bar.key: bar.value for bar in totals}["paid"] >= Decimal("300000")
    assert _client(applicant).get(reverse("finance-view")).status_code == 403


def test_the_list_export_holds_the_filtered_rows_and_is_audited(applicant: User, portfolio) -> None:
    response = _client(applicant).get(reverse("report-projects-xlsx") + "?plan_year=2026")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["救助平台"]  # another unit's project never leaves
    assert AuditEvent.objects.filter(action="reports.export", actor=applicant).exists()


def test_open_data_leaves_out_classified_projects_and_people(reviewer: User, portfolio) -> None:
    client = _client(reviewer)
    data = json.loads(client.get(reverse("report-opendata", args=["json"])).content)
    names = {row["name"] for row in data["projects"]}
    assert names == {"救助平台", "养老服务", "智慧校园"}
    ours = next(row for row in data["projects"] if row["name"] == "救助平台")
    assert (ours["approved_yuan"], ours["paid_yuan"]) == ("800000.00", "300000.00")
    text = client.get(reverse("report-opendata", args=["csv"])).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 3
    assert client.get(reverse("report-opendata", args=["xml"])).status_code == 404
    api = client.get("/api/v1/reports/opendata").json()
    assert len(api["projects"]) == 3


def test_open_data_is_for_the_departments_that_publish(
    applicant: User, finance_clerk: User
) -> None:
    for user in (applicant, finance_clerk):
        assert _client(user).get(reverse("report-opendata", args=["json"])).status_code == 403
        assert _client(user).get("/api/v1/reports/opendata").status_code == 403


def test_api_portfolio_is_scoped_and_checks_its_input(applicant: User, portfolio) -> None:
    client = _client(applicant)
    data = client.get("/api/v1/reports/portfolio").json()
    assert data["project_count"] == 2
    too_early = client.get("/api/v1/reports/portfolio?plan_year=1900")
    assert too_early.status_code == 422
    assert [e["field"] for e in too_early.json()["errors"]] == ["plan_year"]
    assert client.get("/api/v1/reports/portfolio?plan_year=abc").status_code == 422


def test_a_reversed_payment_is_not_counted_as_paid(
    reviewer: User, finance_clerk: User, portfolio
) -> None:
    Payment.objects.filter(project=portfolio["ours"]).update(
        reversed_on=dt.date(2026, 6, 2), reversal_reason="退回"
    )
    money = {bar.key: bar.value for bar in selectors.portfolio(actor=reviewer).money}
    assert money["paid"] == Decimal("0")
    page = _client(finance_clerk).get(reverse("finance-view"))
    row = next(r for r in page.context["rows"] if r["code"] == portfolio["ours"].code)
    assert row["paid"] == Decimal("0")
    data = json.loads(_client(reviewer).get(reverse("report-opendata", args=["json"])).content)
    ours = next(r for r in data["projects"] if r["name"] == "救助平台")
    assert ours["paid_yuan"] is None


def test_schedule_counts_late_milestones_at_the_boundary(reviewer: User, portfolio) -> None:
    from django.utils import timezone

    from govit.delivery.models import Milestone

    today = timezone.localdate()
    ours = portfolio["ours"]

    def milestone(name: str, due: dt.date, done: dt.date | None, cost: str | None) -> None:
        Milestone.objects.create(
            project=ours,
            name=name,
            baseline_due=due,
            planned_cost=Decimal("100000"),
            actual_on=done,
            actual_cost=Decimal(cost) if cost else None,
        )

    milestone("on the day", today - dt.timedelta(days=10), today - dt.timedelta(days=10), "90000")
    milestone("a day late", today - dt.timedelta(days=10), today - dt.timedelta(days=9), "130000")
    milestone("due today", today, None, None)  # not late yet
    milestone("due yesterday", today - dt.timedelta(days=1), None, None)
    figures = {bar.key: bar.value for bar in selectors.portfolio(actor=reviewer).schedule}
    assert figures["milestones"] == 4
    assert figures["late_done"] == 1
    assert figures["late_open"] == 1
    assert figures["cost_variance"] == Decimal("20000")


def test_grades_count_the_evaluations_of_visible_projects(
    reviewer: User, applicant: User, portfolio
) -> None:
    from govit.evaluation.models import Evaluation

    for project, grade in ((portfolio["ours"], "good"), (portfolio["theirs"], "excellent")):
        Evaluation.objects.create(
            project=project,
            kind="self",
            conducted_on=dt.date(2026, 5, 6),
            total=Decimal("85"),
            grade=grade,
            recorded_by=reviewer,
        )
    everyone = {bar.key: bar.value for bar in selectors.portfolio(actor=reviewer).grades}
    assert (everyone["good"], everyone["excellent"]) == (1, 1)
    own = {bar.key: bar.value for bar in selectors.portfolio(actor=applicant).grades}
    assert (own["good"], own["excellent"]) == (1, 0)


def test_the_grouped_counts_of_one_query_are_those_of_one_query_each(
    reviewer: User, unit_org: Organisation, portfolio
) -> None:
    from django.db.models import Count

    ProjectFactory(unit=unit_org, state="draft", plan_year=None, kind="")
    projects = selectors.filtered_projects(actor=reviewer, filters=selectors.PortfolioFilter())
    groups = selectors._grouped(projects)
    for column in selectors.GROUPINGS:
        separate = {
            row[column]: row["n"]
            for row in projects.order_by().values(column).annotate(n=Count("pk"))
        }
        assert {row[column]: row["n"] for row in groups[column]} == separate
        counts = [row["n"] for row in groups[column]]
        assert counts == sorted(counts, reverse=True)  # largest first
    assert None in {row["plan_year"] for row in groups["plan_year"]}
    assert all(isinstance(row["unit_id"], int) for row in groups["unit_id"])
    data = selectors.portfolio(actor=reviewer)
    assert data.project_count == projects.count() == 5
    assert [bar.key for bar in data.by_year] == ["", "2026", "2027"]


def test_an_empty_selection_counts_zero_everywhere(reviewer: User, portfolio) -> None:
    data = selectors.portfolio(actor=reviewer, filters=selectors.PortfolioFilter(plan_year=1999))
    assert data.project_count == 0
    assert data.by_state == data.by_year == data.by_unit == data.by_kind == []
    assert [bar.value for bar in data.money] == [Decimal("0")] * 5


def test_the_money_of_one_query_is_each_table_s_sum(applicant: User, portfolio) -> None:
    ours = portfolio["ours"]
    ours.investment = Decimal("1200000")
    ours.save(update_fields=["investment"])
    applied = sum(p.investment or 0 for p in Project.objects.filter(unit=ours.unit))
    assert applied > Decimal("1200000")  # the other project of the unit has its own
    money = {bar.key: bar.value for bar in selectors.portfolio(actor=applicant).money}
    assert money == {
        "applied": applied,
        "approved": Decimal("800000"),
        "contracted": Decimal("0"),
        "paid": Decimal("300000"),
        "returned": Decimal("10000"),
    }
