"""Joining on a real hub (the repo's hooks and theme): findings on built pages point at the source."""

from __future__ import annotations

import datetime as dt

from hubfactory import make_hub

from hubtool.audit.engine import run_audit
from hubtool.config import load_config

CASE = """\
---
title: 某城商行联合风控建模实践
description: 某城商行借助隐私计算与三家合作方联合建模，坏账率下降，原始数据始终不出域。
date: 2026-10-01
keyword: 隐私计算
customer: {name: 某城商行, industry: banking, approved: true}
---
某城商行与三家合作方在原始数据不出域的前提下完成了联合建模。

## 背景

文字。
"""


def test_case_from_cases_folder_is_joined_to_its_built_page(tmp_path):
    root = make_hub(tmp_path / "hub", {"cases/bank-risk.md": CASE})
    result = run_audit(
        load_config(root / "mkdocs.yml"),
        today=dt.date(2026, 11, 23),
        select=("KW002", "KW004", "KW007"),
    )
    assert [(f.rule, f.path, f.line, f.url) for f in result.findings] == [
        ("KW002", "cases/bank-risk.md", 2, "/cases/bank-risk/"),
        ("KW004", "cases/bank-risk.md", 8, "/cases/bank-risk/"),
        ("KW007", "cases/bank-risk.md", 10, "/cases/bank-risk/"),
    ]
