"""Every rule against real MkDocs builds: a clean site passes all of them; each rule has a failing site."""

from __future__ import annotations

import pytest
from auditkit import audit, hub_rules, located, write_site
from auditsites import FAILING, GOOD
from hubfactory import DELETE

from hubtool.audit.rules import all_rules

CODES = [rule.code for rule in all_rules() if rule.code[:2] in ("KW", "TE")]
CONFIGS = {
    "TEC008": {"site_url": DELETE},
    "TEC010": {"nav": ["index.md"]},
    "TEC015": hub_rules({"TEC015": {"max_page_bytes": 1000}}),
}


@pytest.fixture(scope="module")
def good_result(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("good"), GOOD)
    return audit(root, select=tuple(CODES))


def test_clean_site_has_no_findings(good_result):
    assert located(good_result) == []
    assert good_result.summary["pages"] >= 4
    assert good_result.summary["errors"] == good_result.summary["warnings"] == 0


@pytest.mark.parametrize("code", CODES)
def test_rule_passes_on_clean_site(good_result, code):
    assert [f for f in good_result.findings if f.rule == code] == []


def test_every_keyword_and_technical_rule_has_a_failing_site():
    assert sorted(FAILING) == sorted(CODES)


@pytest.mark.parametrize("code", sorted(FAILING))
def test_rule_fails_with_exact_location(make_site, code):
    files, expected = FAILING[code]
    root = make_site(files, CONFIGS.get(code))
    result = audit(root, select=(code,))
    assert located(result) == expected
    assert all(f.message and f.help for f in result.findings)


def test_site_without_site_url_gets_one_sitemap_finding_not_one_per_page(make_site):
    files = {"docs/index.md": "# 首页\n\n[另一页](other.md)\n", "docs/other.md": "# Other\n"}
    root = make_site(files, CONFIGS["TEC008"])
    result = audit(root, select=("TEC010",))
    assert [(f.rule, f.path, f.url) for f in result.findings] == [("TEC010", None, "/sitemap.xml")]
    assert "sitemap.xml" in result.findings[0].message
