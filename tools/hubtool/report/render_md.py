"""The report as Markdown: the same numbers as the HTML and JSON, as tables to paste elsewhere.

UTM values, page URLs, content ids and analytics URLs come from visitors; titles and names from
writers. Every value goes through `_cell`, so a wiki or mail that renders the Markdown shows them
as text: no HTML, no link or image, no extra table column.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..escape import md_text
from . import labels
from .labels import Labels
from .render import TOP_KEYWORDS, keyword_rows

Report = Mapping[str, Any]

Lines = list[str]
Name = tuple[str, str] | str  # a column name: (zh, en), or the same in both languages
DATE, KIND, TITLE = ("日期", "date"), ("类型", "type"), ("标题", "title")
KEYWORD, LANG, LEADS = ("关键词", "keyword"), ("语言", "lang"), ("线索", "leads")
VIEWS, VISITORS, RATE = ("浏览量", "views"), ("访客", "visitors"), ("转化率", "conversion")
NONE = "(none)"


def _cell(value: Any) -> str:
    """A value as Markdown text: HTML escaped, link/image/emphasis/pipe syntax backslashed."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return md_text(value)


def table(
    headers: Sequence[str], rows: Sequence[Sequence[Any]], empty: str | None = None
) -> list[str]:
    """A Markdown table; with `empty`, that sentence instead of a table without rows."""
    if not rows and empty is not None:
        return [empty, ""]
    out = [
        "| " + " | ".join(_cell(h) for h in headers) + " |",
        "|" + "|".join("---" for _ in headers) + "|",
    ]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return out + [""]


def rate(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.2f}%"


def _details(summary: str, lines: list[str]) -> list[str]:
    """Rows folded away (GitHub, GitLab and most wikis render <details>; others show them open).
    `summary` is our own text; the rows inside went through `_cell`."""
    return [f"<details><summary>{_cell(summary)}</summary>", "", *lines, "</details>", ""]


def _head(L: Labels, *names: Name) -> list[str]:
    """Column names in the report's language."""
    return [n if isinstance(n, str) else L.t(*n) for n in names]


def _heading(level: int, title: str) -> Lines:
    return [f"{'#' * level} {title}", ""]


def _title(r: Report, L: Labels) -> Lines:
    meta = r["report"]
    return [
        f"# {_cell(meta['site_name'])} · {L.t('内容运营月报', 'Content report')} {meta['month']}",
        "",
        f"{L.t('报告期', 'Period')} {meta['start']} – {meta['end']}, "
        f"**{L.t('数据截至', 'as of')} {meta['as_of']}**. "
        + L.t(
            "所有数字都按截至日计算：日期在此之后的内容不计入，也不产生审计结果。"
            "默认报告上一个完整月份；要看本月至今，运行 `hubtool report --month current`。",
            "Every number is taken as of that day: a piece dated later is not counted and has "
            "no audit finding. By default the report covers the last complete month; for the "
            "month to date run `hubtool report --month current`.",
        ),
        "",
    ]


# Where each headline number's rows are listed (by the card's anchor).
_WHERE = {
    "published-this-month": ("发布节奏 › 本月发布", "Publishing › Published this month"),
    "leads-by-piece": ("线索 › 按内容 × 渠道", "Leads › per content piece × channel"),
    "audit-errors": ("审计 › 错误", "Audit › errors"),
}


def _headline(r: Report, L: Labels) -> Lines:
    """Headline numbers, each with the section that lists what it counts."""
    counts = (
        (("写作建议", "Advice: what to write next"), len(r["advice"]["items"])),
        (("待更新", "Due for a refresh"), len(r["staleness"])),
        (("审计警告", "Audit warnings"), r["audit"]["warnings"]),
    )
    see = (
        ("下一步写什么", "What to write next"),
        ("待更新", "Due for a refresh"),
        ("审计 › 警告", "Audit › warnings"),
    )
    cards = [
        [L.kpi(c["key"]), L.kpi_value(c), L.kpi_delta(c), "§ " + L.t(*_WHERE[c["anchor"]])]
        for c in r.get("kpis", [])
    ]
    others = [
        [L.t(*name), n, "", "§ " + L.t(*where)]
        for (name, n), where in zip(counts, see, strict=True)
    ]
    month = r["report"]["month"]
    head = _head(L, ("指标", "number"), month, ("较上月", "month over month"), ("详见", "see"))
    return table(head, cards + others)


