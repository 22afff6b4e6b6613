"""What a prospect does on the hub, in a real browser: find a case, switch language, ask for a demo,
get a whitepaper; and what they must never meet: lost leads, silent errors, third-party requests."""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import hubrun
import pytest
from hubrun import need

UTM = {"utm_source": "newsletter", "utm_medium": "email", "utm_campaign": "autumn-2026"}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def item_at(hub: hubrun.Hub, url_path: str):
    """The content item behind a site path and its translations (from the content model)."""
    from hubtool.config import load_config
    from hubtool.content.load import load_hub

    content = load_hub(load_config(hub.root / "mkdocs.yml"))
    item = content.by_url()[url_path]
    return item, {lang: other.url for lang, other in content.translations(item).items()}


def human_pause(since: float) -> None:
    """Wait out the receiver's time trap (min_fill_seconds) as a person filling in a form does."""
    left = hubrun.MIN_FILL_SECONDS + 0.3 - (time.monotonic() - since)
    if left > 0:
        time.sleep(left)


def fill_form(page, form_id: str, values: dict[str, str], consent: bool = True) -> None:
    form = page.locator(f"form[data-hub-form='{form_id}']")
    for name, value in values.items():
        form.locator(f"[name='{name}']").fill(value)
    if consent:
        form.locator("input[name='consent']").check()


def switch_language(page, lang: str) -> None:
    """Use the header's language selector as a person does: open it (hover), pick the language."""
    link = page.locator(f"header a.md-select__link[hreflang='{lang}']")
    page.locator("header .md-select").first.hover()
    with page.expect_navigation():
        link.click()


def test_find_a_case_by_industry_then_switch_language_and_back(hub, page):
    page.goto(hub.url("/"))
    # The primary navigation (the header tabs) leads to the case studies.
    need(hub, "cases-index:zh")
    cases_link = page.locator("nav.md-tabs a[href$='cases/']").first
    with page.expect_navigation():
        cases_link.click()
    assert urlsplit(page.url).path == hub.pages["cases-index:zh"]
    banking = page.locator("h2#banking")
    assert banking.is_visible(), "the cases index has no visible Banking group (h2#banking)"
    group = page.locator("xpath=//h2[@id='banking']/following-sibling::*[1]//a[@href]")
    assert group.count() >= 1, "the Banking group lists no case study"
    # Prefer a case that also exists in English, so the language switch lands on its translation.
    links = group.all()
    pick = links[0]
    for link in links:
        target = urlsplit(link.evaluate("a => a.href")).path
        if "en" in item_at(hub, target)[1]:
            pick = link
            break
    with page.expect_navigation():
        pick.click()
    path = urlsplit(page.url).path
    item, versions = item_at(hub, path)
    assert item.kind == "case"
    industry = (item.meta.get("customer") or {}).get("industry") or (
        item.meta.get("industries") or [""]
    )[0]
    assert industry == "banking", f"{path} is listed under Banking but its industry is {industry!r}"
    assert page.locator("h1").count() == 1 and page.locator("h1").inner_text().strip()
    assert page.locator("html").get_attribute("lang").startswith("zh")

    other = "en" if item.lang == "zh" else "zh"
    switch_language(page, other)
    expected = versions.get(other) or ("/en/" if other == "en" else "/")
    assert urlsplit(page.url).path == expected, "the selector does not link this page's translation"
    assert page.locator("html").get_attribute("lang").startswith(other)

    switch_language(page, item.lang)
    assert urlsplit(page.url).path == path
    assert page.locator("html").get_attribute("lang").startswith(item.lang)


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_demo_request_reaches_the_thank_you_page_and_the_database(hub, page, page_nojs, javascript):
    tab = page if javascript else page_nojs
    path = need(hub, "case:zh")
    query = "&".join(f"{k}={v}" for k, v in UTM.items())
    email = f"li.{'js' if javascript else 'nojs'}@bank.example.cn"
    tab.goto(hub.url(f"{path}?{query}#lead-form"))
    loaded = time.monotonic()
    assert tab.locator("form[data-hub-form='demo']").count() == 1, f"{path} shows no demo form"
    fill_form(
        tab,
        "demo",
        {"name": "李明", "email": email, "company": "华东联合银行", "role": "风险管理部总经理"},
    )
    human_pause(loaded)
    with tab.expect_navigation() as navigation:
        tab.locator("form[data-hub-form='demo'] button[type='submit']").click()
    assert navigation.value is not None and navigation.value.status == 200
    assert tab.url == hub.url("/thanks/"), f"after sending, the visitor is at {tab.url}"
    assert tab.locator("h1").count() == 1

    rows = hubrun.wait_for_lead(hub, email)
    assert len(rows) == 1, f"expected one stored lead for {email}, found {len(rows)}"
    lead = rows[0]
    assert lead["form_id"] == "demo" and lead["spam_reason"] == ""
    assert lead["page_url"] == hub.url(path)
    assert lead["content_id"] == item_at(hub, path)[0].key
    assert lead["consent_version"]
    if javascript:  # without a script the page cannot read its own query string (see report)
        assert {k: lead[k] for k in UTM} == UTM
        assert lead["submission_id"]


