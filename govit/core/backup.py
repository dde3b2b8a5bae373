"""Backups: the database as JSON (``dumpdata --natural-foreign``) plus the uploaded files, with a
manifest naming every file, its size and its SM3 digest; the manifest itself is sealed with
HMAC-SM3 under a key derived from SECRET_KEY. Restore checks everything before loading anything.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from govit.core.crypto import sm3_stream_hex

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE = "database.json"
MEDIA = "media"
CHUNK = 1024 * 1024
# Rebuilt by migrate/flush, or transient: not part of a backup.
EXCLUDED = ("contenttypes", "auth.permission", "sessions.session", "admin.logentry")


class BackupError(Exception):
    """A backup cannot be written or a backup directory does not check out."""


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            yield chunk


def _seal(files: list[dict[str, Any]], created: str) -> str:
    key = hashlib.new("sm3", b"govit-backup|" + settings.SECRET_KEY.encode()).digest()
    body = json.dumps({"created": created, "files": files}, sort_keys=True).encode()
    return hmac.new(key, body, "sm3").hexdigest()


def _entry(root: Path, path: Path) -> dict[str, Any]:
    return {
        "path": path.relative_to(root).as_posix(),
        "size": path.stat().st_size,
        "sm3": sm3_stream_hex(_chunks(path)),
    }


def backup_create(directory: Path) -> dict[str, Any]:
    """Write a backup into ``directory`` (new or empty) and return its manifest."""
    directory.mkdir(parents=True, exist_ok=True)
    if any(directory.iterdir()):
        raise BackupError(f"{directory} is not empty")
    # The dump holds personal fields decrypted (SM4 applies again on restore): owner only.
    directory.chmod(0o700)
    database = directory / DATABASE
    call_command(
        "dumpdata",
        format="exactjson",
        natural_foreign=True,
        exclude=list(EXCLUDED),
        indent=1,
        output=str(database),
        verbosity=0,
    )
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.is_dir():
        for source in sorted(p for p in media_root.rglob("*") if p.is_file()):
            target = directory / MEDIA / source.relative_to(media_root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    files = [
        _entry(directory, path)
        for path in sorted(p for p in directory.rglob("*") if p.is_file())
        if path.name != MANIFEST or path.parent != directory
    ]
    created = timezone.now().isoformat()
    manifest = {"format": FORMAT, "created": created, "files": files, "seal": _seal(files, created)}
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False))
    for path in directory.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    return manifest


def backup_verify(directory: Path) -> dict[str, Any]:
    """Check a backup: the manifest's seal, then every file's presence, size and SM3 digest;
    a file that is not in the manifest is refused too. Raises BackupError naming the file."""
    manifest_path = directory / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{manifest_path} is missing")
    try:
        manifest: dict[str, Any] = json.loads(manifest_path.read_text())
        files: list[dict[str, Any]] = manifest["files"]
        created: str = manifest["created"]
    except (ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{manifest_path} is not a govit backup manifest") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{manifest_path}: unknown backup format {manifest.get('format')!r}")
    if not hmac.compare_digest(str(manifest.get("seal", "")), _seal(files, created)):
        raise BackupError(f"{manifest_path}: the seal does not match (edited, or another key)")
    listed = set()
    for item in files:
        relative = str(item["path"])
        path = (directory / relative).resolve()
        if directory.resolve() not in path.parents:
            raise BackupError(f"{relative}: outside the backup directory")
        listed.add(path)
        if not path.is_file():
            raise BackupError(f"{relative}: missing")
        if path.stat().st_size != item["size"]:
            raise BackupError(f"{relative}: size differs from the manifest")
        if sm3_stream_hex(_chunks(path)) != item["sm3"]:
            raise BackupError(f"{relative}: SM3 digest differs from the manifest (tampered)")
    for path in directory.rglob("*"):
        if path.is_file() and path != manifest_path and path.resolve() not in listed:
            raise BackupError(f"{path.relative_to(directory)}: not in the manifest")
    if directory.resolve() / DATABASE not in listed:
        raise BackupError(f"{DATABASE}: not in the manifest")
    return manifest


def backup_restore(directory: Path, *, flush: bool = False) -> dict[str, Any]:
    """Verify ``directory`` and then load it: the database in one transaction, then the files."""
    manifest = backup_verify(directory)
    with transaction.atomic():
        if flush:
            call_command("flush", interactive=False, verbosity=0)
        call_command("loaddata", str(directory / DATABASE), verbosity=0)
    media_root = Path(settings.MEDIA_ROOT)
    for item in manifest["files"]:
        relative = Path(item["path"])
        if relative.parts[0] != MEDIA:
            continue
        target = media_root.joinpath(*relative.parts[1:])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(directory / relative, target)
    return manifest
