import json
import re
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from govit.core.models import AuditEvent
from govit.orgs import services
from govit.orgs.choices import Role
from govit.orgs.models import Membership, Organisation, User

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data():
    organisation = services.organisation_create(actor=None, name="武汉市某局", kind=Role.UNIT)
    user = services.user_create(actor=None, username="clerk", password="Long-enough-2026")
    user.phone = "13800138000"
    user.save(update_fields=["phone"])
    services.membership_grant(actor=None, user=user, organisation=organisation, role=Role.UNIT)
    name = default_storage.save("documents/2026/plan.pdf", ContentFile(b"%PDF-1.7 plan"))
    return name


def _state():
    return {
        "organisations": list(Organisation.objects.values_list("name", "kind")),
        "users": [(u.username, u.phone, u.password) for u in User.objects.order_by("id")],
        "memberships": list(Membership.objects.values_list("user__username", "role")),
        "audit": list(AuditEvent.objects.order_by("sequence").values_list("sequence", "hash")),
    }


def test_a_backup_round_trips(tmp_path, data):
    before = _state()
    target = tmp_path / "backup"
    call_command("backup", str(target), stdout=StringIO())
    manifest = json.loads((target / "manifest.json").read_text())
    paths = {item["path"] for item in manifest["files"]}
    assert paths == {"database.json", f"media/{data}"}
    assert all(len(item["sm3"]) == 64 and item["size"] > 0 for item in manifest["files"])

    call_command("flush", interactive=False, verbosity=0)
    default_storage.delete(data)
    assert not User.objects.exists()

    out = StringIO()
    call_command("restore", str(target), stdout=out)
    assert "restored" in out.getvalue()
    assert _state() == before
    with default_storage.open(data) as handle:
        assert handle.read() == b"%PDF-1.7 plan"
    verified = StringIO()
    call_command("audit", "verify", stdout=verified)
    assert "intact" in verified.getvalue()


def test_restore_refuses_a_tampered_file_and_names_it(tmp_path, data):
    target = tmp_path / "backup"
    call_command("backup", str(target), stdout=StringIO())
    tampered = target / "media" / data
    tampered.write_bytes(b"%PDF-1.7 PLAN")  # same size, other content
    count = User.objects.count()
    with pytest.raises(CommandError, match=rf"media/{re.escape(data)}.*SM3"):
        call_command("restore", str(target), "--flush", stdout=StringIO())
    assert User.objects.count() == count  # nothing was loaded or flushed


def test_restore_refuses_an_edited_database_dump(tmp_path, data):
    target = tmp_path / "backup"
    call_command("backup", str(target), stdout=StringIO())
    dump = target / "database.json"
    dump.write_text(dump.read_text().replace("clerk", "admin"))
    with pytest.raises(CommandError, match=r"database\.json"):
        call_command("restore", str(target), "--check", stdout=StringIO())


def test_restore_refuses_a_rewritten_manifest(tmp_path, data):
    target = tmp_path / "backup"
    call_command("backup", str(target), stdout=StringIO())
    manifest_path = target / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["files"][0]["sm3"] = "0" * 64
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="seal"):
        call_command("restore", str(target), "--check", stdout=StringIO())


def test_restore_refuses_an_unlisted_file(tmp_path, data):
    target = tmp_path / "backup"
    call_command("backup", str(target), stdout=StringIO())
    (target / "media" / "extra.exe").write_bytes(b"MZ")
    with pytest.raises(CommandError, match=r"extra\.exe.*not in the manifest"):
        call_command("restore", str(target), "--check", stdout=StringIO())


def test_backup_refuses_a_directory_that_is_not_empty(tmp_path, data):
    (tmp_path / "old").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path), stdout=StringIO())
