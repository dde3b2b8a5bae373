"""The library and plan pages: what each persona sees, forms, refusals, the xlsx export."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from govit.planning import duplicates
from govit.planning.models.plans import AnnualPlan, LibraryEntry
from govit.planning.tests.plans_helpers import admit, approved_plan, reviewed

pytestmark = pytest.mark.django_db


def test_the_competent_department_admits_through_the_form(client, reviewer, unit_org):
    project = reviewed(unit_org)
    client.force_login(reviewer)
    page = client.get(reverse("planning-library-admit") + f"?project={project.pk}")
    assert page.status_code == 200
    form = {
        "project": project.pk,
        "category": "data",
        "domain": "economy",
        "priority": "2",
        "reserve_year": "2027",
    }
    response = client.post(reverse("planning-library-admit"), form)
    entry = LibraryEntry.objects.get(project=project)
    assert response.status_code == 302
    assert response["Location"] == reverse("planning-library-entry", args=[entry.pk])
    detail = client.get(response["Location"])
    assert "数据资源" in detail.content.decode()


def test_the_form_shows_field_errors_in_chinese(client, reviewer, unit_org):
    project = reviewed(unit_org)
    entry = admit(reviewer, project)
    client.force_login(reviewer)
    response = client.post(
        reverse("planning-library-move", args=[entry.pk]), {"reserve_year": "2027", "reason": "x"}
    )
    assert response.status_code == 400
    assert "没有变化" in response.content.decode()


def test_a_unit_reads_its_entry_but_may_not_adjust_it(client, reviewer, applicant, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    client.force_login(applicant)
    assert client.get(reverse("planning-library")).status_code == 200
    assert client.get(reverse("planning-library-entry", args=[entry.pk])).status_code == 200
    assert client.get(reverse("planning-library-withdraw", args=[entry.pk])).status_code == 403
    assert client.get(reverse("planning-library-admit")).status_code == 403


def test_another_unit_gets_404(client, reviewer, other_applicant, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    client.force_login(other_applicant)
    assert client.get(reverse("planning-library-entry", args=[entry.pk])).status_code == 404
    assert client.get(reverse("planning-library-withdraw", args=[entry.pk])).status_code == 404
    page = client.get(reverse("planning-library"))
    assert entry.project.code not in page.content.decode()
    similar = reverse("planning-project-similar", args=[entry.project_id])
    assert client.get(similar).status_code == 404


@pytest.mark.parametrize("persona", ["applicant", "expert", "vendor"])
def test_plans_are_refused_to_units_and_assigned_roles(
    client, request, persona, reviewer, unit_org
):
    plan = approved_plan(reviewer, [admit(reviewer, reviewed(unit_org))]).plan
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("planning-plans")).status_code == 403
    assert client.get(reverse("planning-plan-create")).status_code == 403
    assert client.get(reverse("planning-plan", args=[plan.pk])).status_code == 404
    assert client.post(reverse("planning-plan-fill", args=[plan.pk])).status_code == 404
    assert client.get(reverse("planning-plan-export", args=[plan.pk, 1])).status_code == 404


def test_compile_submit_approve_and_export_through_the_pages(client, reviewer, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    client.force_login(reviewer)
    response = client.post(reverse("planning-plan-create"), {"year": "2027", "title": ""})
    plan = AnnualPlan.objects.get()
    assert response["Location"] == reverse("planning-plan", args=[plan.pk])
    page = client.get(response["Location"]).content.decode()
    assert entry.project.code in page  # offered from the reserve
    client.post(reverse("planning-plan-line-add", args=[plan.pk]), {"entry": entry.pk})
    client.post(reverse("planning-plan-submit", args=[plan.pk]))
    approve = reverse("planning-plan-approve", args=[plan.pk])
    missing = client.post(approve, {"reference": "", "approved_on": "2026-01-10"})
    assert missing.status_code == 400
    done = client.post(
        approve,
        {"reference": "武政〔2026〕1号", "approved_on": "2026-01-10", "acknowledge_warnings": "on"},
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("planning-plan-version", args=[plan.pk, 1])
    assert client.get(done["Location"]).status_code == 200
    export = client.get(reverse("planning-plan-export", args=[plan.pk, 1]))
    sheet = load_workbook(BytesIO(export.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert entry.project.code in values
    assert 100.0 in values  # 1,000,000 yuan = 100 万元


def test_the_similar_page_lists_matches_with_phrases(client, reviewer, unit_org, settings):
    settings.GOVIT_DUPLICATE_THRESHOLD = 30
    duplicates.invalidate()
    admit(reviewer, reviewed(unit_org, name="城乡低保救助管理系统"))
    mine = reviewed(unit_org, name="城乡低保救助管理平台", state="draft")
    client.force_login(reviewer)
    page = client.get(reverse("planning-project-similar", args=[mine.pk])).content.decode()
    assert "城乡低保救助管理" in page
    assert 'data-testid="duplicate-warning"' in page
    duplicates.invalidate()


def test_the_project_page_links_to_the_check_and_the_entry(client, reviewer, unit_org):
    entry = admit(reviewer, reviewed(unit_org))
    client.force_login(reviewer)
    page = client.get(reverse("project-detail", args=[entry.project_id])).content.decode()
    assert reverse("planning-project-similar", args=[entry.project_id]) in page
    assert reverse("planning-library-entry", args=[entry.pk]) in page


def test_the_library_filters(client, reviewer, unit_org):
    data = admit(reviewer, reviewed(unit_org), category="data")
    other = admit(reviewer, reviewed(unit_org), reserve_year=2028)
    client.force_login(reviewer)
    page = client.get(reverse("planning-library") + "?category=data").content.decode()
    assert data.project.code in page
    assert other.project.code not in page
    page = client.get(reverse("planning-library") + "?year=2028&category=bogus").content.decode()
    assert other.project.code in page
    assert data.project.code not in page


def _codes(response) -> list[object]:
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_library_export_follows_the_filters_and_is_audited(client, reviewer, unit_org):
    from govit.core.models import AuditEvent

    data = admit(reviewer, reviewed(unit_org), category="data")
    other = admit(reviewer, reviewed(unit_org), reserve_year=2028)
    client.force_login(reviewer)
    page = client.get(reverse("planning-library") + "?category=data").content.decode()
    assert reverse("planning-library-export") + "?category=data" in page
    response = client.get(reverse("planning-library-export") + "?category=data")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="library-')
    assert _codes(response) == [data.project.code]
    assert sorted(_codes(client.get(reverse("planning-library-export")))) == sorted(
        [data.project.code, other.project.code]
    )
    event = AuditEvent.objects.filter(action="planning.export").order_by("pk").first()
    assert event is not None
    assert event.after["rows"] == 1


def test_the_library_export_holds_only_the_units_own_entries(
    client, reviewer, applicant, other_applicant, unit_org
):
    entry = admit(reviewer, reviewed(unit_org))
    client.force_login(applicant)
    assert _codes(client.get(reverse("planning-library-export"))) == [entry.project.code]
    client.force_login(other_applicant)
    assert _codes(client.get(reverse("planning-library-export"))) == []
    client.logout()
    assert client.get(reverse("planning-library-export")).status_code in (302, 401, 403)
