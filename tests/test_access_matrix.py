"""The access matrix: who may list, read, create, update and act on what, in one table.

Each row is an operation on a resource through a channel (a page or the API); each column a
persona (conftest.py): the project unit's clerk, a clerk of another unit, the competent
department, finance, an expert and a vendor (who see only what they are assigned to), the
government leader, and the audit administrator (三员: reads the trail, nothing else). A cell is
the HTTP status expected, or for lists ``sees``/``hides`` (the object is listed or not).
Another unit's object answers 404 (its existence is not disclosed); an object in scope that
the persona may not touch answers 403. The rows run as parametrized tests against the pages
and the API; change the policies and this table together.

The later apps' rows (planning to deadlines) act on objects of the applicant's unit made in
tests/access_world.py: an open cycle with an application, a library entry, a draft annual
plan, an open joint review (not yet closed: the unit does not read it yet), a draft data
resource, an open deadline. A ``create``/``update``/``action`` on a page opens the form (GET,
nothing written); ``create:incident`` and the sharing ``create`` post an empty form (200: the
form with its errors; 302: back to the entry with the error), which writes nothing either.
The docking rows act on the system (tests/access_world.py): the confirm row confirms a record
the applicant entered, which its author may not do (four eyes).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from govit.documents.tests.samples import PDF, upload
from govit.orgs.choices import AdminRole
from govit.orgs.models import User
from govit.orgs.tests.factories import member
from govit.projects.models import Project
from tests.access_world import DOCKING, LATER, LaterApps

pytestmark = pytest.mark.django_db

MATRIX = """
resource    operation           via   applicant other reviewer finance expert vendor leader auditor
project     list                api   sees      hides sees     sees    hides  hides  sees   hides
project     list                page  sees      hides sees     sees    hides  hides  sees   hides
project     read                api   200       404   200      200     404    404    200    404
project     read                page  200       404   200      200     404    404    200    404
project     create              api   201       403   403      403     403    403    403    403
project     update              api   200       404   200      403     404    404    403    404
project     update              page  200       404   200      403     404    404    403    404
project     action:submit       api   200       404   403      403     404    404    403    404
document    list                api   200       404   200      200     404    404    200    404
document    read:download       api   200       404   200      200     404    404    200    404
document    read:download       page  200       404   200      200     404    404    200    404
document    create:upload       api   201       404   201      403     404    404    403    404
document    update              api   200       404   200      403     404    404    403    404
system      list                api   sees      hides sees     sees    403    403    sees   403
system      read                api   200       404   200      200     404    404    200    404
system      read                page  200       404   200      200     404    404    200    404
system      create              api   201       403   201      403     403    403    403    403
system      update              api   200       404   200      403     404    404    403    404
docking     list                api   200       404   200      200     404    404    200    404
docking     create              api   201       404   201      403     404    404    403    404
docking     create              page  200       404   200      403     404    404    403    404
docking     action:confirm      api   403       404   200      403     404    404    403    404
orgs        read:own-unit       page  200       404   200      200     404    404    200    404
audit       read:trail          page  403       403   403      403     403    403    403    200
audit       action:export-csv   page  403       403   403      403     403    403    403    200
cycle       list                api   sees      sees  sees     sees    hides  hides  sees   hides
cycle       read                api   200       200   200      200     404    404    200    404
cycle       read                page  200       200   200      200     404    404    200    404
cycle       create              page  403       403   200      403     403    403    403    403
application read                page  200       404   200      200     404    404    200    404
application create              page  200       200   403      403     404    404    403    404
library     list                api   sees      hides sees     sees    hides  hides  sees   hides
library     read                api   200       404   200      200     404    404    200    404
library     action:admit        page  403       403   200      403     403    403    403    403
plan        list                api   403       403   sees     sees    403    403    sees   403
plan        read                api   404       404   200      200     404    404    200    404
plan        create              page  403       403   200      200     403    403    403    403
review      list                api   hides     hides sees     hides   hides  hides  hides  hides
review      list                page  200       200   200      200     200    403    403    403
review      read                api   404       404   200      404     404    404    404    404
review      read                page  404       404   200      404     404    404    404    404
review      create              page  403       404   200      403     404    404    403    404
review      list:tasks          page  200       200   200      200     200    200    200    200
expert      list                api   403       403   200      403     403    403    403    403
expert      read                api   404       404   200      404     404    404    404    404
delivery    read                api   200       404   200      200     404    404    200    404
delivery    read                page  200       404   200      200     404    404    200    404
delivery    update:approval     page  200       404   200      403     404    404    403    404
delivery    create:payment      page  403       404   403      200     404    404    403    404
delivery    create:pay-request  page  200       404   403      403     404    404    403    404
delivery    create:contract     page  200       404   200      403     404    404    403    404
delivery    create:procurement  page  200       404   200      403     404    404    403    404
delivery    create:change       page  200       404   200      403     404    404    403    404
acceptance  read                api   200       404   200      200     404    404    200    404
acceptance  read                page  200       404   200      200     404    404    200    404
acceptance  action:meeting      page  403       404   200      403     404    404    403    404
data        list                api   sees      hides sees     sees    403    403    sees   403
data        read                api   200       404   200      200     404    404    200    404
data        read                page  200       404   200      200     404    404    200    404
data        create              page  200       200   200      403     403    403    403    403
sharing     list                api   200       200   200      200     403    403    200    403
sharing     create              page  302       404   403      403     404    404    403    404
security    read                api   200       404   200      200     404    404    200    404
security    read                page  200       404   200      200     404    404    200    404
security    create:incident     page  200       404   200      403     404    404    403    404
security    list:overdue        api   403       403   200      200     403    403    200    403
evaluation  read                api   200       404   200      200     404    404    200    404
evaluation  read                page  200       404   200      200     404    404    200    404
evaluation  update:targets      page  200       404   200      403     404    404    403    404
oversight   read                api   200       404   200      200     404    404    200    404
oversight   read                page  200       404   200      200     404    404    200    404
oversight   create:inspection   page  403       404   200      200     404    404    403    404
oversight   create:order        page  403       404   200      200     404    404    403    404
reports     read:dashboard      page  200       200   200      200     403    403    200    403
reports     read:finance        page  403       403   200      200     403    403    200    403
reports     read:opendata       api   403       403   200      403     403    403    200    403
reports     action:export-xlsx  page  200       200   200      200     403    403    200    403
reports     read:vendors        page  403       403   200      200     403    403    200    403
reports     read:vendors        api   403       403   200      200     403    403    200    403
reports     action:vendors-xlsx page  403       403   200      200     403    403    200    403
deadline    list                api   sees      hides sees     sees    hides  hides  sees   hides
deadline    list                page  sees      hides sees     sees    hides  hides  sees   hides
"""

PERSONAS = MATRIX.split("\n")[1].split()[3:]


def _rows() -> list[tuple[str, str, str, list[str]]]:
    rows = []
    for line in MATRIX.strip().splitlines()[1:]:
        resource, operation, via, *cells = line.split()
        assert len(cells) == len(PERSONAS), line
        rows.append((resource, operation, via, cells))
    return rows


class World:
    """The objects every row acts on, all belonging to the applicant's unit."""

    def __init__(self, project: Project) -> None:
        from govit.documents.models import Document, DocumentVersion
        from govit.documents.services import document_upload
        from govit.projects.tests.factories import ready_project
        from govit.systems.tests.factories import SystemFactory

        self.project = ready_project(project.unit)
        self.system = SystemFactory(unit=project.unit)
        applicant = User.objects.get(username="applicant")
        version = document_upload(
            actor=applicant,
            project=self.project,
            type="other",
            title="附件",
            date=None,
            approved=None,
            reviewed=None,
            upload=upload("附件.pdf", PDF),
        )
        self.version: DocumentVersion = version
        self.document: Document = version.document
        self._later: LaterApps | None = None

    @property
    def later(self) -> LaterApps:
        """The later apps' objects, made only for the rows that use them."""
        if self._later is None:
            self._later = LaterApps(self.project)
        return self._later


