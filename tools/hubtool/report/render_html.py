"""The report as one self-contained HTML file: inline CSS and SVG charts, no script, no requests."""

from __future__ import annotations

import calendar as calendar_mod
import datetime as dt
from typing import Any

from markupsafe import Markup

from . import charts, labels, svg

TOP_KEYWORDS = 10  # rows of the keyword table shown open; the rest are folded in <details>


def keyword_rows(r: dict[str, Any]) -> list[dict[str, Any]]:
    """Keyword pages, those competing for one keyword first, then the most viewed."""
    return sorted(
        r["keywords"]["pages"], key=lambda p: (not p.get("cannibalised"), -(p.get("views") or 0))
    )


def _piece_name(row: dict[str, Any], L: labels.Labels) -> str:
    if row["in_hub"]:
        return str(row["title"])
    return (
        L.t("（无内容）", "(no piece)") if row["content_id"] == "(none)" else str(row["content_id"])
    )


def _charts(r: dict[str, Any]) -> dict[str, Any]:
    pub, cov, leads = r["publishing"], r["coverage"], r["leads"]
    L = labels.for_report(r)
    cal = pub["calendar"]
    days = {dt.date.fromisoformat(d): n for d, n in cal["days"].items()}
    titles = {dt.date.fromisoformat(d): "; ".join(t) for d, t in cal["titles"].items()}
    out: dict[str, Any] = {
        "calendar": charts.calendar(
            days,
            dt.date.fromisoformat(cal["start"]),
            dt.date.fromisoformat(cal["end"]),
            titles,
            L.t("发布日历", "Publishing calendar"),
            None if L.zh else [calendar_mod.month_abbr[m] for m in range(1, 13)],
        ),
        "bars": {
            kind: charts.publishing_bars(
                kind,
                L.t(
                    f"{L.kind(kind)} · 每月发布 vs 目标 {k['target_per_month']:g}/月",
                    f"{L.kind(kind)} · published per month vs target {k['target_per_month']:g}",
                ),
                pub["months"],
                k["counts"],
                k["target_per_month"],
                {"published": L.t("已发布", "Published"), "target": L.t("目标", "Target")},
            )
            for kind, k in pub["kinds"].items()
        },
        "coverage": charts.grid(
            [L.audience(a) for a in cov["audiences"]],
            [L.stage(s) for s in cov["stages"]],
            [[cov["matrix"][a][s] for s in cov["stages"]] for a in cov["audiences"]],
            L.t("受众 × 阶段", "Audience × stage"),
            row_header=L.t("受众", "Audience"),
        ),
        "industries": charts.grid(
            [L.t("篇数", "Pieces")],
            [cov["industry_names"].get(i, i) for i in cov["industries"]],
            [list(cov["industries"].values())],
            L.t("行业", "Industries"),
        )
        if cov["industries"]
        else "",
        "piece_channel": charts.piece_channel_bars(
            L.t("各内容的线索，按渠道", "Leads per piece, by channel"),
            [_piece_name(x, L) for x in leads["by_piece_channel"]["rows"]],
            [c["key"] for c in leads["by_piece_channel"]["channels"]],
            [x["cells"] for x in leads["by_piece_channel"]["rows"]],
        )
        if leads["by_piece_channel"]["rows"]
        else "",
        "audit": charts.trend_bars(
            L.t("审计趋势：每月结果", "Audit findings per month"),
            [h["month"] for h in r["audit"]["history"]],
            {
                L.t("错误", "Errors"): [h["errors"] for h in r["audit"]["history"]],
                L.t("警告", "Warnings"): [h["warnings"] for h in r["audit"]["history"]],
            },
        ),
    }
    return {
        k: (Markup(v) if isinstance(v, str) else {kk: Markup(vv) for kk, vv in v.items()})
        for k, v in out.items()
    }


def _cards(r: dict[str, Any], L: labels.Labels) -> list[dict[str, Any]]:
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


def render_html(r: dict[str, Any]) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("hubtool.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = lambda v: "–" if v is None else f"{v * 100:.2f}%"
    env.filters["num"] = lambda v: "–" if v is None else (f"{v:g}" if isinstance(v, float) else v)
    template = env.get_template("report.html.j2")
    L = labels.for_report(r)
    names = r["coverage"]["industry_names"]

    def facet_name(facet: str, code: str) -> str:
        if facet == "industry":
            return L.t("（无）", "(none)") if code == "(none)" else names.get(code, code)
        return L.audience(code) if facet == "audience" else L.stage(code)

    return template.render(
        r=r,
        charts=_charts(r),
        labels=labels,
        L=L,
        labels_kind=L.kind,
        cards=_cards(r, L),
        advice_label=L.advice,
        plan_status=L.plan_status,
        keyword_rows=keyword_rows(r),
        top_n=TOP_KEYWORDS,
        facet_name=facet_name,
    )
