"""四个一批 dispositions: decided by the competent department, tracked to completion."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from govit.systems import citations, selectors, services
from govit.systems.models import Disposition
from govit.systems.tests.factories import SystemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def system(unit_org):
    return SystemFactory(unit=unit_org)


def later(days):
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("close", "closed"),
        ("integrate", "migrated"),
        ("take_over", "migrated"),
        ("build", "running"),
    ],
)
def test_completion_sets_the_systems_status(reviewer, applicant, system, kind, status):
    disposition = services.disposition_decide(
        actor=reviewer, system=system, kind=kind, due_on=later(30)
    )
    services.disposition_progress(actor=applicant, disposition=disposition, progress=40)
    services.disposition_progress(
        actor=applicant, disposition=disposition, progress=40, completed_on=timezone.localdate()
    )
    system.refresh_from_db()
    disposition.refresh_from_db()
    assert system.status == status
    assert disposition.progress == 100


def test_only_the_competent_department_decides(applicant, finance_clerk, system):
    for actor in (applicant, finance_clerk):
        with pytest.raises(services.NotAllowed):
            services.disposition_decide(actor=actor, system=system, kind="close", due_on=later(9))


def test_the_due_date_cannot_precede_the_decision(reviewer, system):
    with pytest.raises(ValidationError):
        services.disposition_decide(actor=reviewer, system=system, kind="close", due_on=later(-1))


def test_another_unit_cannot_report_progress(reviewer, other_applicant, system):
    disposition = services.disposition_decide(
        actor=reviewer, system=system, kind="close", due_on=later(9)
    )
    with pytest.raises(services.NotAllowed):
        services.disposition_progress(actor=other_applicant, disposition=disposition, progress=5)


def test_overdue_dispositions_are_listed(client, reviewer, system, unit_org):
    late = Disposition.objects.create(
        system=system,
        kind="close",
        decided_by=reviewer,
        decided_on=later(-60),
        due_on=later(-1),
    )
    Disposition.objects.create(
        system=SystemFactory(unit=unit_org),
        kind="integrate",
        decided_by=reviewer,
        decided_on=later(-60),
        due_on=later(10),
    )
    assert list(selectors.disposition_list(actor=reviewer, overdue_on=timezone.localdate())) == [
        late
    ]
    client.force_login(reviewer)
    page = client.get(reverse("system-dispositions"), {"overdue": "1"}).content.decode()
    assert "已逾期" in page
    assert "进行中" not in page


def test_the_detail_page_decides_and_records_progress(client, reviewer, applicant, system):
    client.force_login(reviewer)
    response = client.post(
        reverse("system-dispose", args=[system.pk]),
        {"kind": "integrate", "due_on": later(30).isoformat(), "target": "市一体化平台"},
    )
    assert response.status_code == 302
    disposition = Disposition.objects.get()
    client.force_login(applicant)
    assert client.post(reverse("system-dispose", args=[system.pk]), {}).status_code == 403
    url = reverse("system-disposition-progress", args=[disposition.pk])
    assert client.post(url, {"progress": 50, "note": "数据迁移中"}).status_code == 302
    disposition.refresh_from_db()
    assert disposition.progress == 50
    page = client.get(reverse("system-detail", args=[system.pk])).content.decode()
    assert "数据迁移中" in page


def test_another_units_disposition_answers_404(client, reviewer, other_applicant, system):
    disposition = services.disposition_decide(
        actor=reviewer, system=system, kind="close", due_on=later(9)
    )
    client.force_login(other_applicant)
    url = reverse("system-disposition-progress", args=[disposition.pk])
    assert client.post(url, {"progress": 50}).status_code == 404


def test_the_four_batches_citation_quotes_gaoping_article_9():
    citation = citations.four_batches()
    assert (citation.rulebook, citation.number, citation.label) == ("gaoping", 9, "第九条")
    assert "关闭一批失去功能、目前已经停止运行的僵尸平台" in citation.quote


def test_the_proposal_and_disposition_pages_cite_gaoping_article_9(client, reviewer):
    client.force_login(reviewer)
    for name in ("system-proposals", "system-dispositions"):
        page = client.get(reverse(name)).content.decode()
        assert 'data-testid="four-batches-basis"' in page
        assert reverse("article-detail", args=["gaoping", 9]) in page