def _publishing(r: Report, L: Labels) -> Lines:
    pub = r["publishing"]
    kinds = pub["kinds"].items()
    rows = [
        [
            L.kind(kind),
            *k["counts"],
            f"{k['total']} / {k['target_pieces']} {'✓' if k['on_target'] else '✗'}",
        ]
        for kind, k in kinds
    ]
    targets = ", ".join(f"{L.kind(kind)} {k['target_per_month']:g}" for kind, k in kinds)
    return [
        *_heading(2, L.t("发布节奏", "Publishing")),
        *table(_head(L, KIND, *pub["months"], ("12 个月 / 目标", "12 months / target")), rows),
        L.t("每月目标：", "Targets per month: ")
        + targets
        + L.t(
            "。12 个月目标 = 每月目标 × 12，四舍五入到整篇（4.08 → 4，4.5 → 5）。",
            ". The 12-month target is the monthly one × 12, rounded half up to whole pieces "
            "(4.08 → 4, 4.5 → 5).",
        ),
        "",
    ]


def _published_this_month(r: Report, L: Labels) -> Lines:
    rows = [
        [x["date"], L.kind(x["kind"]), x["title"], x["url"], ", ".join(x["languages"])]
        for x in r["publishing"]["published_this_month"]
    ]
    return [
        *_heading(3, f"{L.t('本月发布', 'Published in')} {r['report']['month']}"),
        *table(
            _head(L, DATE, KIND, TITLE, "url", ("语言", "languages")),
            rows,
            empty=L.t("本月没有发布。", "Nothing was published this month."),
        ),
    ]


def _advice(r: Report, L: Labels) -> Lines:
    items = r["advice"]["items"]
    out = _heading(2, L.t("下一步写什么", "What to write next"))
    if not items:
        return out + [
            L.t(
                "没有建议：每个受众 × 阶段、每个行业、每个目标关键词都有页面，没有需要更新的内容，"
                "有访问的页面都带来了线索。",
                "No advice: every audience × stage, industry and target keyword has a page, "
                "nothing is due for a refresh, and every piece with readers brought leads.",
            ),
            "",
        ]
    rows = [[x["rank"], f"{L.advice(x['kind'])}: {x['topic']}", x["reason"]] for x in items]
    return [
        *out,
        L.t(
            "按收效排序；日历里已经计划的选题不在此列。",
            "Ranked by what pays soonest; topics the calendar already plans are left out.",
        ),
        "",
        *table(_head(L, "#", ("建议", "advice"), ("原因", "why")), rows),
    ]


def _planned(r: Report, L: Labels) -> Lines:
    rows = [
        [
            x["date"],
            L.kind(x["kind"]),
            x["title"],
            L.plan_status(x["status"]),
            L.t("；", "; ").join(x["fills"]),
        ]
        for x in r["advice"]["planned"]
    ]
    head = _head(L, DATE, KIND, TITLE, ("状态", "status"), ("填补的空白", "fills"))
    return [
        *_heading(3, L.t("日历里已经计划的", "Already on the calendar")),
        *table(head, rows, "–"),
    ]


def _coverage(r: Report, L: Labels) -> Lines:
    cov = r["coverage"]
    stages, matrix = cov["stages"], cov["matrix"]
    return [
        *_heading(2, L.t("内容覆盖", "Coverage")),
        *table(
            [L.t("受众", "audience"), *[L.stage(s) for s in stages]],
            [[L.audience(a), *[matrix[a][s] for s in stages]] for a in cov["audiences"]],
        ),
        *table(
            _head(L, ("行业", "industry"), ("篇数", "pieces")),
            [[cov["industry_names"].get(i, i), n] for i, n in cov["industries"].items()],
        ),
    ]


def _keywords(r: Report, L: Labels) -> Lines:
    head = _head(L, KEYWORD, LANG, ("页面", "page"), TITLE, ("相关关键词", "related keywords"))
    cells = [
        [p["keyword"], p["lang"], p["url"], p["title"], ", ".join(p["related"])]
        for p in keyword_rows(r)
    ]
    out = [*_heading(2, L.t("关键词", "Keywords")), *table(head, cells[:TOP_KEYWORDS])]
    if len(cells) > TOP_KEYWORDS:
        more = len(cells) - TOP_KEYWORDS
        summary = L.t(f"其余 {more} 个关键词", f"The other {more} keywords")
        out += _details(summary, table(head, cells[TOP_KEYWORDS:]))
    return out


def _cannibalised(r: Report, L: Labels) -> Lines:
    rows = [[c["keyword"], c["lang"], ", ".join(c["pages"])] for c in r["keywords"]["cannibalised"]]
    return [
        *_heading(3, L.t("关键词蚕食", "Cannibalised keywords")),
        *table(_head(L, KEYWORD, LANG, ("页面", "pages")), rows, empty=L.t("无。", "None.")),
    ]


