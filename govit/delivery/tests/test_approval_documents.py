"""The approval record shows the documents the engine required for the decided route, each
with its article and whether the project has it (issue #5), on the page and in the API; the
page's query count does not grow with the documents."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from govit.delivery import services
from govit.delivery.approval_documents import approval_target, required_documents
from govit.delivery.tests.helpers import approved_project, record_approval
from govit.documents.models import Document
from govit.projects.tests.factories import add_documents

pytestmark = pytest.mark.django_db


def by_type(project):
    record = project.approval_record
    found = required_documents(project.rulebook, services.project_snapshot(project), record.route)
    return {doc.type: doc for doc in found}


def test_the_approval_route_lists_its_documents_with_articles_and_presence(applicant, unit_org):
    # Wuhan, 100万元: the approval route (第八条) with 第十条, 第十三条, 第十六条, 第二十七条.
    project = approved_project(unit_org, investment=Decimal("1000000.00"))
    add_documents(project, "proposal", "feasibility_study", "preliminary_design", "crypto_plan")
    record_approval(applicant, project)
    project.refresh_from_db()
    assert project.approval_record.route == "approval"
    found = by_type(project)
    assert found["proposal"].present
    assert found["proposal"].article == "第十条"
    assert found["crypto_plan"].present
    assert found["crypto_plan"].article == "第十三条"
    assert not found["sharing_chapter"].present
    assert found["assessment_report"].article == "第十六条"
    assert not found["assessment_report"].present
    assert found["safe_reliable_statement"].article == "第二十七条"
    assert found["proposal"].label != "proposal"  # the vocabulary's label


def test_the_filing_route_does_not_list_the_approval_documents(applicant, unit_org):
    # Wuhan, 30万元: filing (第八条); the approval's documents (50万元 and more) do not apply.
    project = approved_project(unit_org, investment=Decimal("300000.00"), state="filed")
    record_approval(applicant, project, amount=Decimal("300000.00"))
    project.refresh_from_db()
    assert project.approval_record.route == "filing"
    assert approval_target("filing") == "filed"
    found = by_type(project)
    assert "assessment_report" not in found
    assert "proposal" not in found


def test_a_reviewed_document_counts_only_once_reviewed(applicant, unit_org):
    # Bijie 第十四条: the service plan reviewed by a third party before approval.
    project = approved_project(unit_org, rulebook="bijie")
    add_documents(project, "service_plan")
    record_approval(applicant, project)
    project.refresh_from_db()
    found = by_type(project)
    reviewed = next(
        d
        for d in required_documents(
            project.rulebook, services.project_snapshot(project), project.approval_record.route
        )
        if d.condition == "reviewed" and d.type == "service_plan"
    )
    assert reviewed.article == "第十四条"
    assert not reviewed.present
    assert found["control_price_review"].article == "第十四条"
    assert not found["control_price_review"].present


def test_the_page_and_the_api_show_them(client, applicant, reviewer, unit_org):
    project = approved_project(unit_org, investment=Decimal("1000000.00"))
    add_documents(project, "proposal")
    record_approval(applicant, project)
    client.force_login(reviewer)
    page = client.get(reverse("delivery-detail", args=[project.pk]))
    documents = page.context["approval_documents"]
    assert {d.type for d in documents} >= {"proposal", "assessment_report"}
    html = page.content.decode()
    assert 'data-testid="approval-document" data-present="yes"' in html
    assert 'data-testid="approval-document" data-present="no"' in html
    assert "第十六条" in html
    body = client.get(f"/api/v1/projects/{project.pk}/delivery").json()
    listed = {d["type"]: d for d in body["approval"]["required_documents"]}
    assert listed["proposal"]["present"] is True
    assert listed["assessment_report"] == {
        "type": "assessment_report",
        "label": listed["assessment_report"]["label"],
        "article": "第十六条",
        "rule": "documents.assessment_report",
        "condition": "",
        "present": False,
    }
    client.force_login(applicant)
    put = client.put(
        f"/api/v1/projects/{project.pk}/delivery/approval",
        {
            "approving_body": "市数据局",
            "document_number": "武数发〔2026〕13号",
            "approved_on": "2026-03-02",
            "approved_amount": "1000000.00",
        },
        content_type="application/json",
    )
    assert put.status_code == 201
    assert "proposal" in {d["type"] for d in put.json()["required_documents"]}


def test_no_record_no_documents(client, applicant, unit_org):
    project = approved_project(unit_org)
    client.force_login(applicant)
    page = client.get(reverse("delivery-detail", args=[project.pk]))
    assert page.context["approval_documents"] == []
    assert client.get(f"/api/v1/projects/{project.pk}/delivery").json()["approval"] is None


def test_the_page_does_not_grow_with_the_documents(client, applicant, finance_clerk, unit_org):
    project = approved_project(unit_org, investment=Decimal("1000000.00"))
    record_approval(applicant, project)
    client.force_login(finance_clerk)
    url = reverse("delivery-detail", args=[project.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    add_documents(project, "proposal", "feasibility_study", "preliminary_design", "crypto_plan")
    Document.objects.filter(project=project).update(version_count=0)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
