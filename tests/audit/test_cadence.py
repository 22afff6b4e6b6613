"""CAD001-CAD005 on tiny real hubs, measured from a fixed --today (source rules, no build)."""

from __future__ import annotations

import datetime as dt

from hubcases import CASE, WHITEPAPER, hub, line, located, news

NEWS_OK = {
    f"docs/news/posts/n{i}.md": news(d, f"新闻 {i}")
    for i, d in enumerate(
        [
            "2025-12-20",
            "2026-01-30",
            "2026-03-10",
            "2026-04-20",
            "2026-06-01",
            "2026-07-10",
            "2026-08-20",
            "2026-10-01",
            "2026-11-10",
        ]
    )
}
GOOD = {"cases/bank.md": CASE, "whitepapers/guide.md": WHITEPAPER, **NEWS_OK}


def test_steady_hub_has_no_cadence_findings(tmp_path):
    result = hub(tmp_path, GOOD, ("CAD",))
    assert located(result) == []
    months = result.summary["cadence"]["news"]
    assert len(months) == 12 and months["2026-11"] == 1 and months["2026-02"] == 0


def test_plain_site_without_content_has_nothing_to_say(tmp_path):
    assert located(hub(tmp_path, {}, ("CAD",))) == []


def test_cad001_newest_news_too_old(tmp_path):
    old = news("2026-10-01", "旧新闻")
    result = hub(tmp_path, {"docs/news/posts/old.md": old}, ("CAD001",))
    assert located(result) == [("CAD001", "docs/news/posts/old.md", line(old, "date:"))]
    assert " 53 " in result.findings[0].message and "旧新闻" in result.findings[0].message


def test_cad001_english_only_news_does_not_count(tmp_path):
    # Cadence is measured on the default language (zh): a fresh English item does not hide silence.
    old = news("2026-09-01", "旧新闻")
    result = hub(
        tmp_path,
        {"docs/news/posts/old.md": old, "docs/news/posts/fresh.en.md": news("2026-11-20", "Fresh")},
        ("CAD001",),
    )
    assert located(result) == [("CAD001", "docs/news/posts/old.md", line(old, "date:"))]


def test_cad001_threshold_from_rule_options(tmp_path):
    old = news("2026-10-01", "旧新闻")
    result = hub(
        tmp_path,
        {"docs/news/posts/old.md": old},
        ("CAD001",),
        hub={"audit": {"rules": {"CAD001": {"max_age_days": 60}}}},
    )
    assert located(result) == []


def test_cad002_one_finding_per_gap(tmp_path):
    files = {
        "docs/news/posts/a.md": news("2026-03-02", "三月新闻"),
        "docs/news/posts/b.md": news("2026-05-20", "五月新闻"),
        "docs/news/posts/c.md": news("2026-06-10", "六月新闻"),
        "docs/news/posts/d.md": news("2026-11-15", "十一月新闻"),
        # Outside the last 12 months: its gap to March is not counted.
        "docs/news/posts/z.md": news("2025-06-01", "去年的新闻"),
    }
    result = hub(tmp_path, files, ("CAD002",))
    date_line = line(files["docs/news/posts/b.md"], "date:")
    assert located(result) == [
        ("CAD002", "docs/news/posts/b.md", date_line),
        ("CAD002", "docs/news/posts/d.md", date_line),
    ]
    first = result.findings[0].message
    assert " 79 " in first and "三月新闻" in first and "五月新闻" in first


def test_cad003_no_recent_whitepaper(tmp_path):
    paper = WHITEPAPER.replace("date: 2026-10-10", "date: 2026-03-01")
    result = hub(tmp_path, {**NEWS_OK, "whitepapers/guide.md": paper}, ("CAD003",))
    assert located(result) == [("CAD003", "whitepapers/guide.md", line(paper, "date:"))]
    assert " 267 " in result.findings[0].message


def test_cad004_case_due_for_refresh_at_updated_line(tmp_path):
    case = CASE.replace("date: 2026-10-01", "date: 2024-01-10\nupdated: 2025-01-10")
    result = hub(tmp_path, {**GOOD, "cases/bank.md": case}, ("CAD004",))
    assert located(result) == [("CAD004", "cases/bank.md", line(case, "updated:"))]
    assert " 682 " in result.findings[0].message


def test_cad004_recent_update_refreshes(tmp_path):
    case = CASE.replace("date: 2026-10-01", "date: 2024-01-10\nupdated: 2026-06-01")
    assert located(hub(tmp_path, {**GOOD, "cases/bank.md": case}, ("CAD004",))) == []


def test_cad005_future_dated_item(tmp_path):
    future = news("2026-12-15", "未来的新闻")
    result = hub(tmp_path, {**GOOD, "docs/news/posts/future.en.md": future}, ("CAD",))
    assert located(result) == [("CAD005", "docs/news/posts/future.en.md", line(future, "date:"))]
    assert result.findings[0].severity == "error"


def test_cad005_off_with_scheduled_publishing(tmp_path):
    future = news("2026-12-15", "未来的新闻")
    result = hub(
        tmp_path,
        {**GOOD, "docs/news/posts/future.md": future},
        ("CAD005",),
        hub={"cadence": {"scheduled_publishing": True}},
    )
    assert located(result) == []


def test_cadence_measured_from_today(tmp_path):
    # The same hub a year later: news and whitepapers are stale, the case is not yet 540 days old.
    later = dt.date(2027, 11, 23)
    result = hub(tmp_path, GOOD, ("CAD",), today=later)
    assert sorted(f.rule for f in result.findings) == ["CAD001", "CAD003"]
