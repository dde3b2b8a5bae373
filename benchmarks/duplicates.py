"""Benchmark: the duplicate-construction check against generated Chinese project texts.

    .venv/bin/python benchmarks/duplicates.py [--count 100000] [--queries 500] [--seed 1]

Builds the in-memory bigram index (``govit.planning.duplicates.Index``) over ``--count``
synthetic project texts, then runs ``--queries`` checks (a new application text, half of them
rewordings of an indexed project) and reports the build time and the p50/p99 time per check,
including the shared-phrase extraction of the ten best matches.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govit.settings")

PLACES = ["市", "县", "区", "全市", "全县", "街道", "乡镇", "社区"]
SUBJECTS = [
    "社会救助",
    "养老服务",
    "婚姻登记",
    "殡葬管理",
    "教育资助",
    "智慧校园",
    "医疗保障",
    "公共卫生",
    "疾病预防",
    "交通运输",
    "道路养护",
    "公交调度",
    "城市管理",
    "环境监测",
    "河长制",
    "森林防火",
    "应急指挥",
    "安全生产",
    "市场监管",
    "食品安全",
    "药品监管",
    "税务征管",
    "社保经办",
    "就业服务",
    "人才引进",
    "不动产登记",
    "住房保障",
    "公积金",
    "水利工程",
    "农业农村",
    "乡村振兴",
    "文化旅游",
    "体育健身",
    "档案管理",
    "信访服务",
    "网格化治理",
    "综治维稳",
    "司法行政",
    "公共法律服务",
    "统计调查",
    "审计监督",
    "财政预算",
    "国有资产",
    "政府采购",
    "招商引资",
    "营商环境",
    "政务公开",
    "12345热线",
    "电子证照",
    "一网通办",
    "一网统管",
    "数据共享交换",
    "视频监控",
    "气象服务",
    "地震监测",
    "自然资源",
    "国土空间规划",
    "生态环境",
    "排污许可",
    "危险废物",
]
OBJECTS = [
    "信息系统",
    "管理平台",
    "服务平台",
    "数据中台",
    "监管系统",
    "指挥平台",
    "综合平台",
    "移动应用",
    "业务系统",
    "决策支持系统",
    "大数据平台",
    "监测预警系统",
    "协同办公系统",
]
ACTIONS = [
    "建设",
    "升级改造",
    "扩容",
    "迁移上云",
    "整合",
    "一期工程",
    "二期工程",
    "运维服务",
]
FUNCTIONS = [
    "实现业务在线办理",
    "建设统一身份认证",
    "对接省级政务服务平台",
    "汇聚部门数据资源",
    "建立数据共享目录",
    "开展数据治理",
    "提供移动端服务",
    "建设可视化大屏",
    "实现统计分析",
    "建立预警模型",
    "支持电子签章",
    "实现证照互认",
    "推进跨部门协同",
    "建设视频会商功能",
    "实现全流程留痕",
    "建设档案电子化",
    "提供短信通知",
    "对接财政支付系统",
    "实现地图展示",
    "建立考核评价体系",
    "完善网络安全防护",
    "开展商用密码应用",
    "部署政务云资源",
    "整合存量系统",
]
DATA = [
    "人口信息",
    "法人信息",
    "空间地理信息",
    "电子证照数据",
    "社会信用数据",
    "视频数据",
    "物联感知数据",
    "业务办件数据",
    "财政资金数据",
    "资产台账",
    "监测数据",
    "统计报表",
]


def project_text(rng: random.Random) -> str:
    """A plausible application: name, goals, functions and data."""
    subject = rng.choice(SUBJECTS)
    name = f"{rng.choice(PLACES)}{subject}{rng.choice(OBJECTS)}{rng.choice(ACTIONS)}"
    functions = "，".join(rng.sample(FUNCTIONS, rng.randint(3, 6)))
    data = "、".join(rng.sample(DATA, rng.randint(2, 4)))
    extra = rng.choice(SUBJECTS)
    return (
        f"{name}。建设目标：提升{subject}和{extra}工作效率。主要功能：{functions}。"
        f"涉及数据：{data}。"
    )


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--budget", type=int, default=0, help="postings budget (0: the default)")
    args = parser.parse_args()

    import django

    django.setup()
    from govit.planning import duplicates
    from govit.planning.duplicates import PROJECT, Index
    from govit.systems.similarity import shared_phrases

    if args.budget:
        duplicates.POSTINGS_BUDGET = args.budget
    rng = random.Random(args.seed)
    texts = [project_text(rng) for _ in range(args.count)]
    started = time.perf_counter()
    index = Index.build(((PROJECT, i), text) for i, text in enumerate(texts))
    built = time.perf_counter() - started
    postings = sum(len(p) for p in index.postings)
    print(
        f"indexed {args.count:,} texts in {built:.1f} s: {len(index.vocabulary):,} bigrams, "
        f"{postings:,} postings"
    )
    queries = []
    for number in range(args.queries):
        if number % 2:
            original = texts[rng.randrange(len(texts))]
            queries.append(original.replace("建设目标", "目标").replace("主要功能", "功能"))
        else:
            queries.append(project_text(rng))
    times: list[float] = []
    cpu: list[float] = []
    best: list[float] = []
    for text in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        found = index.query(text, limit=10)
        for _key, _score, shared in found:
            shared_phrases(text, shared)
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        best.append(found[0][1] if found else 0.0)
    for what, values in (("wall clock", times), ("CPU time", cpu)):
        print(
            f"{len(queries)} checks ({what}, budget {duplicates.POSTINGS_BUDGET:,} postings): "
            f"p50 {percentile(values, 0.5):.1f} ms, p99 {percentile(values, 0.99):.1f} ms, "
            f"max {max(values):.1f} ms, mean {statistics.fmean(values):.1f} ms"
        )
    reworded = best[1::2]
    print(f"best score of a reworded indexed project: median {statistics.median(reworded):.2f}")


if __name__ == "__main__":
    main()
