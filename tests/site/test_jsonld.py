"""JSON-LD of pages the hub does not know: the blog's archive and category pages.

hubtool.site.seo builds every page's JSON-LD; for these pages the theme asks the page language's
SiteGraph with the page's canonical URL and title. A search engine reads them as part of the
right language's website, with breadcrumbs from that language's home.
"""

from __future__ import annotations

import json
from pathlib import Path

from bs4 import BeautifulSoup

SITE = "https://www.xingheng.example/"


def _graph(page: Path) -> dict[str, dict]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    (script,) = soup.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


def test_archive_and_category_pages_belong_to_their_language_website(demo_site):
    pages = sorted(demo_site.glob("**/news/category/*/index.html"))
    pages += sorted(demo_site.glob("**/news/archive/*/index.html"))
    english = [p for p in pages if p.relative_to(demo_site).parts[0] == "en"]
    assert english and len(pages) > len(english), "the demo has news categories in both languages"
    for page in pages:
        url = SITE + page.parent.relative_to(demo_site).as_posix() + "/"
        home = SITE + ("en/" if page in english else "")
        nodes = _graph(page)
        assert set(nodes) == {"Organization", "WebSite", "WebPage", "BreadcrumbList"}, url
        webpage, website = nodes["WebPage"], nodes["WebSite"]
        assert webpage["url"] == url and webpage["@id"] == url + "#webpage"
        assert webpage["name"] and webpage["inLanguage"] == ("en" if page in english else "zh-CN")
        assert webpage["isPartOf"] == {"@id": website["@id"]} and website["url"] == home
        crumbs = nodes["BreadcrumbList"]["itemListElement"]
        assert [(c["position"], c["item"]) for c in crumbs] == [(1, home), (2, url)], url
        assert crumbs[0]["name"] == website["name"] and crumbs[1]["name"] == webpage["name"]
        assert webpage["breadcrumb"] == {"@id": nodes["BreadcrumbList"]["@id"]}
