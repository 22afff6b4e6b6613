"""Chinese headings get readable ids, so a link to a section works the way a Chinese writer writes
it (`[部署步骤](#部署步骤)`), in the built site and in `hubtool check` alike."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from hubfactory import build
from workflowkit import TODAY, script

pytestmark = pytest.mark.slow

CASE = """
---
title: 华东联合银行联合风控实践
description: 华东联合银行用隐私计算联合建模，审批时长从 3 天缩短到 40 分钟，本文介绍部署步骤与上线效果。
date: 2026-05-12
keyword: 联合风控
audience: [decision-maker]
stage: decision
industries: [banking]
customer: {name: 华东联合银行, industry: banking, tier: S, approved: true}
results: [{value: 40 分钟, label: 审批时长}]
---
# 华东联合银行联合风控实践

先看[部署步骤](#部署步骤)，再看[上線效果](#上線效果)和[英文小节](#why-it-works-3-reasons)。

## 部署步骤

## 上線效果：審批時長

## Why it works: 3 reasons

另见[不存在的小节](#不存在)。
"""


def test_chinese_headings_get_ids_that_links_written_in_chinese_reach(hub_factory, tmp_path):
    root = hub_factory({"cases/bank.md": CASE}, starter_pages=True)
    site = tmp_path / "site"
    done = build(root, "-q", site_dir=site)
    assert done.returncode == 0, done.stderr
    page = BeautifulSoup((site / "cases/bank/index.html").read_text("utf-8"), "html.parser")
    ids = [h["id"] for h in page.select("article h2") if not h["id"].startswith("hub-")]
    # Full-width and ASCII punctuation dropped, words joined by "-", Latin letters lower-cased.
    assert ids == ["部署步骤", "上線效果審批時長", "why-it-works-3-reasons"]
    # The table of contents links to them.
    assert page.select_one('nav a[href="#部署步骤"]') is not None

    for command in ("seo-audit", "check"):
        done = script(root, command, "--today", TODAY, "--format", "json", "--fail-on", "never")
        broken = [
            f["message"]
            for f in json.loads(done.stdout)["findings"]
            if f["rule"] == "TEC007" and f.get("path") == "cases/bank.md"
        ]
        # Only the two anchors that name no heading: 上線效果 is not the whole heading's id.
        assert len(broken) == 2, (command, broken)
        assert any("#不存在" in m for m in broken) and any("#上線效果" in m for m in broken)
