"""Tests for govit.policy.articles and the cleaned regulation texts (no Django needed)."""

from pathlib import Path

import pytest

from govit.policy.articles import (
    Regulation,
    article_label,
    chinese_to_int,
    int_to_chinese,
    parse_article_ref,
    parse_regulation,
)

REGULATIONS = Path(__file__).resolve().parent.parent / "regulations"
RULEBOOK_IDS = ("harbin", "kaihua", "wuhan", "bijie", "gaoping")

EXPECTED_NUMBERS = {
    "harbin": [n for n in range(1, 38) if n not in {13, 14, 15, 24, 28}],
    "kaihua": list(range(1, 15)),
    "wuhan": list(range(1, 32)),
    "bijie": list(range(1, 37)),
    "gaoping": list(range(1, 36)),
}
EXPECTED_CHAPTERS = {"harbin": 0, "kaihua": 4, "wuhan": 5, "bijie": 8, "gaoping": 6}
BOILERPLATE = ("kaiyun", "宁波政策", "澎湃", "上一篇", "下一篇", "版权", "详细咨询", "收藏", "朗读")


def load(rulebook_id: str) -> Regulation:
    return parse_regulation(read(rulebook_id))


def read(rulebook_id: str) -> str:
    return (REGULATIONS / f"{rulebook_id}.txt").read_text(encoding="utf-8")


# Numerals


def test_it_round_trips_numerals_from_1_to_999():
    for n in range(1, 1000):
        assert chinese_to_int(int_to_chinese(n)) == n


@pytest.mark.parametrize(
    ("number", "numeral"),
    [
        (1, "一"),
        (9, "九"),
        (10, "十"),
        (11, "十一"),
        (19, "十九"),
        (20, "二十"),
        (35, "三十五"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (111, "一百一十一"),
        (200, "二百"),
        (305, "三百零五"),
        (999, "九百九十九"),
    ],
)
def test_it_spells_numerals_like_article_labels(number, numeral):
    assert int_to_chinese(number) == numeral
    assert chinese_to_int(numeral) == number


@pytest.mark.parametrize("number", [0, -1, 1000])
def test_it_refuses_numbers_out_of_range(number):
    with pytest.raises(ValueError, match="out of range"):
        int_to_chinese(number)


@pytest.mark.parametrize("text", ["", "零", "一十", "一百十", "十十", "百", "一千", "8", "第八条"])
def test_it_refuses_non_canonical_chinese_numerals(text):
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        chinese_to_int(text)


def test_it_labels_articles():
    assert article_label(8) == "第八条"
    assert article_label(10) == "第十条"
    assert article_label(21) == "第二十一条"


# Article references


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("第八条", 8),
        ("八", 8),
        ("8", 8),
        ("第8条", 8),
        (" 第三十五条 ", 35),
        ("第一百零一条", 101),
        ("第101条", 101),
    ],
)
def test_it_accepts_article_references(text, number):
    assert parse_article_ref(text) == number


@pytest.mark.parametrize(
    "text",
    [
        "",
        "第八",
        "八条",
        "第八章",
        "第八条款",
        "article 8",
        "0",
        "08",
        "-1",
        "8.0",
        "1000",
        "第零条",
    ],
)
def test_it_refuses_malformed_article_references(text):
    with pytest.raises(ValueError, match="article"):
        parse_article_ref(text)


# Parser on small inputs


def test_it_puts_list_items_into_the_preceding_article():
    regulation = parse_regulation(
        "某某办法\n\n第一章 总则\n\n第一条 甲。\n\n(一)乙;\n\n1.丙。\n\n"
        "第二章 附则\n\n第二条 丁。\n"
    )
    assert regulation.preamble == "某某办法"
    assert regulation.article(1).text == "第一条 甲。\n(一)乙;\n1.丙。"
    assert regulation.article(1).chapter == "第一章 总则"
    assert regulation.article(2).label == "第二条"
    assert [c.title for c in regulation.chapters] == ["总则", "附则"]
    assert regulation.chapters[1].heading == "第二章 附则"


def test_it_parses_articles_without_chapters():
    regulation = parse_regulation("第一条 甲。\n第三条 乙。")
    assert regulation.chapters == ()
    assert regulation.numbers() == [1, 3]
    assert regulation.article(3).chapter is None
    assert not regulation.has_article(2)


def test_it_raises_key_error_for_a_missing_article():
    regulation = parse_regulation("第一条 甲。")
    with pytest.raises(KeyError, match="no article 2"):
        regulation.article(2)


