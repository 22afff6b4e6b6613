"""Every lead flow ends in a visible confirmation, with and without JavaScript, in both languages:
a gated whitepaper confirms and hands out its link (in place, or on the receiver's page in the
site's chrome), a demo or contact request lands on the thank-you page, a refused post shows the
site's header and footer and leads back to the page the visitor is on; no form without a purpose;
the browser's validation bubbles speak the page's language."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import urlsplit

import hubrun
import pytest
from test_journeys import fill_form, human_pause, item_at, need, submit_without_browser_checks

SUCCESS = {"zh": "谢谢！下载即将开始。", "en": "Thank you! Your download starts now."}
THANKS = {"zh": "/thanks/", "en": "/en/thanks/"}
JS = pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
LANGS = pytest.mark.parametrize("lang", ["zh", "en"])
done_pages: list[str] = []  # the receiver's confirmation pages the no-JS flows reached


@pytest.fixture
def tab(request, page, page_nojs):
    """The JS-on or JS-off page, by the test's `javascript` parameter."""
    return page if request.node.callspec.params.get("javascript", True) else page_nojs


def gated_page(hub: hubrun.Hub, lang: str) -> tuple[str, object]:
    path = need(hub, f"whitepaper:{lang}")
    item, _ = item_at(hub, path)
    if item.meta.get("gated") is not True:
        hubrun.fail(f"the demo content has no gated whitepaper in {lang} ({path} is not gated)")
    return path, item


def request_whitepaper(tab, email: str):
    """Fill in and send the whitepaper form of the page in `tab` as a person does; the download
    it starts."""
    loaded = time.monotonic()
    fill_form(tab, "whitepaper-download", {"name": "赵磊", "email": email, "company": "西江医院"})
    human_pause(loaded)
    with tab.expect_download(timeout=15_000) as downloading:
        tab.locator("form[data-hub-form='whitepaper-download'] button[type='submit']").click()
    return downloading.value


def assert_site_chrome(hub: hubrun.Hub, page, lang: str) -> None:
    """The receiver's page wears the site's header (logo and name linking home, the header call
    to action) and footer (tel:, mailto:), in the page's language."""
    home = hub.url("/" if lang == "zh" else "/en/")
    assert page.locator("html").get_attribute("lang") == lang
    brand = page.locator(f"header a[href='{home}']")
    assert brand.count() == 1 and brand.is_visible(), "no site header linking home"
    assert brand.locator("img").count() == 1, "the header shows no logo"
    assert page.locator("header a[data-hub-cta='header']").is_visible()
    assert page.locator("footer a[href^='tel:']").is_visible()
    assert page.locator("footer a[href^='mailto:']").is_visible()


@JS
@LANGS
def test_gated_whitepaper_confirms_and_hands_out_the_link(hub, tab, javascript, lang):
    path, item = gated_page(hub, lang)
    tab.goto(hub.url(path))
    heading = tab.locator("h1").inner_text().strip()
    email = f"wp.{lang}.{'js' if javascript else 'nojs'}@hospital.example.cn"
    download = request_whitepaper(tab, email)
    asset = item.path.parent / str(item.meta["file"])
    assert Path(download.path()).read_bytes() == asset.read_bytes()
    status = tab.locator("[role='status']")
    assert status.is_visible(), "no visible confirmation after the download started"
    assert SUCCESS[lang] in status.inner_text()
    link = status.locator("a[data-hub-download]")
    assert link.is_visible() and link.get_attribute("href").startswith(hub.leads + "/download/")
    # it names the whitepaper (the page's heading in place, its title on the receiver's page)
    assert (heading if javascript else item.title) in link.inner_text()
    if javascript:  # confirmed in place: same page, the filled-in form gone
        assert urlsplit(tab.url).path == path
        assert not tab.locator("form[data-hub-form='whitepaper-download']").is_visible()
    else:  # the receiver's thank-you page, in the site's chrome, back to the whitepaper
        assert tab.url.startswith(hub.leads + "/forms/whitepaper-download/done/")
        assert tab.locator("meta[name='robots'][content='noindex']").count() == 1
        assert_site_chrome(hub, tab, lang)
        assert tab.locator(f"main a[href='{hub.url(path)}']").count() == 1
        done_pages.append(tab.url)
    rows = hubrun.wait_for_lead(hub, email)
    assert len(rows) == 1 and rows[0]["content_id"] == item.key


