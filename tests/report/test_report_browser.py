"""The HTML report in the real browser (Debian's Chromium): no console errors, no requests, charts drawn."""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest
from browser.hubrun import unavailable
from reportkit import report_file

CHROMIUM = Path("/usr/bin/chromium")
T = TypeVar("T")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
CHARTS = (
    "calendar",
    "publishing-case",
    "publishing-whitepaper",
    "publishing-news",
    "coverage",
    "industries",
    "piece-channel",
    "audit",
)


def _missing() -> str:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not installed (tests/browser/setup.sh installs it as root)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed (pip install -e '.[test]')"
    return ""


@pytest.fixture(autouse=True)
def _browser_available() -> None:
    """Skip without a browser, saying why; fail instead under CI=true (see hubrun.unavailable)."""
    if reason := _missing():
        unavailable(reason)


@pytest.fixture(scope="module")
def html_report(shared_hub: Path) -> Path:
    return report_file(
        shared_hub, shared_hub / "report.html", "--analytics", str(shared_hub / "baidu.csv")
    )


def in_browser(check: Callable[[Any], T]) -> T:
    """Run `check(browser)` with Chromium in a thread of its own.

    Playwright's sync API refuses to start in a thread where another sync Playwright is running
    (the browser tests keep one open for the whole session in the same pytest worker).
    """

    def run() -> T:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            try:
                return check(chromium)
            finally:
                chromium.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result(timeout=180)


def test_report_opens_without_errors_or_requests_and_draws_every_chart(html_report: Path) -> None:
    in_browser(lambda browser: _opens_and_draws(browser, html_report))


def _opens_and_draws(browser: Any, html_report: Path) -> None:
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on(
        "console", lambda msg: errors.append(msg.text) if msg.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", lambda req: requests.append(req.url))
    url = html_report.as_uri()
    page.goto(url, wait_until="load")
    assert errors == []
    assert requests == [url]  # the file itself, nothing else: no CDN, font, script or image
    for chart in CHARTS:
        figure = page.locator(f'[data-chart="{chart}"] svg')
        assert figure.count() == 1, chart
        box = figure.bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 50, chart
    # One square per day of the 12 months (2025-11-01 … 2026-10-31), darker on publishing days.
    days = page.locator('[data-chart="calendar"] rect[data-date]')
    assert days.count() == 365
    assert page.locator('[data-chart="calendar"] rect[data-count="1"]').count() == 5
    # The coverage grid marks its 7 empty audience × stage cells; the industries grid its one.
    assert page.locator('[data-chart="coverage"] g.gap').count() == 7
    assert page.locator('[data-chart="industries"] g.gap').count() == 1
    # Bars: one per month per series (published, target) for each content type.
    bars = page.locator(
        '[data-chart="publishing-news"] .series .bar rect, '
        '[data-chart="publishing-news"] .series rect.rect'
    )
    assert bars.count() == 24
    assert "baidu / cpc" in page.locator('[data-chart="piece-channel"]').inner_text()
    # Rows that are not hub pages are reported: a missing page, and a page of another host.
    assert page.locator("#analytics").get_by_text("/案例/").count() == 1
    assert page.locator("#analytics").get_by_text("https://staging.hub.example/").count() == 1
    page.close()


def test_report_prints_to_pdf_one_section_per_page(html_report: Path, tmp_path: Path) -> None:
    in_browser(lambda browser: _prints(browser, html_report, tmp_path))


def _prints(browser: Any, html_report: Path, tmp_path: Path) -> None:
    page = browser.new_page()
    page.goto(html_report.as_uri(), wait_until="load")
    page.emulate_media(media="print")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(255, 255, 255)"
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    sections = page.locator("section").count()
    assert sections == 8
    assert pages >= sections  # every section starts on its own page
    page.close()


AXE = Path(__file__).resolve().parents[1] / "browser" / "node_modules" / "axe-core" / "axe.min.js"


def test_report_has_no_accessibility_violation(html_report: Path) -> None:
    if not AXE.exists():
        unavailable("axe-core not installed (tests/browser/setup.sh)")

    def check(browser: Any) -> list:
        # The report's CSP forbids every script, axe's too: let Playwright put it in anyway.
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.goto(html_report.as_uri(), wait_until="load")
        page.evaluate(AXE.read_text(encoding="utf-8"))
        found = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']}))"
            ".violations.map(v => `${v.id} (${v.impact}): ${v.nodes.length}`)"
        )
        context.close()
        return found

    assert in_browser(check) == []


ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def test_report_on_a_phone_and_on_a4_paper(tmp_path: Path) -> None:
    """Screenshots for people to look at (tests/artifacts/): the meeting's report on a phone and
    printed to A4. On a phone nothing is wider than the screen but the tables that scroll."""
    from reportkit import make_meeting_hub

    hub = make_meeting_hub(tmp_path / "hub")
    out = report_file(hub, hub / "report.html", "--analytics", str(hub / "ga4-2026-10.csv"))
    ARTIFACTS.mkdir(exist_ok=True)

    def shoot(browser: Any) -> tuple[int, int]:
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        page.goto(out.as_uri(), wait_until="load")
        page.screenshot(path=str(ARTIFACTS / "report-zh-390x844.png"))
        page.screenshot(path=str(ARTIFACTS / "report-zh-390-full.png"), full_page=True)
        widths = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        page.emulate_media(media="print")
        page.pdf(path=str(ARTIFACTS / "report-zh-a4.pdf"), format="A4", print_background=True)
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        page.screenshot(path=str(ARTIFACTS / "report-zh-a4-print.png"), full_page=True)
        page.close()
        return widths

    scroll, inner = in_browser(shoot)
    assert scroll <= inner  # the page itself never scrolls sideways
    assert (ARTIFACTS / "report-zh-a4.pdf").stat().st_size > 10_000
