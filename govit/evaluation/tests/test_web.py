"""Evaluation pages and API: scoped reads (404 for another unit), refused roles (403), field
errors, the window refusal with its article, and the self-evaluation form's exports."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document as DocxDocument
from openpyxl import load_workbook

from govit.evaluation import services
from govit.evaluation.models import Evaluation
from govit.evaluation.tests.helpers import ROWS, full_marks, in_operation, with_targets
from govit.orgs.models import Organisation, User
from govit.projects.models import Project


def _send(client: Client, method: str, url: str, body: Any) -> Any:
    return client.generic(
        method, url, json.dumps(body, default=str), content_type="application/json"
    )


@pytest.fixture
def scored(applicant: User, unit_org: Organisation) -> Evaluation:
    project = in_operation(unit_org)
    targets = with_targets(applicant, project)
    marks = full_marks(targets)
    marks[1]["actual_value"] = Decimal(125)
    marks[1]["deviation_reason"] = "运维成本上涨"
    return services.self_evaluation_submit(
        actor=applicant,
        project=project,
        conducted_on=dt.date(2026, 3, 2),
        summary="总体达标",
        results=marks,
    )


def test_project_page_scoped(
    client: Client, applicant: User, other_applicant: User, scored: Evaluation
) -> None:
    url = reverse("evaluation-project", args=[scored.project_id])
    client.force_login(applicant)
    page = client.get(url)
    assert page.status_code == 200
    assert "第二十二条" in page.content.decode()
    client.force_login(other_applicant)
    assert client.get(url).status_code == 404
    assert client.get(reverse("evaluation-detail", args=[scored.pk])).status_code == 404


def test_self_evaluation_page_refuses_the_competent_department(
    client: Client, reviewer: User, scored: Evaluation
) -> None:
    client.force_login(reviewer)
    assert client.get(reverse("evaluation-self", args=[scored.project_id])).status_code == 403
    assert client.get(reverse("evaluation-project", args=[scored.project_id])).status_code == 200


def test_targets_form_puts_the_weight_error_on_the_page(
    client: Client, applicant: User, unit_org: Organisation
) -> None:
    project = in_operation(unit_org)
    client.force_login(applicant)
    data = {}
    for i, row in enumerate(ROWS):
        for key, value in row.items():
            data[f"{key}_{i}"] = str(value)
    data["weight_0"] = "10"
    page = client.post(reverse("evaluation-targets", args=[project.pk]), data)
    assert page.status_code == 200
    assert 'data-testid="refusal"' in page.content.decode()
    assert not project.performance_targets.exists()
    data["weight_0"] = "40"
    done = client.post(reverse("evaluation-targets", args=[project.pk]), data)
    assert done.status_code == 302
    assert project.performance_targets.count() == 4


def test_self_evaluation_through_the_page(
    client: Client, applicant: User, unit_org: Organisation
) -> None:
    project = in_operation(unit_org)
    targets = with_targets(applicant, project)
    client.force_login(applicant)
    data = {"conducted_on": "2026-03-02", "summary": ""}
    for t in targets:
        if t.nature == "qualitative":
            data[f"score_{t.pk}"] = "30"
        else:
            data[f"actual_value_{t.pk}"] = str(t.target_value)
    response = client.post(reverse("evaluation-self", args=[project.pk]), data)
    assert response.status_code == 302
    assert Evaluation.objects.get(project=project).grade == "excellent"
    data["conducted_on"] = "2025-06-01"  # before the window
    page = client.post(reverse("evaluation-self", args=[project.pk]), data)
    assert page.status_code == 200
    assert "第二十二条" in page.content.decode()


def test_exports(client: Client, applicant: User, scored: Evaluation) -> None:
    client.force_login(applicant)
    xlsx = client.get(reverse("evaluation-export", args=[scored.pk, "xlsx"]))
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "运维成本上涨" in cells
    assert "96" in cells  # the total: 40 + 16 (100 of 125) + 30 + 10
    docx = client.get(reverse("evaluation-export", args=[scored.pk, "docx"]))
    text = "\n".join(p.text for p in DocxDocument(io.BytesIO(docx.content)).paragraphs)
    assert scored.project.name in text
    assert client.get(reverse("evaluation-export", args=[scored.pk, "pdf"])).status_code == 404


def test_api_targets_self_and_refusals(
    client: Client, applicant: User, other_applicant: User, unit_org: Organisation
) -> None:
    project: Project = in_operation(unit_org)
    url = f"/api/v1/projects/{project.pk}/evaluation"
    client.force_login(applicant)
    rows = [dict(r) for r in ROWS]
    rows[3]["weight"] = "11"
    bad = _send(client, "PUT", url + "/targets", {"targets": rows})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "weight"
    rows[3]["weight"] = "10"
    assert _send(client, "PUT", url + "/targets", {"targets": rows}).status_code == 201
    targets = list(project.performance_targets.all())
    early = _send(
        client,
        "POST",
        url + "/self",
        {"conducted_on": "2025-12-31", "results": full_marks(targets)},
    )
    assert early.status_code == 409
    assert early.json()["errors"][0]["article"] == "第二十二条"
    made = _send(
        client,
        "POST",
        url + "/self",
        {"conducted_on": "2026-01-15", "results": full_marks(targets)},
    )
    assert made.status_code == 201
    assert made.json()["grade"] == "excellent"
    body = client.get(url).json()
    assert body["window"]["opens"] == "2026-01-15"
    client.force_login(other_applicant)
    assert client.get(url).status_code == 404
    assert _send(client, "PUT", url + "/targets", {"targets": rows}).status_code == 404


def test_api_results_for_evaluating_departments_only(
    client: Client, applicant: User, finance_clerk: User, scored: Evaluation, unit_org: Organisation
) -> None:
    url = f"/api/v1/evaluation/results/units/{unit_org.pk}/2026"
    client.force_login(applicant)
    assert client.get(url).status_code == 403
    client.force_login(finance_clerk)
    body = client.get(url).json()
    assert body["count"] == 1
    assert body["grade"] == scored.grade


def test_api_ex_ante_annual_and_comprehensive(
    client: Client, applicant: User, reviewer: User, other_applicant: User, unit_org: Organisation
) -> None:
    project = in_operation(
        unit_org, "bijie", state="construction", construction_started_on=dt.date(2025, 3, 1)
    )
    base = f"/api/v1/projects/{project.pk}/evaluation"
    client.force_login(applicant)
    ex_ante = _send(
        client, "POST", base + "/ex-ante", {"conducted_on": "2025-01-02", "summary": "可行"}
    )
    assert ex_ante.status_code == 201
    assert ex_ante.json()["article"] == "第三十二条"
    annual = _send(
        client,
        "POST",
        base + "/annual",
        {"year": 2025, "conducted_on": "2025-12-20", "summary": "进度正常"},
    )
    assert annual.status_code == 201
    parties = [
        {"subject": "user_unit", "organisation_id": unit_org.pk, "score": "88"},
        {"subject": "vendor", "organisation_id": unit_org.pk, "score": "91"},
        {"subject": "review_agency", "organisation_id": unit_org.pk, "score": "70"},
    ]
    body = {"conducted_on": "2025-06-01", "evaluator": "第三方", "parties": parties}
    assert _send(client, "POST", base + "/comprehensive", body).status_code == 403
    client.force_login(reviewer)
    made = _send(client, "POST", base + "/comprehensive", body)
    assert made.status_code == 201
    assert [e["grade"] for e in made.json()] == ["good", "excellent", "fair"]
    client.force_login(other_applicant)
    assert (
        _send(
            client, "POST", base + "/ex-ante", {"conducted_on": "2025-01-02", "summary": "x"}
        ).status_code
        == 404
    )
