"""Lighthouse 12 (npm, Debian's chromium) on each page type as served: SEO 100, accessibility >= 95.

Lighthouse is slow (about 10 s a page on 2 cores), so this module runs a handful of pages, one
after the other with one Chrome, once per test run; `make bench` (tests/bench/lighthouse_bench.py)
prints every score and the page weights.
"""

from __future__ import annotations

import hubrun
import pytest

# One page per type (Chinese first), plus the English landing page and case study.
PAGES = ("landing:zh", "case:zh", "whitepaper:zh", "news-index:zh", "news-post:zh", "case:en")


@pytest.fixture(scope="module")
def reports(hub, tmp_path_factory) -> dict[str, dict]:
    """Lighthouse reports of the page types the demo content has, from one Chrome, in one go."""
    reason = hubrun.missing_node_tool(hubrun.LIGHTHOUSE_JS)
    if reason:
        hubrun.unavailable(f"Lighthouse tests skipped: {reason}")
    keys = [key for key in PAGES if key in hub.pages]
    # Only what is asserted: performance is measured by `make bench` (tests/bench/lighthouse_bench.py).
    found = hubrun.lighthouse_many(
        [hub.url(hub.pages[key]) for key in keys],
        tmp_path_factory.mktemp("lighthouse"),
        categories=("seo", "accessibility"),
    )
    return dict(zip(keys, found))


@pytest.mark.parametrize("key", PAGES)
def test_seo_is_100_and_accessibility_at_least_95(reports, hub, key):
    if key not in reports:
        pytest.fail(f"the demo content has no {key} page: a test that cannot run is not a pass")
    lhr = hubrun.checked(reports[key])
    scores = hubrun.scores(lhr)
    path = hub.pages[key]
    assert scores["seo"] == 100, f"Lighthouse SEO {scores['seo']} on {path}:\n" + "\n".join(
        hubrun.failed_audits(lhr, "seo")
    )
    assert scores["accessibility"] >= 95, (
        f"Lighthouse accessibility {scores['accessibility']} on "
        f"{path}:\n" + "\n".join(hubrun.failed_audits(lhr, "accessibility"))
    )
