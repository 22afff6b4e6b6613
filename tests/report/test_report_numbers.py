"""`hubtool report --format json` on the fixture hub: every number equals the hand-computed value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from reportkit import MONTH, make_report_hub, report_json, report_text, run_report


@pytest.fixture(scope="module")
def report(shared_hub: Path) -> dict:
    return report_json(shared_hub, "--analytics", str(shared_hub / "ga4.csv"))


def test_publishing_per_type_per_month_against_targets(report: dict) -> None:
    pub = report["publishing"]
    assert pub["months"][0] == "2025-11" and pub["months"][-1] == "2026-10"
    zeros = [0] * 12
    # case: insurer in March, bank-risk in October (its English version is the same piece); the
    # draft and the 2024 case are not counted.
    case = pub["kinds"]["case"]
    assert case["counts"] == zeros[:4] + [1] + zeros[5:11] + [1]
    assert (case["total"], case["target_per_month"], case["target_total"]) == (2, 0.5, 6.0)
    assert case["on_target"] is False and case["this_month"] == 1
    # whitepaper: guide in October; compliance (2025-02) is outside the 12 months.
    wp = pub["kinds"]["whitepaper"]
    assert wp["counts"] == zeros[:11] + [1] and wp["target_total"] == 3.0
    # news: award in August, launch in October; the December item is in the future.
    news = pub["kinds"]["news"]
    assert news["counts"] == zeros[:9] + [1, 0, 1]
    assert (news["total"], news["target_total"], news["months_meeting_target"]) == (2, 24.0, 0)
    assert pub["calendar"]["days"] == {
        "2026-03-03": 1,
        "2026-08-05": 1,
        "2026-10-08": 1,
        "2026-10-15": 1,
        "2026-10-20": 1,
    }
    assert [
        (p["date"], p["kind"], p["url"], p["languages"]) for p in pub["published_this_month"]
    ] == [
        ("2026-10-08", "case", "/cases/bank-risk/", ["en", "zh"]),
        ("2026-10-15", "news", "/news/launch/", ["zh"]),
        ("2026-10-20", "whitepaper", "/whitepapers/guide/", ["zh"]),
    ]


def test_coverage_names_empty_cells_as_next_topics(report: dict) -> None:
    cov = report["coverage"]
    assert cov["matrix"] == {
        "decision-maker": {"awareness": 1, "consideration": 0, "decision": 1, "retention": 0},
        "evaluator": {"awareness": 0, "consideration": 2, "decision": 1, "retention": 0},
        "buyer": {"awareness": 0, "consideration": 1, "decision": 0, "retention": 0},
    }
    assert cov["industries"] == {"banking": 1, "insurance": 1, "healthcare": 1, "manufacturing": 0}
    cells = [(t.get("audience"), t.get("stage")) for t in cov["next_topics"] if "audience" in t]
    assert cells == [
        ("decision-maker", "consideration"),
        ("decision-maker", "retention"),
        ("evaluator", "awareness"),
        ("evaluator", "retention"),
        ("buyer", "awareness"),
        ("buyer", "decision"),
        ("buyer", "retention"),
    ]
    assert [t["topic"] for t in cov["next_topics"] if "industry" in t] == ["制造"]


def test_keyword_map(report: dict) -> None:
    kw = report["keywords"]
    assert [(p["keyword"], p["lang"], p["url"]) for p in kw["pages"]] == [
        ("joint risk modelling", "en", "/en/cases/bank-risk/"),
        ("联合风控", "zh", "/cases/bank-risk/"),
        ("聯合風控", "zh", "/cases/insurer/"),
        ("医疗联邦学习", "zh", "/cases/old-hospital/"),
        ("隐私计算选型", "zh", "/whitepapers/guide/"),
    ]
    assert kw["pages"][1]["related"] == ["联邦学习", "隐私计算"]
    # Traditional and Simplified spellings are one keyword; the English page is another language.
    assert kw["cannibalised"] == [
        {"keyword": "联合风控", "lang": "zh", "pages": ["/cases/bank-risk/", "/cases/insurer/"]}
    ]
    assert kw["targets_without_page"] == [
        {"keyword": "数据要素", "lang": None, "related_on": []},
        {"keyword": "federated learning", "lang": "en", "related_on": []},
        {"keyword": "联邦学习", "lang": None, "related_on": ["/cases/bank-risk/"]},
    ]


def test_leads_per_form_piece_channel_language_and_conversion(report: dict) -> None:
    leads = report["leads"]
    # Four October leads; the spam one and those of 30 September / 1 November are not counted.
    assert leads["total"] == 4
    assert leads["by_form"] == [
        {"form": "demo", "leads": 2},
        {"form": "contact", "leads": 1},
        {"form": "whitepaper-download", "leads": 1},
    ]
    assert [(x["content_id"], x["leads"], x["in_hub"]) for x in leads["by_content"]] == [
        ("cases/bank-risk", 2, True),
        ("(none)", 1, False),
        ("whitepapers/guide", 1, True),
    ]
    assert leads["by_content"][0]["title"] == "银行联合风控"
    assert leads["by_source"] == [
        {"source": "baidu", "leads": 2},
        {"source": "(none)", "leads": 1},
        {"source": "wechat", "leads": 1},
    ]
    assert leads["by_medium"] == [
        {"medium": "cpc", "leads": 2},
        {"medium": "(none)", "leads": 1},
        {"medium": "social", "leads": 1},
    ]
    assert leads["by_campaign"] == [
        {"campaign": "q4-risk", "leads": 2},
        {"campaign": "(none)", "leads": 1},
        {"campaign": "guide", "leads": 1},
    ]
    assert leads["by_language"] == [{"lang": "zh", "leads": 3}, {"lang": "en", "leads": 1}]
    # Views: /cases/bank-risk/ 400 + 100 (no trailing slash), guide 200 (query dropped), en 50.
    assert [(c["url"], c["views"], c["leads"], c["rate"]) for c in leads["conversion"]] == [
        ("/en/cases/bank-risk/", 50, 1, 0.02),
        ("/whitepapers/guide/", 200, 1, 0.005),
        ("/cases/bank-risk/", 500, 2, 0.004),
    ]


def test_analytics_rows_outside_the_hub_are_reported(report: dict) -> None:
    a = report["analytics"]
    assert (a["layout"], a["encoding"], a["rows"], a["pages"], a["pages_in_hub"]) == (
        "ga4",
        "utf-8",
        6,
        5,
        3,
    )
    assert (a["views"], a["views_in_hub"]) == (785, 750)
    assert a["not_in_hub"] == [
        {"url": "/pricing/", "views": 30, "visitors": 20},
        {"url": "(not set)", "views": 5, "visitors": 5},
    ]


def test_staleness_is_what_cad004_finds(report: dict) -> None:
    # As of 31 October 2026, with the default 540 days.
    assert [(s["path"], s["updated"], s["age_days"]) for s in report["staleness"]] == [
        ("cases/old-hospital.md", "2024-01-10", 1025),
        ("whitepapers/compliance.md", "2025-03-01", 609),
    ]
    assert report["audit"]["by_rule"]["CAD004"] == 2


def test_audit_counts_over_time_come_from_earlier_reports(report_hub: Path) -> None:
    history = report_hub / "var" / "reports"
    for month in ("2026-08", "2026-09"):
        done = run_report(
            report_hub,
            "--month",
            month,
            "--format",
            "json",
            "-o",
            str(report_hub / f"{month}.json"),
        )
        assert done.returncode == 0, done.stderr
        assert (history / f"{month}.json").exists()
    # A stray file in the history folder is skipped, not fatal.
    (history / "notes.json").write_text("{}", encoding="utf-8")
    done = run_report(report_hub, "--month", MONTH, "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    earlier = {
        m: json.loads((report_hub / f"{m}.json").read_text(encoding="utf-8"))["audit"]
        for m in ("2026-08", "2026-09")
    }
    trend = report["audit"]["history"]
    assert [h["month"] for h in trend] == ["2026-08", "2026-09", "2026-10"]
    for row in trend[:2]:
        assert (row["errors"], row["warnings"]) == (
            earlier[row["month"]]["errors"],
            earlier[row["month"]]["warnings"],
        )
    assert (trend[2]["errors"], trend[2]["warnings"]) == (
        report["audit"]["errors"],
        report["audit"]["warnings"],
    )
    assert [h["published"] for h in trend] == [1, 0, 3]  # award in August; three in October
    assert [h["leads"] for h in trend] == [0, 1, 4]  # the 30 September lead


def test_markdown_carries_the_same_numbers(report_hub: Path) -> None:
    md = report_text(report_hub, "--analytics", str(report_hub / "ga4.csv"), fmt="md")
    assert "| 新闻 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 1 | 2 / 24 ✗ |" in md
    assert "| 联合风控 | zh | /cases/bank-risk/, /cases/insurer/ |" in md
    assert "| /en/cases/bank-risk/ | Joint risk modelling at a bank | 50 | 40 | 1 | 2.00% |" in md
    assert "| /pricing/ | 30 | 20 |" in md
    assert "| cases/old-hospital.md | 医院研究网络 | 2024-01-10 | 1025 |" in md
    assert "| 补受众 × 阶段: 采购 × 决策 | 没有写给采购、处于决策阶段的内容。 |" in md
    # Manufacturing has no page in October, but November's whitepaper was planned for it.
    assert (
        "| 2026-11-05 | 白皮书 | 数据要素白皮书 | 之后已发布 | 关键词「数据要素」；制造行业的内容；采购 × 认知 |"
        in md
    )
    assert not (report_hub / "var" / "reports").exists()  # --no-history


def test_default_month_is_the_last_complete_one_and_missing_store_is_no_leads(
    tmp_path: Path,
) -> None:
    root = make_report_hub(tmp_path / "hub")
    (root / "var" / "leads.sqlite3").unlink()
    done = run_report(root, "--format", "json", "--no-history")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["report"]["month"] == "2026-10" and report["leads"]["total"] == 0
    assert "not created yet" in report["leads"]["store"]
    assert not (root / "var" / "leads.sqlite3").exists()  # reading never creates a store


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--month", "2026-13"], "--month: '2026-13' is not a month written YYYY-MM"),
        (["--month", "2027-01"], "--month: 2027-01 has not started yet"),
        (["--today", "23.11.2026"], "--today: '23.11.2026' is not a date"),
        (["--db", "nowhere.sqlite3"], "--db: no lead database at"),
    ],
)
def test_bad_options_are_one_line_errors(report_hub: Path, args: list[str], message: str) -> None:
    done = run_report(report_hub, *args, "--format", "json")
    assert done.returncode == 2
    assert message in done.stderr and done.stdout == ""


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        (
            "    cadence:\n      targets_per_month: {news: lots}\n",
            "extra.hub.cadence.targets_per_month.news: must be a number",
        ),
        (
            "    keywords:\n      targets:\n        - {keyword: 隐私计算, lang: fr}\n",
            "extra.hub.keywords.targets[0]: must be a keyword or {keyword: …, lang: zh|en}",
        ),
        (
            "    analytics:\n      pageviews: Views\n",
            "extra.hub.analytics.pageviews: unknown column (known: url, views, visitors, sessions)",
        ),
    ],
    ids=["target", "keyword", "analytics"],
)
def test_bad_report_settings_name_the_line(tmp_path: Path, setting: str, message: str) -> None:
    from hubfactory import DELETE, merged
    from reportkit import CONFIG

    # mkdocs.yml as text, ending inside extra.hub: the setting's line is the test's subject.
    without = merged(CONFIG, {"extra": {"hub": {"cadence": DELETE, "keywords": DELETE}}})
    config = yaml.safe_dump(without, allow_unicode=True, sort_keys=False) + setting
    root = make_report_hub(tmp_path / "hub", config_text=config)
    done = run_report(root, "--analytics", str(root / "ga4.csv"), "--format", "json")
    assert done.returncode == 2, done.stdout
    line = next(
        i
        for i, text in enumerate(config.splitlines(), 1)
        if text.strip().startswith(setting.splitlines()[-1].strip()[:12])
    )
    assert f"mkdocs.yml:{line}: {message}" in done.stderr, done.stderr
