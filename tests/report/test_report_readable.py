"""Readable at a glance: the keyword table folded after 10 rows, targets in whole pieces, the
report in the hub's language."""

from __future__ import annotations

from pathlib import Path

from reportkit import make_report_hub, report_json, report_text

PAGE = """\
---
title: 测试页面 {n}
description: 测试页面 {n}，一个用于测试月报关键词表折叠的白皮书页面。
date: 2026-{month:02d}-03
keyword: 测试关键词{n}
---
正文。
"""


def test_keyword_table_shows_ten_rows_and_folds_the_rest(tmp_path: Path) -> None:
    root = make_report_hub(tmp_path / "hub")
    for n in range(12):
        (root / "whitepapers" / f"kw-{n}.md").write_text(
            PAGE.format(n=n, month=1 + n % 9), encoding="utf-8"
        )
    html = report_text(root)
    section = html[
        html.index('<section id="keywords">') : html.index(
            "</section>", html.index('id="keywords"')
        )
    ]
    shown, folded = section.split('<details class="more">')
    folded = folded.split("</details>")[0]
    assert shown.count("<tr><td") == 10
    assert folded.count("<tr><td") == 17 - 10  # 5 fixture pages + 12 new ones
    assert "其余 7 个" in folded
    # Competing pages come first: 联合风控 (bank-risk, insurer) lead the table.
    assert shown.index("/cases/bank-risk/") < shown.index("/whitepapers/kw-0/")
    md = report_text(root, fmt="md")
    assert "<details><summary>其余 7 个关键词</summary>" in md


def test_fractional_targets_are_whole_pieces(tmp_path: Path) -> None:
    # One whitepaper a quarter, written 0.34 a month: 4.08 a year is 4 whitepapers, and 4 is on target.
    targets = {"news": 2, "case": 0.5, "whitepaper": 0.34}
    root = make_report_hub(
        tmp_path / "hub", {"extra": {"hub": {"cadence": {"targets_per_month": targets}}}}
    )
    for n, month in enumerate((1, 4, 7)):
        (root / "whitepapers" / f"q-{n}.md").write_text(
            PAGE.format(n=n, month=month), encoding="utf-8"
        )
    report = report_json(root)
    wp = report["publishing"]["kinds"]["whitepaper"]
    assert (wp["total"], wp["target_total"], wp["target_pieces"], wp["on_target"]) == (
        4,
        4.08,
        4,
        True,
    )
    md = report_text(root, fmt="md")
    assert "| 白皮书 | 0 | 0 | 1 | 0 | 0 | 1 | 0 | 0 | 1 | 0 | 0 | 1 | 4 / 4 ✓ |" in md
    html = report_text(root)
    assert 'data-target="whitepaper">4 / 4 ✓' in html


def test_an_english_hub_gets_an_english_report(tmp_path: Path) -> None:
    english = {"default": "en", "others": ["zh"]}
    config = {"theme": {"language": "en"}, "extra": {"hub": {"languages": english}}}
    root = make_report_hub(tmp_path / "hub", config)
    html = report_text(root)
    assert "What to write next" in html and "as of 2026-10-31" in html
    assert "下一步写什么" not in html and "末次触达" not in html
    assert "Attribution is last-touch" in html
    body = html[html.index("<body>") :]
    assert "Oct" in body  # calendar month names
