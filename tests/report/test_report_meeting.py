"""What the monthly meeting asks, on three months of planted leads and a GA4 export with sessions:
which piece brought which leads through which channel, and to which industries and stages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reportkit import MONTH, make_meeting_hub, report_json, report_text, run_report


@pytest.fixture(scope="module")
def meeting_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_meeting_hub(tmp_path_factory.mktemp("meeting") / "hub")


@pytest.fixture(scope="module")
def october(meeting_hub: Path) -> dict:
    return report_json(meeting_hub, "--analytics", str(meeting_hub / "ga4-2026-10.csv"))


def _cell(crosstab: dict, content_id: str, channel: str) -> int:
    row = next(r for r in crosstab["rows"] if r["content_id"] == content_id)
    keys = [c["key"] for c in crosstab["channels"]]
    return row["cells"][keys.index(channel)] if channel in keys else 0


def test_the_whitepapers_leads_came_from_the_wechat_campaign(october: dict) -> None:
    pc = october["leads"]["by_piece_channel"]
    assert pc["dimensions"] == ["utm_source", "utm_medium"]
    assert _cell(pc, "whitepapers/guide", "wechat / social") == 3
    assert _cell(pc, "whitepapers/guide", "baidu / cpc") == 1
    assert _cell(pc, "cases/bank-risk", "wechat / social") == 1
    assert _cell(pc, "cases/insurer", "linkedin / social") == 1
    assert _cell(pc, "(none)", "(none) / (none)") == 1
    # The crosstab adds up, both ways, to the month's leads.
    assert october["leads"]["total"] == pc["total"] == 8
    assert sum(r["leads"] for r in pc["rows"]) == sum(pc["totals"]) == 8
    assert all(sum(r["cells"]) == r["leads"] for r in pc["rows"])
    assert [sum(col) for col in zip(*(r["cells"] for r in pc["rows"]), strict=True)] == pc["totals"]


def test_conversion_per_piece_uses_the_sessions_of_all_its_language_versions(october: dict) -> None:
    pc = october["leads"]["by_piece_channel"]
    assert pc["rate_basis"] == "sessions"
    rows = {r["content_id"]: r for r in pc["rows"]}
    assert (rows["whitepapers/guide"]["sessions"], rows["whitepapers/guide"]["rate"]) == (
        120,
        0.0333,
    )
    # /cases/bank-risk/ 300 + /en/cases/bank-risk/ 30 sessions: one piece, two languages.
    assert (rows["cases/bank-risk"]["sessions"], rows["cases/bank-risk"]["rate"]) == (330, 0.0061)
    assert rows["(none)"]["rate"] is None
    overall = october["leads"]["conversion_rate"]
    assert (overall["basis"], overall["sessions"], overall["rate"]) == ("sessions", 930, 0.0086)
    assert october["leads"]["attribution"] == "last-touch"


def test_campaign_on_demand(meeting_hub: Path) -> None:
    pc = report_json(meeting_hub, "--by-campaign")["leads"]["by_piece_channel"]
    assert pc["dimensions"] == ["utm_source", "utm_medium", "utm_campaign"]
    assert _cell(pc, "whitepapers/guide", "wechat / social / wp-launch") == 3
    assert _cell(pc, "cases/bank-risk", "baidu / cpc / q4-risk") == 1
    assert pc["rate_basis"] is None  # no analytics export, no conversion rate


def test_leads_per_industry_audience_and_stage_of_the_piece(october: dict) -> None:
    leads = october["leads"]
    # bank-risk (banking) 2, insurer (insurance) 1; the guide has no industry, nor has a form
    # outside any piece: 4 + 1 under (none).
    assert leads["by_industry"] == [
        {"key": "(none)", "leads": 5},
        {"key": "banking", "leads": 2},
        {"key": "insurance", "leads": 1},
    ]
    # The guide speaks to evaluators and buyers: its 4 leads count under each.
    assert leads["by_audience"] == [
        {"key": "evaluator", "leads": 5},
        {"key": "buyer", "leads": 4},
        {"key": "decision-maker", "leads": 2},
        {"key": "(none)", "leads": 1},
    ]
    assert leads["by_stage"] == [
        {"key": "consideration", "leads": 5},
        {"key": "decision", "leads": 2},
        {"key": "(none)", "leads": 1},
    ]
    assert sum(x["leads"] for x in leads["by_stage"]) == leads["total"]


def test_html_and_markdown_show_the_crosstab_and_say_it_is_last_touch(meeting_hub: Path) -> None:
    args = ("--analytics", str(meeting_hub / "ga4-2026-10.csv"))
    html = report_text(meeting_hub, *args)
    assert 'data-chart="piece-channel"' in html and "wechat / social" in html
    assert "末次触达" in html  # the hub's language is Chinese
    md = report_text(meeting_hub, *args, fmt="md")
    assert "| 隐私计算选型指南 | 3 | 1 | 0 | 0 | 4 | 120 | 3.33% |" in md
    assert "| 合计 | 4 | 2 | 1 | 1 | 8 |  |  |" in md
    assert "末次触达" in md


def test_month_over_month_matches_a_hand_computation(tmp_path: Path) -> None:
    hub = make_meeting_hub(tmp_path / "hub")
    done = run_report(
        hub,
        "--month",
        "2026-09",
        "--analytics",
        str(hub / "ga4-2026-09.csv"),
        "--format",
        "json",
        "-o",
        str(hub / "sep.json"),
    )
    assert done.returncode == 0, done.stderr
    september = json.loads((hub / "sep.json").read_text(encoding="utf-8"))
    october = report_json(hub, "--analytics", str(hub / "ga4-2026-10.csv"))
    cards = {c["key"]: c for c in october["kpis"]}
    # Leads: 8 in October, 3 in September (the 30 September lead and two for the insurer).
    leads = cards["leads"]
    assert (
        leads["value"],
        leads["previous"],
        leads["delta"],
        leads["direction"],
        leads["better"],
    ) == (8, 3, 5, "up", True)
    assert leads["series"] == [0] * 9 + [2, 3, 8] and leads["months"][-1] == MONTH
    # Conversion: 8 / 930 sessions against September's 3 / 120 (its report, kept in history).
    conv = cards["conversion"]
    assert (conv["value"], conv["previous"], conv["delta"], conv["direction"], conv["better"]) == (
        0.0086,
        0.025,
        -0.0164,
        "down",
        False,
    )
    # Published per kind: one of each in October, none in September.
    for kind in ("case", "whitepaper", "news"):
        card = cards[f"published_{kind}"]
        assert (card["value"], card["previous"], card["delta"], card["direction"]) == (
            1,
            0,
            1,
            "up",
        )
    assert cards["published_news"]["series"] == [0] * 9 + [1, 0, 1]
    # Audit errors: September's as its report recorded them.
    errors = cards["errors"]
    assert errors["previous"] == september["audit"]["errors"]
    assert errors["previous_from"] == "history"
    assert errors["delta"] == errors["value"] - september["audit"]["errors"]
    assert errors["better"] == (None if errors["delta"] == 0 else errors["delta"] < 0)


def test_cards_show_the_move_and_link_to_their_rows(meeting_hub: Path) -> None:
    html = report_text(meeting_hub)
    assert "▲ +5 较 2026-09（3）" in html  # leads
    assert 'data-kpi="leads"><span>线索</span><a href="#leads-by-piece"><b>8</b></a>' in html
    assert html.count('class="spark"') >= 4
    md = report_text(meeting_hub, fmt="md")
    assert "| 线索 | 8 | ▲ +5 较 2026-09（3） | § 线索 › 按内容 × 渠道 |" in md