def test_empty_form_is_stopped_by_the_browser_with_the_first_field_focused(hub, page):
    path = need(hub, "case:zh")
    page.goto(hub.url(path))
    form = page.locator("form[data-hub-form='demo']")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    form.locator("button[type='submit']").click()
    page.wait_for_timeout(300)  # give a (wrong) submission the chance to leave
    assert not [u for u in requests if u.startswith(hub.leads)], "an empty form was sent"
    assert page.evaluate("document.activeElement && document.activeElement.name") == "name"
    invalid = form.locator(":invalid").evaluate_all("els => els.map(e => e.name).filter(Boolean)")
    assert {"name", "email", "company", "consent"} <= set(invalid)


def submit_without_browser_checks(page, form_id: str) -> None:
    """Send the form as a browser without constraint validation would (or a screen-reader user's
    browser that skips it): the receiver's own validation must then speak."""
    page.locator(f"form[data-hub-form='{form_id}']").evaluate("f => { f.noValidate = true; }")
    with page.expect_navigation():
        page.locator(f"form[data-hub-form='{form_id}'] button[type='submit']").click()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_failed_submission_announces_each_error_beside_its_field_and_keeps_values(hub, page, lang):
    path = need(hub, f"case:{lang}")
    page.goto(hub.url(path))
    loaded = time.monotonic()
    # Optional fields filled, required ones empty, one malformed email: all must come back.
    fill_form(
        page, "demo", {"email": "li@", "phone": "010 8888 6000", "role": "CTO"}, consent=False
    )
    human_pause(loaded)  # faster than a person is answered as a bot (looks accepted, is spam)
    responses = []
    page.on("response", lambda r: responses.append(r) if r.request.method == "POST" else None)
    submit_without_browser_checks(page, "demo")
    assert responses and responses[0].status == 422
    form = page.locator("form[data-hub-form='demo']")
    assert page.locator("html").get_attribute("lang").startswith(lang)

    summary = page.locator("[role='alert']")
    assert summary.count() == 1 and summary.is_visible()
    for name in ("name", "email", "company", "consent"):
        field = form.locator(f"[name='{name}']")
        assert field.get_attribute("aria-invalid") == "true", f"{name} not marked invalid"
        described = field.get_attribute("aria-describedby") or ""
        error = page.locator(f"#{described.split()[0]}") if described else None
        assert error is not None and error.is_visible() and error.inner_text().strip(), (
            f"{name}: no visible error message tied to the field by aria-describedby"
        )
        # "Next to its field": the message sits in the same field group as the input.
        same_group = error.evaluate(
            "(e, n) => e.closest('.hub-form__field') === "
            "e.closest('form').querySelector(`[name='${n}']`)"
            ".closest('.hub-form__field')",
            name,
        )
        assert same_group, f"{name}: the error is not beside its field"
        # The summary links each problem to its field.
        field_id = field.get_attribute("id")
        assert summary.locator(f"a[href='#{field_id}']").count() == 1, f"summary misses {name}"
    for name in ("phone", "role"):
        assert form.locator(f"[name='{name}']").get_attribute("aria-invalid") is None
    assert form.locator("[name='email']").input_value() == "li@"
    assert form.locator("[name='phone']").input_value() == "010 8888 6000"
    assert form.locator("[name='role']").input_value() == "CTO"
    assert form.locator("[name='page_url']").input_value() == hub.url(path)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_corrected_form_can_be_sent_from_the_error_page(hub, page, lang):
    """A prospect who made a mistake fixes it on the re-shown form (served by the receiver) and
    gets through: that form's own origin must be allowed to post."""
    path = need(hub, f"case:{lang}")
    page.goto(hub.url(path))
    loaded = time.monotonic()
    fill_form(page, "demo", {"email": "wang@"}, consent=False)
    human_pause(loaded)
    submit_without_browser_checks(page, "demo")
    assert page.locator("[aria-invalid='true']").count() >= 1
    email = f"correct.{lang}@insurer.example.com"
    loaded = time.monotonic()
    fill_form(page, "demo", {"name": "王芳", "email": email, "company": "安和保险"})
    human_pause(loaded)
    with page.expect_navigation() as navigation:
        page.locator("form[data-hub-form='demo'] button[type='submit']").click()
    assert page.url == hub.url("/thanks/" if lang == "zh" else "/en/thanks/"), (
        f"HTTP {navigation.value.status} at {page.url}: "
        + page.locator("main, body").first.inner_text()[:200]
    )
    lead = hubrun.wait_for_lead(hub, email)
    assert len(lead) == 1 and lead[0]["page_url"] == hub.url(path)


