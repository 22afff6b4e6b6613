"""Helpers of the writer-workflow tests: real temporary hubs, the CLI in-process and as the console script."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner
from hubfactory import script, write_hub  # noqa: F401  (re-exported for these tests)

from hubtool.cli import cli

REPO = Path(__file__).resolve().parents[2]
HUBTOOL = Path(sys.executable).with_name("hubtool")  # the installed console script
TODAY = "2026-11-23"

# A published case that passes every source rule; tests derive failing files from it.
CASE = """
---
title: 城商行联合风控建模实践
description: 华东联合银行借助隐私计算平台完成联合风控建模，小微信贷模型 KS 从 0.32 提升到 0.41，不良率下降 0.55 个百分点，审批时长缩短到 40 分钟。
date: 2026-05-14
keyword: 联合风控建模
audience: [decision-maker]
stage: decision
industries: [banking]
cta: demo
customer: {name: 华东联合银行, industry: banking, tier: S, approved: true}
results: [{value: "0.41", label: 模型 KS 值}]
quote: {text: 原始数据不出机房。, author: 陈立群, role: 首席风险官}
---

# 城商行联合风控建模实践

华东联合银行用 14 周在隐私计算平台上完成联合风控建模，三方原始数据始终留在各自机房。
"""

# CASE with a body long enough for a case study (TEC014: 800 字) and the keyword in a subheading
# (KW007): it passes the page rules too. Every sentence is its own (ED005 compares sentences).
FULL_CASE = CASE + "".join(
    f"""
## 联合风控建模第 {n} 阶段

第 {n} 阶段里，项目组把 {n + 3} 家分支机构的授信记录接入平台，先用隐私求交对齐了约 {n * 7} 万家企业样本，
再由风险管理部逐项核对特征口径。合作方只看得到加密后的中间参数，银行则在自己的机房里完成评分卡校准，
整个阶段共用时 {n + 1} 周，审批时长从原来的 {n + 2} 个工作日缩短到 {40 + n} 分钟，不良率也保持在监管要求以内。
"""
    for n in range(1, 7)
)


def run(root: Path, *args: str):
    """`hubtool ARGS` through Click's test runner, in the hub's folder."""
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(root)
    try:
        return runner.invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(cwd)


def front_matter(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def write_front_matter(path: Path, meta: dict, body: str) -> None:
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")


PLACEHOLDER = re.compile(r"待补充|TODO")