def test_it_refuses_duplicate_article_numbers():
    with pytest.raises(ValueError, match="occurs twice"):
        parse_regulation("第一条 甲。\n第一条 乙。")


# The five cleaned regulation texts


@pytest.mark.parametrize("rulebook_id", RULEBOOK_IDS)
def test_it_finds_exactly_the_expected_articles(rulebook_id):
    regulation = load(rulebook_id)
    assert regulation.numbers() == EXPECTED_NUMBERS[rulebook_id]
    for article in regulation.articles:
        assert article.text.startswith(article.label)
        assert article.label == article_label(article.number)


@pytest.mark.parametrize("rulebook_id", RULEBOOK_IDS)
def test_it_finds_the_expected_chapters(rulebook_id):
    regulation = load(rulebook_id)
    assert len(regulation.chapters) == EXPECTED_CHAPTERS[rulebook_id]
    assert [c.number for c in regulation.chapters] == list(
        range(1, EXPECTED_CHAPTERS[rulebook_id] + 1)
    )
    in_chapters = [a for c in regulation.chapters for a in c.articles]
    if regulation.chapters:
        assert tuple(in_chapters) == regulation.articles
        for chapter in regulation.chapters:
            assert all(a.chapter == chapter.heading for a in chapter.articles)
    else:
        assert all(a.chapter is None for a in regulation.articles)


def test_it_keeps_kaihua_last_chapter_empty():
    chapters = load("kaihua").chapters
    assert chapters[-1].heading == "第四章 工作职责"
    assert chapters[-1].articles == ()


def test_it_normalises_chapter_headings_to_a_single_space():
    assert "第二章 项目建设基本要求" in read("kaihua").splitlines()
    assert "第一章 总 则" in read("bijie").splitlines()


def test_it_puts_gaoping_distribution_list_into_the_epilogue():
    regulation = load("gaoping")
    assert regulation.article(35).text == "第三十五条 本办法自印发之日起施行。"
    assert regulation.epilogue.startswith("抄送：")
    assert regulation.epilogue.endswith("2020年8月13日印发")
    assert "高政办发〔2020〕35号" in regulation.preamble
    for rulebook_id in ("harbin", "kaihua", "wuhan", "bijie"):
        assert load(rulebook_id).epilogue == ""


@pytest.mark.parametrize(
    ("rulebook_id", "number", "fragment"),
    [
        ("wuhan", 8, "投资50万元以上(含本数,下同)"),
        ("wuhan", 19, "(三)根据所建政务信息化项目业务发展需要"),
        ("kaihua", 12, "变更总额20万元(含20万元)以上"),
        ("kaihua", 11, "资金预算200万元以上的信息化建设项目必须实行信息化项目工程监理制"),
        ("gaoping", 20, "项目竣工验收后 30 个工作日内"),
        ("gaoping", 3, "履行管理和 service 职能"),
        ("harbin", 19, "一般不超过15个工作日"),
        ("harbin", 4, "(以下简称项目建筑设计企业)"),
        ("harbin", 21, "资产金额来源和额度"),
        ("bijie", 31, "(九)与其他有关规定不符合的。"),
    ],
)
def test_it_keeps_the_regulation_text_verbatim(rulebook_id, number, fragment):
    assert fragment in load(rulebook_id).article(number).text


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        (3, "文件、资料、图表和数据等信息资源"),
        (9, "新建一批在“政务服务系统”规划体系内的应用,提高信息化建设集约化水平。"),
        (15, "技术要求高的"),
        (18, "基础软件、系统软件和业务应用软件"),
        (22, "项目产出和效果等情况进行绩效考评"),
        (26, "进行数据治理。"),
        (32, "发生危害网络安全事件时"),
    ],
)
def test_it_joins_gaoping_sentences_split_by_page_breaks(number, fragment):
    lines = load("gaoping").article(number).text.split("\n")
    assert any(fragment in line for line in lines)


@pytest.mark.parametrize("rulebook_id", RULEBOOK_IDS)
def test_it_leaves_no_web_boilerplate(rulebook_id):
    text = read(rulebook_id)
    for marker in BOILERPLATE:
        assert marker not in text


@pytest.mark.parametrize("rulebook_id", RULEBOOK_IDS)
def test_it_stores_clean_layout(rulebook_id):
    raw = (REGULATIONS / f"{rulebook_id}.txt").read_bytes()
    assert b"\r" not in raw
    text = raw.decode("utf-8")
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    assert "\n\n\n" not in text
    for line in text.split("\n"):
        assert line == line.strip()
    paragraphs = text.strip("\n").split("\n\n")
    assert all(p and "\n" not in p for p in paragraphs)
