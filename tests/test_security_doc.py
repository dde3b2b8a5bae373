"""docs/security.md names tests as proof: every file and test it names exists."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "security.md").read_text(encoding="utf-8")


def test_every_test_file_the_security_doc_names_exists() -> None:
    files = set(re.findall(r"`((?:govit|tests)/[\w/]+\.py)`", DOC))
    assert len(files) > 15
    missing = sorted(path for path in files if not (ROOT / path).is_file())
    assert not missing


def test_every_test_function_the_security_doc_names_exists() -> None:
    named = re.findall(r"`((?:govit|tests)/[\w/]+\.py)` \(`(test_\w+)`\)", DOC)
    assert named
    for path, test in named:
        assert f"def {test}(" in (ROOT / path).read_text(encoding="utf-8"), (path, test)
