"""The documents panel made ready in Python (``govit.documents.panel``) prints what the former
template printed with ``{% url %}``, ``|date`` and ``|filesizeformat`` per version."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.template import Context, Template
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.datastructures import MultiValueDict

from govit.core.reversing import pk_url
from govit.documents import panel, selectors
from govit.documents.forms import DocumentForm, VersionForm
from govit.documents.models import Document, DocumentVersion

pytestmark = pytest.mark.django_db

# The panel's template before issue #9, to compare with (same context, plus ``documents``).
FORMER = (
    "{% load i18n govit_projects humanize %}"
    '{% for document in documents %}<tr data-testid="document-{{ document.type }}">'
    "<td>{{ document.get_type_display }}{% if document.approved %} <span>"
    '{% translate "approval given" %}</span>{% endif %}{% if document.reviewed %} <span>'
    '{% translate "review done" %}</span>{% endif %}</td><td>{{ document.title }}</td>'
    '<td>{{ document.date|date:"Y-m-d"|default:"—" }}</td><td>'
    "{% for version in document.versions.all %}"
    "<a href=\"{% url 'document-download' version.pk %}\">v{{ version.number }} "
    "{{ version.original_name }}</a> · {{ version.size|filesizeformat }} · "
    '{{ version.uploaded_by|default:"—" }} · {{ version.uploaded_at|date:"Y-m-d H:i" }} '
    'title="SM3 {{ version.sm3 }}" SM3 {{ version.sm3|slice:":16" }}…{% endfor %}'
    "{% if can_upload %}action=\"{% url 'document-version-add' document.pk %}\" "
    'aria-label="{% translate \'New version\' %}">{% translate "New version" %}'
    "{% if failed == document.pk %}{% for error in version_form.file.errors %}{{ error }}"
    "{% endfor %}{% endif %}{% endif %}</td></tr>{% empty %}none{% endfor %}"
)
# The same fragment over the rows of ``panel.rows``.
CURRENT = (
    "{% load i18n %}"
    '{% translate "approval given" as approval_given %}'
    '{% translate "review done" as review_done %}{% translate "New version" as new_version %}'
    '{% for document in rows %}<tr data-testid="document-{{ document.type }}">'
    "<td>{{ document.type_label }}{% if document.approved %} <span>{{ approval_given }}</span>"
    "{% endif %}{% if document.reviewed %} <span>{{ review_done }}</span>{% endif %}</td>"
    "<td>{{ document.title }}</td><td>{{ document.date }}</td><td>"
    "{% for version in document.versions %}"
    '<a href="{{ version.url }}">v{{ version.number }} {{ version.original_name }}</a> · '
    "{{ version.size }} · {{ version.uploaded_by }} · {{ version.uploaded_at }} "
    'title="SM3 {{ version.sm3 }}" SM3 {{ version.sm3_short }}…{% endfor %}'
    '{% if can_upload %}action="{{ document.version_url }}" aria-label="{{ new_version }}">'
    "{{ new_version }}{% if failed == document.pk %}{% for error in version_form.file.errors %}"
    "{{ error }}{% endfor %}{% endif %}{% endif %}</td></tr>{% empty %}none{% endfor %}"
)


def _version(document: Document, number: int, **fields: object) -> DocumentVersion:
    values: dict[str, object] = {
        "file": f"documents/x/{number}.pdf",
        "original_name": f"第{number}稿<b>.pdf",
        "size": 1536,
        "content_type": "application/pdf",
        "sm3": "ab" * 32,
        "uploaded_at": dt.datetime(2026, 3, 1, 8, 5, tzinfo=dt.UTC),
        **fields,
    }
    return DocumentVersion.objects.create(document=document, number=number, **values)


@pytest.fixture
def documents(project, applicant) -> list[Document]:
    plan = Document.objects.create(
        project=project, type="crypto_plan", title="密码<方案>", date=dt.date(2026, 3, 1)
    )
    _version(plan, 1, uploaded_by=applicant)
    # 17:30 UTC is 01:30 the next day in Beijing: the date shown is the local one
    _version(
        plan, 2, size=5 * 1024 * 1024, uploaded_at=dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC)
    )
    approval = Document.objects.create(
        project=project, type="feasibility_study", title="批复", approved=True, reviewed=True
    )
    _version(approval, 1, size=12, uploaded_by=applicant)
    Document.objects.create(project=project, type="proposal", title="无文件", reviewed=False)
    return [plan, approval]


def test_pk_url_is_the_reversed_url() -> None:
    for name in ("document-download", "document-version-add", "project-detail"):
        url = pk_url(name)
        for pk in (1, 7, 2_147_483_647, 123456):
            assert url(pk) == reverse(name, args=[pk])


def test_dates_are_formatted_as_the_date_filter_in_the_current_time_zone() -> None:
    moments = [
        dt.datetime(2026, 3, 1, 17, 30, tzinfo=dt.UTC),  # the next day in Beijing
        dt.datetime(2026, 12, 31, 15, 59, tzinfo=dt.UTC),
        dt.datetime(2026, 12, 31, 16, 0, tzinfo=dt.UTC),  # a new year in Beijing
        dt.datetime(2026, 1, 2, 3, 4),  # naive
    ]
    for moment in moments:
        shown = timezone.localtime(moment) if timezone.is_aware(moment) else moment
        assert panel.minute(moment) == date_filter(shown, "Y-m-d H:i")
    with timezone.override("UTC"):
        assert panel.minute(moments[0]) == "2026-03-01 17:30"
    assert panel.minute(moments[0]) == "2026-03-02 01:30"
    assert panel.day(dt.date(987, 6, 5)) == date_filter(dt.date(987, 6, 5), "Y-m-d")
    assert panel.day(None) == ""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("can_upload", [True, False])
def test_the_rows_print_what_the_former_template_printed(
    documents, project, reviewer, language, can_upload
) -> None:
    failed = documents[0].pk
    version_form = VersionForm({}, MultiValueDict())
    version_form.is_valid()
    with translation.override(language):
        queried = selectors.project_documents(actor=reviewer, project=project)
        common = {"can_upload": can_upload, "failed": failed, "version_form": version_form}
        former = Template(FORMER).render(Context({**common, "documents": queried}))
        current = Template(CURRENT).render(Context({**common, "rows": panel.rows(queried)}))
    assert current == former
    assert "2026-03-02 01:30" in current
    assert "5.0\xa0MB" in current or "5.0\xa0MB".replace(".", ",") in current
    assert "密码&lt;方案&gt;" in current  # escaped as before
    assert "&lt;b&gt;" in current
    assert current.count("—") == 3  # no uploader of version 2, two documents without a date


def test_the_panel_template_prints_the_rows(documents, project, reviewer, applicant) -> None:
    request = RequestFactory().get("/")
    request.user = reviewer
    context = panel.context(request, project)
    assert context["can_upload"] is True  # the competent department, checked once
    assert isinstance(context["form"], DocumentForm)
    html = render_to_string("documents/partials/panel.html", context)
    assert len(re.findall(r'data-testid="download"', html)) == 3
    assert reverse("document-download", args=[documents[0].versions.first().pk]) in html
    assert html.count("<form") == 1 + 3  # the upload form and one per document
    assert "申报单位经办人" in html


def test_the_documents_read_with_the_project_need_one_query_for_the_same_rows(
    documents, project, reviewer, django_assert_num_queries
) -> None:
    """A project's page reads its documents with the project (the snapshot's prefetch): the
    panel gives them their versions in one query rather than reading them again."""
    from govit.projects.selectors import project_detail

    request = RequestFactory().get("/")
    request.user = reviewer
    read_again = panel.context(request, project)["rows"]
    page_project = project_detail(actor=reviewer, pk=project.pk)
    assert page_project is not None
    with django_assert_num_queries(1):
        rows = panel.rows(panel._documents(reviewer, page_project))
    assert rows == read_again
    assert [row.type for row in rows] == ["crypto_plan", "feasibility_study", "proposal"]
    assert [version.number for version in rows[0].versions] == [2, 1]