def test_gated_whitepaper_comes_by_a_signed_link_that_cannot_be_altered_or_used_late(hub, page):
    from hubtool.leads.signing import download_path

    path = need(hub, "whitepaper:zh")
    item, _ = item_at(hub, path)
    if item.meta.get("gated") is not True:
        pytest.fail("the demo whitepaper is not gated: the signed-link journey cannot be tested")
    asset = str(item.meta.get("file") or "")
    page.goto(hub.url(path + "?utm_source=wechat"))
    loaded = time.monotonic()
    assert page.locator(f"a[href$='{asset.rsplit('/', 1)[-1]}']").count() == 0, (
        "the public page links the gated file"
    )
    email = "zhao.lei@hospital.example.cn"
    fill_form(
        page,
        "whitepaper-download",
        {"name": "赵磊", "email": email, "company": "西江医科大学附属医院"},
    )
    human_pause(loaded)
    with page.expect_download() as downloading:
        page.locator("form[data-hub-form='whitepaper-download'] button[type='submit']").click()
    download = downloading.value
    body = Path(download.path()).read_bytes()
    assert body == (item.path.parent / asset).read_bytes(), "the file is not the whitepaper"
    assert download.url.startswith(hub.leads + "/download/")
    lead = hubrun.wait_for_lead(hub, email)
    assert len(lead) == 1
    assert lead[0]["content_id"] == item.key and lead[0]["utm_source"] == "wechat"

    # The same link with one character of the signature changed is refused.
    parts = urlsplit(download.url)
    sig = re.search(r"sig=([0-9a-f]+)", parts.query).group(1)
    altered = download.url.replace(f"sig={sig}", f"sig={sig[:-1]}{'0' if sig[-1] != '0' else '1'}")
    response = page.goto(altered)
    assert response.status == 403
    # So is a link to another language or file under the same signature.
    other = download.url.replace("lang=zh", "lang=en") if "lang=zh" in download.url else None
    if other:
        assert page.request.get(other).status == 403
    # And an authentic link whose time is up (signed with the receiver's own secret).
    expired = download_path(hub.secret, item.key, item.lang, int(time.time()) - 60)
    response = page.goto(hub.leads + expired)
    assert response.status == 403
    assert page.locator(f"a[href='{hub.url(path)}']").count() >= 1, (
        "the refusal page does not lead back to the whitepaper's page to ask again"
    )


