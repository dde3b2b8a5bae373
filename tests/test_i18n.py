"""Every user-facing string has its Chinese translation, and the catalogues are current."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from govit.core.management.commands.compilecatalogues import catalogues

ROOT = Path(__file__).resolve().parent.parent


def test_there_is_a_chinese_catalogue_for_every_app_with_strings():
    apps = {path.parts[-5] for path in catalogues()}
    assert {"core", "orgs", "policy", "web"} <= apps


@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: p.parts[-5])
def test_every_entry_is_translated(po_path):
    catalogue = polib.pofile(str(po_path))
    missing = [e.msgid for e in catalogue if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert missing == [], f"untranslated in {po_path}"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("po_path", catalogues(), ids=lambda p: p.parts[-5])
def test_the_catalogue_has_every_string_of_its_app(po_path, tmp_path):
    app_dir = po_path.parents[3]
    copy = tmp_path / app_dir.name
    shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("tests", "*.mo", "__pycache__"))
    (copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").unlink()
    subprocess.run(
        # The console script, not `python -m`: the app folder holds a selectors.py that would
        # shadow the standard library's when the folder is the working directory.
        [Path(sys.executable).parent / "govit", "makemessages", "-l", "zh_Hans", "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/zh_Hans/LC_MESSAGES/django.po"))}
    committed = {e.msgid for e in polib.pofile(str(po_path)) if not e.obsolete}
    assert fresh - committed == set(), "run `make messages-update` and translate the new strings"
