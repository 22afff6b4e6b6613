"""POS001-POS006 on tiny real hubs (source rules, no build), the coverage summary, and stats."""

from __future__ import annotations

import datetime as dt

import pytest
from hubcases import CASE, TODAY, WHITEPAPER, audit, hub, line, located, news
from hubfactory import make_hub, repo_config

from hubtool.audit.rules import all_rules
from hubtool.config import load_config
from hubtool.content import stats
from hubtool.content.load import load_hub

GOOD = {
    "cases/bank.md": CASE,
    "whitepapers/guide.md": WHITEPAPER,
    "docs/news/posts/v5.md": news("2026-11-10"),
}
POS = ("POS",)
NEWS_WITHOUT_CTA = {"defaults": {"news": {"cta": ""}}}


def test_complete_hub_has_no_positioning_findings(tmp_path):
    result = hub(tmp_path, GOOD, POS)
    assert located(result) == []


def test_pos001_missing_audience_and_stage(tmp_path):
    text = CASE.replace("audience: [decision-maker, evaluator]\n", "").replace(
        "stage: decision\n", ""
    )
    result = hub(tmp_path, {**GOOD, "cases/bank.md": text}, ("POS001",))
    assert located(result) == [("POS001", "cases/bank.md", line(text, "title:"))]
    assert "audience 和 stage" in result.findings[0].message


def test_pos002_no_call_to_action(tmp_path):
    text = news("2026-11-10")
    root = make_hub(tmp_path, {"docs/news/posts/v5.md": text}, hub=NEWS_WITHOUT_CTA)
    result = audit(root, ("POS002",))
    assert located(result) == [("POS002", "docs/news/posts/v5.md", line(text, "title:"))]


def test_pos002_own_link_cta_is_enough(tmp_path):
    text = news("2026-11-10").replace(
        "stage: awareness", "stage: awareness\ncta: /whitepapers/guide/"
    )
    root = make_hub(tmp_path, {"docs/news/posts/v5.md": text}, hub=NEWS_WITHOUT_CTA)
    assert located(audit(root, ("POS002",))) == []


def test_pos003_decision_page_without_trust_signal(tmp_path):
    text = WHITEPAPER.replace("stage: consideration", "stage: decision\nbadges: false")
    result = hub(tmp_path, {**GOOD, "whitepapers/guide.md": text}, ("POS003",))
    assert located(result) == [("POS003", "whitepapers/guide.md", line(text, "badges:"))]


def test_pos003_badge_strip_counts_as_trust_signal(tmp_path):
    # A decision-stage whitepaper shows the strip, which has the approved case's customer logo.
    text = WHITEPAPER.replace("stage: consideration", "stage: decision")
    result = hub(tmp_path, {**GOOD, "whitepapers/guide.md": text}, ("POS003",))
    assert located(result) == []


def test_pos003_case_with_quote_only_passes_even_without_badges(tmp_path):
    text = CASE.replace("stage: decision", "stage: decision\nbadges: false").replace(
        "results:\n  - {value: 35%, label: 坏账率下降}\n", ""
    )
    result = hub(tmp_path, {"cases/bank.md": text}, ("POS003",))
    assert located(result) == []


def test_pos004_case_without_number(tmp_path):
    text = CASE.replace("{value: 35%, label: 坏账率下降}", "{value: 显著, label: 风控效果提升}")
    result = hub(tmp_path, {"cases/bank.md": text}, ("POS004",))
    assert located(result) == [("POS004", "cases/bank.md", line(text, "results:"))]


@pytest.mark.parametrize("value", ["35%", "３倍", "三倍", "两成", "百分之三十", "4 天"])
def test_pos004_numbers_in_digits_and_chinese_numerals(tmp_path, value):
    text = CASE.replace("{value: 35%, label: 坏账率下降}", f"{{value: '{value}', label: 效果}}")
    assert located(hub(tmp_path, {"cases/bank.md": text}, ("POS004",))) == []


def test_pos005_unknown_form_at_cta_line(tmp_path):
    text = CASE.replace("stage: decision", "stage: decision\ncta: demo-request")
    result = hub(tmp_path, {"cases/bank.md": text}, ("POS",))
    assert located(result) == [("POS005", "cases/bank.md", line(text, "cta:"))]
    assert "demo-request" in result.findings[0].message


def test_pos005_unknown_form_of_gated_whitepaper_and_default(tmp_path):
    text = WHITEPAPER.replace("stage: consideration", "stage: consideration\ngated: true\nform: dl")
    unknown = {"defaults": {"case": {"cta": "demos"}}}
    root = make_hub(tmp_path, {"whitepapers/guide.md": text}, hub=unknown)
    result = audit(root, ("POS005",))
    config_line = line((root / "mkdocs.yml").read_text(encoding="utf-8"), "cta: demos")
    assert located(result) == [
        ("POS005", "mkdocs.yml", config_line),
        ("POS005", "whitepapers/guide.md", line(text, "form:")),
    ]


# Two certificates added before the demo's own: one expiring within the warning window, one expired.
EXPIRING = {
    "badges": {
        "certifications": [
            {"name": "ISO 27001 (2023)", "issuer": "CQC", "valid_until": dt.date(2026, 12, 10)},
            {
                "name": {"zh": "等保三级（旧）", "en": "MLPS level 3 (old)"},
                "issuer": "公安部",
                "valid_until": dt.date(2026, 11, 1),
            },
            *repo_config()["extra"]["hub"]["badges"]["certifications"],
        ]
    }
}


