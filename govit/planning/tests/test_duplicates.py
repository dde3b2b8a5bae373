"""The duplicate-construction check: bigrams, scores, phrases, threshold, scope, refresh."""

import pytest

from govit.planning import duplicates
from govit.planning.duplicates import PROJECT, SYSTEM, Index, bigrams
from govit.planning.tests.plans_helpers import admit, reviewed
from govit.systems.tests.factories import SystemFactory


@pytest.fixture(autouse=True)
def _fresh_index():
    duplicates.invalidate()
    yield
    duplicates.invalidate()


def test_bigrams_split_on_punctuation_not_on_words():
    assert bigrams("社会救助，系统") == {"社会", "会救", "救助", "系统"}
    assert bigrams("A 平台") == {"a", "平台"}
    assert bigrams("") == set()


def test_the_index_scores_identical_texts_one_and_unrelated_zero():
    index = Index.build(
        [
            ((PROJECT, 1), "社会救助信息系统建设，实现低保对象动态管理"),
            ((PROJECT, 2), "智慧校园数据中台，汇聚学生成长数据"),
            ((SYSTEM, 3), "森林防火监测预警平台"),
        ]
    )
    found = index.query("社会救助信息系统建设，实现低保对象动态管理")
    assert found[0][0] == (PROJECT, 1)
    assert found[0][1] == pytest.approx(1.0)
    assert all(key != (SYSTEM, 3) for key, _score, _shared in found)
    assert index.query("社会救助", exclude=frozenset({(PROJECT, 1)})) == []


def test_rare_shared_phrases_weigh_more_than_common_ones():
    texts = [((PROJECT, n), f"第{n}号政务服务管理平台") for n in range(20)]
    texts.append(((PROJECT, 99), "殡葬服务管理系统"))
    index = Index.build(texts)
    found = {key: score for key, score, _ in index.query("殡葬服务监管平台")}
    assert found[(PROJECT, 99)] > max(v for k, v in found.items() if k != (PROJECT, 99))


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_it_compares_with_library_projects_and_catalogue_systems(reviewer, unit_org, settings):
    settings.GOVIT_DUPLICATE_THRESHOLD = 40
    library = admit(
        reviewer, reviewed(unit_org, name="城乡低保救助管理系统", description="低保审批")
    ).project
    reviewed(unit_org, name="城乡低保救助管理平台")  # not in the library: not compared
    system = SystemFactory(unit=unit_org, name="低保救助业务系统", purpose="城乡低保审批")
    SystemFactory(unit=unit_org, name="森林防火监测预警平台", purpose="火情监测")
    report = duplicates.similar_to_text("城乡低保救助管理系统升级，低保审批", actor=reviewer)
    keys = [(m.kind, m.id) for m in report.matches]
    assert keys[0] == (PROJECT, library.pk)
    assert (SYSTEM, system.pk) in keys
    assert len(keys) == 2
    best = report.matches[0]
    assert best.warning
    assert report.warning
    assert "城乡低保救助管理系统" in best.phrases
    assert report.indexed == 3  # one library project, two systems


@pytestmark_db
def test_the_threshold_is_a_setting(reviewer, unit_org, settings):
    admit(reviewer, reviewed(unit_org, name="城乡低保救助管理系统"))
    text = "城乡低保救助信息平台"
    settings.GOVIT_DUPLICATE_THRESHOLD = 100
    assert not duplicates.similar_to_text(text).warning
    settings.GOVIT_DUPLICATE_THRESHOLD = 1
    assert duplicates.similar_to_text(text).warning


@pytestmark_db
def test_a_unit_sees_only_its_own_matches_and_a_count_of_the_others(
    reviewer, applicant, unit_org, other_unit_org
):
    own = admit(reviewer, reviewed(unit_org, name="城乡低保救助管理系统")).project
    admit(reviewer, reviewed(other_unit_org, name="城乡低保救助管理平台"))
    report = duplicates.similar_to_text("城乡低保救助管理系统", actor=applicant)
    assert [m.id for m in report.matches] == [own.pk]
    assert report.hidden == 1
    assert len(duplicates.similar_to_text("城乡低保救助管理系统", actor=reviewer).matches) == 2


@pytestmark_db
def test_a_project_is_not_its_own_duplicate_and_withdrawn_entries_leave(reviewer, unit_org):
    from govit.planning import library_plans

    entry = admit(reviewer, reviewed(unit_org, name="城乡低保救助管理系统"))
    other = admit(reviewer, reviewed(unit_org, name="城乡低保救助管理平台"))
    report = duplicates.similar_to_project(entry.project, actor=reviewer)
    assert [m.id for m in report.matches] == [other.project_id]
    library_plans.library_withdraw(actor=reviewer, entry=other, reason="取消")
    duplicates.invalidate()  # the service invalidates on commit; tests run inside a transaction
    assert duplicates.similar_to_project(entry.project, actor=reviewer).matches == []


@pytestmark_db
def test_the_index_is_rebuilt_when_the_stamp_changes(reviewer, unit_org, monkeypatch):
    monkeypatch.setattr(duplicates, "REFRESH_SECONDS", 0.0)
    assert duplicates.similar_to_text("低保救助").matches == []
    SystemFactory(unit=unit_org, name="低保救助业务系统")
    assert len(duplicates.similar_to_text("低保救助").matches) == 1
