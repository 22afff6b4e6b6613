"""The report as one self-contained HTML file: inline CSS and SVG charts, no script, no requests."""

from __future__ import annotations

import calendar as calendar_mod
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup

from . import charts, labels, svg
from .labels import Labels
from .render import TOP_KEYWORDS, keyword_rows

Report = Mapping[str, Any]


def _piece_name(row: Mapping[str, Any], L: Labels) -> str:
    if row["in_hub"]:
        return str(row["title"])
    return (
        L.t("（无内容）", "(no piece)") if row["content_id"] == "(none)" else str(row["content_id"])
    )


def _calendar(r: Report, L: Labels) -> str:
    cal = r["publishing"]["calendar"]
    return charts.calendar(
        {dt.date.fromisoformat(d): n for d, n in cal["days"].items()},
        dt.date.fromisoformat(cal["start"]),
        dt.date.fromisoformat(cal["end"]),
        {dt.date.fromisoformat(d): "; ".join(t) for d, t in cal["titles"].items()},
        L.t("发布日历", "Publishing calendar"),
        None if L.zh else [calendar_mod.month_abbr[m] for m in range(1, 13)],
    )


def _publishing_bars(r: Report, L: Labels) -> dict[str, str]:
    """One bar chart per content type: published per month against its target."""
    pub = r["publishing"]
    legend = {"published": L.t("已发布", "Published"), "target": L.t("目标", "Target")}
    return {
        kind: charts.publishing_bars(
            kind,
            L.t(
                f"{L.kind(kind)} · 每月发布 vs 目标 {k['target_per_month']:g}/月",
                f"{L.kind(kind)} · published per month vs target {k['target_per_month']:g}",
            ),
            pub["months"],
            k["counts"],
            k["target_per_month"],
            legend,
        )
        for kind, k in pub["kinds"].items()
    }


def _coverage(r: Report, L: Labels) -> str:
    cov = r["coverage"]
    return charts.grid(
        [L.audience(a) for a in cov["audiences"]],
        [L.stage(s) for s in cov["stages"]],
        [[cov["matrix"][a][s] for s in cov["stages"]] for a in cov["audiences"]],
        L.t("受众 × 阶段", "Audience × stage"),
        row_header=L.t("受众", "Audience"),
    )


def _industries(r: Report, L: Labels) -> str:
    cov = r["coverage"]
    if not cov["industries"]:
        return ""
    return charts.grid(
        [L.t("篇数", "Pieces")],
        [cov["industry_names"].get(i, i) for i in cov["industries"]],
        [list(cov["industries"].values())],
        L.t("行业", "Industries"),
    )


def _piece_channel(r: Report, L: Labels) -> str:
    pc = r["leads"]["by_piece_channel"]
    if not pc["rows"]:
        return ""
    return charts.piece_channel_bars(
        L.t("各内容的线索，按渠道", "Leads per piece, by channel"),
        [_piece_name(x, L) for x in pc["rows"]],
        [c["key"] for c in pc["channels"]],
        [x["cells"] for x in pc["rows"]],
    )


def _audit(r: Report, L: Labels) -> str:
    history = r["audit"]["history"]
    return charts.trend_bars(
        L.t("审计趋势：每月结果", "Audit findings per month"),
        [h["month"] for h in history],
        {
            L.t("错误", "Errors"): [h["errors"] for h in history],
            L.t("警告", "Warnings"): [h["warnings"] for h in history],
        },
    )


# The charts the template places, by name; each returns SVG (or "" when it has nothing to draw).
CHARTS: dict[str, Callable[[Report, Labels], str]] = {
    "calendar": _calendar,
    "coverage": _coverage,
    "industries": _industries,
    "piece_channel": _piece_channel,
    "audit": _audit,
}


def _charts(r: Report, L: Labels) -> dict[str, Any]:
    out: dict[str, Any] = {name: Markup(draw(r, L)) for name, draw in CHARTS.items()}
    out["bars"] = {kind: Markup(chart) for kind, chart in _publishing_bars(r, L).items()}
    return out


def _cards(r: Report, L: Labels) -> list[dict[str, Any]]:
    """The headline cards: value (a link to its rows), the move since last month, 12 months."""
    out = []
    for c in r.get("kpis", []):
        fmt = "{:.2%}" if c["kind"] == "conversion" else "{:g}"
        out.append(
            {
                "label": L.kpi(c["key"]),
                "value": L.kpi_value(c),
                "anchor": c["anchor"],
                "delta": L.kpi_delta(c),
                "key": c["key"],
                "cls": {True: "better", False: "worse"}.get(c["better"], "flat"),
                "spark": Markup(
                    svg.sparkline(c["series"], c["months"], label=L.kpi(c["key"]), fmt=fmt)
                ),
            }
        )
    return out


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.2f}%"


def _num(value: Any) -> Any:
    return "–" if value is None else (f"{value:g}" if isinstance(value, float) else value)


def render_html(r: Report) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("hubtool.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = _pct
    env.filters["num"] = _num
    template = env.get_template("report.html.j2")
    L = labels.for_report(r)
    names = r["coverage"]["industry_names"]
    return template.render(
        r=r,
        charts=_charts(r, L),
        L=L,
        labels_kind=L.kind,
        cards=_cards(r, L),
        advice_label=L.advice,
        plan_status=L.plan_status,
        keyword_rows=keyword_rows(r),
        top_n=TOP_KEYWORDS,
        facet_name=lambda facet, code: L.facet(facet, code, names),
    )
