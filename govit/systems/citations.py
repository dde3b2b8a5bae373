"""The articles the catalogue's decisions rest on, whatever the active rulebook.

Zombie and shadow proposals and the 四个一批 dispositions come from Gaoping 第九条; the pages
cite it with its words so an official sees the basis of the decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from govit.policy import loader


@dataclass(frozen=True)
class Citation:
    rulebook: str
    number: int
    label: str
    short_name: str
    quote: str


FOUR_BATCHES_RULEBOOK = "gaoping"
FOUR_BATCHES_ARTICLE = 9
FOUR_BATCHES_QUOTE = (
    "采取“四个一批”方式,对市政务信息化系统进行全面整顿,关闭一批失去功能、目前已经停止运行的"
    "僵尸平台,整合一批功能相近的影子平台,承接一批国家和省已经建成运行的、能够支撑我市实际需求的"
    "平台,新建一批在“政务服务系统”规划体系内的应用"
)


def four_batches() -> Citation:
    """Gaoping 第九条 (四个一批), with its verbatim words; the quote must be in the article."""
    rulebook = loader.get(FOUR_BATCHES_RULEBOOK)
    article = rulebook.regulation.article(FOUR_BATCHES_ARTICLE)
    if FOUR_BATCHES_QUOTE not in article.text.replace("\n", ""):
        raise ValueError(f"the quote is not in {FOUR_BATCHES_RULEBOOK} {article.label}")
    return Citation(
        rulebook=FOUR_BATCHES_RULEBOOK,
        number=FOUR_BATCHES_ARTICLE,
        label=article.label,
        short_name=rulebook.spec.short_name,
        quote=FOUR_BATCHES_QUOTE,
    )