@pytest.fixture(scope="module")
def page_loads(hub, browser) -> tuple[list[str], list[str]]:
    """Every page type loaded once, scrolled to the end so lazy images load too, until the network
    is idle: (every URL requested, every request that failed or answered >= 400)."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    seen: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.url}"))
    keys = (
        "landing:zh",
        "case:zh",
        "whitepaper:zh",
        "news-index:zh",
        "news-post:zh",
        "landing:en",
        "case:en",
        "news-post:en",
    )
    try:
        for key in keys:
            page.goto(hub.url(need(hub, key)), wait_until="networkidle")
            page.mouse.wheel(0, 20000)
            # Leaving while lazy images still load would abort them (not a fault of the site).
            page.wait_for_function("Array.from(document.images).every(i => i.complete)")
            page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return seen, failed


def test_no_request_leaves_loopback(page_loads):
    """The hub works without internet (and in China): no fonts, scripts or beacons from afar."""
    seen, _ = page_loads
    outside = sorted(
        {
            u
            for u in seen
            if urlsplit(u).scheme in ("http", "https", "ws", "wss")
            and urlsplit(u).hostname not in ("127.0.0.1", "localhost", "::1")
        }
    )
    assert seen and not outside, "requests to third-party hosts:\n" + "\n".join(outside)


def test_every_request_of_a_page_load_succeeds(page_loads):
    """No broken image, stylesheet or script: each would be a console error and a visible flaw."""
    _, failed = page_loads
    # Including mkdocs-material's language-switcher probes of `sitemap.xml` beside every
    # <link rel="alternate"> (404s, or the production host): main.html keeps them from being sent.
    assert not failed, "broken requests:\n" + "\n".join(failed)


def test_no_page_asks_for_a_sitemap_beside_its_alternates(page_loads):
    """The sitemap is for crawlers: a page load fetches none (they were 3-5 per page)."""
    seen, _ = page_loads
    probes = [u for u in seen if urlsplit(u).path.endswith("/sitemap.xml")]
    assert probes == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_screenshots_for_people_to_look_at(hub, browser, viewport):
    """Landing pages, a case study, a gated whitepaper, the cases index and a news post, phone and
    desktop, in tests/artifacts/."""
    hubrun.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport=viewport,
        device_scale_factor=1,
        is_mobile=viewport is PHONE,
        has_touch=viewport is PHONE,
    )
    tab = context.new_page()
    written = []
    try:
        for key in (
            "landing:zh",
            "landing:en",
            "case:zh",
            "whitepaper:zh",
            "cases-index:zh",
            "news-post:zh",
        ):
            response = tab.goto(hub.url(need(hub, key)))
            assert response.status == 200, f"{key} {hub.pages[key]}: HTTP {response.status}"
            # Full-page shots include the lazy images below the fold: load them first.
            tab.evaluate(
                "document.querySelectorAll('img[loading=lazy]')"
                ".forEach(i => { i.loading = 'eager'; })"
            )
            tab.wait_for_function("Array.from(document.images).every(i => i.complete)")
            # No horizontal scrolling on a phone: the page fits its width.
            overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{key} is {overflow}px wider than a {viewport['width']}px screen"
            name = f"{key.replace(':', '-')}-{viewport['width']}x{viewport['height']}.png"
            tab.screenshot(path=str(hubrun.SCREENSHOTS / name), full_page=True)
            written.append(name)
    finally:
        context.close()
    assert written
