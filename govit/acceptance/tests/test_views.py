"""The acceptance pages: the dossier with its checklist and articles, the forms with their
refusals, 404 outside the actor's scope and 403 for a role that may not act."""

import datetime as dt

import pytest
from django.urls import URLPattern, reverse

from govit.acceptance import urls as acceptance_urls
from govit.acceptance.models import Meeting
from govit.acceptance.tests.helpers import in_acceptance, on_day, project_at, record

pytestmark = pytest.mark.django_db


def project_urls(project_pk):
    found = []
    for pattern in acceptance_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        if "project_pk" not in pattern.pattern.converters:
            continue
        kwargs = {"project_pk": project_pk}
        if "item" in pattern.pattern.converters:
            kwargs["item"] = "platform_docked"
        found.append((pattern.name, reverse(pattern.name, kwargs=kwargs)))
    return found


def test_every_page_sends_anonymous_callers_to_sign_in(client, unit_org):
    project = project_at(unit_org, "construction")
    for name, url in [*project_urls(project.pk), ("index", reverse("acceptance-index"))]:
        response = client.get(url)
        assert response.status_code == 302, name
        assert reverse("login") in response["Location"]


@pytest.mark.parametrize("persona", ["other_applicant", "vendor", "expert"])
def test_every_project_page_is_404_outside_the_actors_scope(client, request, unit_org, persona):
    project = project_at(unit_org, "construction")
    client.force_login(request.getfixturevalue(persona))
    for name, url in project_urls(project.pk):
        for method in ("get", "post"):
            assert getattr(client, method)(url).status_code in (404, 405), (name, method)


def test_the_dossier_shows_the_checklist_with_its_articles(client, applicant, unit_org):
    project = project_at(unit_org, "construction")
    client.force_login(applicant)
    response = client.get(reverse("acceptance-detail", args=[project.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="item-crypto_assessment"' in html
    assert "第二十一条" in html
    assert reverse("acceptance-apply", args=[project.pk]) in html
    assert reverse("acceptance-meeting", args=[project.pk]) not in html


def test_finance_sees_the_dossier_but_may_not_act(client, finance_clerk, unit_org, monkeypatch):
    on_day(monkeypatch, dt.date(2026, 6, 12))
    project = in_acceptance(unit_org)
    client.force_login(finance_clerk)
    assert client.get(reverse("acceptance-detail", args=[project.pk])).status_code == 200
    for name in ("acceptance-meeting", "acceptance-apply", "acceptance-filing"):
        assert client.get(reverse(name, args=[project.pk])).status_code == 403, name


def test_the_unit_may_not_record_the_meeting(client, applicant, unit_org, monkeypatch):
    on_day(monkeypatch, dt.date(2026, 6, 12))
    project = in_acceptance(unit_org)
    client.force_login(applicant)
    response = client.post(reverse("acceptance-meeting", args=[project.pk]), {})
    assert response.status_code == 403


def test_the_apply_form_shows_the_blocking_articles(client, applicant, unit_org):
    project = project_at(unit_org, "construction")
    client.force_login(applicant)
    response = client.post(reverse("acceptance-apply", args=[project.pk]), {})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="refusal"' in html
    assert "第二十一条" in html


def test_the_meeting_form_records_a_failed_meeting_with_field_errors_first(
    client, reviewer, unit_org, monkeypatch
):
    on_day(monkeypatch, dt.date(2026, 6, 12))
    project = in_acceptance(unit_org)
    client.force_login(reviewer)
    url = reverse("acceptance-meeting", args=[project.pk])
    data = {"held_on": "2026-06-10", "result": "failed", "experts": "张专家，某大学\n李专家,某院"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert 'data-testid="error-rectification_days"' in response.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(url, {**data, "rectification_days": "10"})
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.result == "failed"
    assert sorted(meeting.participants.values_list("name", "affiliation")) == [
        ("张专家", "某大学"),
        ("李专家", "某院"),
    ]
    detail = client.get(reverse("acceptance-detail", args=[project.pk])).content.decode()
    assert 'data-testid="deadline-rectification"' in detail


def test_the_index_lists_overdue_duties_and_projects(client, reviewer, unit_org, monkeypatch):
    on_day(monkeypatch, dt.date(2026, 6, 12))
    project = in_acceptance(unit_org)
    record(reviewer, project, "failed", rectification_days=1)
    client.force_login(reviewer)
    response = client.get(reverse("acceptance-index"))
    assert response.status_code == 200
    assert project.code in response.content.decode()


def test_the_dossier_shows_the_trial_run_deadline_and_a_provisional_mark(
    client, applicant, unit_org, monkeypatch
):
    on_day(monkeypatch, dt.date(2031, 1, 10))
    project = project_at(
        unit_org,
        "trial_run",
        rulebook="kaihua",
        initial_acceptance_on=dt.date(2031, 1, 6),
        trial_run_started_on=dt.date(2031, 1, 6),
    )
    client.force_login(applicant)
    html = client.get(reverse("acceptance-detail", args=[project.pk])).content.decode()
    assert 'data-testid="deadline-trial_run"' in html
    assert "第十三条" in html
    assert 'data-testid="provisional"' in html


def test_the_index_needs_no_more_queries_for_more_projects(
    client, reviewer, unit_org, django_assert_max_num_queries
):
    for _ in range(3):
        project_at(unit_org, "acceptance")
    client.force_login(reviewer)
    with django_assert_max_num_queries(12) as first:
        client.get(reverse("acceptance-index"))
    for _ in range(10):
        project_at(unit_org, "acceptance")
    with django_assert_max_num_queries(len(first.captured_queries)):
        assert client.get(reverse("acceptance-index")).status_code == 200
