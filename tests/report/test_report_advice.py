"""What to write next: every planted gap with its reason, ranked, and nothing the calendar plans."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportkit import make_meeting_hub, report_json, report_text


@pytest.fixture(scope="module")
def advice(tmp_path_factory: pytest.TempPathFactory) -> dict:
    hub = make_meeting_hub(tmp_path_factory.mktemp("advice") / "hub")
    return report_json(hub, "--analytics", str(hub / "ga4-2026-10.csv"))["advice"]


def _find(advice: dict, kind: str, topic: str) -> dict:
    found = [x for x in advice["items"] if x["kind"] == kind and x["topic"] == topic]
    assert len(found) == 1, (kind, topic, [(x["kind"], x["topic"]) for x in advice["items"]])
    return found[0]


def test_industries_with_cases_but_no_whitepaper_with_their_reason(advice: dict) -> None:
    insurance = _find(advice, "industry-whitepaper", "保险白皮书")
    assert insurance["industry"] == "insurance"
    assert "保险有 1 个客户案例，却没有白皮书" in insurance["reason"]
    _find(advice, "industry-whitepaper", "医疗白皮书")
    # Banking has a case and no whitepaper either, but one is planned for December: not advice.
    assert not [
        x
        for x in advice["items"]
        if x.get("industry") == "banking" and x["kind"] == "industry-whitepaper"
    ]
    playbook = next(p for p in advice["planned"] if p["path"] == "whitepapers/banking-playbook.md")
    assert "银行白皮书" in playbook["fills"] and "关键词「联邦学习」" in playbook["fills"]


def test_a_piece_with_readers_and_no_leads_is_the_first_thing_to_fix(advice: dict) -> None:
    first = advice["items"][0]
    assert (first["rank"], first["kind"], first["topic"], first["url"]) == (
        1,
        "cta",
        "新版本发布",
        "/news/launch/",
    )
    assert "400 次浏览、350 次会话、0 条线索" in first["reason"]
    assert "没有设置行动号召" in first["reason"]  # launch.md has no cta
    # The whitepaper with 120 sessions brought 4 leads: not advised.
    assert not [
        x for x in advice["items"] if x["kind"] == "cta" and x["topic"] == "隐私计算选型指南"
    ]


def test_keywords_refreshes_and_coverage_gaps(advice: dict) -> None:
    assert "目标关键词" in _find(advice, "keyword-no-page", "federated learning")["reason"]
    cannibal = _find(advice, "keyword-cannibalised", "联合风控")
    assert cannibal["pages"] == ["/cases/bank-risk/", "/cases/insurer/"]
    old = _find(advice, "refresh", "医院研究网络")
    assert "2024-01-10" in old["reason"] and "90 次浏览" in old["reason"]
    _find(advice, "refresh", "数据合规白皮书")
    assert (
        "没有写给采购、处于决策阶段的内容" in _find(advice, "cell-empty", "采购 × 决策")["reason"]
    )
    assert _find(advice, "industry-stage", "保险 × 认知、决策、留存")["stages"] == [
        "awareness",
        "decision",
        "retention",
    ]
    # Ranked: the call to action, whitepapers, keywords, refreshes, then the coverage gaps.
    kinds = [x["kind"] for x in advice["items"]]
    assert kinds == sorted(
        kinds,
        key=[
            "cta",
            "industry-whitepaper",
            "keyword-no-page",
            "keyword-cannibalised",
            "refresh",
            "industry-empty",
            "cell-empty",
            "industry-stage",
        ].index,
    )
    assert [x["rank"] for x in advice["items"]] == list(range(1, len(kinds) + 1))
    assert all(x["reason"] for x in advice["items"])


def test_nothing_the_calendar_plans_is_advised(advice: dict) -> None:
    topics = " ".join(f"{x['topic']} {x['reason']}" for x in advice["items"])
    # Planned: the December playbook (banking, 联邦学习, decision-maker × consideration), the
    # overdue draft (buyer × awareness) and November's 数据要素 whitepaper (manufacturing).
    for planned in (
        "联邦学习",
        "决策者 × 考虑",
        "采购 × 认知",
        "数据要素",
        "制造",
        "银行 × 考虑",
        "银行 × 认知",
    ):
        assert planned not in topics, planned
    assert [p["status"] for p in advice["planned"]][:2] == ["overdue", "published later"]


def test_never_every_cell_has_a_page_while_there_is_advice(tmp_path: Path) -> None:
    hub = make_meeting_hub(tmp_path / "hub")
    html = report_text(hub)
    assert "Every cell has a page" not in html and "每个格子都有内容" not in html
    assert 'data-advice="industry-whitepaper"' in html and "保险有 1 个客户案例" in html
    md = report_text(hub, fmt="md")
    assert "| 1 | 写行业白皮书: 保险白皮书 | 保险有 1 个客户案例" in md  # no export: no CTA advice
