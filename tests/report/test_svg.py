"""The cell-chart helper: one square per day, colour steps, gaps marked, text escaped."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from hubtool.report import svg

NS = {"s": "http://www.w3.org/2000/svg"}


def test_calendar_has_one_square_per_day_darker_for_more() -> None:
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    out = svg.calendar_heatmap(
        {dt.date(2026, 3, 4): 1, dt.date(2026, 3, 5): 4},
        start,
        end,
        titles={dt.date(2026, 3, 4): "news: <发布会> & 合作"},
        label="日历",
    )
    root = ET.fromstring(out)  # well-formed XML: the titles are escaped
    days = root.findall(".//s:rect[@data-date]", NS)
    assert len(days) == 365
    fill = {r.get("data-date"): r.get("fill") for r in days}
    assert fill["2026-03-05"] == svg.SCALE[4] and fill["2026-03-04"] == svg.SCALE[1]
    assert fill["2026-01-01"] == svg.SCALE[0]
    tip = next(r for r in days if r.get("data-date") == "2026-03-04").find("s:title", NS).text
    assert tip == "2026-03-04: 1 · news: <发布会> & 合作"
    # 1 January 2026 is a Thursday: its square is in the first column, fourth row.
    first = next(r for r in days if r.get("data-date") == "2026-01-01")
    monday = next(r for r in days if r.get("data-date") == "2026-01-05")
    assert float(first.get("y")) > float(monday.get("y")) and float(first.get("x")) < float(
        monday.get("x")
    )


def test_level_steps() -> None:
    assert [svg.level(v, 8) for v in (0, 1, 3, 6, 8, 9)] == [0, 1, 2, 3, 4, 4]
    assert svg.level(0, 0) == 0 and svg.level(1, 1) == 4


def test_grid_marks_empty_cells_and_sizes_for_chinese_labels() -> None:
    out = svg.grid(
        ["决策者 decision-maker", "评估者"], ["认知", "考虑"], [[0, 2], [1, 0]], label="覆盖"
    )
    root = ET.fromstring(out)
    gaps = root.findall(".//s:g[@class='cell gap']", NS)
    assert len(gaps) == 2
    assert all(g.find("s:rect", NS).get("fill") == svg.EMPTY for g in gaps)
    first_cell_x = min(float(r.get("x")) for r in root.findall(".//s:g/s:rect", NS))
    assert first_cell_x >= svg.text_width("决策者 decision-maker")