def test_pos006_expired_and_expiring_certificates(tmp_path):
    root = make_hub(tmp_path, GOOD, hub=EXPIRING)
    result = audit(root, ("POS006",))
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert [(f.rule, f.path, f.line, f.severity) for f in result.findings] == [
        ("POS006", "mkdocs.yml", line(text, "2026-12-10"), "warning"),
        ("POS006", "mkdocs.yml", line(text, "2026-11-01"), "error"),
    ]
    assert "还有 17 天" in result.findings[0].message
    assert "等保三级（旧）" in result.findings[1].message


def test_pos006_valid_certificates_pass(tmp_path):
    root = make_hub(tmp_path, GOOD, hub=EXPIRING)
    result = audit(root, ("POS006",), today=TODAY.replace(month=10, day=1))
    assert located(result) == []


def test_coverage_summary(tmp_path):
    english = CASE.replace("audience: [decision-maker, evaluator]", "audience: [buyer]")
    result = hub(tmp_path, {**GOOD, "cases/bank.en.md": english}, POS)
    coverage = result.summary["coverage"]
    # The English edition is the same piece: it neither adds a count nor fills the buyer cell.
    assert coverage["matrix"]["decision-maker"]["decision"] == 1
    assert coverage["matrix"]["evaluator"]["consideration"] == 1
    assert coverage["matrix"]["buyer"]["decision"] == 0
    assert {"audience": "buyer", "stage": "decision"} in coverage["missing"]
    assert {"audience": "user", "stage": "awareness"} not in coverage["missing"]
    assert coverage["industries"]["banking"] == 2
    assert "government" in coverage["missing_industries"]


def test_monthly_counts(tmp_path):
    files = {
        **GOOD,
        "docs/news/posts/a.md": news("2026-01-05", "一月新闻"),
        "docs/news/posts/b.md": news("2025-11-30", "太早的新闻"),
        "docs/news/posts/c.md": news("2026-12-01", "未来的新闻"),
        "docs/news/posts/v5.en.md": news("2026-11-10"),
    }
    root = make_hub(tmp_path, files)
    counts = stats.monthly_counts(load_hub(load_config(root / "mkdocs.yml")), TODAY)
    assert list(counts["news"]) == stats.month_keys(TODAY)
    assert next(iter(counts["news"])) == "2025-12" and list(counts["news"])[-1] == "2026-11"
    assert counts["news"]["2026-11"] == 1  # the English edition is not a second piece
    assert counts["news"]["2026-01"] == 1
    assert sum(counts["news"].values()) == 2  # 2025-11 is outside, 2026-12 is in the future
    assert counts["case"]["2026-10"] == 1 and counts["whitepaper"]["2026-10"] == 1


def test_my_rules_are_registered_and_documented():
    mine = [
        r for r in all_rules() if r.code.startswith(("POS", "CAD")) or r.code in ("ED001", "ED004")
    ]
    assert [r.code for r in mine] == [f"POS00{i}" for i in range(1, 7)] + [
        f"CAD00{i}" for i in range(1, 6)
    ] + ["ED001", "ED004"]
    for rule in mine:
        doc = rule.__doc__ or ""
        assert "**Why.**" in doc and "**Fails:**" in doc and "**Instead:**" in doc, rule.code
        assert "**Severity" in doc, rule.code  # the default severity is argued for
        assert rule.scope == "source" and rule.name == rule.name.lower()
        assert isinstance(rule.help, tuple) and isinstance(rule.summary, tuple), rule.code


def test_coverage_summary_marks_missing_cells(tmp_path):
    cover = hub(tmp_path, GOOD, POS).summary["coverage"]
    # awareness, consideration, decision, retention
    assert [cover["matrix"]["decision-maker"][s] for s in cover["stages"]] == [0, 0, 1, 0]
    assert cover["industries"]["government"] == 0 and cover["industries"]["banking"] == 2


def test_sources_and_built_pages_agree_on_cta_and_trust_signals(tmp_path):
    """POS002/POS003 judge from sources what the theme renders: check against a real build."""
    from hubfactory import build

    bare = WHITEPAPER.replace("stage: consideration", "stage: decision\nbadges: false")
    silent = news("2026-11-10").replace("stage: awareness", "stage: awareness\ncta: ''")
    files = {"cases/bank.md": CASE, "whitepapers/guide.md": bare, "docs/news/posts/v5.md": silent}
    root = make_hub(tmp_path, files, hub=NEWS_WITHOUT_CTA)
    result = audit(root, ("POS002", "POS003"))
    done = build(root)
    assert done.returncode == 0, done.stderr
    html = {
        rel: (root / "site" / rel).read_text(encoding="utf-8")
        for rel in ("cases/bank/index.html", "whitepapers/guide/index.html", "news/v5/index.html")
    }
    assert located(result) == [
        ("POS002", "docs/news/posts/v5.md", line(silent, "cta:")),
        ("POS003", "whitepapers/guide.md", line(bare, "badges:")),
    ]
    assert 'class="hub-cta' not in html["news/v5/index.html"]
    assert 'class="hub-cta' in html["cases/bank/index.html"]
    assert 'class="hub-badges"' not in html["whitepapers/guide/index.html"]
    assert 'class="hub-badges"' in html["cases/bank/index.html"]
