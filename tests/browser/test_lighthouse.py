"""Lighthouse 12 (npm, Debian's chromium) on each page type as served: SEO 100, accessibility >= 95.

Lighthouse is slow (15-20 s a page on 2 cores), so this module runs a handful of pages, one after
the other, once per test run; `make bench` (bench/lighthouse_bench.py) prints every score.
"""

from __future__ import annotations

import pytest

import hubrun

# One page per type (Chinese first), plus the English landing page and case study.
PAGES = ("landing:zh", "case:zh", "whitepaper:zh", "news-index:zh", "news-post:zh", "case:en")


@pytest.fixture(scope="module")
def lighthouse_of(hub, tmp_path_factory):
    """Lighthouse report of a page type, run on first use (one page failing fails only its test)."""
    reason = hubrun.missing_node_tool(hubrun.LIGHTHOUSE_JS)
    if reason:
        pytest.skip(f"Lighthouse tests skipped: {reason}")
    out_dir = tmp_path_factory.mktemp("lighthouse")
    return lambda key: hubrun.lighthouse(hub.url(hub.pages[key]), out_dir)


@pytest.mark.parametrize("key", PAGES)
def test_seo_is_100_and_accessibility_at_least_95(lighthouse_of, hub, key):
    if key not in hub.pages:
        pytest.skip(f"the demo content has no {key} page yet")
    lhr = lighthouse_of(key)
    scores = hubrun.scores(lhr)
    path = hub.pages[key]
    assert scores["seo"] == 100, (f"Lighthouse SEO {scores['seo']} on {path}:\n"
                                  + "\n".join(hubrun.failed_audits(lhr, "seo")))
    assert scores["accessibility"] >= 95, (f"Lighthouse accessibility {scores['accessibility']} on "
                                           f"{path}:\n"
                                           + "\n".join(hubrun.failed_audits(lhr, "accessibility")))
