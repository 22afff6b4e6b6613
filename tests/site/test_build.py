"""The hub's build: cases and whitepapers published at their URLs, languages, drafts, validation, feeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hubfactory import build, make_hub

CASE = """
---
title: 华东联合银行联合风控
description: 华东联合银行用隐私计算联合建模，坏账率下降 35%。
date: 2026-05-12
keyword: 联合风控
audience: [decision-maker]
stage: decision
industries: [banking]
customer: {name: 华东联合银行, industry: banking, tier: S, approved: true}
results: [{value: 35%, label: 坏账率下降}]
---
# 华东联合银行联合风控

正文。阅读[白皮书](../whitepapers/open-paper.md)。
"""

CASE_EN = """
---
title: East China United Bank joint risk model
description: East China United Bank cut bad debt by 35% with privacy-preserving joint modelling.
date: 2026-05-12
industries: [banking]
customer: {name: East China United Bank, industry: banking, tier: S, approved: true}
results: [{value: 35%, label: lower bad-debt rate}]
---
# East China United Bank

Body. Read [the whitepaper](../whitepapers/open-paper.en.md).
"""

PAPER = """
---
title: {title}
description: 白皮书描述
date: 2026-06-01
gated: {gated}
file: files/{name}.pdf
---
# {title}

摘要。
"""

POST = """
---
title: {title}
description: 新闻描述
date: {date}
categories: [product]
---
# {title}

新闻正文。
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_hub(
        tmp_path_factory.mktemp("hub"),
        {
            "cases/bank-risk.md": CASE,
            "cases/bank-risk.en.md": CASE_EN,
            "cases/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/>",
            "cases/secret-draft.md": CASE.replace(
                "stage: decision", "stage: decision\nstatus: draft"
            ),
            "cases/in-review.md": CASE.replace(
                "stage: decision", "stage: decision\nstatus: review"
            ),
            "whitepapers/open-paper.md": PAPER.format(
                title="公开白皮书", gated="false", name="open"
            ),
            "whitepapers/open-paper.en.md": PAPER.format(
                title="Open paper", gated="false", name="open"
            ),
            "whitepapers/gated-paper.md": PAPER.format(
                title="留资白皮书", gated="true", name="gated"
            ),
            "whitepapers/files/open.pdf": "%PDF-1.4 open",
            "whitepapers/files/gated.pdf": "%PDF-1.4 gated",
            "docs/news/posts/launch.md": POST.format(title="星衡平台 5.0 发布", date="2026-11-01"),
            "docs/news/posts/launch.en.md": POST.format(
                title="Platform 5.0 launch", date="2026-11-01"
            ),
            "docs/news/posts/partner.md": POST.format(title="星衡与某医院合作", date="2026-10-01"),
        },
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup(
        (site / url.strip("/") / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


def test_cases_and_whitepapers_are_published_at_their_urls(site):
    assert html(site, "/cases/bank-risk/").h1.get_text(strip=True) == "华东联合银行联合风控"
    assert html(site, "/whitepapers/open-paper/").h1.get_text(strip=True) == "公开白皮书"
    assert (site / "cases/logo.svg").exists()  # images beside a case are published with it


def test_english_versions_live_under_en_and_link_english_pages(site):
    page = html(site, "/en/cases/bank-risk/")
    assert page.h1.get_text(strip=True) == "East China United Bank"
    link = page.find("a", string="the whitepaper")
    assert (
        link["href"] == "../../whitepapers/open-paper/"
    )  # the English whitepaper, not the Chinese one
    assert html(site, "/en/news/launch/").h1.get_text(strip=True) == "Platform 5.0 launch"


def test_drafts_and_reviews_are_not_built_anywhere(site):
    assert not (site / "cases/secret-draft").exists()
    assert not (site / "cases/in-review").exists()
    everything = "".join(
        p.read_text(encoding="utf-8", errors="ignore")
        for p in site.rglob("*")
        if p.suffix in (".html", ".xml", ".json")
    )
    assert "secret-draft" not in everything and "in-review" not in everything


def test_gated_files_are_not_copied_but_open_ones_are(site):
    assert (site / "whitepapers/files/open.pdf").exists()
    assert not (site / "whitepapers/files/gated.pdf").exists()


def test_cases_index_groups_by_industry(site):
    page = html(site, "/cases/")
    heading = page.find("h2", id="banking")
    assert heading is not None and heading.get_text(strip=True) == "银行"
    assert page.find("a", href="bank-risk/") is not None


def test_news_posts_have_stable_urls_and_the_feed_lists_them(site):
    assert html(site, "/news/launch/").h1.get_text(strip=True) == "星衡平台 5.0 发布"
    feed = (site / "feed_rss_created.xml").read_text(encoding="utf-8")
    assert "星衡平台 5.0 发布" in feed and "星衡与某医院合作" in feed
    assert "https://www.xingheng.example/news/launch/" in feed
    # Each language has its own feed: English subscribers get the English posts only.
    assert "Platform 5.0 launch" not in feed
    english = (site / "en/feed_rss_created.xml").read_text(encoding="utf-8")
    assert "https://www.xingheng.example/en/news/launch/" in english
    assert "星衡平台 5.0 发布" not in english and "<language>en</language>" in english


def test_news_categories_are_named_in_the_page_language(site):
    assert html(site, "/news/category/product/").h1.get_text(strip=True) == "产品动态"
    post = html(site, "/news/launch/")
    assert post.find("a", href="../category/product/").get_text(strip=True) == "产品动态"
    assert html(site, "/en/news/category/product/").h1.get_text(strip=True) == "Product"


def test_invalid_front_matter_stops_the_build_naming_file_line_and_field(tmp_path):
    root = make_hub(tmp_path, {"cases/broken.md": CASE.replace("stage: decision", "stage: decide")})
    result = build(root)
    assert result.returncode != 0
    assert (  # in the writers' language, as `hubtool check` says it (a zh hub)
        "cases/broken.md:7: stage: 'decide' 不是 awareness, consideration, decision, retention 之一"
        in result.stderr
    )


def test_broken_yaml_stops_the_build_with_its_line(tmp_path):
    root = make_hub(tmp_path, {"docs/news/posts/bad.md": "---\ntitle: x\ndate: [2026\n---\n# x\n"})
    result = build(root)
    assert result.returncode != 0
    assert (
        "docs/news/posts/bad.md:3: YAML 语法错误：方括号列表没有闭合" in result.stderr
    )  # its line


def test_an_invalid_draft_does_not_block_publishing(tmp_path):
    root = make_hub(tmp_path, {"cases/wip.md": "---\nstatus: draft\ntitle: [unclosed\n---\n# x\n"})
    assert build(root).returncode == 0


def _case_page_size(root: Path, cases: int) -> int:
    files = {
        f"cases/c{i}.md": CASE.replace("华东联合银行联合风控", f"案例{i}").replace(
            "name: 华东联合银行", f"name: 客户{i:03d}"
        )
        for i in range(cases)
    }
    make_hub(root, files)
    assert build(root).returncode == 0
    return (root / "site/cases/c0/index.html").stat().st_size


def test_page_size_stays_flat_as_the_hub_grows(tmp_path):
    # Navigation lists sections, not items: a page must not carry every other page's link.
    small, large = _case_page_size(tmp_path / "small", 14), _case_page_size(tmp_path / "large", 40)
    assert abs(large - small) < 200, (small, large)
