"""Character-bigram similarity of Chinese texts (Chinese has no spaces to split words on)."""

from __future__ import annotations

import re
from collections.abc import Iterable

# Bigrams so common in system names that sharing them says nothing about overlap.
COMMON_BIGRAMS = frozenset(
    {"系统", "平台", "管理", "信息", "服务", "政务", "综合", "应用", "建设", "市级", "工作", "业务"}
)
_NOT_TEXT = re.compile(r"[\s\W_]+", re.UNICODE)


def bigrams(text: str) -> frozenset[str]:
    """The informative character bigrams of ``text`` (punctuation and spaces split runs)."""
    found: set[str] = set()
    for run in _NOT_TEXT.split(text.lower()):
        found.update(run[i : i + 2] for i in range(len(run) - 1))
    return frozenset(found - COMMON_BIGRAMS)


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    """Sørensen–Dice coefficient of two bigram sets (0 to 1)."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def shared_phrases(text: str, shared: Iterable[str], *, limit: int = 8) -> list[str]:
    """The runs of ``text`` built only of shared bigrams: the phrases two texts have in common."""
    common = set(shared)
    phrases: list[str] = []
    for run in _NOT_TEXT.split(text):
        start = None
        for i in range(len(run) - 1):
            if run[i : i + 2].lower() in common:
                if start is None:
                    start = i
                continue
            if start is not None:
                phrases.append(run[start : i + 1])
                start = None
        if start is not None:
            phrases.append(run[start:])
    unique = sorted(dict.fromkeys(phrases), key=len, reverse=True)
    return unique[:limit]
