"""Fixtures for the browser tests: the real hub on loopback (session), Debian's chromium, pages."""

from __future__ import annotations

from collections.abc import Iterator

import hubrun
import pytest


@pytest.fixture(scope="session")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[hubrun.Hub]:
    """The demo hub built with `mkdocs build` and served on a free loopback port, with the real
    lead receiver (`hubtool leads serve`, temporary SQLite) on another; one per test process."""
    reason = hubrun.missing_browser()
    if reason:
        hubrun.unavailable(f"browser tests skipped: {reason}")
    with hubrun.running_hub(tmp_path_factory.mktemp("hub")) as running:
        yield running


# Module scope, not session: Playwright's sync API keeps an event loop running on this thread while it
# is open, and later tests in the same worker that call asyncio.run() (the lead-receiver bursts) fail.
@pytest.fixture(scope="module")
def browser(hub: hubrun.Hub):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        # Playwright adds --headless and its own fresh --user-data-dir; the rest keeps Chromium
        # off the network (see hubrun.CHROMIUM_FLAGS).
        flags = [f for f in hubrun.CHROMIUM_FLAGS if f not in ("--headless", "--no-sandbox")]
        chromium = pw.chromium.launch(
            executable_path=str(hubrun.CHROMIUM), args=flags, chromium_sandbox=False
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh desktop context (no shared cookies or storage) with JavaScript on."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    context.set_default_timeout(10_000)  # a missing element fails in seconds, not 30 s
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def page_nojs(browser):
    """A fresh context with JavaScript disabled: what a locked-down corporate browser sees."""
    context = browser.new_context(
        viewport={"width": 1366, "height": 900}, locale="zh-CN", java_script_enabled=False
    )
    context.set_default_timeout(10_000)  # a missing element fails in seconds, not 30 s
    tab = context.new_page()
    yield tab
    context.close()
