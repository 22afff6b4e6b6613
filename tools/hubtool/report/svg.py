"""Cell charts as static SVG: a calendar heat map and a coloured grid (pygal has neither)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape

# Five steps from "none" to "most", light enough to print and to read black text on.
SCALE = ("#ebedf0", "#c5cae9", "#7986cb", "#3f51b5", "#1a237e")
EMPTY = "#fdecea"  # a coverage cell with no page: what to write next
WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
FONT = 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif'


def level(value: float, top: float) -> int:
    """The colour step of `value` on a scale up to `top`: 0 only for nothing, 1-4 otherwise."""
    if value <= 0 or top <= 0:
        return 0
    return min(4, 1 + int(3 * value / top)) if value < top else 4


def text_width(value: str, size: float = 12) -> float:
    """Rough rendered width: ideographs and full-width forms are about 1 em, Latin about 0.6 em."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in value)


def _svg(width: int, height: int, label: str, body: list[str], css_class: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="{escape(FONT)}" font-size="12" fill="#212121" '
        f'aria-label="{escape(label)}"><title>{escape(label)}</title>{"".join(body)}</svg>'
    )


def calendar_heatmap(
    counts: Mapping[dt.date, int],
    start: dt.date,
    end: dt.date,
    *,
    titles: Mapping[dt.date, str] | None = None,
    label: str = "",
    month_names: Sequence[str] | None = None,
) -> str:
    """One square per day from `start` to `end`, weeks as columns (Monday on top), darker = more.

    Each day has a `<title>` (shown on hover) naming the date, the count and `titles[day]`.
    """
    cell, gap, left, top = 12, 2, 22, 18
    first = start - dt.timedelta(days=start.weekday())
    weeks = (end - first).days // 7 + 1
    peak = max(counts.values(), default=0)
    body: list[str] = []
    for row in (0, 2, 4):
        y = top + row * (cell + gap) + cell - 2
        body.append(f'<text x="0" y="{y}" class="wd">{WEEKDAYS[row]}</text>')
    day = start
    last_month = None
    while day <= end:
        col = (day - first).days // 7
        x, y = left + col * (cell + gap), top + day.weekday() * (cell + gap)
        if day.month != last_month:
            last_month = day.month
            name = month_names[day.month - 1] if month_names else f"{day.month}月"
            body.append(f'<text x="{x}" y="{top - 6}" class="mo">{escape(name)}</text>')
        n = counts.get(day, 0)
        tip = f"{day.isoformat()}: {n}"
        if titles and titles.get(day):
            tip += f" · {titles[day]}"
        body.append(
            f'<rect x="{x}" y="{y}" width="{cell}" height="{cell}" rx="2" '
            f'fill="{SCALE[level(n, peak)]}" data-date="{day.isoformat()}" data-count="{n}">'
            f"<title>{escape(tip)}</title></rect>"
        )
        day += dt.timedelta(days=1)
    width = left + weeks * (cell + gap)
    legend_y = top + 7 * (cell + gap) + 6
    body.append(
        f'<text x="{width - 6 * (cell + gap) - 14}" y="{legend_y + cell - 2}" '
        f'class="lg" text-anchor="end">0</text>'
    )
    for i, colour in enumerate(SCALE):
        x = width - (5 - i) * (cell + gap) - 14
        body.append(
            f'<rect x="{x}" y="{legend_y}" width="{cell}" height="{cell}" rx="2" fill="{colour}"/>'
        )
    body.append(f'<text x="{width - 10}" y="{legend_y + cell - 2}" class="lg">{peak}</text>')
    return _svg(width + 10, legend_y + cell + 4, label, body, "chart calendar")


def grid(
    rows: Sequence[str],
    cols: Sequence[str],
    values: Sequence[Sequence[int]],
    *,
    label: str = "",
    row_header: str = "",
    col_header: str = "",
) -> str:
    """A table of counts as coloured cells; zero cells are marked as gaps (light red, '0')."""
    cell_w = int(max([text_width(c) for c in cols] + [60])) + 12
    cell_h, gap = 30, 3
    left = int(max([text_width(r) for r in [*rows, row_header]], default=40)) + 16
    top = 40
    peak = max((v for row in values for v in row), default=0)
    body = [
        f'<text x="{left - 8}" y="{top - 10}" class="hd" text-anchor="end">'
        f"{escape(row_header)}</text>"
        if row_header
        else ""
    ]
    for j, col in enumerate(cols):
        x = left + j * (cell_w + gap) + cell_w / 2
        body.append(
            f'<text x="{x}" y="{top - 10}" class="hd" text-anchor="middle">{escape(col)}</text>'
        )
    for i, row in enumerate(rows):
        y = top + i * (cell_h + gap)
        body.append(
            f'<text x="{left - 8}" y="{y + cell_h / 2 + 4}" text-anchor="end">{escape(row)}</text>'
        )
        for j, col in enumerate(cols):
            n = values[i][j]
            x = left + j * (cell_w + gap)
            fill = EMPTY if n == 0 else SCALE[level(n, peak)]
            ink = "#ffffff" if level(n, peak) >= 3 else "#212121"
            state = "gap" if n == 0 else "covered"
            body.append(
                f'<g class="cell {state}"><rect x="{x}" y="{y}" width="{cell_w}" '
                f'height="{cell_h}" rx="3" fill="{fill}"><title>{escape(row)} × '
                f'{escape(col)}: {n}</title></rect><text x="{x + cell_w / 2}" '
                f'y="{y + cell_h / 2 + 4}" text-anchor="middle" fill="{ink}">{n}</text></g>'
            )
    width = left + len(cols) * (cell_w + gap) + 4
    height = top + len(rows) * (cell_h + gap) + 4
    return _svg(int(width), height, label, body, "chart grid")


def sparkline(
    values: Sequence[float | None],
    months: Sequence[str],
    *,
    label: str = "",
    fmt: str = "{:g}",
    width: int = 132,
    height: int = 30,
) -> str:
    """The months' values as a small line (a gap where a month is unknown), the last one dotted.
    Its `<title>` lists every month's value, so the numbers stay readable."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    low, high = min(known + [0.0]), max(known)
    span = (high - low) or 1
    step = (width - 6) / max(1, len(values) - 1)

    def point(i: int, v: float) -> tuple[float, float]:
        return round(3 + i * step, 1), round(height - 3 - (v - low) / span * (height - 6), 1)

    runs: list[list[tuple[float, float]]] = [[]]
    for i, v in enumerate(values):
        if v is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(point(i, v))
    body = [f'<line x1="0" y1="{height - 3}" x2="{width}" y2="{height - 3}" stroke="#e0e0e0"/>']
    for run in runs:
        if len(run) > 1:
            pts = " ".join(f"{x},{y}" for x, y in run)
            body.append(
                f'<polyline points="{pts}" fill="none" stroke="{SCALE[3]}" stroke-width="1.5"/>'
            )
    last = next((i for i in range(len(values) - 1, -1, -1) if values[i] is not None), None)
    if last is not None:
        x, y = point(last, values[last])  # type: ignore[arg-type]
        body.append(f'<circle cx="{x}" cy="{y}" r="2.5" fill="{SCALE[4]}"/>')
    tip = "; ".join(
        f"{m}: {'–' if v is None else fmt.format(v)}" for m, v in zip(months, values, strict=False)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="spark" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-label="{escape(label)}"><title>{escape(label)}: {escape(tip)}</title>'
        f"{''.join(body)}</svg>"
    )
