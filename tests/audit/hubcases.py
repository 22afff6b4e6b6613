"""Tiny hubs for the POS/CAD/ED rules: valid pieces as text, a source-only audit, exact locations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from hubfactory import make_hub, write_hub

from hubtool.audit.engine import AuditResult, run_source_rules
from hubtool.config import load_config

TODAY = dt.date(2026, 11, 23)

CASE = """\
---
title: 某城商行用隐私计算完成联合风控建模
description: 某城商行借助隐私计算与三家合作方联合建模，坏账率下降，原始数据始终不出域。
date: 2026-10-01
keyword: 隐私计算
audience: [decision-maker, evaluator]
stage: decision
industries: [banking]
customer: {name: 某城商行, industry: banking, approved: true}
results:
  - {value: 35%, label: 坏账率下降}
quote: {text: 原始数据不出域，也能和合作方一起建模。, author: 张敏, role: 风险管理部总经理}
---
# 某城商行用隐私计算完成联合风控建模

该行与三家合作方在原始数据不出域的前提下完成了联合建模。
"""

WHITEPAPER = """\
---
title: 隐私计算选型指南
description: 面向银行和保险机构的隐私计算选型指南，说明评估维度、测试方法和上线步骤。
date: 2026-10-10
keyword: 隐私计算选型
audience: [evaluator]
stage: consideration
industries: [banking]
approvals:
  - {by: 王敏, role: legal}
  - {by: 李强, role: product}
---
# 隐私计算选型指南

本指南说明如何评估隐私计算平台。
"""

NEWS = """\
---
title: 星衡发布隐私计算平台 5.0
description: 星衡隐私计算平台 5.0 支持更多的联合建模算法，部署时间缩短一半。
date: {date}
keyword: 隐私计算平台
audience: [user]
stage: awareness
---
# 星衡发布隐私计算平台 5.0

新版本支持更多算法。
"""


def news(date: str, title: str = "") -> str:
    text = NEWS.replace("{date}", date)
    return text.replace("星衡发布隐私计算平台 5.0", title) if title else text


def audit(
    root: Path,
    codes: tuple[str, ...],
    today: dt.date = TODAY,
    hub: dict[str, Any] | None = None,
) -> AuditResult:
    """Source rules only (what `hubtool check` runs): no build, so these tests stay fast. `hub`
    is merged, as data, into the hub's `extra.hub` first."""
    path = root / "mkdocs.yml"
    if hub:
        write_hub(root, base=yaml.safe_load(path.read_text(encoding="utf-8")), hub=hub)
    return run_source_rules(load_config(path), today=today, select=codes)


def hub(tmp_path: Path, files: dict[str, str], codes: tuple[str, ...], **kwargs) -> AuditResult:
    return audit(make_hub(tmp_path, files), codes, **kwargs)


def located(result: AuditResult) -> list[tuple[str, str | None, int | None]]:
    return [(f.rule, f.path, f.line) for f in result.findings]


def line(text: str, needle: str) -> int:
    """1-based line of the first line of `text` containing `needle`."""
    for number, content in enumerate(text.splitlines(), 1):
        if needle in content:
            return number
    raise AssertionError(needle)
