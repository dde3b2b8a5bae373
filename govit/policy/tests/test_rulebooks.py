"""The five rulebooks load, cite real articles and quote them verbatim."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from govit.policy import loader
from govit.policy.articles import parse_article_ref

IDS = ["bijie", "gaoping", "harbin", "kaihua", "wuhan"]


def test_it_ships_one_rulebook_per_regulation():
    assert sorted(loader.load_all()) == IDS


@pytest.mark.parametrize("rulebook_id", IDS)
def test_every_quotation_occurs_verbatim_in_its_article(rulebook_id):
    rulebook = loader.get(rulebook_id)
    assert rulebook.spec.citations, "a rulebook cites its regulation"
    for citation in rulebook.spec.citations:
        article = rulebook.regulation.article(parse_article_ref(citation.article))
        assert citation.quote in article.text, f"{citation.article}: {citation.quote}"


@pytest.mark.parametrize("rulebook_id", IDS)
def test_every_rulebook_names_the_competent_department_and_the_unit(rulebook_id):
    spec = loader.get(rulebook_id).spec
    assert spec.roles["competent"]
    assert spec.roles["unit"]


def test_gaoping_calls_the_unit_and_the_vendor_by_its_own_names():
    roles = loader.get("gaoping").spec.roles
    assert roles["unit"] == "项目实施单位"
    assert roles["vendor"] == "项目建设单位"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "wuhan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _valid_yaml() -> str:
    return loader.get("wuhan").path.read_text(encoding="utf-8")


def test_it_refuses_a_file_with_a_missing_field_naming_file_and_field(tmp_path):
    text = _valid_yaml().replace("level: city\n", "")
    path = _write(tmp_path, text)
    with pytest.raises(loader.RulebookError, match=r"wuhan.yaml: field level: Field required"):
        loader.load_file(path)


def test_it_refuses_an_unknown_field(tmp_path):
    path = _write(tmp_path, _valid_yaml() + "colour: red\n")
    with pytest.raises(loader.RulebookError, match="field colour: Extra inputs are not permitted"):
        loader.load_file(path)


def test_it_refuses_a_malformed_article_label(tmp_path):
    path = _write(tmp_path, _valid_yaml().replace("article: 第八条", "article: Article 8"))
    with pytest.raises(loader.RulebookError, match=r"field citations\.0\.article"):
        loader.load_file(path)


def test_it_refuses_a_citation_of_a_missing_article(tmp_path):
    path = _write(tmp_path, _valid_yaml().replace("article: 第八条", "article: 第九十九条"))
    with pytest.raises(loader.RulebookError, match="the regulation has no 第九十九条"):
        loader.load_file(path)


def test_it_refuses_a_quotation_that_is_not_verbatim(tmp_path):
    path = _write(tmp_path, _valid_yaml().replace("投资50万元以下", "投资60万元以下"))
    with pytest.raises(loader.RulebookError, match=r"citations\.0\.quote: not found verbatim"):
        loader.load_file(path)


def test_it_refuses_a_file_whose_id_differs_from_its_name(tmp_path):
    path = _write(tmp_path, _valid_yaml().replace("id: wuhan", "id: hankou"))
    with pytest.raises(loader.RulebookError, match="field id"):
        loader.load_file(path)


def test_it_refuses_broken_yaml(tmp_path):
    path = _write(tmp_path, "id: [unclosed")
    with pytest.raises(loader.RulebookError, match="cannot be read as YAML"):
        loader.load_file(path)


def test_the_command_lists_the_rulebooks(capsys):
    call_command("rulebook", "list")
    out = capsys.readouterr().out
    for rulebook_id in IDS:
        assert rulebook_id in out
    assert "武汉市政务信息化项目建设管理办法" in out


def test_the_command_shows_an_article(capsys):
    call_command("rulebook", "show", "wuhan", "--article", "第八条")
    assert "投资50万元以上(含本数,下同)" in capsys.readouterr().out


def test_the_command_shows_a_rulebook(capsys):
    call_command("rulebook", "show", "gaoping")
    out = capsys.readouterr().out
    assert "高政办发〔2020〕35号" in out
    assert "项目实施单位" in out


def test_the_command_names_a_missing_article():
    with pytest.raises(CommandError, match="no article '第十三条'"):
        call_command("rulebook", "show", "harbin", "--article", "第十三条")


def test_the_command_names_an_unknown_rulebook():
    with pytest.raises(CommandError, match="unknown rulebook 'shanghai'"):
        call_command("rulebook", "show", "shanghai")


@pytest.mark.django_db
def test_the_regulation_page_shows_every_article(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("regulation-detail", args=["bijie"]))
    assert response.status_code == 200
    html = response.content.decode()
    for label in ("第一条", "第十九条", "第三十六条"):
        assert label in html
    assert "大数据部门、用户单位与项目服务单位签订项目三方服务合同。" in html


@pytest.mark.django_db
def test_an_article_page_shows_the_article_and_its_citations(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("article-detail", args=["wuhan", 8]))
    assert response.status_code == 200
    assert "<mark>投资50万元以下" in response.content.decode()


@pytest.mark.django_db
def test_an_article_page_answers_htmx_with_a_fragment(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("article-detail", args=["wuhan", 8]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<html" not in response.content.decode()


@pytest.mark.django_db
def test_a_missing_article_or_rulebook_is_not_found(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("article-detail", args=["harbin", 13])).status_code == 404
    assert client.get(reverse("regulation-detail", args=["shanghai"])).status_code == 404


@pytest.mark.django_db
def test_the_regulation_pages_need_a_signed_in_user(client):
    assert client.get(reverse("regulation-list")).status_code == 302


def test_the_coverage_command_accounts_for_every_article(capsys):
    call_command("rulebook", "coverage", "wuhan")
    out = capsys.readouterr().out
    assert "unmentioned    0" in out
    assert "第八条" in out


def test_coverage_sorts_each_article_into_one_group():
    from govit.policy.coverage import coverage

    for rulebook in loader.load_all().values():
        result = coverage(rulebook)
        groups = [set(result.ruled), set(result.steps), set(result.manual), set(result.unmentioned)]
        assert sum(len(g) for g in groups) == len(rulebook.regulation.articles)
        assert set().union(*groups) == set(rulebook.regulation.numbers())


@pytest.mark.parametrize("rulebook_id", IDS)
def test_every_rulebook_mentions_every_article(rulebook_id):
    from govit.policy.coverage import coverage

    result = coverage(loader.get(rulebook_id))
    assert result.unmentioned == ()
    assert len(result.ruled) >= 10, "most articles of every regulation carry rules"


@pytest.mark.parametrize("rulebook_id", IDS)
def test_every_rulebook_has_a_lifecycle_from_draft(rulebook_id):
    spec = loader.get(rulebook_id).spec
    assert spec.initial == "draft"
    assert any("draft" in t.source for t in spec.transitions)
    assert {"approved", "acceptance", "operation"} <= set(spec.states)
