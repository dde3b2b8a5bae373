"""An approved project delivered through the pages, from its approval record to the final
payment, under two rulebooks.

The officials sign in with the demo accounts and use the delivery pages
(/projects/<id>/delivery/...) and the acceptance pages (/acceptance/projects/<id>/...): the
unit records the approval, the procurement and the contract and files the contract; a change
is rejected and then approved by the competent department; the unit asks for a payment that
finance approves and pays; the acceptance meeting fails (rectification), the re-acceptance
passes, the report is filed and finance notified; then the final payment is made. What each
official sees is asserted: states, refusals citing their articles, balances.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from govit.delivery.models import ChangeRequest, Contract, PaymentRequest, Procurement
from govit.documents.models import Document
from govit.documents.tests.samples import PDF
from govit.orgs.choices import Role
from govit.orgs.models import Organisation, User
from govit.projects.models import Project
from govit.projects.tests.factories import ProjectFactory, add_documents
from govit.web.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@dataclass(frozen=True)
class Chain:
    rulebook: str
    # Documents the rulebook's acceptance checklist asks for (prepared as background data).
    documents: tuple[str, ...]
    # Facts of the checklist the unit establishes with evidence, and those the competent
    # department confirms.
    unit_facts: tuple[str, ...]
    competent_facts: tuple[str, ...] = ()
    # The article the acceptance application is refused with while evidence is missing.
    apply_article: str = ""
    # A checklist document missing at first, uploaded by the unit after the refusal.
    uploaded: str = ""
    # The article that holds the final payment until acceptance passes ("" if none).
    final_hold_article: str = ""
    # The article that sets a deadline for filing the contract ("" if none).
    contract_filing_article: str = ""
    # Who takes the lifecycle step after a meeting (the rulebook names the role).
    concludes: str = "competent"


CHAINS = [
    Chain(
        "wuhan",
        documents=("risk_assessment", "crypto_assessment", "audit_report"),
        unit_facts=("platform_docked", "safe_reliable_products"),
        competent_facts=("acceptance_confirmed",),
        apply_article="第二十一条",
    ),
    Chain(
        "harbin",
        documents=("risk_assessment",),
        unit_facts=("safe_reliable_products",),
        final_hold_article="第二十九条",
        concludes="unit",
    ),
    Chain(
        "gaoping",
        documents=("design_docs", "test_docs", "risk_assessment", "emergency_plan"),
        unit_facts=("safe_reliable_products", "catalog_registered"),
        apply_article="第十五条",  # the design documents, source code and test documents
        uploaded="source_code",
        contract_filing_article="第十五条",  # 签订正式合同后5个工作日内 ... 备案
        concludes="unit",
    ),
]

APPROVED = Decimal("800000.00")


def sign_in(browser: Any, base_url: str, username: str) -> Any:
    context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base_url}/")
    return page


def submit(page: Any, url: str, values: Mapping[str, str | bool], refused: bool = False) -> None:
    """Open a form page, fill its fields by name and save it; unless ``refused``, the form
    must be accepted (the page moves on)."""
    page.goto(url)
    form = page.locator("form[method=post]").last
    for name, value in values.items():
        field = form.locator(f"[name={name}]").first
        tag = field.evaluate("e => e.tagName.toLowerCase()")
        if isinstance(value, bool):
            field.set_checked(value)
        elif tag == "select":
            field.select_option(value)
        else:
            field.fill(value)
    form.get_by_role("button", name="保存").click()
    page.wait_for_load_state()
    if refused:
        assert page.url == url
    else:
        assert page.url != url, page.locator("form[method=post]").last.inner_text()


def refusal(page: Any) -> str:
    text: str = page.get_by_test_id("refusal").inner_text()
    return text


def demo_org(username: str) -> Organisation:
    user = User.objects.get(username=username)
    membership = user.memberships.filter(role=username).select_related("organisation").first()
    assert membership is not None, username
    organisation: Organisation = membership.organisation
    return organisation


@pytest.mark.parametrize("chain", CHAINS, ids=lambda c: c.rulebook)
def test_an_approved_project_is_delivered_accepted_and_paid(
    live_server: Any, browser: Any, settings: Any, chain: Chain
) -> None:
    settings.GOVIT_RULEBOOK = chain.rulebook
    translation.activate("zh-hans")
    call_command("demo", "load")
    base = live_server.url
    today = timezone.localdate()
    day = today.isoformat()
    earlier = (today - dt.timedelta(days=7)).isoformat()
    signed = (today - dt.timedelta(days=2)).isoformat()  # filed today: within 5 working days

    # Background: an approved project in construction (the walk from draft to approval and
    # into construction is test_project_lifecycle's); the acceptance documents on file.
    project: Project = ProjectFactory(
        unit=demo_org(Role.UNIT.value),
        rulebook=chain.rulebook,
        state="construction",
        name="交付链测试项目",
        investment=APPROVED,
        approved_on=today - dt.timedelta(days=30),
        construction_started_on=today - dt.timedelta(days=20),
    )
    add_documents(project, *chain.documents, "other")
    evidence = Document.objects.get(project=project, type="other")
    delivery = f"{base}/projects/{project.pk}/delivery"
    acceptance = f"{base}/acceptance/projects/{project.pk}"
    vendor = demo_org(Role.VENDOR.value)

    unit = sign_in(browser, base, "unit")
    competent = sign_in(browser, base, "competent")
    finance = sign_in(browser, base, "finance")
    pages = {"unit": unit, "competent": competent}

    # The approval record.
    submit(
        unit,
        f"{delivery}/approval/",
        {
            "approving_body": "市数据局",
            "document_number": "数发〔2026〕8号",
            "approved_on": earlier,
            "approved_amount": str(APPROVED),
        },
    )
    unit.wait_for_url(f"{delivery}/")
    approval = unit.get_by_test_id("approval").inner_text()
    assert "数发〔2026〕8号" in approval
    assert "80万元" in approval
    assert unit.get_by_test_id("route").inner_text().strip()

    # The procurement, awarded to the demo vendor.
    submit(
        unit,
        f"{delivery}/procurements/new/",
        {
            "title": "软件开发采购",
            "method": "public_tender",
            "budget_amount": str(APPROVED),
            "planned_on": earlier,
        },
    )
    procurement = Procurement.objects.get(project=project)
    submit(
        unit,
        f"{delivery}/procurements/{procurement.pk}/award/",
        {"vendor": str(vendor.pk), "award_amount": "750000.00", "awarded_on": earlier},
    )

    # The contract, recorded with its clauses and filed.
    submit(
        unit,
        f"{delivery}/contracts/new/",
        {
            "title": "软件开发合同",
            "vendor": str(vendor.pk),
            "amount": "750000.00",
            "signed_on": signed,
            "procurement_method": "public_tender",
            "ip_owned_by_unit": True,
            "deliverables_clause": True,
        },
    )
    contract = Contract.objects.get(project=project)
    submit(
        unit,
        f"{delivery}/procurements/{procurement.pk}/contract/",
        {"contract": str(contract.pk)},
    )
    submit(unit, f"{delivery}/contracts/{contract.pk}/filing/", {"filed_on": day})
    unit.goto(f"{delivery}/")
    if chain.contract_filing_article:
        duty = unit.get_by_test_id("filing-obligation").inner_text()
        assert chain.contract_filing_article in duty
        assert unit.get_by_test_id("filing-status").inner_text() == "已完成"
    assert "软件开发合同" in unit.get_by_test_id("contracts").inner_text()
    assert "75万元" in unit.get_by_test_id("contracts").inner_text()

    # A change: rejected with a reason, asked again and approved.
    change = {
        "reason": "technical_optimization",
        "description": "调整数据库架构",
        "amount": "50000.00",
        "requested_on": day,
        "content_before": "单机数据库",
        "content_after": "主备数据库",
    }
    submit(unit, f"{delivery}/changes/new/", change)
    first = ChangeRequest.objects.get(project=project)
    submit(
        competent,
        f"{delivery}/changes/{first.pk}/reject/",
        {"rejected_on": day, "reason": "理由不充分"},
    )
    submit(unit, f"{delivery}/changes/new/", {**change, "description": "调整数据库架构（补充）"})
    second = ChangeRequest.objects.exclude(pk=first.pk).get(project=project)
    submit(competent, f"{delivery}/changes/{second.pk}/approve/", {"approved_on": day})
    competent.goto(f"{delivery}/")
    changes = competent.get_by_test_id("changes").inner_text()
    assert "理由不充分" in changes
    assert "5万元" in competent.get_by_test_id("cumulative").inner_text()
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == ("rejected", "approved")

    # A payment asked for by the unit, approved and paid through the treasury by finance.
    submit(
        unit,
        f"{delivery}/milestones/new/",
        {"name": "初验", "baseline_due": day, "planned_cost": "300000.00"},
    )
    milestone = project.milestones.get()
    payment = {
        "milestone": str(milestone.pk),
        "kind": "progress",
        "amount": "300000.00",
        "evidence": str(evidence.pk),
        "requested_on": day,
    }
    # More than is approved is refused, not warned.
    too_much = {**payment, "amount": "900000.00"}
    submit(unit, f"{delivery}/payment-requests/new/", too_much, refused=True)
    assert "80万元" in refusal(unit)
    assert not PaymentRequest.objects.exists()
    submit(unit, f"{delivery}/payment-requests/new/", payment)
    request = PaymentRequest.objects.get(project=project)
    submit(finance, f"{delivery}/payment-requests/{request.pk}/approve/", {"decided_on": day})
    submit(
        finance,
        f"{delivery}/payment-requests/{request.pk}/execute/",
        {"paid_on": day, "treasury_reference": "GK-2026-0301"},
    )
    finance.goto(f"{delivery}/")
    assert "50万元" in finance.get_by_test_id("balance").inner_text()
    assert "GK-2026-0301" in finance.get_by_test_id("payments").inner_text()

    final = {**payment, "kind": "final", "amount": "500000.00"}
    if chain.final_hold_article:
        # The remaining payment is held until the acceptance passes.
        submit(unit, f"{delivery}/payment-requests/new/", final, refused=True)
        assert chain.final_hold_article in refusal(unit)
        assert PaymentRequest.objects.filter(kind="final").count() == 0

    # Acceptance: the evidence checklist, an application refused while evidence is missing.
    if chain.apply_article:
        submit(unit, f"{acceptance}/apply/", {"acknowledge_warnings": True}, refused=True)
        assert chain.apply_article in refusal(unit)
    if chain.uploaded:
        unit.goto(f"{base}/projects/{project.pk}/")
        upload = unit.get_by_test_id("upload-form")
        upload.locator("select[name=type]").select_option(chain.uploaded)
        upload.locator("input[name=title]").fill("源代码移交")
        upload.locator("input[name=file]").set_input_files(
            {"name": "source.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        upload.get_by_test_id("upload").click()
        unit.wait_for_load_state()
    for item in chain.unit_facts:
        submit(unit, f"{acceptance}/evidence/{item}/", {"document": str(evidence.pk)})
    for item in chain.competent_facts:
        submit(competent, f"{acceptance}/evidence/{item}/", {"note": "已确认"})
    unit.goto(f"{acceptance}/")
    done = (*chain.documents, *chain.unit_facts, *chain.competent_facts, chain.uploaded)
    for item in filter(None, done):
        assert "已具备" in unit.get_by_test_id(f"item-{item}").inner_text(), item
    submit(unit, f"{acceptance}/apply/", {"acknowledge_warnings": True})
    unit.wait_for_url(f"{acceptance}/")
    project.refresh_from_db()
    assert project.state == "acceptance"

    # The meeting fails: rectification with its deadline; the project cannot go into operation.
    meeting = {
        "held_on": day,
        "experts": "张专家，某大学\n李专家，某研究院",
        "opinion": "部分功能未达到合同要求",
        "result": "failed",
        "rectification_days": "10",
    }
    submit(competent, f"{acceptance}/meeting/", meeting)
    submit(pages[chain.concludes], f"{acceptance}/conclude/", {"acknowledge_warnings": True})
    competent.goto(f"{acceptance}/")
    assert competent.get_by_test_id("meeting-failed").count() == 1
    assert competent.get_by_test_id("deadline-rectification").count() == 1
    project.refresh_from_db()
    assert project.state == "rectification"
    assert competent.get_by_test_id("state").inner_text() == project.get_state_display()
    assert project.acceptance_passed is False

    # Re-acceptance after rectification passes, with the acceptance report.
    submit(unit, f"{acceptance}/apply/", {"acknowledge_warnings": True})
    report = add_documents(project, "acceptance_report")[0]
    submit(
        competent,
        f"{acceptance}/meeting/",
        {
            **meeting,
            "opinion": "整改完成，同意通过验收",
            "result": "passed",
            "rectification_days": "",
            "report": str(report.pk),
        },
    )
    submit(pages[chain.concludes], f"{acceptance}/conclude/", {"acknowledge_warnings": True})
    project.refresh_from_db()
    assert project.state == "operation", refusal(competent)
    assert project.acceptance_passed is True

    # The filing, the notice to finance and finance's acknowledgement.
    submit(competent, f"{acceptance}/filing/", {"filed_on": day, "report": str(report.pk)})
    submit(competent, f"{acceptance}/notice/", {"sent_on": day})
    submit(finance, f"{acceptance}/receipt/", {"received_on": day})
    finance.goto(f"{acceptance}/")
    assert finance.get_by_test_id("state").inner_text() == project.get_state_display()
    filing = finance.get_by_test_id("filing").inner_text()
    assert filing.count(day) == 3, filing
    assert finance.get_by_test_id("meeting-passed").count() == 1

    # The final payment, now that the acceptance passed.
    submit(unit, f"{delivery}/payment-requests/new/", final)
    held = PaymentRequest.objects.get(project=project, kind="final")
    submit(finance, f"{delivery}/payment-requests/{held.pk}/approve/", {"decided_on": day})
    submit(
        finance,
        f"{delivery}/payment-requests/{held.pk}/execute/",
        {"paid_on": day, "treasury_reference": "GK-2026-0302"},
    )
    finance.goto(f"{delivery}/")
    assert "0万元" in finance.get_by_test_id("balance").inner_text()
    assert "GK-2026-0302" in finance.get_by_test_id("payments").inner_text()
    assert "80万元" in finance.get_by_test_id("payments").inner_text()  # paid in all
