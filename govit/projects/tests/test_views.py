"""The project pages: list, detail, create, edit and steps; scoping, errors and query counts."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from govit.projects.models import BudgetItem, Project
from govit.projects.tests.factories import ProjectFactory, add_documents, ready_project

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


# -- list --------------------------------------------------------------------------------


def test_the_list_shows_the_units_projects_only(client, applicant, project, other_unit_org):
    ProjectFactory(unit=other_unit_org, name="他单位项目")
    client.force_login(applicant)
    page = html(client.get(reverse("project-list")))
    assert "社会救助信息系统" in page
    assert "他单位项目" not in page
    assert "草稿" in page


def test_the_competent_department_lists_every_project(client, reviewer, project, other_unit_org):
    ProjectFactory(unit=other_unit_org, name="他单位项目")
    client.force_login(reviewer)
    page = html(client.get(reverse("project-list")))
    assert "社会救助信息系统" in page
    assert "他单位项目" in page


def test_experts_and_vendors_list_nothing(client, expert, vendor, project):
    for user in (expert, vendor):
        client.force_login(user)
        assert "社会救助信息系统" not in html(client.get(reverse("project-list")))


def test_a_co_building_unit_lists_the_project(client, other_applicant, project, other_unit_org):
    project.co_units.add(other_unit_org)
    client.force_login(other_applicant)
    assert "社会救助信息系统" in html(client.get(reverse("project-list")))


def test_the_list_filters_by_state_unit_year_and_amount(client, reviewer, unit_org, other_unit_org):
    ProjectFactory(unit=unit_org, name="甲", state="submitted", plan_year=2026)
    ProjectFactory(unit=unit_org, name="乙", plan_year=2025, investment=Decimal("300000"))
    ProjectFactory(unit=other_unit_org, name="丙", investment=Decimal("60000000"))
    client.force_login(reviewer)

    def names(**query):
        response = client.get(reverse("project-list"), query)
        return sorted(p.name for p in response.context["page"])

    assert names(state="submitted") == ["甲"]
    assert names(unit=other_unit_org.pk) == ["丙"]
    assert names(plan_year=2025) == ["乙"]
    assert names(amount_min="50", amount_max="100") == ["甲"]  # 万元
    assert names(amount_min="5000") == ["丙"]
    assert names(q="乙") == ["乙"]


def test_the_list_explains_a_bad_filter_in_chinese(client, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("project-list"), {"plan_year": "明年"})
    assert response.status_code == 200
    assert "输入整数。" in html(response)


def test_the_list_paginates(client, reviewer, unit_org):
    ProjectFactory.create_batch(30, unit=unit_org)
    client.force_login(reviewer)
    first = client.get(reverse("project-list"))
    assert len(first.context["page"]) == 25
    second = client.get(reverse("project-list"), {"page": 2})
    assert len(second.context["page"]) == 5


@pytest.mark.parametrize(("matching", "capped"), [(4, False), (5, True)])
def test_a_search_counts_at_most_the_cap(client, reviewer, unit_org, monkeypatch, matching, capped):
    """A text search counts at most SEARCH_CAP matches (4 here): at the cap the page gives the
    count, past it says that more match and pages through the first SEARCH_CAP."""
    from govit.projects import views

    monkeypatch.setattr(views, "SEARCH_CAP", 4)
    monkeypatch.setattr(views, "PAGE_SIZE", 3)
    ProjectFactory.create_batch(matching, unit=unit_org, name="数据共享平台")
    ProjectFactory.create_batch(6, unit=unit_org, name="其他")
    client.force_login(reviewer)
    first = client.get(reverse("project-list"), {"q": "平台"})
    page = html(first)
    assert first.context["page"].paginator.capped is capped
    assert first.context["page"].paginator.num_pages == 2
    if capped:
        assert "超过 4 个项目符合条件" in page
        last = client.get(reverse("project-list"), {"q": "平台", "page": 3})
        assert [p.name for p in last.context["page"]] == ["数据共享平台"]  # page 2, the last
    else:
        assert "共4个项目" in page
    # Without a search the count is exact.
    plain = client.get(reverse("project-list"))
    assert plain.context["page"].paginator.count == matching + 6


def test_the_list_makes_as_many_queries_for_30_rows_as_for_3(
    client, applicant, unit_org, django_assert_num_queries
):
    client.force_login(applicant)
    ProjectFactory.create_batch(3, unit=unit_org)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("project-list"))
    ProjectFactory.create_batch(27, unit=unit_org)
    with django_assert_num_queries(len(few)):
        response = client.get(reverse("project-list"))
    assert len(response.context["page"]) == 25


def test_the_waiting_filter_lists_what_the_user_can_move(client, reviewer, unit_org):
    ProjectFactory(unit=unit_org, name="待审", state="submitted")
    ProjectFactory(unit=unit_org, name="草稿中", state="draft")
    client.force_login(reviewer)
    response = client.get(reverse("project-list"), {"awaiting": "on"})
    assert [p.name for p in response.context["page"]] == ["待审"]


@pytest.mark.parametrize(("waiting", "capped"), [(2, False), (3, True)])
def test_the_waiting_filter_counts_at_most_the_cap(
    client, reviewer, unit_org, monkeypatch, waiting, capped
):
    """The projects awaiting the reader are counted as a search is (at most SEARCH_CAP)."""
    from govit.projects import views

    monkeypatch.setattr(views, "SEARCH_CAP", 2)
    ProjectFactory.create_batch(waiting, unit=unit_org, state="submitted")
    ProjectFactory.create_batch(3, unit=unit_org, state="draft")
    client.force_login(reviewer)
    response = client.get(reverse("project-list"), {"awaiting": "on"})
    assert response.context["page"].paginator.capped is capped
    assert response.context["page"].paginator.count == 2
    assert ("超过 2 个项目符合条件" in html(response)) is capped


# -- detail ------------------------------------------------------------------------------


def test_the_detail_shows_facts_state_findings_and_the_blocked_step(client, applicant, project):
    Project.objects.filter(pk=project.pk).update(features=["machine_room"])
    BudgetItem.objects.create(project=project, name="软件开发", category="software", amount=1000000)
    client.force_login(applicant)
    response = client.get(reverse("project-detail", args=[project.pk]))
    page = html(response)
    assert response.status_code == 200
    assert "社会救助信息系统" in page
    assert "100万元" in page
    assert "软件开发" in page
    # The submit button is there but disabled, with the reason and its article one click away.
    assert 'data-testid="step-submit"' in page
    button = re.search(r'<button[^>]*data-testid="step-submit"[^>]*>', page)
    assert button is not None
    assert "disabled" in button.group(0)
    assert "不予立项的内容：新建或扩建机房。" in page
    article_url = reverse("article-detail", args=["wuhan", 12])
    assert f'hx-get="{article_url}"' in page
    assert 'hx-target="#article-panel"' in page
    assert "<script>" not in page


def test_the_article_fragment_opens_in_the_panel(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("article-detail", args=["wuhan", 26]), HTTP_HX_REQUEST="true")
    assert "第二十六条" in html(response)
    assert "<html" not in html(response)


def test_an_open_step_is_a_link_to_its_form(client, applicant, unit_org):
    project = ready_project(unit_org)
    client.force_login(applicant)
    page = html(client.get(reverse("project-detail", args=[project.pk])))
    assert reverse("project-step", args=[project.pk, "submit"]) in page


def test_the_competent_department_sees_who_takes_the_units_step(client, reviewer, project):
    client.force_login(reviewer)
    page = html(client.get(reverse("project-detail", args=[project.pk])))
    assert "申报 (项目建设单位)" in page


@pytest.mark.parametrize("persona", ["other_applicant", "expert", "vendor"])
def test_another_units_project_is_not_found(client, request, persona, project):
    client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse("project-detail", args=[project.pk]),
        reverse("project-edit", args=[project.pk]),
        reverse("project-step", args=[project.pk, "submit"]),
        reverse("project-documents", args=[project.pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url


def test_the_detail_keeps_its_query_count(
    client, applicant, unit_org, django_assert_max_num_queries
):
    """About one query per app that adds links to the page, none per row: the count stays the
    same with more budget lines, documents and history."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from govit.projects.tests.factories import BudgetItemFactory

    project = ready_project(unit_org, state="draft")
    client.force_login(applicant)
    url = reverse("project-detail", args=[project.pk])
    with django_assert_max_num_queries(30):
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for _n in range(5):
        BudgetItemFactory(project=project)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


