"""The audit trail: kept at least six months (never configurable below), exported as xlsx by
the audit administrator only (the export audited), failed sign-ins and permission changes
recorded."""

import io
import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from govit.core import audit
from govit.core.models import AuditEvent
from govit.orgs.choices import AdminRole, Role
from govit.orgs.models import Membership
from govit.orgs.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _start(**variables: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "GOVIT_ENV"}}
    environment.update(variables)
    return subprocess.run(
        [sys.executable, "-m", "govit.cli", "rulebook", "list"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_start_up_refuses_a_retention_under_six_months():
    result = _start(GOVIT_AUDIT_RETENTION_MONTHS="5")
    assert result.returncode == 2
    assert "GOVIT_AUDIT_RETENTION_MONTHS must be at least 6, not 5" in result.stderr
    assert _start(GOVIT_AUDIT_RETENTION_MONTHS="12").returncode == 0


def test_the_trail_cannot_be_deleted_through_the_orm():
    event = audit.record(actor=None, action="demo.alpha")
    with pytest.raises(PermissionError, match=r"append-only"):
        event.delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


@pytest.fixture
def auditor():
    user = UserFactory(username="auditor")
    Membership.objects.create(
        user=user, organisation=OrganisationFactory(kind=Role.DATACENTER), role=AdminRole.AUDITADMIN
    )
    return user


def test_the_audit_administrator_exports_xlsx_and_the_export_is_audited(client, auditor):
    audit.record(actor=None, action="demo.alpha", object_repr="甲")
    client.force_login(auditor)
    page = client.get(reverse("audit-trail")).content.decode()
    assert 'data-testid="export-xlsx"' in page
    assert "至少保存6个月" in page
    response = client.get(reverse("audit-trail"), {"action": "demo", "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="audit-trail.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "sequence"
    assert [row[3] for row in rows[1:]] == ["demo.alpha"]
    export = AuditEvent.objects.get(action="audit.export")
    assert (export.actor_id, export.after) == (auditor.pk, {"action": "demo", "format": "xlsx"})
    assert audit.verify()[1] is None


@pytest.mark.parametrize("role", [AdminRole.SYSADMIN, AdminRole.SECADMIN, Role.COMPETENT])
def test_nobody_else_exports_xlsx(client, role):
    user = UserFactory()
    office = OrganisationFactory(kind=Role.DATACENTER)
    Membership.objects.create(user=user, organisation=office, role=role)
    client.force_login(user)
    assert client.get(reverse("audit-trail"), {"format": "xlsx"}).status_code == 403
    assert not AuditEvent.objects.filter(action="audit.export").exists()


def test_a_failed_sign_in_is_recorded(client, applicant):
    client.post(reverse("login"), {"username": "applicant", "password": "wrong"})
    client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    failed = AuditEvent.objects.filter(action="auth.sign_in_failed", success=False)
    assert sorted(failed.values_list("object_repr", flat=True)) == ["applicant", "nobody"]


def test_permission_changes_in_the_admin_are_recorded(client, applicant):
    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root)
    group = Group.objects.create(name="审核组")
    url = reverse("admin:orgs_user_change", args=[applicant.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        key: value
        for key, value in form.initial.items()
        if value is not None and key not in {"groups", "user_permissions", "password"}
    }
    data.update(
        {
            "username": applicant.username,
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
            "groups": [group.pk],
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": str(applicant.memberships.get().pk),
            "memberships-0-user": str(applicant.pk),
            "memberships-0-organisation": str(applicant.memberships.get().organisation_id),
            "memberships-0-role": "unit",
        }
    )
    data.pop("last_login", None)
    data.pop("date_joined", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="user.permissions_change")
    assert event.after["groups"] == ["审核组"]
    assert event.before["groups"] == []
