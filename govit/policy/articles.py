"""Parse Chinese regulation texts into chapters and articles.

Pure Python, no Django import: the rulebooks and their tests use it to cite
articles ("第八条") of the regulations in ``govit/policy/regulations/``.

Text layout expected by :func:`parse_regulation`: one paragraph per non-blank line.
Blank lines are ignored, so both "one paragraph per line" and "paragraphs separated
by a blank line" work.

- An article paragraph starts with ``第[零一二三四五六七八九十百]+条``; the paragraphs
  that follow it (list items such as "(一)…" or "1.…", or plain paragraphs) belong to
  it until the next article, chapter heading or epilogue.
- A chapter heading is a line starting with ``第[零一二三四五六七八九十百]+章``.
- Everything before the first article or chapter heading is the preamble (issuing
  notice, title).
- A line starting with "抄送" and everything after it is the epilogue (distribution
  list and printing note of the issuing office), not part of the last article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "Article",
    "Chapter",
    "Regulation",
    "article_label",
    "chapter_label",
    "chinese_to_int",
    "int_to_chinese",
    "parse_article_ref",
    "parse_regulation",
]

MIN_NUMBER = 1
MAX_NUMBER = 999

_DIGITS = "零一二三四五六七八九"
_NUMERAL_CLASS = "零一二三四五六七八九十百"

_ARTICLE_RE = re.compile(rf"^第([{_NUMERAL_CLASS}]+)条")
_CHAPTER_RE = re.compile(rf"^第([{_NUMERAL_CLASS}]+)章\s*(.*)$")
_EPILOGUE_RE = re.compile(r"^抄送")
_REF_RE = re.compile(
    rf"^(?:第(?P<inner>[0-9{_NUMERAL_CLASS}]+)条|(?P<bare>[0-9{_NUMERAL_CLASS}]+))$"
)
_ARABIC_RE = re.compile(r"^[1-9][0-9]*$")


def _check_range(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"expected an int, got {type(n).__name__}")
    if not MIN_NUMBER <= n <= MAX_NUMBER:
        raise ValueError(f"number {n} is out of range {MIN_NUMBER}..{MAX_NUMBER}")


def int_to_chinese(n: int) -> str:
    """Return the Chinese numeral used in article labels: 10 -> "十", 101 -> "一百零一"."""
    _check_range(n)
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    parts: list[str] = []
    if hundreds:
        parts.append(_DIGITS[hundreds] + "百")
        if tens:
            parts.append(_DIGITS[tens] + "十")
        elif units:
            parts.append("零")
    elif tens:
        # 10-19 are written 十, 十一 ... 十九 (no leading 一).
        parts.append(("" if tens == 1 else _DIGITS[tens]) + "十")
    if units:
        parts.append(_DIGITS[units])
    return "".join(parts)


# Canonical spellings only: "一十" or "一百十" are refused rather than guessed at.
_CHINESE_VALUES: dict[str, int] = {int_to_chinese(n): n for n in range(MIN_NUMBER, MAX_NUMBER + 1)}


def chinese_to_int(text: str) -> int:
    """Return the value of a Chinese numeral as written in article labels (1..999)."""
    try:
        return _CHINESE_VALUES[text]
    except KeyError:
        raise ValueError(
            f"{text!r} is not a Chinese numeral in the range "
            f"{MIN_NUMBER}..{MAX_NUMBER} as written in article labels (e.g. 十一, 一百零一)"
        ) from None


def article_label(n: int) -> str:
    """Return the article label for ``n``: 8 -> "第八条"."""
    return f"第{int_to_chinese(n)}条"


def chapter_label(n: int) -> str:
    """Return the chapter label for ``n``: 3 -> "第三章"."""
    return f"第{int_to_chinese(n)}章"


def _chapter_heading(number: int, title: str) -> str:
    label = chapter_label(number)
    return f"{label} {title}" if title else label


def parse_article_ref(text: str) -> int:
    """Return the article number of a reference: "第八条", "八", "8" or "第8条"."""
    cleaned = text.strip()
    match = _REF_RE.match(cleaned)
    if match is None:
        raise ValueError(
            f"{text!r} is not an article reference; expected e.g. '第八条', '八', '8' or '第8条'"
        )
    number = match.group("inner") or match.group("bare")
    if _ARABIC_RE.match(number):
        value = int(number)
        if value > MAX_NUMBER:
            raise ValueError(
                f"{text!r}: article number {value} is out of range {MIN_NUMBER}..{MAX_NUMBER}"
            )
        return value
    try:
        return chinese_to_int(number)
    except ValueError:
        raise ValueError(
            f"{text!r} is not an article reference: {number!r} is neither an Arabic number "
            f"({MIN_NUMBER}..{MAX_NUMBER}, no leading zero) nor a Chinese numeral"
        ) from None


@dataclass(frozen=True)
class Article:
    """One article: ``text`` starts with its label and joins its paragraphs with newlines.

    ``chapter`` is the heading of the enclosing chapter (e.g. "第一章 总则"), or None
    for regulations without chapters.
    """

    number: int
    label: str
    chapter: str | None
    text: str


@dataclass(frozen=True)
class Chapter:
    """A chapter; ``title`` is the heading without its label ("总则" for "第一章 总则")."""

    number: int
    title: str
    articles: tuple[Article, ...]

    @property
    def label(self) -> str:
        return chapter_label(self.number)

    @property
    def heading(self) -> str:
        """The full heading, as used in :attr:`Article.chapter`: "第一章 总则"."""
        return _chapter_heading(self.number, self.title)


@dataclass(frozen=True)
class Regulation:
    """A parsed regulation; ``articles`` lists all articles in document order."""

    preamble: str
    chapters: tuple[Chapter, ...]
    articles: tuple[Article, ...]
    epilogue: str = ""

    def article(self, n: int) -> Article:
        for item in self.articles:
            if item.number == n:
                return item
        raise KeyError(f"the regulation has no article {n}")

    def has_article(self, n: int) -> bool:
        return any(item.number == n for item in self.articles)

    def numbers(self) -> list[int]:
        return [item.number for item in self.articles]


@dataclass
class _OpenArticle:
    number: int
    chapter: str | None
    paragraphs: list[str]

    def close(self) -> Article:
        return Article(
            number=self.number,
            label=article_label(self.number),
            chapter=self.chapter,
            text="\n".join(self.paragraphs),
        )


@dataclass
class _OpenChapter:
    number: int
    title: str
    articles: list[Article]

    @property
    def heading(self) -> str:
        return _chapter_heading(self.number, self.title)


def parse_regulation(text: str) -> Regulation:
    """Split a regulation into preamble, chapters, articles and epilogue.

    Raises ValueError if an article or chapter number occurs twice.
    """
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]

    preamble: list[str] = []
    epilogue: list[str] = []
    chapters: list[_OpenChapter] = []
    articles: list[Article] = []
    current: _OpenArticle | None = None
    seen_articles: set[int] = set()
    seen_chapters: set[int] = set()
    started = False

    def close_article() -> None:
        nonlocal current
        if current is None:
            return
        article = current.close()
        articles.append(article)
        if chapters:
            chapters[-1].articles.append(article)
        current = None

    for index, paragraph in enumerate(paragraphs):
        if started and _EPILOGUE_RE.match(paragraph):
            close_article()
            epilogue = paragraphs[index:]
            break
        chapter_match = _CHAPTER_RE.match(paragraph)
        if chapter_match:
            close_article()
            started = True
            number = chinese_to_int(chapter_match.group(1))
            if number in seen_chapters:
                raise ValueError(f"chapter {number} ({paragraph!r}) occurs twice")
            seen_chapters.add(number)
            chapters.append(_OpenChapter(number, chapter_match.group(2).strip(), []))
            continue
        article_match = _ARTICLE_RE.match(paragraph)
        if article_match:
            close_article()
            started = True
            number = chinese_to_int(article_match.group(1))
            if number in seen_articles:
                raise ValueError(f"article {number} ({article_label(number)}) occurs twice")
            seen_articles.add(number)
            chapter = chapters[-1].heading if chapters else None
            current = _OpenArticle(number, chapter, [paragraph])
            continue
        if current is not None:
            current.paragraphs.append(paragraph)
        elif not started:
            preamble.append(paragraph)
        else:
            # Text between a chapter heading and its first article.
            raise ValueError(
                f"paragraph after a chapter heading but before its first article: {paragraph!r}"
            )
    close_article()

    return Regulation(
        preamble="\n".join(preamble),
        chapters=tuple(Chapter(c.number, c.title, tuple(c.articles)) for c in chapters),
        articles=tuple(articles),
        epilogue="\n".join(epilogue),
    )
