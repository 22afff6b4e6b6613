"""Each language is a site of its own for the visitor: its "not found" page and its search speak
it and find only its pages (and never a thank-you page or a writer's guide)."""

from __future__ import annotations

import json
import time
from urllib.parse import urljoin, urlsplit

import hubrun
import pytest

NOT_FOUND = {
    "zh": ("/no-such-page/", "找不到这个页面", "/"),
    "en": ("/en/no-such-page/", "Page not found", "/en/"),
}
QUERY = {"zh": "隐私计算", "en": "privacy"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_not_found_page_speaks_the_pages_language(hub, page, lang):
    path, heading, home = NOT_FOUND[lang]
    response = page.goto(hub.url(path))
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("h1").inner_text().strip() == heading
    assert page.locator("meta[name='robots'][content='noindex']").count() == 1
    # ways on, in the same language: its home, and the header's call to action
    links = page.locator("article a").evaluate_all("as => as.map(a => a.pathname)")
    assert home in links and all(p.startswith(home) for p in links)
    assert page.locator("header a[data-hub-cta='header']").is_visible()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_loads_and_finds_only_the_pages_language(hub, page, lang):
    home = "/" if lang == "zh" else "/en/"
    fetched: list[str] = []
    page.on(
        "request",
        lambda r: (
            fetched.append(urlsplit(r.url).path) if r.url.endswith("search_index.json") else None
        ),
    )
    page.goto(hub.url(home))
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(QUERY[lang], delay=30)
    results = page.locator(".md-search-result__item a")
    # Keys typed before the worker has built its index are not searched again: type on as a
    # person does when nothing shows (the worker segments the Chinese text first).
    deadline = time.monotonic() + 30
    while results.count() == 0 and time.monotonic() < deadline:
        box.press("End")
        box.press_sequentially(" ", delay=30)
        box.press("Backspace")
        page.wait_for_timeout(500)
    assert results.count() > 0, f"no result for {QUERY[lang]!r}"
    paths = results.evaluate_all("as => as.map(a => a.pathname)")
    assert fetched == [home + "search/search_index.json"], fetched
    if lang == "en":
        assert all(p.startswith("/en/") for p in paths), paths
    else:
        assert not any(p.startswith("/en/") for p in paths), paths
    assert not any("/thanks/" in p or "/guide/" in p for p in paths), paths
    # the link a result gives is a page that exists
    # (opened by its address: a click can land while the results re-render, or on an anchor of the
    # page already open, which fires no load event)
    first = results.first.get_attribute("href") or ""
    opened = page.goto(urljoin(page.url, first))
    assert opened is not None and opened.ok, first
    assert page.locator("html").get_attribute("lang") == lang, first


def test_each_index_holds_one_language_and_no_noindex_page(hub):
    for path in ("search/search_index.json", "en/search/search_index.json"):
        docs = json.loads((hub.site_dir / path).read_text(encoding="utf-8"))["docs"]
        assert docs, f"{path} is empty"
        locations = [d["location"] for d in docs]
        assert not any(loc.startswith("en/") for loc in locations), path
        assert not any(loc.startswith(("thanks/", "guide/")) for loc in locations), path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_quote_credit_is_punctuated_for_the_language_and_set_upright(hub, page, lang):
    from test_journeys import item_at, need

    path = need(hub, f"case:{lang}")
    item, _ = item_at(hub, path)
    quote = item.meta.get("quote") or {}
    if not (quote.get("author") and quote.get("role")):
        hubrun.fail(f"the demo's case study {path} has no quote credit with author and role")
    page.goto(hub.url(path))
    credit = page.locator("figure.hub-quote figcaption")
    text = credit.inner_text().strip()
    if lang == "zh":
        assert text == f"——{quote['author']}，{quote['role']}"
    else:
        assert text == f"— {quote['author']}, {quote['role']}"
    assert credit.evaluate("e => getComputedStyle(e).fontStyle") == "normal"
    assert (
        page.locator("figure.hub-quote blockquote").evaluate("e => getComputedStyle(e).fontStyle")
        == "normal"
    )
