"""Supervision (监理): required by the rulebook (Kaihua 第十一条: 200万元以上, 含本数), the
supervisor organisation engaged and filed, its own users writing its reports."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from govit.core.models import AuditEvent
from govit.delivery import supervision
from govit.delivery.errors import NotPermitted
from govit.delivery.tests.helpers import approved_project
from govit.documents.models import Document
from govit.documents.services import document_upload
from govit.documents.tests.samples import EXE, PDF
from govit.orgs.choices import Role
from govit.orgs.tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor_org():
    return OrganisationFactory(kind=Role.SUPERVISOR, name="某监理公司")


@pytest.fixture
def supervisor(supervisor_org):
    return member(Role.SUPERVISOR, supervisor_org, username="supervisor")


def engage(actor, project, org):
    return supervision.supervision_engage(
        actor=actor, project=project, supervisor=org, engaged_on=dt.date(2026, 5, 10)
    )


@pytest.mark.parametrize(("amount", "required"), [("2000000.00", True), ("1999999.99", False)])
def test_kaihua_requires_a_supervisor_from_two_million(unit_org, amount, required):
    project = approved_project(unit_org, rulebook="kaihua", kind="new", investment=Decimal(amount))
    decision = supervision.supervision_decision(project)
    assert decision is not None
    assert bool(decision.value) is required
    assert decision.article == "第十一条"


def test_engaging_and_filing_the_supervisor_sets_the_project_facts(
    applicant, unit_org, supervisor_org
):
    project = approved_project(unit_org)
    engagement = engage(applicant, project, supervisor_org)
    project.refresh_from_db()
    assert project.supervision is True
    with pytest.raises(ValidationError):
        supervision.supervision_file(
            actor=applicant, engagement=engagement, filed_on=dt.date(2026, 5, 9)
        )
    supervision.supervision_file(
        actor=applicant, engagement=engagement, filed_on=dt.date(2026, 5, 12)
    )
    project.refresh_from_db()
    assert project.supervision_filed_on == dt.date(2026, 5, 12)
    assert AuditEvent.objects.filter(action__startswith="delivery.supervision_").count() == 2


def test_only_a_supervisor_organisation_may_be_engaged_once(applicant, unit_org, supervisor_org):
    project = approved_project(unit_org)
    with pytest.raises(ValidationError):
        engage(applicant, project, OrganisationFactory(kind=Role.VENDOR))
    engage(applicant, project, supervisor_org)
    with pytest.raises(ValidationError):
        engage(applicant, project, supervisor_org)


def test_finance_and_other_units_cannot_engage(
    finance_clerk, other_applicant, unit_org, supervisor_org
):
    project = approved_project(unit_org)
    for actor in (finance_clerk, other_applicant):
        with pytest.raises(NotPermitted):
            engage(actor, project, supervisor_org)


def report(actor, engagement, **kwargs):
    values = {
        "kind": "monthly",
        "period_start": dt.date(2026, 6, 1),
        "period_end": dt.date(2026, 6, 30),
        "summary": "进度正常",
        **kwargs,
    }
    return supervision.supervision_report(actor=actor, engagement=engagement, **values)


def test_only_the_engaged_supervisors_users_write_its_reports(
    applicant, reviewer, unit_org, supervisor_org, supervisor
):
    engagement = engage(applicant, approved_project(unit_org), supervisor_org)
    assert report(supervisor, engagement).summary == "进度正常"
    stranger = member(Role.SUPERVISOR, OrganisationFactory(kind=Role.SUPERVISOR), username="s2")
    for actor in (applicant, reviewer, stranger):
        with pytest.raises(NotPermitted):
            report(actor, engagement)
    with pytest.raises(ValidationError):
        report(supervisor, engagement, period_end=dt.date(2026, 5, 31))


def test_the_supervisor_sees_its_engagement_but_not_the_project(
    client, applicant, unit_org, supervisor_org, supervisor
):
    project = approved_project(unit_org)
    engagement = engage(applicant, project, supervisor_org)
    client.force_login(supervisor)
    assert client.get(reverse("delivery-supervision", args=[engagement.pk])).status_code == 200
    assert client.get(reverse("delivery-detail", args=[project.pk])).status_code == 404
    response = client.post(
        reverse("delivery-supervision-report", args=[engagement.pk]),
        {
            "kind": "monthly",
            "period_start": "2026-06-01",
            "period_end": "2026-06-30",
            "summary": "本月完成接口开发",
        },
    )
    assert response.status_code == 302
    assert engagement.reports.count() == 1
    stranger = member(Role.SUPERVISOR, OrganisationFactory(kind=Role.SUPERVISOR), username="s3")
    client.force_login(stranger)
    assert client.get(reverse("delivery-supervision", args=[engagement.pk])).status_code == 404


def upload(name="月报.pdf", content=PDF):
    return SimpleUploadedFile(name, content, "application/pdf")


@pytest.fixture
def engaged(applicant, unit_org, supervisor_org):
    return engage(applicant, approved_project(unit_org), supervisor_org)


def test_the_supervisor_uploads_its_report_file_through_the_upload_checks(engaged, supervisor):
    made = report(supervisor, engaged, upload=upload())
    document = made.document
    assert document is not None
    assert (document.type, document.project_id) == ("supervision_report", engaged.project_id)
    assert document.created_by == supervisor
    assert document.versions.get().sm3
    assert AuditEvent.objects.filter(action="document.upload").count() == 1
    with pytest.raises(ValidationError) as refused:
        report(supervisor, engaged, upload=upload("病毒.pdf", EXE))
    assert "upload" in refused.value.message_dict
    assert engaged.reports.count() == 1  # the refused upload left no report behind
    with pytest.raises(ValidationError) as both:
        report(supervisor, engaged, upload=upload(), document=document)
    assert "upload" in both.value.message_dict


def test_the_supervisor_attaches_a_file_to_its_report_then_a_new_version(engaged, supervisor):
    made = report(supervisor, engaged)
    supervision.supervision_report_attach(actor=supervisor, report=made, upload=upload())
    made.refresh_from_db()
    assert made.document is not None
    supervision.supervision_report_attach(actor=supervisor, report=made, upload=upload("v2.pdf"))
    assert made.document.versions.count() == 2
    assert AuditEvent.objects.filter(action="delivery.supervision_report_attach").count() == 2


def test_a_report_pointing_at_the_units_document_gets_no_version_from_the_supervisor(
    engaged, supervisor, applicant
):
    theirs = document_upload(
        actor=applicant,
        project=engaged.project,
        type="supervision_report",
        title="单位上传",
        upload=upload(),
    ).document
    made = report(supervisor, engaged, document=theirs)
    with pytest.raises(ValidationError):
        supervision.supervision_report_attach(actor=supervisor, report=made, upload=upload())
    assert theirs.versions.count() == 1


def test_only_the_projects_own_supervisor_attaches(engaged, supervisor, applicant, reviewer):
    made = report(supervisor, engaged)
    stranger = member(Role.SUPERVISOR, OrganisationFactory(kind=Role.SUPERVISOR), username="s4")
    for actor in (stranger, applicant, reviewer):
        with pytest.raises(NotPermitted):
            supervision.supervision_report_attach(actor=actor, report=made, upload=upload())
        with pytest.raises(NotPermitted):
            report(actor, engaged, upload=upload())
    assert not Document.objects.exists()


def test_the_report_page_takes_the_file_and_the_supervisor_downloads_it(
    client, engaged, supervisor, applicant
):
    url = reverse("delivery-supervision-report", args=[engaged.pk])
    form = {
        "kind": "monthly",
        "period_start": "2026-06-01",
        "period_end": "2026-06-30",
        "summary": "本月完成接口开发",
    }
    client.force_login(supervisor)
    page = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in page
    refused = client.post(url, {**form, "upload": upload("x.pdf", EXE)})
    assert refused.status_code == 200
    assert 'data-testid="error-upload"' in refused.content.decode()
    assert client.post(url, {**form, "upload": upload()}).status_code == 302
    made = engaged.reports.get()
    detail = client.get(reverse("delivery-supervision", args=[engaged.pk])).content.decode()
    file_url = reverse("delivery-supervision-report-file", args=[engaged.pk, made.pk])
    assert file_url in detail
    downloaded = client.get(file_url)
    assert downloaded.status_code == 200
    assert b"".join(downloaded.streaming_content) == PDF
    # The supervisor still has no rights on the project's documents.
    version = made.document.versions.get()
    assert client.get(reverse("document-download", args=[version.pk])).status_code == 404
    client.force_login(applicant)  # the unit sees the project, so the report's file too
    assert client.get(file_url).status_code == 200


@pytest.mark.parametrize("persona", ["stranger", "applicant", "other_applicant", "anonymous"])
def test_who_may_not_upload_or_download_a_report_file(
    client, request, engaged, supervisor, persona
):
    made = report(supervisor, engaged, upload=upload())
    page = reverse("delivery-supervision-report", args=[engaged.pk])
    api = f"/api/v1/supervisions/{engaged.pk}/reports/{made.pk}/files"
    file_page = reverse("delivery-supervision-report-file", args=[engaged.pk, made.pk])
    file_api = f"/api/v1/supervisions/{engaged.pk}/reports/{made.pk}/file"
    if persona == "stranger":
        client.force_login(
            member(Role.SUPERVISOR, OrganisationFactory(kind=Role.SUPERVISOR), username="s5")
        )
    elif persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    posted = client.post(api, {"file": upload()})
    paged = client.post(page, {"kind": "monthly", "summary": "x", "upload": upload()})
    if persona == "anonymous":
        assert posted.status_code == 401
        assert paged.status_code == 302  # to the sign-in page
        assert "login" in paged["Location"]
    elif persona == "applicant":  # sees the project, is not its supervisor
        assert (posted.status_code, paged.status_code) == (403, 403)
        assert client.get(file_page).status_code == 200
    else:  # another project's supervisor, another unit: the engagement does not exist
        assert (posted.status_code, paged.status_code) == (404, 404)
        assert client.get(file_page).status_code == 404
        assert client.get(file_api).status_code == 404
    assert made.document.versions.count() == 1


def test_the_api_attaches_and_serves_the_file(client, engaged, supervisor):
    made = report(supervisor, engaged)
    client.force_login(supervisor)
    url = f"/api/v1/supervisions/{engaged.pk}/reports/{made.pk}/files"
    bad = client.post(url, {"file": upload("x.pdf", EXE)})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "upload"
    taken = client.post(url, {"file": upload()})
    assert taken.status_code == 201
    assert taken.json()["document_id"] is not None
    served = client.get(f"/api/v1/supervisions/{engaged.pk}/reports/{made.pk}/file")
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
