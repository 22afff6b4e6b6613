"""`hubtool check` judges the page rules on pages rendered from the sources, as the build renders
them: on the demo hub and on a generated hub, its findings for the rules it claims are those of
`hubtool seo-audit` (same rule, file, line and message), page by page."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from pathlib import Path

import pytest
from hubfactory import DEMO_EPOCH, build
from paritykit import generate, keyed, load
from workflowkit import REPO, TODAY, script

from hubtool.audit.facts import collect
from hubtool.config import load_config
from hubtool.content.load import load_hub
from hubtool.site.source_pages import PAGE_RULES, render_site

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": DEMO_EPOCH}
FIELDS = (
    "lang",
    "title",
    "description",
    "robots",
    "canonical",
    "hreflang",
    "h1",
    "headings",
    "first_paragraph",
    "chars",
    "length",
    "link_chars",
    "images_missing_alt",
    "images_empty_alt",
    "jsonld",
    "jsonld_errors",
)


def claimed_codes(root: Path) -> set[str]:
    rules = load(script(root, "rules", "--format", "json").stdout)
    return {r["code"] for r in rules if r["scope"] == "source"} | set(PAGE_RULES)


def checked_paths(check: dict, found: set[tuple]) -> set[str | None]:
    """The files whose pages `check` renders: every finding's file but mkdocs.yml, hub-wide
    findings (no file) and the pages it leaves to seo-audit (landing template, blog index)."""
    left = {p["path"] for p in check["summary"]["left_to_full_build"]}
    return {f[1] for f in found} - left - {None, "mkdocs.yml"}


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("demo") / "site"
    done = build(REPO, "-q", site_dir=site, epoch=DEMO_EPOCH, timeout=600)
    assert done.returncode == 0, done.stderr
    return site


def test_every_demo_page_is_rendered_with_the_facts_of_its_built_page(demo_site):
    config = load_config(REPO / "mkdocs.yml")
    hub = load_hub(config)
    rendered = render_site(config, hub, hub.published, dt.date(2026, 11, 23))
    built = collect(demo_site, config.site_url, words=False)
    assert len(rendered.pages) >= 30  # cases, whitepapers, news, pages, in both languages
    assert {reason for _, reason in rendered.left_out} <= {"blog index", "template landing.html"}
    for url, mine in rendered.pages.items():
        page = built[url]
        for name in FIELDS:
            assert getattr(mine, name) == getattr(page, name), (url, name)
        assert set(mine.links) == {link for link in page.links if link.main}, url
    # Not vacuous: the pages have what the rules read.
    assert all(p.title and p.description and len(p.h1) == 1 for p in rendered.pages.values())
    assert sum(len(p.headings) for p in rendered.pages.values()) > 100


def test_check_agrees_with_seo_audit_on_the_demo_hub(demo_site):
    audit = script(
        REPO,
        "seo-audit",
        "--no-build",
        "--site-dir",
        str(demo_site),
        "--today",
        TODAY,
        "--format",
        "json",
        "--fail-on",
        "never",
    )
    check = script(REPO, "check", "--today", TODAY, "--format", "json", "--fail-on", "never")
    assert audit.returncode == 0 and check.returncode == 0, audit.stderr + check.stderr
    codes = claimed_codes(REPO)
    from_audit, from_check = keyed(load(audit.stdout), codes), keyed(load(check.stdout), codes)
    paths = checked_paths(load(check.stdout), from_audit | from_check)
    assert {f for f in from_audit if f[1] in paths} == {f for f in from_check if f[1] in paths}
    # The demo is clean; what it keeps quiet on purpose is suppressed alike on both sides.
    assert [load(r.stdout)["summary"]["pages"] >= 30 for r in (audit, check)] == [True, True]


def test_check_agrees_with_seo_audit_page_by_page_on_a_generated_hub(tmp_path):
    """60 generated pages with the slips writers make (vague link text, an image without alt, a
    renamed link target, a missing anchor on another page, two H1s, widths, a thin case, keywords
    missing, images beside news posts with Chinese names): both commands find them, at the same file and line. The 500-page run is in
    tests/bench/check_bench.py --parity (a 500-page build is too slow for the suite)."""
    root = generate(tmp_path / "hub", 60)
    audit = script(root, "seo-audit", "--today", TODAY, "--format", "json", "--fail-on", "never")
    check = script(root, "check", "--today", TODAY, "--format", "json", "--fail-on", "never")
    assert audit.returncode == 0 and check.returncode == 0, audit.stderr + check.stderr
    codes = claimed_codes(root)
    from_audit, from_check = keyed(load(audit.stdout), codes), keyed(load(check.stdout), codes)
    paths = checked_paths(load(check.stdout), from_audit | from_check)
    assert {f for f in from_audit if f[1] in paths} == {f for f in from_check if f[1] in paths}
    found = Counter(f[0] for f in from_check)
    assert {
        "KW002",
        "KW003",
        "KW004",
        "KW007",
        "TEC001",
        "TEC002",
        "TEC005",
        "TEC006",
        "TEC007",
        "TEC012",
        "TEC014",
    } <= set(found), found
    # A missing anchor on another page and a renamed target are found by both.
    broken = {f[3] for f in from_check if f[0] == "TEC007"}
    assert any("#nope" in m for m in broken) and any("old-name" in m for m in broken)
    # Images beside the posts are linked where the blog builds them, quoted as MkDocs quotes them.
    images = {f[3] for f in from_check if f[0] == "TEC006"}
    assert any("../media/%E5%8F%91%E5%B8%83%E4%BC%9A%2B%E7%8E%B0%E5%9C%BA.png" in m for m in images)
    thin = {f[3] for f in from_check if f[0] == "TEC014" and f[1] == "docs/notes.md"}
    assert len(thin) == 1  # its word count, the same on both sides, leaves out the meta lines
    missing = {f[3] for f in from_check if f[0] == "TEC016"}
    assert any("media/日程.png" in m for m in missing)  # not in the folder
