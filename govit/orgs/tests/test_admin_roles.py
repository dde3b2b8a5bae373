"""三员分立: the system, security and audit administrators are kept apart."""

import csv
import io
import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from govit.core import audit
from govit.core.models import AuditEvent
from govit.orgs import services
from govit.orgs.choices import ADMIN_ROLES, AdminRole, Role
from govit.orgs.models import Membership, User
from govit.orgs.policies import can_change_permissions, can_manage_users, can_view_audit_trail
from govit.orgs.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def it_office():
    return OrganisationFactory(kind=Role.DATACENTER)


def holder(organisation, *roles):
    user = UserFactory()
    for role in roles:
        # Straight to the table: the grant service would refuse the combinations tested here.
        Membership.objects.create(user=user, organisation=organisation, role=role)
    return User.objects.get(pk=user.pk)


def test_the_roles_have_chinese_labels(settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert str(AdminRole.SYSADMIN.label) == "系统管理员"
        assert str(AdminRole.SECADMIN.label) == "安全管理员"
        assert str(AdminRole.AUDITADMIN.label) == "审计管理员"


def test_admin_roles_are_not_project_roles():
    assert not ADMIN_ROLES & set(Role)


@pytest.mark.parametrize(
    ("roles", "users", "permissions", "trail"),
    [
        ((AdminRole.SYSADMIN,), True, False, False),
        ((AdminRole.SECADMIN,), False, True, False),
        ((AdminRole.AUDITADMIN,), False, False, True),
        ((AdminRole.SYSADMIN, AdminRole.SECADMIN), True, True, False),
        ((AdminRole.SYSADMIN, AdminRole.AUDITADMIN), False, False, False),
        ((AdminRole.SECADMIN, AdminRole.AUDITADMIN), False, False, False),
        ((AdminRole.SYSADMIN, AdminRole.SECADMIN, AdminRole.AUDITADMIN), False, False, False),
        ((), False, False, False),
    ],
)
def test_nobody_both_changes_permissions_and_reads_the_trail(
    it_office, roles, users, permissions, trail
):
    user = holder(it_office, *roles)
    assert bool(can_manage_users(user)) is users
    assert bool(can_change_permissions(user)) is permissions
    assert bool(can_view_audit_trail(user)) is trail
    assert not (can_change_permissions(user) and can_view_audit_trail(user))
    assert not (can_manage_users(user) and can_view_audit_trail(user))


def test_a_superuser_does_not_read_the_trail(it_office):
    root = UserFactory(is_superuser=True, is_staff=True)
    assert not can_view_audit_trail(root)


@pytest.mark.parametrize(("first", "second"), list(itertools.permutations(list(AdminRole), 2)))
def test_the_grant_service_refuses_a_second_administrator_role(it_office, first, second):
    user = UserFactory()
    services.membership_grant(actor=None, user=user, organisation=it_office, role=first)
    with pytest.raises(ValidationError):
        services.membership_grant(actor=None, user=user, organisation=it_office, role=second)


def test_only_the_security_administrator_grants_administrator_roles(it_office):
    secadmin = holder(it_office, AdminRole.SECADMIN)
    sysadmin = holder(it_office, AdminRole.SYSADMIN)
    user = UserFactory()
    with pytest.raises(PermissionDenied):
        services.membership_grant(
            actor=sysadmin, user=user, organisation=it_office, role=AdminRole.AUDITADMIN
        )
    services.membership_grant(
        actor=secadmin, user=user, organisation=it_office, role=AdminRole.AUDITADMIN
    )
    assert AuditEvent.objects.filter(action="membership.grant").exists()


@pytest.fixture
def auditor(it_office):
    return holder(it_office, AdminRole.AUDITADMIN)


def test_the_audit_administrator_reads_the_trail_with_filters(
    client, auditor, django_assert_max_num_queries
):
    audit.record(actor=None, action="demo.alpha", object_repr="a")
    audit.record(actor=None, action="demo.beta", object_repr="b", success=False)
    client.force_login(auditor)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("audit-trail"), {"action": "alpha"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "demo.alpha" in page
    assert "demo.beta" not in page
    failed = client.get(reverse("audit-trail"), {"success": "0"}).content.decode()
    assert "demo.beta" in failed
    assert "demo.alpha" not in failed


def test_the_export_is_csv_and_is_itself_audited(client, auditor):
    audit.record(actor=None, action="demo.alpha", object_repr="a")
    client.force_login(auditor)
    response = client.get(reverse("audit-trail"), {"action": "demo", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "sequence"
    assert any(row[3] == "demo.alpha" for row in rows[1:])
    export = AuditEvent.objects.get(action="audit.export")
    assert export.actor_id == auditor.pk
    assert export.after == {"action": "demo", "format": "csv"}
    assert audit.verify()[1] is None


@pytest.mark.parametrize(
    "roles",
    [
        (AdminRole.SYSADMIN,),
        (AdminRole.SECADMIN,),
        (AdminRole.SECADMIN, AdminRole.AUDITADMIN),
        (AdminRole.SYSADMIN, AdminRole.AUDITADMIN),
        (Role.AUDIT,),
        (Role.COMPETENT,),
    ],
)
def test_others_are_refused_the_trail_and_its_export(client, it_office, roles):
    client.force_login(holder(it_office, *roles))
    assert client.get(reverse("audit-trail")).status_code == 403
    assert client.get(reverse("audit-trail"), {"format": "csv"}).status_code == 403
    assert not AuditEvent.objects.filter(action="audit.export").exists()


def test_a_superuser_is_refused_the_trail_page_and_admin(client):
    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root)
    assert client.get(reverse("audit-trail")).status_code == 403
    assert client.get("/admin/core/auditevent/").status_code == 403


def test_the_trail_page_refuses_anonymous_callers(client):
    assert client.get(reverse("audit-trail")).status_code == 302
