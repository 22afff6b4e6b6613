"""A fixture hub, lead store and analytics exports for the report tests, with hand-known numbers."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

from hubfactory import write_hub

from hubtool.leads.store import NewLead, Store

TODAY = "2026-11-23"
MONTH = "2026-10"

CONFIG: dict[str, Any] = {
    "site_name": "测试数据",
    "site_url": "https://hub.example/",
    "docs_dir": "docs",
    "theme": {"name": "material", "language": "zh"},
    "extra": {
        "hub": {
            "languages": {"default": "zh", "others": ["en"]},
            "vocabulary": {
                "audience": ["decision-maker", "evaluator", "buyer"],
                "industries": {
                    "banking": {"zh": "银行", "en": "Banking"},
                    "insurance": {"zh": "保险", "en": "Insurance"},
                    "healthcare": {"zh": "医疗", "en": "Healthcare"},
                    "manufacturing": {"zh": "制造", "en": "Manufacturing"},
                },
            },
            "cadence": {"targets_per_month": {"news": 2, "case": 0.5, "whitepaper": 0.25}},
            "keywords": {
                "targets": [
                    "隐私计算选型",
                    "数据要素",
                    {"keyword": "federated learning", "lang": "en"},
                    "联邦学习",
                ]
            },
        }
    },
}

CASE = """\
---
title: {title}
description: {title}，一个用于测试月报的客户案例页面。
date: {date}
{extra}
customer: {{name: 测试客户, industry: {industry}, approved: true}}
results:
  - {{value: 35%, label: 坏账率下降}}