# -- create and edit --------------------------------------------------------------------


def budget(rows=(), extra=0):
    data = {
        "budget-TOTAL_FORMS": str(len(rows) + extra),
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "1000",
    }
    for index, (name, category, amount) in enumerate(rows):
        data.update(
            {
                f"budget-{index}-name": name,
                f"budget-{index}-category": category,
                f"budget-{index}-amount": amount,
            }
        )
    return data


def test_a_unit_creates_a_project_with_budget_lines(client, applicant, unit_org):
    client.force_login(applicant)
    assert client.get(reverse("project-create")).status_code == 200
    response = client.post(
        reverse("project-create"),
        {
            "unit": unit_org.pk,
            "name": "养老服务监管平台",
            "plan_year": "2026",
            "investment": "120",
            "kind": "new",
            "classified": "false",
            **budget([("软件开发", "software", "100"), ("等保测评", "security", "20")], extra=1),
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("project-detail", args=[project.pk])
    assert project.investment == Decimal("1200000.00")
    assert project.classified is False
    assert [(i.name, i.amount) for i in project.budget_items.all()] == [
        ("软件开发", Decimal("1000000.00")),
        ("等保测评", Decimal("200000.00")),
    ]


def test_a_unit_creates_a_project_with_a_co_building_unit(
    client, applicant, unit_org, other_unit_org
):
    """The audit snapshot records the co-building units by id (it once failed with a 500:
    an Organisation is not JSON; found by the load benchmark's form submissions)."""
    from govit.core.models import AuditEvent

    client.force_login(applicant)
    response = client.post(
        reverse("project-create"),
        {
            "unit": unit_org.pk,
            "name": "联合建设平台",
            "plan_year": "2026",
            "co_units": [other_unit_org.pk],
            **budget([], extra=1),
        },
    )
    assert response.status_code == 302
    project = Project.objects.get()
    assert list(project.co_units.all()) == [other_unit_org]
    event = AuditEvent.objects.get(action="project.create")
    assert event.after["co_units"] == [other_unit_org.pk]


def test_a_bad_form_says_what_is_wrong_field_by_field_in_chinese(client, applicant, unit_org):
    client.force_login(applicant)
    response = client.post(
        reverse("project-create"),
        {
            "unit": unit_org.pk,
            "name": "",
            "plan_year": "1990",
            "investment": "-5",
            **budget([("软件", "software", "abc")]),
        },
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert "这个字段是必填项。" in form.errors["name"]
    assert "plan_year" in form.errors
    assert "investment" in form.errors
    assert response.context["formset"].forms[0].errors["amount"]
    assert not Project.objects.exists()


def test_a_unit_cannot_create_for_another_unit(client, applicant, other_unit_org):
    client.force_login(applicant)
    response = client.post(
        reverse("project-create"), {"unit": other_unit_org.pk, "name": "x", **budget()}
    )
    assert response.status_code == 400
    assert "unit" in response.context["form"].errors
    assert not Project.objects.exists()


@pytest.mark.parametrize("persona", ["reviewer", "finance_clerk", "expert", "vendor"])
def test_only_units_may_open_the_create_form(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("project-create")).status_code == 403


def test_the_unit_edits_its_draft(client, applicant, project):
    client.force_login(applicant)
    url = reverse("project-edit", args=[project.pk])
    form = client.get(url).context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items() if k in form.fields}
    data.update(
        {
            "name": "社会救助信息系统（二期）",
            "investment": "80",
            "funding_sources": ["fiscal"],
            "annual_reports": "2025，2026",
            "in_annual_plan": "true",
            "co_units": [],
            **budget([("硬件", "hardware", "80")]),
        }
    )
    data.pop("features", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    project.refresh_from_db()
    assert project.name == "社会救助信息系统（二期）"
    assert project.investment == Decimal("800000.00")
    assert project.funding_sources == ["fiscal"]
    assert project.annual_reports == [2025, 2026]
    assert project.in_annual_plan is True
    assert project.features == []


def test_the_unit_cannot_edit_after_submitting(client, applicant, project):
    Project.objects.filter(pk=project.pk).update(state="submitted")
    client.force_login(applicant)
    assert client.get(reverse("project-edit", args=[project.pk])).status_code == 403
    assert client.post(reverse("project-edit", args=[project.pk]), {}).status_code == 403


# -- steps -------------------------------------------------------------------------------


def test_a_step_is_taken_through_its_form(client, applicant, project):
    add_documents(project, "crypto_plan")
    client.force_login(applicant)
    url = reverse("project-step", args=[project.pk, "submit"])
    assert "第六条" in html(client.get(url))
    response = client.post(url, {"note": "请审核"}, follow=True)
    project.refresh_from_db()
    assert project.state == "submitted"
    assert "已申报" in html(response)
    assert "请审核" in html(response)


def test_a_blocked_step_explains_itself_with_the_article(client, applicant, project):
    Project.objects.filter(pk=project.pk).update(features=["machine_room"])
    client.force_login(applicant)
    url = reverse("project-step", args=[project.pk, "submit"])
    page = html(client.get(url))
    assert "第十二条" in page
    assert "不得新建机房、专网等基础设施" in page
    assert 'data-testid="step-form"' not in page
    response = client.post(url, {"note": ""})
    assert response.status_code == 409
    assert "不予立项的内容：新建或扩建机房。" in html(response)


def test_warnings_are_acknowledged_on_the_form(client, applicant, unit_org):
    project = ready_project(unit_org, paid_before_approval=True)
    client.force_login(applicant)
    url = reverse("project-step", args=[project.pk, "submit"])
    assert 'name="acknowledge_warnings"' in html(client.get(url))
    refused = client.post(url, {})
    assert refused.status_code == 409
    assert Project.objects.get(pk=project.pk).state == "draft"
    client.post(url, {"acknowledge_warnings": "on"})
    assert Project.objects.get(pk=project.pk).state == "submitted"


def test_a_role_the_step_does_not_name_gets_403(client, reviewer, project):
    client.force_login(reviewer)
    url = reverse("project-step", args=[project.pk, "submit"])
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403


def test_a_step_the_state_does_not_offer_is_404_or_409(client, reviewer, project):
    client.force_login(reviewer)
    url = reverse("project-step", args=[project.pk, "approve"])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 409


@pytest.mark.parametrize(
    "name", ["project-list", "project-create", "project-detail", "project-edit", "project-step"]
)
def test_every_page_needs_a_signed_in_user(client, project, name):
    args = {"project-list": [], "project-create": []}.get(name, [project.pk])
    if name == "project-step":
        args = [project.pk, "submit"]
    response = client.get(reverse(name, args=args))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


# The list's row loop before issue #9's round six, to compare with.
FORMER_ROWS = (
    "{% load govit_projects %}{% for project in page %}<tr>"
    "<td><code>{{ project.code }}</code></td>"
    "<td><a href=\"{% url 'project-detail' project.pk %}\">{{ project.name }}</a></td>"
    "<td>{{ project.unit.name }}</td>"
    '<td><span class="badge text-bg-secondary">{{ project.state|vocab }}</span></td>'
    '<td class="text-end">{{ project.plan_year|default:"—" }}</td>'
    '<td class="text-end">{{ project.investment|wan }}</td></tr>{% endfor %}'
)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_list_rows_are_what_the_template_printed(reviewer, unit_org, language):
    from django.template import Context, Template
    from django.utils import translation

    from govit.projects import list_rows, selectors

    ProjectFactory(unit=unit_org, name='<b>"甲"</b> & 乙', state="review", plan_year=None)
    ProjectFactory(unit=unit_org, name="丙", investment=None)
    ProjectFactory(unit=unit_org, name="丁", state="construction", investment=Decimal("1234500"))
    projects = list(selectors.project_list(actor=reviewer))
    with translation.override(language):
        former = Template(FORMER_ROWS).render(Context({"page": projects}))
        current = str(list_rows.table_rows(projects))
    assert current.replace("\n", "") == former
    assert "&lt;b&gt;&quot;甲&quot;&lt;/b&gt; &amp; 乙" in current
    assert "123.45万元" in current
