"""Test sites as data: one clean site that passes every rule, and one failing site per rule."""

from __future__ import annotations

import json

import opencc

# Original filler prose (never copied from a peer tool's fixtures), long enough for word counts.
ZH = (
    "企业在跨机构合作中经常遇到数据不能出域的问题。传统做法是把数据集中到一处再分析，"
    "但这会带来合规和安全风险。新的方案让各方数据留在本地，只交换加密后的中间结果。"
    "项目团队先梳理业务目标，再确定参与方和数据字段。上线之后，模型效果稳定提升，"
    "审批时间也明显缩短。客户的技术团队参与了每一个阶段的评审和验收。我们建议从一个边界"
    "清晰的小场景开始试点，再逐步推广到更多业务线。整个过程都有审计日志，监管检查时可以随时调阅。"
)
EN = (
    "Companies that work with partners often find that their data may not leave the building. "
    "The usual answer is to copy everything into one place and analyse it there, which brings "
    "compliance and security risks. The new approach keeps every party's records at home and "
    "exchanges only encrypted intermediate results. The project team first agreed on the "
    "business goal, then on the parties and the fields involved. After the launch the model "
    "improved steadily and approvals took weeks instead of months. The customer's engineers "
    "reviewed and accepted every stage of the work. We suggest starting with a small, "
    "well-bounded pilot and extending it to other lines of business later. "
)


def jsonld(kind: str = "WebPage", **fields) -> str:
    data = {"@context": "https://schema.org", "@type": kind, "name": "测试", **fields}
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def page(front: str, body: str) -> str:
    return f"---\n{front.strip()}\n---\n{body.lstrip()}"


T2S = opencc.OpenCC("s2t")

GOOD: dict[str, str] = {
    "docs/index.md": page(
        """
title: 星衡测试站点首页：数据协作方案
description: 星衡测试站点介绍跨机构数据协作的做法，帮助企业在数据不出域的前提下完成联合分析与建模。
hreflang: {zh: /, en: /en/}
""",
        f"""
{jsonld()}

{ZH}

## 方案与实践

{ZH}

阅读[隐私计算实践指南](privacy-computing.md)、[聯邦學習導讀](tw.md)和[英文版首页](en/index.md)，
或查看[Ferrers 图的说明](privacy-computing.md#ferrers-%E5%9B%BE)。

## 如何开始

{ZH}
""",
    ),
    "docs/en/index.md": page(
        """
title: Xingheng test site for data collaboration
description: Data collaboration explained - how companies analyse data with partners while every record stays at home.
hreflang: {zh: /, en: /en/}
keyword: data collaboration
""",
        f"""
{jsonld()}

Data collaboration lets partners learn from each other's records. {EN}

## Why data collaboration needs new tools

{EN}

Read the [Chinese home page](../index.md) for local cases.

## Getting started

{EN} Data collaboration starts with one pilot.
""",
    ),
    "docs/privacy-computing.md": page(
        """
title: 隐私计算实践指南：从试点到推广
description: 隐私计算让多家机构在数据不出域的情况下联合建模，本文说明试点的步骤、角色分工和验收方法。
keyword: 隐私计算
""",
        f"""
{jsonld("Article", headline="隐私计算实践指南", datePublished="2026-10-01")}

隐私计算让数据可用不可见。{ZH}

## 隐私计算的试点步骤

{ZH}隐私计算的试点通常需要两到三个月。

## Ferrers 图 {{#ferrers-图}}

{ZH}

## 验收

{ZH}回到[星衡测试站点首页](index.md)。
""",
    ),
    "docs/tw.md": page(
        """
title: 聯邦學習導讀：多家醫院的聯合研究
description: 聯邦學習讓多家醫院在病歷不離開醫院的前提下共同訓練模型，本文介紹做法、成效與注意事項。
keyword: 联邦学习
""",
        T2S.convert(f"""
{jsonld()}

联邦学习让医院共同训练模型。{ZH}

## 联邦学习的做法

{ZH}

## 成效

{ZH}回到[星衡测试站点首页](index.md)。
"""),
    ),
    # A published case that is not built (no hub hook here): source rules still see it.
    "cases/bank-risk.md": page(
        """
title: 某城商行用隐私计算完成联合风控建模
description: 某城商行借助隐私计算与三家合作方联合建模，坏账率下降，数据始终不出域。
date: 2026-10-01
keyword: 隐私计算 联合风控
customer: {name: 某城商行}
""",
        "正文。\n",
    ),
}

