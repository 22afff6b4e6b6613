"""What a buyer sees first, in a real browser at a laptop's and a phone's size: what the company
does and a way to ask for a demo within the first screen, proof beside it, contact on every page,
and nothing of the writers' internal guides."""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import hubrun
import pytest

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
PAGE_TYPES = (
    "landing:zh",
    "landing:en",
    "cases-index:zh",
    "case:zh",
    "case:en",
    "whitepaper:zh",
    "news-index:zh",
    "news-post:zh",
    "news-post:en",
)


@pytest.fixture(params=[DESKTOP, PHONE], ids=["desktop", "phone"])
def screen(request, browser):
    viewport = request.param
    context = browser.new_context(
        viewport=viewport,
        device_scale_factor=1,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab, viewport
    context.close()


def in_first_screen(locator, viewport: dict) -> bool:
    """Entirely visible without scrolling."""
    if not locator.is_visible():
        return False
    box = locator.bounding_box()
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= viewport["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= viewport["width"] + 1
    )


def leads_to_form(page, hub: hubrun.Hub, href: str) -> bool:
    """The link's target holds a lead form: an anchor on this page, or on the page it opens."""
    target = urljoin(page.url, href)
    fragment = urlsplit(target).fragment
    if not fragment:
        return False
    if target.split("#")[0] != page.url.split("#")[0]:
        other = page.context.new_page()
        try:
            other.goto(target)
            return other.locator(f"[id='{fragment}'] form.hub-form").count() == 1
        finally:
            other.close()
    return page.locator(f"[id='{fragment}'] form.hub-form").count() == 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_first_screen_says_what_for_whom_and_offers_a_demo(hub, screen, lang):
    page, viewport = screen
    page.goto(hub.url(hub.pages[f"landing:{lang}"]))
    assert page.locator("html").get_attribute("lang").startswith(lang)
    h1 = page.locator("h1")
    assert h1.count() == 1 and h1.inner_text().strip()
    assert in_first_screen(h1, viewport), f"the heading is not in the first {viewport} screen"
    assert in_first_screen(page.locator(".hub-hero__lead"), viewport)
    cta = page.locator(".hub-hero a[data-hub-cta='form']").first
    assert in_first_screen(cta, viewport), "no call to action in the first screen"
    assert leads_to_form(page, hub, cta.get_attribute("href")), (
        "the call to action leads to no form"
    )
    # The secondary action is the flagship whitepaper, in the page's language.
    secondary = page.locator(".hub-hero a.hub-hero__secondary")
    assert secondary.count() == 1
    path = urlsplit(urljoin(page.url, secondary.get_attribute("href"))).path
    assert path.startswith("/en/whitepapers/" if lang == "en" else "/whitepapers/")
    if viewport is DESKTOP:
        proof = page.locator(
            ".hub-proof__logos img, .hub-proof__logos .hub-badges__name, .hub-proof__cert"
        )
        shown = [i for i in range(proof.count()) if in_first_screen(proof.nth(i), viewport)]
        assert len(shown) >= 4, f"{len(shown)} customer logos or certificates in the first screen"
        figures = page.locator(".hub-figure")
        assert figures.count() >= 3 and in_first_screen(figures.first, viewport)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_landing_has_no_documentation_furniture(hub, page, lang):
    page.goto(hub.url(hub.pages[f"landing:{lang}"]))
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    assert page.locator(".md-nav__link .md-status").count() == 0  # no page-status icon
    # Cases by industry, news and a contact block with a form, all in the page's language.
    assert page.locator(".hub-case-card").count() >= 3
    assert page.locator(".hub-case-card__industry").first.inner_text().strip()
    assert page.locator(".hub-news-list li").count() >= 1
    assert page.locator(".hub-contact form.hub-form").count() == 1
    dates = page.locator(".hub-news-list time").all_inner_texts()
    assert dates and all(("年" in d) == (lang == "zh") for d in dates), dates


@pytest.mark.parametrize("key", PAGE_TYPES)
def test_every_page_type_has_the_header_call_to_action_and_contact_links(hub, page, key):
    page.goto(hub.url(hubrun.need(hub, key)))
    button = page.locator("header a.hub-header-cta")
    assert button.count() == 1 and button.is_visible() and button.inner_text().strip()
    assert in_first_screen(button, DESKTOP)
    assert leads_to_form(page, hub, button.get_attribute("href"))
    footer = page.locator("footer")
    assert footer.locator("a[href^='tel:+']").count() >= 1, "no tel: link in the footer"
    assert footer.locator("a[href^='mailto:']").count() >= 1, "no mailto: link in the footer"
    lang = "en" if key.endswith(":en") else "zh"
    assert page.locator("html").get_attribute("lang").startswith(lang)
    if lang == "en":  # no Chinese dates on English pages
        assert not [t for t in page.locator("time").all_inner_texts() if "年" in t]


def test_header_call_to_action_on_a_phone(hub, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for key in ("landing:zh", "case:en", "news-post:zh"):
            page.goto(hub.url(hubrun.need(hub, key)))
            button = page.locator("header a.hub-header-cta")
            assert in_first_screen(button, PHONE), key
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1
    finally:
        context.close()


def test_internal_guides_are_not_published(hub, page):
    sitemap = page.request.get(hub.url("/sitemap.xml")).text()
    assert "<loc>" in sitemap and "/guide/" not in sitemap
    index = json.loads(page.request.get(hub.url("/search/search_index.json")).text())
    assert index["docs"] and not [
        d["location"] for d in index["docs"] if d["location"].startswith("guide/")
    ]
    assert page.request.get(hub.url("/guide/writing/")).status == 404
    # and no public page links there
    for key in ("landing:zh", "landing:en"):
        page.goto(hub.url(hub.pages[key]))
        assert page.locator("a[href*='guide/']:not([href*='buyers-guide'])").count() == 0
    page.goto(hub.url("/about/"))
    assert page.locator("a[href*='guide/']:not([href*='buyers-guide'])").count() == 0


def test_thank_you_page_is_noindex_and_out_of_the_sitemap(hub, page):
    page.goto(hub.url("/thanks/"))
    assert page.locator("meta[name='robots']").get_attribute("content") == "noindex"
    assert "白皮书" not in page.locator("article").inner_text()
    sitemap = page.request.get(hub.url("/sitemap.xml")).text()
    assert "/thanks/" not in sitemap


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_landing_first_screen_screenshots(hub, browser, viewport):
    """The first screen of each landing page as a buyer sees it, in tests/artifacts/screenshots/."""
    hubrun.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport=viewport,
        device_scale_factor=1,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
    )
    tab = context.new_page()
    try:
        for lang in ("zh", "en"):
            tab.goto(hub.url(hub.pages[f"landing:{lang}"]), wait_until="networkidle")
            name = f"landing-{lang}-{viewport['width']}x{viewport['height']}-first-screen.png"
            tab.screenshot(path=str(hubrun.SCREENSHOTS / name))
    finally:
        context.close()


def test_page_url_names_the_page_the_visitor_is_on(hub, page):
    """Built for one origin, served from another (`make serve`, staging): the form's page_url, which
    the receiver's redirect after an error and its back link use, names the page actually open."""
    path = hub.pages["case:zh"]
    other = hub.site.replace("127.0.0.1", "localhost")
    page.goto(other + path)
    value = page.locator("form.hub-form input[name='page_url']").input_value()
    assert value == other + path
