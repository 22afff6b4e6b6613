"""`hubtool seo-audit` never loses a location: invalid front matter is FM001 findings with file:line in
every output format, and the rest of the hub is still built and audited."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hubfactory import DEMO_TODAY, build, make_hub

from hubtool.audit.engine import failure_reason

NEWS_WITHOUT_DESCRIPTION = """\
---
title: 星衡数据发布隐私计算平台新版本
date: 2026-11-01
keyword: 隐私计算平台
audience: [decision-maker]
stage: awareness
categories: [product]
cta: contact
status: published
---

# 星衡数据发布隐私计算平台新版本

新版本支持更多数据源。
"""
# Six mistakes in one file, each on its own line.
SIX_MISTAKES = """\
---
title: 华东联合银行联合风控案例
description: 华东联合银行用隐私计算联合建模，把小微企业贷款审批从五天缩短到一天。
date: 23/11/2026
updated: yesterday
keyword: 联合风控
audience: [ceo]
stage: decide
industries: [nowhere]
cta: demo
status: published
customer: {name: 华东联合银行, industry: banking, tier: Z}
---

# 华东联合银行联合风控案例

正文。
"""
VALID_WITH_VAGUE_LINK = """\
---
title: 制造企业供应链数据协作实践
description: 一家制造企业和上下游伙伴在数据不出域的前提下共享库存与订单数据，把缺货率降低了三成。
date: 2026-10-01
keyword: 供应链数据协作
audience: [evaluator]
stage: consideration
industries: [manufacturing]
cta: demo
status: published
customer: {name: 东方制造, industry: manufacturing, tier: A}
results: [{value: 30%, label: 缺货率下降}]
---

# 制造企业供应链数据协作实践

更多内容请[点击这里](../index.md)。
"""
SIX = [  # in the writers' language: the hub is zh
    ("cases/broken.md", 4, "date: 必须是 YYYY-MM-DD 格式的日期（这里是 '23/11/2026'）"),
    ("cases/broken.md", 5, "updated:"),
    ("cases/broken.md", 7, "audience[0]: 'ceo' 不是 "),
    ("cases/broken.md", 8, "stage: 'decide' 不是 "),
    ("cases/broken.md", 9, "industries[0]: 'nowhere' 不是 "),
    ("cases/broken.md", 12, "customer.tier: 'Z' 不是 S, A, B, C 之一"),
    ("docs/news/posts/launch.md", 1, "description: 缺少必填字段"),
]
SELECT = ("--select", "FM001,TEC012", "--today", DEMO_TODAY)


def hubtool(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "hubtool.cli", "seo-audit", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    """A hub with a news post without description and a case with six mistakes, audited once with
    a real build into `site/` (the other formats then read that build)."""
    root = make_hub(
        tmp_path_factory.mktemp("fm"),
        {
            "docs/news/posts/launch.md": NEWS_WITHOUT_DESCRIPTION,
            "cases/broken.md": SIX_MISTAKES,
            "cases/supply-chain.md": VALID_WITH_VAGUE_LINK,
        },
    )
    return root, hubtool(root, "--site-dir", "site", "--format", "json", *SELECT)


def located(findings: list[tuple[str, int, str]]) -> None:
    """Every front-matter mistake is there, at its line, and the valid case was audited too."""
    for path, line, message in SIX:
        assert any(p == path and n == line and message in m for p, n, m in findings), (
            path,
            line,
            message,
            findings,
        )
    assert sum(p == "cases/broken.md" for p, _n, _m in findings) == 6
    assert any(p == "cases/supply-chain.md" and "点击这里" in m for p, _n, m in findings)


def test_front_matter_errors_are_findings_and_the_rest_is_audited(hub):
    _root, done = hub
    assert done.returncode == 1, (
        done.stderr
    )  # errors at --fail-on error: findings, not a tool error
    doc = json.loads(done.stdout)
    located([(f["path"], f["line"], f["message"]) for f in doc["findings"]])
    assert doc["summary"]["not_built"] == [
        {"path": "cases/broken.md", "line": 4, "reason": "invalid front matter (FM001)"},
        {"path": "docs/news/posts/launch.md", "line": 1, "reason": "invalid front matter (FM001)"},
    ]
    assert doc["summary"]["pages"] > 3  # the hub was built without the two invalid files


def test_text_names_file_line_and_what_was_not_built(hub):
    root, _ = hub
    done = hubtool(root, *SELECT)
    assert done.returncode == 1, done.stderr
    rows, current = [], None
    for line in done.stdout.splitlines():
        if line and not line.startswith(" "):
            current = line
        elif line.strip()[:1].isdigit():
            pos, _level, _rule, message = line.split(None, 3)
            rows.append((current, int(pos.split(":")[0]), message))
    located(rows)
    assert (
        "未构建，因此没有作为页面审计（front matter 无效 (FM001)）："
        "cases/broken.md:4, docs/news/posts/launch.md:1"
    ) in done.stdout


@pytest.mark.parametrize("fmt", ["sarif", "junit", "github"])
def test_every_machine_format_carries_file_and_line(hub, fmt):
    root, _ = hub
    done = hubtool(root, "--site-dir", "site", "--no-build", "--format", fmt, *SELECT)
    assert done.returncode == 1, done.stderr
    if fmt == "sarif":
        results = json.loads(done.stdout)["runs"][0]["results"]
        rows = [
            (
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                r["locations"][0]["physicalLocation"]["region"]["startLine"],
                r["message"]["text"],
            )
            for r in results
        ]
    elif fmt == "junit":
        cases = ET.fromstring(done.stdout).iter("testcase")
        rows = [
            (c.get("file"), int(c.get("line") or 0), c.find("failure").get("message"))
            for c in cases
            if c.find("failure") is not None
        ]
    else:
        rows = []
        for line in done.stdout.splitlines():
            props, _, message = line.partition("::")[2].partition("::")
            fields = dict(p.split("=", 1) for p in props.split(" ", 1)[1].split(","))
            rows.append((fields.get("file"), int(fields.get("line", 0)), message))
    located(rows)


def test_a_failed_build_keeps_the_whole_multi_line_reason(tmp_path):
    # A plain `mkdocs build` (not the audit's) still stops on invalid front matter, one problem per
    # line after "front matter 无效" (a zh hub): the audit's reason for a failed build keeps every
    # line.
    root = make_hub(
        tmp_path,
        {"docs/news/posts/launch.md": NEWS_WITHOUT_DESCRIPTION, "cases/broken.md": SIX_MISTAKES},
    )
    done = build(root)
    assert done.returncode != 0
    reason = failure_reason(done.stderr)
    assert reason.startswith("front matter 无效: cases/broken.md:4: date:")
    for path, line, message in SIX:
        assert f"{path}:{line}: {message}" in reason
    assert "\n" not in reason
