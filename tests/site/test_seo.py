"""What search engines and link previews read from the built site: head, JSON-LD, sitemap, language."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hubfactory import build, make_hub

SITE = "https://www.xingheng.example/"
HOSTILE = "</script><script>alert(1)</script>"
ARTICLE_TYPES = {"case": "Article", "whitepaper": "Report", "news": "NewsArticle"}
ARTICLE_FIELDS = (
    "headline",
    "description",
    "datePublished",
    "dateModified",
    "author",
    "publisher",
    "image",
    "inLanguage",
)


@cache
def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every built HTML page by its absolute URL (the 404 page has no URL of its own)."""
    out = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        out[SITE + ("" if rel == "." else rel + "/")] = _soup(path)
    return out


def graph(soup: BeautifulSoup) -> list[dict]:
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1, f"{len(scripts)} JSON-LD scripts"
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return data["@graph"]


def node(nodes: list[dict], type_: str) -> dict:
    found = [n for n in nodes if n["@type"] == type_]
    assert len(found) == 1, f"{len(found)} {type_} nodes"
    return found[0]


def kind_of(url: str) -> str | None:
    """The content kind of a page by its URL (/cases/x/, /en/whitepapers/x/, /news/x/)."""
    match = re.match(rf"{re.escape(SITE)}(?:en/)?(cases|whitepapers|news)/([^/]+)/$", url)
    if not match or match.group(2) in ("archive", "category", "page"):
        return None
    return {"cases": "case", "whitepapers": "whitepaper", "news": "news"}[match.group(1)]


def hreflangs(soup: BeautifulSoup) -> dict[str, str]:
    return {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate", hreflang=True)
    }


def test_every_page_has_one_canonical_h1_description_and_json_ld(demo_site):
    problems = []
    for url, soup in pages(demo_site).items():
        canonicals = soup.find_all("link", rel="canonical")
        if [c["href"] for c in canonicals] != [url]:
            problems.append(f"{url}: canonical {[c['href'] for c in canonicals]}")
        h1s = soup.select(".md-content h1")
        if len(h1s) != 1:
            problems.append(f"{url}: {len(h1s)} H1")
        descriptions = soup.find_all("meta", attrs={"name": "description"})
        if len(descriptions) != 1 or not descriptions[0]["content"].strip():
            problems.append(f"{url}: description {descriptions}")
        nodes = graph(soup)
        for type_ in ("Organization", "WebSite", "WebPage", "BreadcrumbList"):
            node(nodes, type_)
        if not soup.title or not soup.title.string.strip():
            problems.append(f"{url}: no <title>")
    assert not problems, "\n".join(problems)


def test_content_pages_carry_structured_data_of_their_kind(demo_site):
    checked = 0
    for url, soup in pages(demo_site).items():
        kind = kind_of(url)
        if kind is None:
            continue
        checked += 1
        nodes = graph(soup)
        article = node(nodes, ARTICLE_TYPES[kind])
        missing = [f for f in ARTICLE_FIELDS if not article.get(f)]
        assert not missing, f"{url}: {article['@type']} lacks {missing}"
        org = node(nodes, "Organization")
        assert article["author"] == article["publisher"] == {"@id": org["@id"]}
        assert all(image.startswith("https://") for image in article["image"])
        assert article["headline"] == soup.find("meta", property="og:title")["content"]
        if kind == "case":
            assert article["about"]["@type"] == "Organization" and article["about"]["name"]
        if kind == "whitepaper":
            assert isinstance(article["isAccessibleForFree"], bool)
        webpage = node(nodes, "WebPage")
        assert webpage["url"] == url and webpage["mainEntity"] == {"@id": article["@id"]}
        crumbs = node(nodes, "BreadcrumbList")["itemListElement"]
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
        assert crumbs[-1]["item"] == url and len(crumbs) >= 2
        assert soup.find("meta", property="og:type")["content"] == "article"
    assert checked >= 3, "the demo should have case studies, whitepapers and news"


def test_organization_names_the_company_and_its_valid_certificates(demo_site):
    org = node(graph(_soup(demo_site / "cases/index.html")), "Organization")
    assert org["name"] == "星衡数据" and org["url"] == SITE
    assert org["logo"]["url"].startswith(SITE) and org["sameAs"]
    certs = {c["certificationIdentification"]: c for c in org["hasCertification"]}
    assert "00126IS0457R1M" in certs
    iso = certs["00126IS0457R1M"]
    assert iso["issuedBy"]["name"] and iso["expires"] == "2028-04-17"
    assert org["award"]


