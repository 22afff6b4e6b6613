"""Adoption: a plain MkDocs site is told its real problems and nothing about hub features it never
configured; rules judging the hub's own theme (JSON-LD, forms, CTA defaults) apply where it does."""

from __future__ import annotations

from auditkit import TODAY, audit, located, write_site
from auditsites import page
from hubcases import CASE, WHITEPAPER, hub, line, news
from hubfactory import DELETE, repo_config

from hubtool.audit.engine import run_audit, run_source_rules
from hubtool.config import load_config

# Rules about what the hub's theme and content model write: none may speak on a plain site.
HUB_FEATURES = ("KW", "POS", "CAD", "ED004", "TEC009")

PLAIN = {
    # Front matter a plain site may well have: `cta` and `status` mean something else to it.
    "docs/index.md": page(
        "title: 二分查找\ncta: demo",
        "# 二分查找\n\n在有序数组中查找一个数，每次把区间缩小一半。\n\n"
        "[排序算法](sort.md)和[不存在的页面](gone.md)。\n",
    ),
    "docs/sort.md": page("title: 排序", "# 排序\n\n把一组数排成从小到大的顺序。\n"),
}


def test_plain_site_gets_its_real_problems_and_no_hub_features(make_site):
    root = make_site(PLAIN)
    result = audit(root)
    codes = {f.rule for f in result.findings}
    assert not [c for c in codes if c.startswith(HUB_FEATURES)], codes
    # Its real problems are still there: a broken link (an error) and pages without descriptions.
    assert ("TEC007", "docs/index.md", 9) in located(result)
    assert {("TEC002", "docs/index.md"), ("TEC002", "docs/sort.md")} <= {
        (f.rule, f.path) for f in result.findings
    }
    # Short, clear titles of ordinary pages are not findings at all.
    assert "TEC001" not in codes
    # The writers' language of a plain site is its theme's: zh here, en for an English site.
    broken = next(f for f in result.findings if f.rule == "TEC007")
    assert broken.message == "链接“gone.md”在构建结果中不存在（指向 /gone.md）"


def test_plain_english_site_reads_english(make_site):
    root = make_site(PLAIN, {"theme": {"language": "en"}})
    broken = list(audit(root, select=("TEC007",)).findings)
    assert [f.message for f in broken] == [
        "Link to 'gone.md' points at nothing in the build (it resolves to /gone.md)"
    ]


def test_jsonld_is_required_only_on_hubs_and_broken_jsonld_everywhere(make_site):
    broken = '<script type="application/ld+json">{"@type": "WebPage",}</script>\n\n文字。\n'
    files = {
        "docs/index.md": page("title: 有结构化数据的页面", broken),
        "docs/other.md": page("title: 没有结构化数据的页面", "文字。\n"),
    }
    plain = audit(make_site(files), select=("TEC009",))
    assert [(f.path, f.severity) for f in plain.findings] == [("docs/index.md", "error")]
    hubbed = audit(make_site(files, {"extra": {"hub": {}}}), select=("TEC009",))
    assert [(f.path, f.severity) for f in hubbed.findings] == [
        ("docs/index.md", "error"),
        ("docs/other.md", "warning"),
    ]


def test_canonical_is_judged_against_the_builds_own_base(tmp_path):
    """`seo-audit -d other/site` from a hub's folder: the other build's canonicals are its own."""
    other = write_site(
        tmp_path / "other",
        PLAIN,
        {"site_url": "https://other.test/docs/"},
    )
    assert located(audit(other, site_dir=other / "site", select=("TEC008",))) == []
    mine = write_site(
        tmp_path / "mine",
        {"docs/index.md": page("title: 首页", "文字。\n")},
        {"extra": {"hub": {}}},
    )
    result = run_audit(
        load_config(mine / "mkdocs.yml"),
        site_dir=other / "site",
        build=False,
        today=TODAY,
        select=("TEC008", "TEC009"),
    )
    assert located(result) == []


def test_hub_without_forms_is_not_told_about_the_builtin_cta_defaults(tmp_path):
    """A site that adopted the hub (extra.hub) but no forms: its unused built-in defaults
    (case: demo, …) are not findings; a page that names a form still is."""
    root = write_site(
        tmp_path,
        {
            "docs/index.md": page("title: 首页", "文字。\n"),
            "docs/about.md": page("title: 关于我们\ncta: demo", "文字。\n"),
        },
        {"extra": {"hub": {"company": {"name": "测试公司"}}}},
    )
    result = run_source_rules(load_config(root / "mkdocs.yml"), today=TODAY, select=("POS",))
    assert located(result) == [("POS005", "docs/about.md", 3)]


def test_hub_that_configures_forms_is_told_a_builtin_default_names_a_missing_one(tmp_path):
    # The hub defines `contact` only: cases fall back to the built-in `demo`, which it lacks.
    files = {
        "cases/bank.md": CASE,
        "whitepapers/guide.md": WHITEPAPER,
        "docs/news/posts/v5.md": news("2026-11-10"),
    }
    result = hub(
        tmp_path,
        files,
        ("POS005",),
        # No CTA default of its own for cases (the built-in one names `demo`), and no form `demo`.
        hub={
            "defaults": {"case": DELETE},
            "forms": {"demo": DELETE, "demo-old": repo_config()["extra"]["hub"]["forms"]["demo"]},
        },
    )
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    assert located(result) == [("POS005", "mkdocs.yml", line(config, "    forms:"))]
    assert "内置默认值" in result.findings[0].message and "demo" in result.findings[0].message