---
正文。
"""


def case(title: str, date: str, industry: str, *meta: str) -> str:
    """A published customer case; `meta`: further front-matter lines."""
    return CASE.format(title=title, date=date, industry=industry, extra="\n".join(meta))


FILES = {
    "docs/index.md": "# 首页\n",
    "cases/index.md": "# 案例\n",
    "whitepapers/index.md": "# 白皮书\n",
    "docs/news/index.md": "# 新闻\n",
    "cases/bank-risk.md": case(
        "银行联合风控",
        "2026-10-08",
        "banking",
        "keyword: 联合风控",
        "related_keywords: [联邦学习, 隐私计算]",
        "audience: [decision-maker]",
        "stage: decision",
        "industries: [banking]",
    ),
    "cases/bank-risk.en.md": case(
        "Joint risk modelling at a bank",
        "2026-10-10",
        "banking",
        "keyword: joint risk modelling",
        "audience: [decision-maker]",
        "stage: decision",
    ),
    # Traditional script: the same keyword as 联合风控 once normalised (cannibalised).
    "cases/insurer.md": case(
        "保险理赔",
        "2026-03-03",
        "insurance",
        "keyword: 聯合風控",
        "audience: [evaluator]",
        "stage: consideration",
    ),
    "cases/old-hospital.md": case(
        "医院研究网络",
        "2024-01-10",
        "healthcare",
        "keyword: 医疗联邦学习",
        "audience: [evaluator]",
        "stage: decision",
    ),
    "cases/draft.md": case(
        "草稿案例",
        "2026-10-20",
        "banking",
        "status: draft",
        "audience: [buyer]",
        "stage: awareness",
    ),
    "whitepapers/guide.md": """\
        ---
        title: 隐私计算选型指南
        description: 隐私计算选型指南，帮助评估者比较平台，一个用于测试月报的白皮书。
        date: 2026-10-20
        keyword: 隐私计算选型
        audience: [evaluator, buyer]
        stage: consideration
        ---
        正文。
        """,
    "whitepapers/compliance.md": """\
        ---
        title: 数据合规白皮书
        description: 数据合规白皮书，一个用于测试月报的白皮书页面，内容已经很久没有更新。
        date: 2025-02-01
        updated: 2025-03-01
        ---
        正文。
        """,
    "docs/news/posts/launch.md": """\
        ---
        title: 新版本发布
        description: 新版本发布，一个用于测试月报的新闻页面。
        date: 2026-10-15
        audience: [decision-maker]
        stage: awareness
        ---
        正文。
        """,
    "docs/news/posts/award.md": """\
        ---
        title: 获得奖项
        description: 获得奖项，一个用于测试月报的新闻页面。
        date: 2026-08-05
        ---
        正文。
        """,
    # Published in November: not in existence for October's report (no count, no finding).
    "docs/news/posts/november.md": """\
        ---
        title: 十一月的新闻
        description: 十一月的新闻，一个用于测试月报的新闻页面，在十月的报告里不存在。
        date: 2026-11-10
        ---
        正文。
        """,
    "whitepapers/data-elements.md": """\
        ---
        title: 数据要素白皮书
        description: 数据要素白皮书，一个十一月发布的白皮书，用于测试月报的截至日期。
        date: 2026-11-05
        keyword: 数据要素
        audience: [buyer]
        stage: awareness
        industries: [manufacturing]
        ---
        正文。
        """,
    # Planned (a draft dated after October): what to write next must not repeat it.
    "whitepapers/banking-playbook.md": """\
        ---
        title: 银行联邦学习实践手册
        description: 银行联邦学习实践手册，一个计划在十二月发布的白皮书草稿，用于测试月报。
        date: 2026-12-10
        status: draft
        keyword: 联邦学习
        audience: [decision-maker]
        stage: consideration
        industries: [banking]
        ---
        正文。
        """,
    "docs/news/posts/future.md": """\
        ---
        title: 未来的新闻
        description: 未来的新闻，一个用于测试月报的新闻页面。
        date: 2026-12-01
        ---
        正文。
        """,
}

# GA4 "Pages and screens" export: '#' comment lines before the header, as GA4 writes them.
GA4 = """\
# ----------------------------------------
# Pages and screens: Page path and screen class
# Account: Test
# Property: hub.example - GA4
# ----------------------------------------
#
# Start date: 20261001
# End date: 20261031
Page path and screen class,Views,Active users,Views per active user,Average engagement time per active user,Event count,Key events,Total revenue
/cases/bank-risk/,400,300,1.33,51.2,1200,2,0
/cases/bank-risk,100,50,2,40.1,300,0,0
/whitepapers/guide/?from=nav,200,150,1.33,80,600,1,0
/en/cases/bank-risk/,50,40,1.25,30,150,1,0
/pricing/,30,20,1.5,12,90,0,0
(not set),5,5,1,0,5,0,0
"""

# Baidu Tongji 受访页面 export: a title line, a date line, Chinese headers, full URLs, thousands
# separators, '--' for no data, a 汇总 row; written in GB18030 by the tests.
BAIDU = """\
受访页面
2026/10/01 - 2026/10/31
页面URL,浏览量(PV),访客数(UV),IP数,平均停留时长,退出率
https://hub.example/cases/bank-risk/,"1,234",456,400,00:01:20,35.5%
https://hub.example/%E6%A1%88%E4%BE%8B/,10,--,3,00:00:10,80%
https://hub.example/whitepapers/guide/index.html,66,33,30,00:02:00,20%
https://staging.hub.example/cases/bank-risk/,7,7,7,00:00:05,90%
当页汇总,"1,317",496,440,00:01:10,40%
"""


def lead(
    created: str,
    form: str,
    content: str = "",
    page: str = "",
    source: str = "",
    medium: str = "",
    campaign: str = "",
    lang: str = "zh",
    spam: str = "",
) -> NewLead:
    context = {
        "content_id": content,
        "page_url": page,
        "utm_source": source,
        "utm_medium": medium,
        "utm_campaign": campaign,
        "lang": lang,
    }
    return NewLead(
        form_id=form,
        fields={"name": "张三", "email": "a@b.example"},
        context=context,
        email="a@b.example",
        spam_reason=spam,
        created_at=created,
    )


LEADS = (
    lead(
        "2026-10-02T03:00:00.000000Z",
        "demo",
        "cases/bank-risk",
        "https://hub.example/cases/bank-risk/",
        "baidu",
        "cpc",
        "q4-risk",
    ),
    lead(
        "2026-10-09T08:30:00.000000Z",
        "demo",
        "cases/bank-risk",
        "https://hub.example/cases/bank-risk/?utm_source=wechat",
        "wechat",
        "social",
        "q4-risk",
    ),
    lead(
        "2026-10-21T10:00:00.000000Z",
        "whitepaper-download",
        "whitepapers/guide",
        "https://hub.example/whitepapers/guide/",
        "baidu",
        "cpc",
        "guide",
    ),
    lead(
        "2026-10-30T23:00:00.000000Z",
        "contact",
        "",
        "https://hub.example/en/cases/bank-risk/",
        lang="en",
    ),
    # Not counted: spam, and the neighbouring months.
    lead(
        "2026-10-12T00:00:00.000000Z",
        "contact",
        "cases/bank-risk",
        "https://hub.example/cases/bank-risk/",
        "baidu",
        spam="honeypot",
    ),
    lead(
        "2026-09-30T23:59:59.000000Z",
        "demo",
        "cases/bank-risk",
        "https://hub.example/cases/bank-risk/",
        "baidu",
        "cpc",
        "q3",
    ),
    lead(
        "2026-11-01T00:00:01.000000Z",
        "demo",
        "cases/bank-risk",
        "https://hub.example/cases/bank-risk/",
        "baidu",
        "cpc",
        "q4-risk",
    ),
)


# The monthly meeting's data, on top of LEADS: three months of UTM-tagged leads. October has 8
# (the whitepaper's 3 from the WeChat campaign among them), September 3, August 2.
MEETING_LEADS = (
    *(
        lead(
            f"2026-10-2{d}T02:00:00.000000Z",
            "whitepaper-download",
            "whitepapers/guide",
            "https://hub.example/whitepapers/guide/?utm_source=wechat",
            "wechat",
            "social",
            "wp-launch",
        )
        for d in (2, 3, 4)
    ),
    lead(
        "2026-10-05T09:00:00.000000Z",
        "demo",
        "cases/insurer",
        "https://hub.example/cases/insurer/",
        "linkedin",
        "social",
    ),
    lead(
        "2026-09-10T09:00:00.000000Z",
        "demo",
        "cases/insurer",
        "https://hub.example/cases/insurer/",
        "wechat",
        "social",
        "q3",
    ),
    lead(
        "2026-09-11T09:00:00.000000Z",
        "contact",
        "cases/insurer",
        "https://hub.example/cases/insurer/",
    ),
    lead(
        "2026-08-06T09:00:00.000000Z",
        "demo",
        "cases/insurer",
        "https://hub.example/cases/insurer/",
        "baidu",
        "cpc",
        "q3",
    ),
    lead(
        "2026-08-07T09:00:00.000000Z",
        "contact",
        "news/posts/award",
        "https://hub.example/news/award/",
        "baidu",
        "organic",
    ),
    lead(
        "2026-11-03T09:00:00.000000Z",
        "whitepaper-download",
        "whitepapers/guide",
        "https://hub.example/whitepapers/guide/",
        "wechat",
        "social",
        "wp-launch",
    ),
)

# GA4 Pages and screens with a Sessions column added (Customise report > Metrics), per month.
GA4_SESSIONS = {
    "2026-10": """\