Operation = Callable[[Client, World], Any]


def _json(client: Client, method: str, url: str, data: dict[str, Any]) -> Any:
    return client.generic(method, url, data=json.dumps(data), content_type="application/json")


OPERATIONS: dict[tuple[str, str, str], Operation] = {
    ("project", "list", "api"): lambda c, w: (
        c.get("/api/v1/projects"),
        lambda r: any(i["id"] == w.project.pk for i in r.json()["items"]),
    ),
    ("project", "list", "page"): lambda c, w: (
        c.get(reverse("project-list")),
        lambda r: w.project.code in r.content.decode(),
    ),
    ("project", "read", "api"): lambda c, w: c.get(f"/api/v1/projects/{w.project.pk}"),
    ("project", "read", "page"): lambda c, w: c.get(reverse("project-detail", args=[w.project.pk])),
    ("project", "create", "api"): lambda c, w: _json(
        c, "POST", "/api/v1/projects", {"unit_id": w.project.unit_id, "name": "新项目"}
    ),
    ("project", "update", "api"): lambda c, w: _json(
        c, "PATCH", f"/api/v1/projects/{w.project.pk}", {"name": "改名"}
    ),
    ("project", "update", "page"): lambda c, w: c.get(reverse("project-edit", args=[w.project.pk])),
    ("project", "action:submit", "api"): lambda c, w: _json(
        c,
        "POST",
        f"/api/v1/projects/{w.project.pk}/transitions",
        {"name": "submit", "acknowledge_warnings": True},
    ),
    ("document", "list", "api"): lambda c, w: c.get(f"/api/v1/projects/{w.project.pk}/documents"),
    ("document", "read:download", "api"): lambda c, w: c.get(
        f"/api/v1/documents/versions/{w.version.pk}/download"
    ),
    ("document", "read:download", "page"): lambda c, w: c.get(
        reverse("document-download", args=[w.version.pk])
    ),
    ("document", "create:upload", "api"): lambda c, w: c.post(
        f"/api/v1/projects/{w.project.pk}/documents",
        {"type": "other", "title": "新材料", "file": upload("新.pdf", PDF)},
    ),
    ("document", "update", "api"): lambda c, w: _json(
        c, "PATCH", f"/api/v1/documents/{w.document.pk}", {"title": "改名"}
    ),
    ("system", "list", "api"): lambda c, w: (
        c.get("/api/v1/systems"),
        lambda r: any(i["id"] == w.system.pk for i in r.json()["items"]),
    ),
    ("system", "read", "api"): lambda c, w: c.get(f"/api/v1/systems/{w.system.pk}"),
    ("system", "read", "page"): lambda c, w: c.get(reverse("system-detail", args=[w.system.pk])),
    ("system", "create", "api"): lambda c, w: _json(
        c,
        "POST",
        "/api/v1/systems",
        {"code": "XT-NEW-0001", "name": "新系统", "unit_id": w.system.unit_id, "purpose": "办事"},
    ),
    ("system", "update", "api"): lambda c, w: _json(
        c, "PATCH", f"/api/v1/systems/{w.system.pk}", {"purpose": "新用途"}
    ),
    ("orgs", "read:own-unit", "page"): lambda c, w: c.get(
        reverse("organisation-detail", args=[w.project.unit_id])
    ),
    ("audit", "read:trail", "page"): lambda c, w: c.get(reverse("audit-trail")),
    ("audit", "action:export-csv", "page"): lambda c, w: c.get(
        reverse("audit-trail") + "?format=csv"
    ),
}