def _targets_without_page(r: Report, L: Labels) -> Lines:
    kw = r["keywords"]
    rows = [
        [m["keyword"], m["lang"] or L.t("任意", "any"), ", ".join(m["related_on"])]
        for m in kw["targets_without_page"]
    ]
    empty = (
        L.t("每个目标关键词都有页面。", "Every target keyword has a page.")
        if kw["targets"]
        else L.t(
            "没有配置目标关键词（extra.hub.keywords.targets）。",
            "No targets configured (extra.hub.keywords.targets).",
        )
    )
    head = _head(L, KEYWORD, LANG, ("仅作为相关关键词出现在", "only as related keyword on"))
    return [
        *_heading(3, L.t("尚无页面的目标关键词", "Target keywords with no page")),
        *table(head, rows, empty=empty),
    ]


def _basis(L: Labels, basis: str) -> str:
    """The name of what a conversion rate divides by."""
    return L.t("会话", "sessions") if basis == "sessions" else L.t("浏览量", "views")


def _leads(r: Report, L: Labels) -> Lines:
    """The month's total, the overall conversion rate, and how leads are attributed."""
    month, leads = r["report"]["month"], r["leads"]
    store = _cell(leads["store"])
    out = [
        *_heading(2, L.t("线索", "Leads")),
        L.t(
            f"{month} 共 {leads['total']} 条线索（线索库：{store}）。",
            f"{leads['total']} leads in {month} (store: {store}).",
        ),
        "",
    ]
    c = leads.get("conversion_rate")
    if c:
        out += [
            f"{L.t('整体转化率', 'Overall conversion')}: {rate(c['rate'])} "
            f"({c['leads']} / {c[c['basis']]} {_basis(L, c['basis'])}).",
            "",
        ]
    return out + [
        L.t(
            "归因方式：末次触达。每条线索记在提交表单的那个页面和当时链接上的 UTM 参数上；"
            "更早的访问没有记录，所以首次触达无从统计。",
            "Attribution is last-touch: each lead is credited to the page its form was "
            "submitted on and to the UTM parameters of that visit. Earlier visits are not "
            "recorded, so first-touch cannot be reported.",
        ),
        "",
    ]


def _piece_name(L: Labels, row: Mapping[str, Any]) -> str:
    if row["title"]:
        return str(row["title"])
    return L.t("（无内容）", "(no piece)") if row["content_id"] == NONE else str(row["content_id"])


def _piece_channel(r: Report, L: Labels) -> Lines:
    pc = r["leads"]["by_piece_channel"]
    out = _heading(
        3,
        f"{L.t('按内容 × 渠道', 'Leads per content piece × channel')} "
        f"({' / '.join(pc['dimensions'])})",
    )
    if not pc["rows"]:
        return out + [L.t("本月没有线索。", "No leads this month."), ""]
    basis = pc["rate_basis"]
    extra = [_basis(L, basis), L.t("转化率", "conversion")] if basis else []
    rows = [
        [
            _piece_name(L, x),
            *x["cells"],
            x["leads"],
            *([x[basis], rate(x["rate"])] if basis else []),
        ]
        for x in pc["rows"]
    ]
    total = L.t("合计", "total")
    rows.append([total, *pc["totals"], pc["total"], *(["", ""] if basis else [])])
    head = [L.t("内容", "piece"), *[c["key"] for c in pc["channels"]], total, *extra]
    return out + table(head, rows)


_FACETS = (
    ("industry", "by_industry", ("行业", "industry")),
    ("audience", "by_audience", ("受众", "audience")),
    ("stage", "by_stage", ("阶段", "stage")),
)


def _facets(r: Report, L: Labels) -> Lines:
    """Leads per industry, audience and stage of the piece that brought them."""
    names = r["coverage"]["industry_names"]
    out: Lines = []
    for facet, key, name in _FACETS:
        title = L.t(*name)
        out += _heading(
            3, L.t("按带来线索的内容的" + title, "Leads per " + title + " of the piece")
        )
        out += table(
            [title, L.t(*LEADS)],
            [[L.facet(facet, x["key"], names), x["leads"]] for x in r["leads"][key]],
        )
    return out + [
        L.t(
            "一篇内容有多个行业或受众时，它的线索在每一项下各计一次。",
            "A piece with several industries or audiences counts its leads under each.",
        ),
        "",
    ]


# One dimension at a time; the first column names the UTM field (utm_source → source).
_DIMENSIONS = (
    (("按表单", "per form"), "by_form", "form"),
    (("按来源", "per source"), "by_source", "source"),
    (("按媒介", "per medium"), "by_medium", "medium"),
    (("按活动", "per campaign"), "by_campaign", "campaign"),
    (("按语言", "per language"), "by_language", "lang"),
)


def _dimensions(r: Report, L: Labels) -> Lines:
    out: Lines = []
    for title, key, name in _DIMENSIONS:
        out += _heading(3, f"{L.t('线索', 'Leads')} {L.t(*title)}")
        out += table([name, L.t(*LEADS)], [[x[name], x["leads"]] for x in r["leads"][key]])
    return out