# Start date: 20261001
# End date: 20261031
Page path and screen class,Views,Sessions,Active users
/cases/bank-risk/,500,300,250
/en/cases/bank-risk/,50,30,25
/whitepapers/guide/,200,120,100
/news/launch/,400,350,300
/cases/insurer/,60,50,40
/cases/old-hospital/,90,80,70
""",
    "2026-09": """\
# Start date: 20260901
# End date: 20260930
Page path and screen class,Views,Sessions,Active users
/cases/insurer/,100,80,70
/news/award/,50,40,30
""",
}


def fill_store(url: str, leads: tuple[NewLead, ...] = LEADS) -> str:
    """Create the lead store through its own migrations and store `leads` through its write API."""
    store = Store(url)
    try:
        store.migrate()
        for i, new in enumerate(leads):
            outcome = store.submit(f"test:{i}", i, 0, new, queue_outbox=False)
            assert outcome.status == "stored", outcome
    finally:
        store.close()
    return url


def make_report_hub(
    root: Path, config: dict[str, Any] | None = None, *, config_text: str | None = None
) -> Path:
    """The fixture hub (mkdocs.yml + content) and its lead store at var/leads.sqlite3: CONFIG with
    `config` merged into it as data, or `config_text` as mkdocs.yml (tests of its line numbers)."""
    write_hub(root, FILES, base=CONFIG, config=config)
    if config_text is not None:
        (root / "mkdocs.yml").write_text(config_text, encoding="utf-8")
    fill_store("sqlite:///" + str(root / "var" / "leads.sqlite3"))
    (root / "ga4.csv").write_text(GA4, encoding="utf-8")
    (root / "baidu.csv").write_bytes(BAIDU.encode("gb18030"))
    return root


def make_meeting_hub(root: Path) -> Path:
    """The fixture hub with three months of leads (LEADS + MEETING_LEADS) and GA4 exports with
    sessions for September and October (`ga4-2026-09.csv`, `ga4-2026-10.csv`)."""
    make_report_hub(root)
    (root / "var" / "leads.sqlite3").unlink()
    fill_store("sqlite:///" + str(root / "var" / "leads.sqlite3"), LEADS + MEETING_LEADS)
    for month, text in GA4_SESSIONS.items():
        (root / f"ga4-{month}.csv").write_text(text, encoding="utf-8")
    return root


def run_report(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`hubtool report` on the hub at `root` (run in it), today being TODAY, with `args`."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "hubtool.cli",
            "report",
            "--config-file",
            str(root / "mkdocs.yml"),
            "--today",
            TODAY,
            *args,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
    )


def report_text(root: Path, *args: str, fmt: str = "html", month: str = MONTH) -> str:
    """The report of `month` in `fmt`, printed (no history kept); the run must succeed."""
    done = run_report(root, "--month", month, "--format", fmt, "--no-history", *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def report_json(root: Path, *args: str, month: str = MONTH) -> dict[str, Any]:
    """The JSON report of `month` (no history kept); the run must succeed."""
    return cast(dict[str, Any], json.loads(report_text(root, *args, fmt="json", month=month)))


def report_file(root: Path, out: Path, *args: str) -> Path:
    """The HTML report of MONTH written to `out` with -o (no history kept)."""
    done = run_report(root, "--month", MONTH, "-o", str(out), "--no-history", *args)
    assert done.returncode == 0, done.stderr
    return out