def test_hreflang_alternates_are_reciprocal_with_a_default(demo_site):
    site = pages(demo_site)
    translated = 0
    for url, soup in site.items():
        links = hreflangs(soup)
        if not links:
            continue
        assert links.get("x-default"), f"{url}: no x-default"
        versions = {lang: href for lang, href in links.items() if lang != "x-default"}
        assert url in versions.values(), f"{url}: does not list itself"
        for lang, href in versions.items():
            assert href in site, f"{url}: hreflang {lang} -> {href} is not a page"
            assert hreflangs(site[href]) == links, f"{href} does not link back to {url}"
        if len(versions) > 1:
            translated += 1
            assert links["x-default"] == versions["zh-CN"]
    assert translated >= 2


def test_english_pages_speak_english(demo_site):
    en = [(url, soup) for url, soup in pages(demo_site).items() if url.startswith(SITE + "en/")]
    assert en
    for url, soup in en:
        assert soup.html["lang"] == "en", url
        assert soup.find("meta", property="og:locale")["content"] == "en_US"
        assert "Xingheng Data" in soup.title.string, url  # the English company name
        assert soup.select_one(".md-search__input")["placeholder"] == "Search"
    zh = _soup(demo_site / "cases/index.html")
    assert zh.html["lang"] == "zh"
    assert zh.find("meta", property="og:locale")["content"] == "zh_CN"


def test_language_selector_links_the_page_translation(demo_site):
    soup = _soup(demo_site / "en/cases/index.html")
    links = {a["hreflang"]: a["href"] for a in soup.select(".md-select__link")}
    assert links == {"zh": "../../cases/", "en": "./"}
    tabs = [a.get_text(strip=True) for a in soup.select(".md-tabs__link")]
    assert "Case studies" in tabs
    active = soup.select_one(".md-tabs__item--active a")
    assert (active.get_text(strip=True), active["href"]) == ("Case studies", "./")