def _page_conversion(r: Report, L: Labels) -> Lines:
    if r["analytics"] is None:
        return []
    rows = [
        [x["url"], x["title"], x["views"], x["visitors"], x["leads"], rate(x["rate"])]
        for x in r["leads"]["conversion"]
    ]
    return [
        *_heading(3, L.t("各页面转化率（线索 ÷ 浏览量）", "Conversion per page (leads / views)")),
        *table(_head(L, ("页面", "page"), TITLE, VIEWS, VISITORS, LEADS, RATE), rows),
    ]


def _analytics(r: Report, L: Labels) -> Lines:
    a = r["analytics"]
    if a is None:
        return []
    rows = [[x["url"], x["views"], x["visitors"]] for x in a["not_in_hub"]]
    return [
        *_heading(2, L.t("访问数据", "Analytics")),
        f"{_cell(a['file'])} ({a['layout']}, {a['encoding']}): "
        + L.t(
            f"{a['rows']} 行，{a['pages']} 个网址，其中 {a['pages_in_hub']} 个是内容库页面；"
            f"共 {a['views']} 次浏览，{a['views_in_hub']} 次在内容库页面上。",
            f"{a['rows']} rows, {a['pages']} URLs, {a['pages_in_hub']} in the hub; "
            f"{a['views']} views, {a['views_in_hub']} on hub pages.",
        ),
        "",
        *_heading(3, L.t("不在内容库中的网址", "URLs not in the hub")),
        *table(_head(L, "url", VIEWS, VISITORS), rows, empty=L.t("无。", "None.")),
    ]


def _staleness(r: Report, L: Labels) -> Lines:
    rows = [[x["path"], x["title"], x["updated"], x["age_days"]] for x in r["staleness"]]
    head = _head(L, ("文件", "page"), TITLE, ("最后更新", "last updated"), ("天数", "age (days)"))
    return [
        *_heading(2, f"{L.t('待更新', 'Due for a refresh')} (CAD004)"),
        *table(head, rows, empty=L.t("没有需要更新的内容。", "Nothing is due for a refresh.")),
    ]


def _audit(r: Report, L: Labels) -> Lines:
    meta, audit = r["report"], r["audit"]
    scope = "源文件规则" if audit["scope"] == "source" else "全站构建"
    return [
        *_heading(2, L.t("审计", "Audit")),
        L.t(
            f"截至 {meta['as_of']}：{audit['errors']} 个错误，{audit['warnings']} 个警告（{scope}）。",
            f"As of {meta['as_of']}: {audit['errors']} errors, {audit['warnings']} warnings "
            f"({audit['scope']} rules).",
        ),
        "",
    ]


def _findings(r: Report, L: Labels) -> Lines:
    """Errors open, warnings folded."""
    out: Lines = []
    for severity, title in (("error", L.t("错误", "Errors")), ("warning", L.t("警告", "Warnings"))):
        found = [f for f in r["audit"]["findings"] if f["severity"] == severity]
        out += _heading(3, f"{title} ({len(found)})")
        if not found:
            out += ["–", ""]
            continue
        rows = [
            [
                f["rule"],
                (f["path"] or f["url"] or "–") + (f":{f['line']}" if f["line"] else ""),
                f["message"],
            ]
            for f in found
        ]
        lines = table(_head(L, ("规则", "rule"), ("文件", "file"), ("说明", "message")), rows)
        out += lines if severity == "error" else _details(title, lines)
    return out


def _audit_trend(r: Report, L: Labels) -> Lines:
    rows = [
        [h["month"], h["errors"], h["warnings"], h["published"], h["leads"]]
        for h in r["audit"]["history"]
    ]
    head = _head(
        L, ("月份", "month"), ("错误", "errors"), ("警告", "warnings"), ("发布", "published"), LEADS
    )
    return [*_heading(3, L.t("每月趋势", "Per month")), *table(head, rows)]


# The report's sections, in order; each returns its lines.
SECTIONS: tuple[Callable[[Report, Labels], Lines], ...] = (
    _title,
    _headline,
    _publishing,
    _published_this_month,
    _advice,
    _planned,
    _coverage,
    _keywords,
    _cannibalised,
    _targets_without_page,
    _leads,
    _piece_channel,
    _facets,
    _dimensions,
    _page_conversion,
    _analytics,
    _staleness,
    _audit,
    _findings,
    _audit_trend,
)


def render_md(r: Report) -> str:
    L = labels.for_report(r)
    out = [line for section in SECTIONS for line in section(r, L)]
    return "\n".join(out).rstrip("\n") + "\n"