@JS
@LANGS
def test_contact_request_lands_on_the_thank_you_page_of_its_language(hub, tab, javascript, lang):
    path = "/about/" if lang == "zh" else "/en/about/"
    response = tab.goto(hub.url(path))
    assert response.status == 200, f"the demo's {path}: HTTP {response.status}"
    forms = tab.locator("form[data-hub-form='contact']").count()
    assert forms == 1, f"the demo's {path} shows {forms} contact forms, not one"
    loaded = time.monotonic()
    email = f"contact.{lang}.{'js' if javascript else 'nojs'}@insurer.example.com"
    fill_form(tab, "contact", {"name": "Wang", "email": email, "company": "Anhe"})
    human_pause(loaded)
    with tab.expect_navigation():
        tab.locator("form[data-hub-form='contact'] button[type='submit']").click()
    assert tab.url == hub.url(THANKS[lang])
    assert tab.locator("html").get_attribute("lang").startswith(lang)
    heading = tab.locator("h1")
    assert heading.count() == 1 and heading.is_visible() and heading.inner_text().strip()
    assert tab.locator("meta[name='robots'][content*='noindex']").count() == 1
    assert "白皮书" not in tab.locator("article").inner_text()  # no talk of downloads
    assert len(hubrun.wait_for_lead(hub, email)) == 1


@LANGS
def test_without_javascript_an_error_page_wears_the_site_and_leads_back(hub, page_nojs, lang):
    page = page_nojs
    path = need(hub, f"case:{lang}")
    page.goto(hub.url(path))
    loaded = time.monotonic()
    fill_form(page, "demo", {"email": "zhou@"}, consent=False)
    human_pause(loaded)
    submit_without_browser_checks(page, "demo")
    assert page.url.startswith(hub.leads + "/forms/demo")
    assert page.locator("[role='alert']").is_visible()
    assert_site_chrome(hub, page, lang)
    back = page.locator("main a", has_text="返回原页面" if lang == "zh" else "Back to the page")
    assert back.get_attribute("href") == hub.url(path)
    email = f"fixed.nojs.{lang}@bank.example.cn"
    loaded = time.monotonic()
    fill_form(page, "demo", {"name": "周", "email": email, "company": "华东银行"})
    human_pause(loaded)
    with page.expect_navigation():
        page.locator("form[data-hub-form='demo'] button[type='submit']").click()
    assert page.url == hub.url("/thanks/" if lang == "zh" else "/en/thanks/")
    assert page.locator("h1").is_visible()
    assert hubrun.wait_for_lead(hub, email)[0]["page_url"] == hub.url(path)


def test_the_whitepapers_index_has_no_download_form_without_a_paper(hub, page):
    for path in ("/whitepapers/", "/en/whitepapers/"):
        response = page.goto(hub.url(path))
        assert response.status == 200
        assert page.locator("form[data-hub-form='whitepaper-download']").count() == 0, path
        # what it offers instead leads somewhere: a form with a purpose, or none
        assert page.locator("form.hub-form").count() <= 1


@LANGS
def test_validation_bubbles_speak_the_pages_language(hub, page, lang):
    path = need(hub, f"case:{lang}")
    page.goto(hub.url(path))
    form = page.locator("form[data-hub-form='demo']")
    form.locator("[name='email']").fill("li@")
    form.locator("button[type='submit']").click()
    name = form.locator("[name='name']").evaluate("e => e.validationMessage")
    email = form.locator("[name='email']").evaluate(
        "e => { e.checkValidity(); return e.validationMessage; }"
    )
    consent = form.locator("[name='consent']").evaluate(
        "e => { e.checkValidity(); return e.validationMessage; }"
    )
    expected = {
        "zh": ("请填写此项。", "请输入有效的邮箱地址", "请勾选同意"),
        "en": ("Please fill in this field.", "Enter a valid email address", "Please tick"),
    }
    assert name == expected[lang][0]
    assert email.startswith(expected[lang][1])
    assert consent.startswith(expected[lang][2])
    # typing clears the message: a corrected field is valid again
    form.locator("[name='name']").fill("李明")
    assert form.locator("[name='name']").evaluate("e => e.checkValidity()") is True


def confirmation_pages(hub: hubrun.Hub, tab) -> list[str]:
    """The receiver's confirmation pages the no-JS gated whitepaper flows reached in this process;
    when they ran elsewhere (another worker) or not at all (-k), one reached now with `tab` (no JS)."""
    if not done_pages:
        path, _ = gated_page(hub, "zh")
        tab.goto(hub.url(path))
        request_whitepaper(tab, "wp.axe.nojs@hospital.example.cn")
        assert tab.url.startswith(hub.leads + "/forms/whitepaper-download/done/"), tab.url
        done_pages.append(tab.url)
    return done_pages


def test_the_receivers_confirmation_page_passes_axe(hub, page, page_nojs):
    from test_accessibility import axe_violations, blocking

    reached = confirmation_pages(hub, page_nojs)
    # a 204 for the file keeps the page in place, as an attachment does
    page.route("**/download/**", lambda route: route.fulfill(status=204))
    hubrun.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for url in reached:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        lang = page.locator("html").get_attribute("lang")
        page.screenshot(
            path=str(hubrun.SCREENSHOTS / f"receiver-download-done-{lang}-1366x900.png"),
            full_page=True,
        )
        found = blocking(axe_violations(page))
        assert not found, f"axe on {url}:\n" + "\n".join(found)
