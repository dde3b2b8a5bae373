"""The forms and chapters are data that cite the texts: every article exists and every quoted
phrase is in it, verbatim."""

from __future__ import annotations

from typing import get_args

import pytest

from govit.planning.chapters import FORMS, form_of, forms_of
from govit.policy import loader
from govit.policy.articles import parse_article_ref
from govit.policy.engine.types import DocumentType

RULEBOOKS = ("bijie", "gaoping", "harbin", "kaihua", "wuhan")


def test_every_rulebook_has_forms():
    assert set(FORMS) == set(RULEBOOKS)
    assert all(forms_of(rulebook) for rulebook in RULEBOOKS)
    assert forms_of("nowhere") == ()


@pytest.mark.parametrize("rulebook", RULEBOOKS)
def test_every_chapter_quotes_its_article_verbatim(rulebook):
    regulation = loader.get(rulebook).regulation
    for form in forms_of(rulebook):
        assert regulation.has_article(parse_article_ref(form.article)), form.key
        for chapter in form.chapters:
            article = regulation.article(parse_article_ref(chapter.article))
            assert chapter.quote in article.text, (form.key, chapter.key)


@pytest.mark.parametrize("rulebook", RULEBOOKS)
def test_every_form_is_filed_as_a_known_document_type(rulebook):
    types = set(get_args(DocumentType))
    for form in forms_of(rulebook):
        assert form.document_type in types
        assert len({c.key for c in form.chapters}) == len(form.chapters)


def test_the_texts_chapters_are_there():
    wuhan = {c.key: c.article for c in form_of("wuhan", "implementation_plan").chapters}
    assert wuhan["sharing"] == wuhan["crypto"] == "第十三条"
    kaihua = {c.key for c in form_of("kaihua", "construction_plan").chapters}
    assert {"security", "benefits", "investment", "collection"} <= kaihua
    assert form_of("bijie", "demand_plan") is not None