SHORT = "# 标题\n\n一段文字。\n"
TITLE = "title: 一个足够长的测试页面标题"
DESC = "description: 这是一段长度合适的页面描述，说明这个页面讲了什么内容，以及读者能从中得到什么帮助。"

# rule -> (files, expected [(rule, path, line)]). Lines count from 1 in the source file.
FAILING: dict[str, tuple[dict[str, str], list[tuple[str, str, int]]]] = {
    "KW001": (
        {
            "docs/index.md": SHORT,
            "cases/x.md": page(
                "title: 一个案例\ndescription: 描述\ndate: 2026-10-01\ncustomer: {name: 客户}",
                "正文\n",
            ),
        },
        [("KW001", "cases/x.md", 2)],
    ),
    "KW002": (
        {"docs/index.md": page("title: 联合风控建模实践\nkeyword: 隐私计算", "隐私计算。\n")},
        [("KW002", "docs/index.md", 2)],
    ),
    "KW003": (
        {
            "docs/index.md": page(
                "title: 隐私计算\nkeyword: 隐私计算\ndescription: 联合建模", "隐私计算。\n"
            )
        },
        [("KW003", "docs/index.md", 4)],
    ),
    "KW004": (
        {
            "docs/index.md": page(
                "title: 隐私计算\nkeyword: 隐私计算",
                "# 隐私计算\n\n2025 年，该行启动了新项目。\n\n## 隐私计算\n",
            )
        },
        [("KW004", "docs/index.md", 7)],
    ),
    "KW005": (
        {
            "docs/index.md": page(
                "title: 隐私计算\nkeyword: 隐私计算", "隐私计算，隐私计算，隱私計算。\n"
            )
        },
        [("KW005", "docs/index.md", 3)],
    ),
    "KW006": (
        {
            "docs/index.md": page("title: 首页\nkeyword: 隐私计算", "正文\n"),
            "docs/other.md": page("title: 另一页\n\nkeyword: 隱私計算", "正文\n"),
            "docs/en/index.md": page("title: Home\nkeyword: privacy computing", "Body\n"),
            "docs/en/other.md": page("title: Other\nkeyword: Privacy Computing ", "Body\n"),
        },
        [
            ("KW006", "docs/en/index.md", 3),
            ("KW006", "docs/en/other.md", 3),
            ("KW006", "docs/index.md", 3),
            ("KW006", "docs/other.md", 4),
        ],
    ),
    "KW007": (
        {
            "docs/index.md": page(
                "title: 隐私计算\nkeyword: 隐私计算",
                "隐私计算。\n\n## 背景\n\n文字。\n\n### 方案\n",
            )
        },
        [("KW007", "docs/index.md", 7)],
    ),
    # Over 26 字 (an ordinary page's short title is fine: the minimum is for cases, news…).
    "TEC001": (
        {"docs/index.md": page("title: " + "隐私计算平台联合建模" * 3, "文字。\n")},
        [("TEC001", "docs/index.md", 2)],
    ),
    "TEC002": (
        {
            "docs/index.md": page(f"{TITLE}\ndescription: 太短", "文字。\n"),
            "docs/other.md": page(TITLE + "二", "文字。\n"),
        },
        [("TEC002", "docs/index.md", 3), ("TEC002", "docs/other.md", 2)],
    ),
    "TEC003": (
        {"docs/index.md": page(TITLE, "文字。\n"), "docs/other.md": page(TITLE, "文字。\n")},
        [("TEC003", "docs/index.md", 2), ("TEC003", "docs/other.md", 2)],
    ),
    "TEC004": (
        {
            "docs/index.md": page(f"{TITLE}\n{DESC}", "文字。\n"),
            "docs/other.md": page(f"{TITLE}二\n\n{DESC}", "文字。\n"),
        },
        [("TEC004", "docs/index.md", 3), ("TEC004", "docs/other.md", 4)],
    ),
    "TEC005": (
        {"docs/index.md": page(TITLE, "# 第一\n\n文字。\n\n# 第二\n")},
        [("TEC005", "docs/index.md", 4)],
    ),
    "TEC006": (
        {
            # no alt attribute, and empty alt on a content image; a decorative one is marked
            "docs/index.md": page(
                TITLE,
                'Text.\n\n<img src="arch.png">\n\n'
                "![](deco.png){role=presentation}\n\n![](chart.png)\n",
            ),
            "docs/arch.png": "",
            "docs/deco.png": "",
            "docs/chart.png": "",
        },
        [("TEC006", "docs/index.md", 6), ("TEC006", "docs/index.md", 10)],
    ),
    "TEC007": (
        {
            "docs/index.md": page(
                TITLE,
                "文字。\n\n[坏链接](missing.md)\n\n"
                "[锚点](other.md#ferrers-%E5%9B%BE)\n\n"
                "[好锚点](other.md#ok)\n",
            ),
            "docs/other.md": "# Other\n\n## OK {#ok}\n\n## 图 {#ferrers-x}\n",
        },
        [("TEC007", "docs/index.md", 6), ("TEC007", "docs/index.md", 8)],
    ),
    "TEC009": (
        {
            "docs/index.md": page(
                TITLE,
                '<script type="application/ld+json">{"@type": "WebPage",}</script>\n\n文字。\n',
            ),
            # No JSON-LD at all: not asked of a plain MkDocs site (tests/audit/test_adoption.py).
            "docs/other.md": page(TITLE + "二", "文字。\n"),
            "docs/news.md": page(TITLE + "三", jsonld("NewsArticle") + "\n\n文字。\n"),
        },
        [("TEC009", "docs/index.md", 1)],
    ),
    "TEC010": (
        {"docs/index.md": page(TITLE, "文字。\n"), "docs/lonely.md": page(TITLE, "文字。\n")},
        [("TEC010", "docs/lonely.md", 1)],
    ),
    "TEC011": (
        {
            "docs/index.md": page(TITLE, "文字。\n"),
            "docs/x.md": page(f"{TITLE}\nhreflang: {{zh: /x/, en: /en/x/}}", "文字。\n"),
            "docs/y.md": page(f"{TITLE}\nhreflang: {{en: /en/y/}}", "文字。\n"),
            "docs/en/x.md": page("title: X in English", "Text.\n"),
        },
        [("TEC011", "docs/x.md", 1), ("TEC011", "docs/y.md", 1)],
    ),
    "TEC012": (
        {
            "docs/index.md": page(
                TITLE,
                "文字。\n\n详情请[点击这里](other.md)。\n\n"
                "也可以看[這裡](other.md)或 [Read more »](other.md)。\n",
            ),
            "docs/other.md": "# Other\n",
        },
        [
            ("TEC012", "docs/index.md", 6),
            ("TEC012", "docs/index.md", 8),
            ("TEC012", "docs/index.md", 8),
        ],
    ),
    "TEC013": (
        {"docs/index.md": page(f"{TITLE}\nrobots: noindex, follow", "文字。\n")},
        [("TEC013", "docs/index.md", 3)],
    ),
    "TEC014": (
        {"docs/index.md": page(TITLE, "製造企業採用隱私計算平台。\n")},
        [("TEC014", "docs/index.md", 1)],
    ),
    # With max_page_bytes: 1000 (test_rules.CONFIGS): every built page is larger, none is read.
    "TEC015": (
        {"docs/index.md": page(TITLE, "文字。\n")},
        [("TEC015", "docs/index.md", 1), ("TEC015", None, None)],
    ),
}
# TEC008 needs a config without site_url (then MkDocs writes no canonical URL: one finding, at
# mkdocs.yml); TEC010 a nav that leaves a page out (MkDocs' automatic nav links every page).
FAILING["TEC008"] = ({"docs/index.md": page(TITLE, "文字。\n")}, [("TEC008", "mkdocs.yml", 1)])
# TEC016: a body image whose file is missing (source rule, line and column in the Markdown).
FAILING["TEC016"] = (
    {"docs/index.md": page(TITLE, "文字。\n\n![联合建模流程](images/flow.svg)\n")},
    [("TEC016", "docs/index.md", 6)],
)
# TEC017: a gated whitepaper's file copied into the public docs/ folder under another name.
FAILING["TEC017"] = (
    {
        "docs/index.md": page(TITLE, "文字。\n"),
        "whitepapers/guide.md": page(
            "title: 隐私计算选型指南\ngated: true\nform: whitepaper-download\nfile: files/guide.pdf",
            "# 隐私计算选型指南\n",
        ),
        "whitepapers/files/guide.pdf": "%PDF-1.4 gated",
        "docs/assets/guide-v2.pdf": "%PDF-1.4 gated",
    },
    [("TEC017", "whitepapers/guide.md", 5)],
)
