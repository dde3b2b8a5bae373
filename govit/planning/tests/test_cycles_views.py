"""Pages of cycles and applications: who sees what, forms with field errors, the actions,
the guide, and the exports."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from govit.core.actions import for_user
from govit.planning.home_cycles import project_links
from govit.planning.models.cycles import CycleState, PlanningCycle
from govit.planning.tests.cycles_helpers import make_application, make_cycle

pytestmark = pytest.mark.django_db


def test_the_competent_department_creates_a_cycle_through_the_form(client, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("planning-cycle-new"))
    assert page.status_code == 200
    today = timezone.localdate()
    response = client.post(
        reverse("planning-cycle-new"),
        {
            "plan_year": 2028,
            "title": "2028年度需求征集",
            "call_opens_on": today.isoformat(),
            "call_closes_on": today.isoformat(),
            "compile_by": (today - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "error-compile_by" in response.content.decode()
    assert not PlanningCycle.objects.exists()


@pytest.mark.parametrize(("rulebook", "capped"), [("harbin", True), ("wuhan", False)])
def test_the_cycle_page_shows_applications_and_quota(client, reviewer, unit_org, rulebook, capped):
    # Harbin 第十二条 caps a unit's applications at its budget units (3); Wuhan sets no cap.
    cycle = make_cycle(rulebook=rulebook)
    for _ in range(4):
        make_application(cycle, unit=unit_org, state="submitted")
    client.force_login(reviewer)
    page = client.get(reverse("planning-cycle-detail", args=[cycle.pk])).content.decode()
    assert ('data-testid="quota-over"' in page) is capped
    assert ("第十二条" in page) is capped
    assert 'data-testid="cycle-close"' in page


def test_the_competent_department_steps_and_attaches_the_guide(client, reviewer):
    cycle = make_cycle(state=CycleState.DRAFT)
    client.force_login(reviewer)
    client.post(reverse("planning-cycle-step", args=[cycle.pk, "open"]))
    cycle.refresh_from_db()
    assert cycle.state == CycleState.OPEN
    upload = SimpleUploadedFile("guide.pdf", b"%PDF-1.4 guide", content_type="application/pdf")
    client.post(reverse("planning-cycle-guide", args=[cycle.pk]), {"guide": upload})
    cycle.refresh_from_db()
    assert cycle.guide_name == "guide.pdf"
    assert len(cycle.guide_sm3) == 64
    download = client.get(reverse("planning-cycle-guide", args=[cycle.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 guide"
    # A private download, as every stored file: no cache keeps it, no browser sniffs it.
    assert download["Cache-Control"] == "private, no-store"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")


def test_a_guide_of_the_wrong_type_is_refused(client, reviewer):
    cycle = make_cycle()
    client.force_login(reviewer)
    upload = SimpleUploadedFile("guide.exe", b"MZ", content_type="application/octet-stream")
    client.post(reverse("planning-cycle-guide", args=[cycle.pk]), {"guide": upload})
    cycle.refresh_from_db()
    assert cycle.guide_name == ""


@pytest.mark.parametrize("who", ["applicant", "finance_clerk", "leader"])
def test_other_roles_cannot_manage_cycles(client, who, request):
    cycle = make_cycle()
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("planning-cycle-new")).status_code == 403
    assert client.post(reverse("planning-cycle-step", args=[cycle.pk, "close"])).status_code == 403
    assert client.get(reverse("planning-cycle-edit", args=[cycle.pk])).status_code == 403


@pytest.mark.parametrize("who", ["expert", "vendor"])
def test_assigned_roles_see_no_cycle(client, who, request):
    cycle = make_cycle()
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("planning-cycles")).status_code == 403
    assert client.get(reverse("planning-cycle-detail", args=[cycle.pk])).status_code == 404


def test_a_unit_starts_saves_and_submits_through_the_pages(client, applicant, unit_org):
    cycle = make_cycle()
    client.force_login(applicant)
    response = client.post(
        reverse("planning-application-new", args=[cycle.pk]),
        {"form": "implementation_plan", "unit": unit_org.pk, "name": "养老服务平台"},
    )
    assert response.status_code == 302, response.content.decode()
    url = response["Location"]
    page = client.get(url).content.decode()
    assert 'data-testid="check-block"' in page
    assert "第十三条" in page
    client.post(url, {"goals": "目标", "sharing": "共享", "crypto": "密码", "security": "安全"})
    application = cycle.applications.get()
    assert application.chapters["crypto"] == "密码"
    client.post(
        reverse("planning-application-submit", args=[application.pk]),
        {"acknowledge_warnings": "on"},
    )
    application.project.refresh_from_db()
    assert application.project.state == "submitted"
    page = client.get(url).content.decode()
    assert 'data-testid="withdraw"' in page


def test_a_new_application_needs_a_project_or_a_name(client, applicant, unit_org):
    cycle = make_cycle()
    client.force_login(applicant)
    response = client.post(
        reverse("planning-application-new", args=[cycle.pk]), {"form": "implementation_plan"}
    )
    assert response.status_code == 200
    assert 'data-testid="error-name"' in response.content.decode()


def test_another_unit_gets_404_and_the_competent_department_403(
    client, other_applicant, reviewer, unit_org
):
    application = make_application(make_cycle(), unit=unit_org)
    url = reverse("planning-application-detail", args=[application.pk])
    client.force_login(other_applicant)
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("planning-application-submit", args=[application.pk])).status_code
        == 404
    )
    client.force_login(reviewer)
    assert client.get(url).status_code == 200
    assert client.post(url, {"goals": "x"}).status_code == 403
    assert (
        client.post(reverse("planning-application-withdraw", args=[application.pk])).status_code
        == 403
    )


def test_the_application_form_exports_as_xlsx_and_docx(client, applicant, unit_org):
    from docx import Document
    from openpyxl import load_workbook

    application = make_application(make_cycle(), unit=unit_org)
    client.force_login(applicant)
    xlsx = client.get(reverse("planning-application-export", args=[application.pk, "xlsx"]))
    sheet = load_workbook(BytesIO(xlsx.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell]
    assert "密码应用方案" in values
    assert "第十三条" in values
    docx = client.get(reverse("planning-application-export", args=[application.pk, "docx"]))
    text = "\n".join(p.text for p in Document(BytesIO(docx.content)).paragraphs)
    assert "信息资源共享分析" in text
    assert (
        client.get(reverse("planning-application-export", args=[application.pk, "pdf"])).status_code
        == 404
    )


def test_units_see_the_open_call_on_their_home_page(applicant, reviewer, expert):
    cycle = make_cycle()
    urls = [action.url for action in for_user(applicant)]
    assert reverse("planning-cycle-detail", args=[cycle.pk]) in urls
    assert reverse("planning-cycles") in [action.url for action in for_user(reviewer)]
    assert not [a for a in for_user(expert) if "planning" in a.url]


def test_the_cycle_page_makes_a_constant_number_of_queries(
    client, reviewer, unit_org, other_unit_org, django_assert_max_num_queries
):
    cycle = make_cycle()
    make_application(cycle, unit=unit_org)
    client.force_login(reviewer)
    url = reverse("planning-cycle-detail", args=[cycle.pk])
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(5):
        make_application(cycle, unit=other_unit_org)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_competent_department_edits_the_dates_with_field_errors(client, reviewer):
    cycle = make_cycle()
    client.force_login(reviewer)
    url = reverse("planning-cycle-edit", args=[cycle.pk])
    data = {
        "title": "改名",
        "call_opens_on": cycle.call_opens_on.isoformat(),
        "call_closes_on": (cycle.call_opens_on - dt.timedelta(days=1)).isoformat(),
        "compile_by": cycle.compile_by.isoformat(),
    }
    response = client.post(url, data)
    assert 'data-testid="error-call_closes_on"' in response.content.decode()
    data["call_closes_on"] = cycle.call_closes_on.isoformat()
    assert client.post(url, data).status_code == 302
    cycle.refresh_from_db()
    assert cycle.title == "改名"


def test_the_admin_lists_cycles_and_applications_read_only(admin_client, unit_org):
    cycle = make_cycle()
    application = make_application(cycle, unit=unit_org)
    for model in ("planningcycle", "application"):
        response = admin_client.get(reverse(f"admin:planning_{model}_changelist"))
        assert response.status_code == 200
    assert admin_client.get(reverse("admin:planning_planningcycle_add")).status_code == 403
    assert (
        str(application.project.code)
        in admin_client.get(reverse("admin:planning_application_changelist")).content.decode()
    )


def test_the_project_page_links_to_its_application_for_those_who_see_it(
    client, applicant, other_applicant, unit_org
):
    application = make_application(make_cycle(), unit=unit_org)
    url = reverse("planning-application-detail", args=[application.pk])
    links = list(project_links(applicant, application.project))
    assert [(link.url, link.detail) for link in links] == [(url, application.cycle.title)]
    client.force_login(applicant)
    page = client.get(reverse("project-detail", args=[application.project.pk])).content.decode()
    assert url in page
    assert application.cycle.title in page
    # Another unit sees neither the project nor its application.
    assert list(project_links(other_applicant, application.project)) == []