for _key, _operation in (DOCKING | LATER).items():
    OPERATIONS[_key] = _operation


@pytest.fixture
def auditor(db: None) -> User:
    """审计管理员."""
    return member(AdminRole.AUDITADMIN, username="auditor", display_name="审计管理员")


def test_every_row_has_an_operation() -> None:
    assert {(r, o, v) for r, o, v, _cells in _rows()} == set(OPERATIONS)


def _outcome(result: Any) -> tuple[str, Any]:
    if isinstance(result, tuple):
        response, listed = result
        if response.status_code == 200:
            return ("sees" if listed(response) else "hides"), response
        return str(response.status_code), response
    return str(result.status_code), result


FIXTURES = {"other": "other_applicant", "finance": "finance_clerk"}


@pytest.mark.parametrize(
    ("resource", "operation", "via", "cells"), _rows(), ids=[" ".join(r[:3]) for r in _rows()]
)
def test_access_matrix(
    request: pytest.FixtureRequest,
    client: Client,
    project: Project,
    resource: str,
    operation: str,
    via: str,
    cells: list[str],
) -> None:
    """One row: each persona in turn, each in a savepoint rolled back after its request (what
    one persona writes is not there for the next)."""
    users = {p: request.getfixturevalue(FIXTURES.get(p, p)) for p in PERSONAS}
    world = World(project)
    if (resource, operation, via) in LATER:
        world.later  # noqa: B018  (made before the request, as the lists must show it)
    wrong = []
    for persona, expected in zip(PERSONAS, cells, strict=True):
        with transaction.atomic():
            client.force_login(users[persona])
            actual, response = _outcome(OPERATIONS[(resource, operation, via)](client, world))
            transaction.set_rollback(True)
        if actual != expected:
            wrong.append((persona, expected, actual, response.content[:200]))
    assert not wrong, (resource, operation, via, wrong)
