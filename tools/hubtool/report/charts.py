"""The report's charts as inline SVG: bar charts by pygal, cell charts (calendar, grid) by `svg`."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from . import svg
from .svg import FONT

PUBLISHED, TARGET, BELOW = "#3f51b5", "#bdbdbd", "#ef6c00"
ERRORS, WARNINGS = "#c62828", "#f9a825"


def _style(colors: tuple[str, ...] = (PUBLISHED, TARGET, BELOW)) -> Any:
    from pygal.style import Style

    # White backgrounds and dark ink: the report is printed to PDF as often as it is read on screen.
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#212121",
        foreground_strong="#212121",
        foreground_subtle="#9e9e9e",
        opacity="1",
        opacity_hover="0.85",
        font_family=FONT,
        label_font_size=11,
        major_label_font_size=11,
        legend_font_size=12,
        title_font_size=14,
        value_font_size=11,
        colors=colors,
    )


def _render(chart: Any, chart_id: str) -> str:
    """pygal's SVG without the XML declaration, scripts or random ids (stable output, no requests)."""
    out = chart.render(is_unicode=True)
    out = re.sub(
        r"chart-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", chart_id, out
    )
    out = re.sub(r"<!--.*?-->", "", out, flags=re.S)  # generator comments name pygal's web site
    # Its config script serves tooltips we do not load; the report carries no script at all.
    out = re.sub(r"<script\b.*?</script>", "", out, flags=re.S)
    return out


def _common(title: str) -> dict[str, Any]:
    # js=[]: pygal would otherwise add a <script> loading its tooltips from another host.
    return {
        "style": _style(),
        "js": [],
        "disable_xml_declaration": True,
        "title": title,
        "width": 720,
        "height": 260,
        "legend_at_bottom": True,
        "legend_box_size": 10,
        "print_values": False,
        "show_y_guides": True,
        "margin": 8,
        "spacing": 8,
        "explicit_size": False,
        "pretty_print": False,
    }


def publishing_bars(
    kind: str,
    label: str,
    months: Sequence[str],
    counts: Sequence[int],
    target: float,
    names: Mapping[str, str],
) -> str:
    """Pieces published per month (orange below target) beside the monthly target."""
    import pygal

    top = max(1, math.ceil(target), *counts)
    step = max(1, math.ceil(top / 6))
    # Whole pieces on the axis: 0, 1, 2 … (pygal would otherwise label 0.2, 0.4 …).
    chart = pygal.Bar(**_common(label), x_label_rotation=0, y_labels=list(range(0, top + 1, step)))
    chart.x_labels = [m[2:] for m in months]  # 25-12: short enough for 12 labels on A4
    chart.add(
        names["published"],
        [{"value": n, "color": PUBLISHED if n >= target else BELOW} for n in counts],
    )
    chart.add(names["target"], [round(target, 2)] * len(months))
    return _render(chart, f"chart-publishing-{kind}")


def trend_bars(label: str, months: Sequence[str], series: Mapping[str, Sequence[int]]) -> str:
    """Grouped bars per month: the audit's errors and warnings over the months on record."""
    import pygal

    top = max([1, *(n for values in series.values() for n in values)])
    step = max(1, math.ceil(top / 6))
    options = {**_common(label), "style": _style((ERRORS, WARNINGS))}
    chart = pygal.Bar(**options, y_labels=list(range(0, top + 1, step)))
    chart.x_labels = list(months)
    for name, values in series.items():
        chart.add(name, list(values))
    return _render(chart, "chart-audit-trend")


def calendar(
    counts: Mapping[dt.date, int],
    start: dt.date,
    end: dt.date,
    titles: Mapping[dt.date, str],
    label: str,
    month_names: Sequence[str] | None = None,
) -> str:
    return svg.calendar_heatmap(
        counts, start, end, titles=titles, label=label, month_names=month_names
    )


def grid(
    rows: Sequence[str],
    cols: Sequence[str],
    values: Sequence[Sequence[int]],
    label: str,
    row_header: str = "",
    col_header: str = "",
) -> str:
    return svg.grid(rows, cols, values, label=label, row_header=row_header, col_header=col_header)


# Channel colours: distinct in print and for the common forms of colour blindness (Okabe-Ito).
CHANNELS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999")


def piece_channel_bars(
    label: str, pieces: Sequence[str], channels: Sequence[str], cells: Sequence[Sequence[int]]
) -> str:
    """Leads per piece as horizontal bars, each split by channel (stacked, one colour a channel)."""
    import pygal

    top = max([1, *(sum(row) for row in cells)])
    step = max(1, math.ceil(top / 8))
    names = [p if len(p) <= 24 else p[:23] + "…" for p in pieces]
    rows = math.ceil(len(channels) / 3)
    height = 110 + 34 * len(pieces) + 22 * rows
    # pygal sizes the label margin for Latin letters; ideographs are about twice as wide.
    left = int(max([svg.text_width(n, 11) for n in names] + [40])) + 16
    options = {
        **_common(label),
        "height": height,
        "style": _style(CHANNELS),
        "legend_at_bottom_columns": 3,
        "truncate_label": -1,
        "truncate_legend": 40,
        "margin_left": left,
        # pygal reserves legend rows as len // columns (floor): make room for the rest.
        "margin_bottom": 8 + 20 * (rows - len(channels) // 3),
    }
    chart = pygal.HorizontalStackedBar(**options, y_labels=list(range(0, top + 1, step)))
    chart.x_labels = list(reversed(names))  # pygal draws the first label at the bottom
    for j, channel in enumerate(channels):
        chart.add(channel, [row[j] or None for row in reversed(cells)])
    return _render(chart, "chart-piece-channel")