def test_sitemap_lists_pages_with_real_lastmod_and_robots_points_to_it(demo_site):
    tree = BeautifulSoup((demo_site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    entries = {u.find("loc").text: u.find("lastmod") for u in tree.find_all("url")}
    built = pages(demo_site)
    noindex = {
        url
        for url, soup in built.items()
        if "noindex" in (soup.find("meta", attrs={"name": "robots"}) or {}).get("content", "")
    }
    assert noindex, "the thank-you pages are noindex"
    assert set(built) - noindex <= set(entries)
    assert not noindex & set(entries), "a noindex page in the sitemap"
    for url in entries:
        if kind_of(url):
            assert entries[url] is not None, f"{url}: no lastmod"
            soup = _soup(demo_site / url.removeprefix(SITE) / "index.html")
            modified = node(graph(soup), ARTICLE_TYPES[kind_of(url)])["dateModified"]
            assert entries[url].text == modified
    robots = (demo_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}sitemap.xml" in robots.splitlines()


def test_pages_with_a_form_load_its_assets_and_label_every_field(demo_site):
    with_form = 0
    for url, soup in pages(demo_site).items():
        form = soup.select_one("#lead-form form")
        scripts = [s.get("src", "") for s in soup.find_all("script")]
        styles = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
        has_js = any(s.endswith("hub-form.js") for s in scripts)
        assert has_js == bool(form) == any(h.endswith("hub-form.css") for h in styles), url
        if not form:
            continue
        with_form += 1
        assert soup.find("script", src=re.compile(r"hub-form\.js$")).has_attr("defer")
        for field in form.find_all(["input", "textarea", "select"]):
            if field.get("type") in ("hidden", "submit"):
                continue
            assert form.find("label", attrs={"for": field["id"]}), f"{url}: {field} has no label"
        consent = form.find("input", type="checkbox", attrs={"name": re.compile("consent")})
        assert consent is not None and not consent.has_attr("checked")
        assert form.select_one(".hub-form__hp input")["tabindex"] == "-1"
        if kind_of(url) in ("case", "news", "whitepaper"):
            assert form.find_parent("article"), "the form follows the content"
    assert with_form >= 3


def test_legal_footer_names_company_and_filing_numbers(demo_site):
    soup = _soup(demo_site / "cases/index.html")
    footer = soup.select_one(".hub-footer")
    icp = footer.find("a", string=re.compile("ICP备"))
    assert icp["href"] == "https://beian.miit.gov.cn/"
    assert footer.find(string=re.compile("公网安备"))
    assert "北京星衡数据科技有限公司" in footer.get_text()
    en = _soup(demo_site / "en/cases/index.html").select_one(".hub-footer")
    assert "Beijing Xingheng Data Technology Co., Ltd." in en.get_text()
    assert en.find("a", string="Privacy notice")


# --- tiny sites --------------------------------------------------------------------------------

HOSTILE_CASE = f"""
---
title: "{HOSTILE}"
description: 'He said "hi" </script><script>alert(2)</script> & left'
date: 2026-05-12
industries: [banking]
customer: {{name: "<img src=x onerror=alert(3)>", industry: banking, tier: S, approved: true}}
---
正文，没有自己的一级标题。
"""


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory) -> Path:
    root = make_hub(
        tmp_path_factory.mktemp("tiny"),
        {
            "cases/evil.md": HOSTILE_CASE,
            "whitepapers/locked.md": """
            ---
            title: 隐私计算选型指南
            description: 隐私计算平台选型要看的十个问题，附评估清单。
            date: 2026-06-01
            gated: true
            file: files/locked.pdf
            ---
            # 隐私计算选型指南

            摘要：本白皮书回答选型时的十个问题。
            """,
            "whitepapers/files/locked.pdf": "%PDF-1.4 secret",
            "docs/thanks.md": "---\ntitle: 谢谢\nrobots: noindex\n---\n# 谢谢\n",
            "docs/pricing.md": "---\ntitle: 价格\ncta: https://calendar.example/xingheng\n---\n# 价格\n",
            "cases/draft.md": """
            ---
            title: 草稿案例
            description: 还没写完的案例。
            date: 2026-05-12
            status: draft
            customer: {name: 某银行}
            ---
            # 草稿案例
            """,
        },
    )
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def test_hostile_front_matter_renders_as_text(tiny_site):
    soup = _soup(tiny_site / "cases/evil/index.html")
    assert soup.title.string == f"{HOSTILE} - 星衡数据"
    assert soup.select_one("article h1").get_text() == HOSTILE
    assert soup.find("meta", attrs={"name": "description"})["content"].startswith('He said "hi"')
    raw = soup.find("script", type="application/ld+json").string
    assert "</script" not in raw and "<img" not in raw
    article = node(graph(soup), "Article")
    assert article["headline"] == HOSTILE and article["about"]["name"].startswith("<img")
    for script in soup.find_all("script"):
        assert "alert(" not in (script.string or "") or script["type"] == "application/ld+json"
    assert not soup.find("img", src="x")


def test_gated_whitepaper_shows_abstract_and_form_never_the_file(tiny_site):
    html = (tiny_site / "whitepapers/locked/index.html").read_text(encoding="utf-8")
    soup = _soup(tiny_site / "whitepapers/locked/index.html")
    assert "摘要" in soup.select_one("article").get_text()
    assert soup.select_one("#lead-form form")
    assert ".pdf" not in html and not (tiny_site / "whitepapers/files/locked.pdf").exists()
    assert node(graph(soup), "Report")["isAccessibleForFree"] is False


def test_drafts_appear_nowhere(tiny_site):
    assert not (tiny_site / "cases/draft").exists()
    for path in tiny_site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json", ".txt"):
            assert "草稿案例" not in path.read_text(encoding="utf-8"), path


def test_noindex_pages_stay_out_of_the_sitemap(tiny_site):
    thanks = _soup(tiny_site / "thanks/index.html")
    assert thanks.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    sitemap = (tiny_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{SITE}cases/evil/" in sitemap and f"{SITE}thanks/" not in sitemap
    missing = _soup(tiny_site / "404.html")
    assert missing.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert (
        missing.title.string == "找不到这个页面 - 星衡数据"
    )  # the 404 page speaks the site's language


def test_a_link_cta_is_a_button_without_form_assets(tiny_site):
    soup = _soup(tiny_site / "pricing/index.html")
    button = soup.select_one("#lead-form a.md-button")
    assert button["href"] == "https://calendar.example/xingheng"
    assert not soup.select_one("form.hub-form")
    assert not soup.find("script", src=re.compile(r"hub-form\.js$"))
