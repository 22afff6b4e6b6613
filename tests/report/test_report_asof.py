"""One as-of day for every section: a piece dated after it does not exist for that report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reportkit import report_json, report_text, run_report

NOVEMBER = (
    "docs/news/posts/november.md",
    "whitepapers/data-elements.md",
    "/news/november/",
    "/whitepapers/data-elements/",
    "十一月的新闻",
    "数据要素白皮书",
)


@pytest.fixture
def october(shared_hub: Path) -> dict:
    return report_json(shared_hub)


def test_october_does_not_count_or_report_november_pieces(october: dict) -> None:
    # The calendar of what was planned on 31 October is the one place they may appear, as plans.
    planned = october["advice"].pop("planned")
    assert {p["path"]: p["status"] for p in planned if p["path"] in NOVEMBER} == {
        "docs/news/posts/november.md": "published later",
        "whitepapers/data-elements.md": "published later",
    }
    text = json.dumps(october, ensure_ascii=False)
    for trace in NOVEMBER:  # not counted, not listed, no finding: anywhere else in the report
        assert trace not in text, trace
    assert "CAD005" not in october["audit"]["by_rule"]
    # The November whitepaper would fill these gaps; in October they are still gaps.
    assert october["coverage"]["industries"]["manufacturing"] == 0
    assert "数据要素" in [k["keyword"] for k in october["keywords"]["targets_without_page"]]
    assert october["publishing"]["kinds"]["whitepaper"]["total"] == 1


def test_headline_audit_numbers_are_the_findings_listed(october: dict) -> None:
    audit = october["audit"]
    assert audit["errors"] == sum(f["severity"] == "error" for f in audit["findings"])
    assert audit["warnings"] == sum(f["severity"] == "warning" for f in audit["findings"])
    assert sum(audit["by_rule"].values()) >= len(audit["findings"])
    stale = [f["path"] for f in audit["findings"] if f["rule"] == "CAD004"]
    assert stale == ["cases/old-hospital.md", "whitepapers/compliance.md"]


def test_month_to_date_counts_what_was_published_so_far(shared_hub: Path) -> None:
    report = report_json(shared_hub, month="current")
    meta = report["report"]
    assert (meta["month"], meta["start"], meta["end"], meta["as_of"]) == (
        "2026-11",
        "2026-11-01",
        "2026-11-30",
        "2026-11-23",
    )
    paths = sorted(p["url"] for p in report["publishing"]["published_this_month"])
    assert paths == ["/news/november/", "/whitepapers/data-elements/"]
    assert report["coverage"]["industries"]["manufacturing"] == 1
    # The December item is after the as-of day: not a CAD005 finding of this report either.
    assert "CAD005" not in report["audit"]["by_rule"]
    assert "/news/future/" not in json.dumps(report)


def test_help_and_header_say_which_month_and_how_to_get_month_to_date(shared_hub: Path) -> None:
    done = run_report(shared_hub, "--help")
    assert "last complete month" in done.stdout and "current" in done.stdout
    html = report_text(shared_hub)
    assert "2026-10-31" in html and "--month current" in html
    md = report_text(shared_hub, fmt="md")
    assert "2026-10-31" in md and "--month current" in md
