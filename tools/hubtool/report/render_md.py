"""The report as Markdown: the same numbers as the HTML and JSON, as tables to paste elsewhere.

UTM values, page URLs, content ids and analytics URLs come from visitors; titles and names from
writers. Every value goes through `_cell`, so a wiki or mail that renders the Markdown shows them
as text: no HTML, no link or image, no extra table column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..escape import md_text
from . import labels

TOP_KEYWORDS = 10  # keyword rows shown; the rest are folded in <details>


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


def render_md(r: dict[str, Any]) -> str:
    meta, pub, cov = r["report"], r["publishing"], r["coverage"]
    kw, leads, audit = r["keywords"], r["leads"], r["audit"]
    L = labels.for_report(r)
    t = L.t
    out = [
        f"# {_cell(meta['site_name'])} · {t('内容运营月报', 'Content report')} {meta['month']}",
        "",
        f"{t('报告期', 'Period')} {meta['start']} – {meta['end']}, "
        f"**{t('数据截至', 'as of')} {meta['as_of']}**. "
        + t(
            "所有数字都按截至日计算：日期在此之后的内容不计入，也不产生审计结果。"
            "默认报告上一个完整月份；要看本月至今，运行 `hubtool report --month current`。",
            "Every number is taken as of that day: a piece dated later is not counted and has "
            "no audit finding. By default the report covers the last complete month; for the "
            "month to date run `hubtool report --month current`.",
        ),
        "",
    ]

    # Headline numbers, each with the section that lists what it counts.
    where = {
        "published-this-month": ("发布节奏 › 本月发布", "Publishing › Published this month"),
        "leads-by-piece": ("线索 › 按内容 × 渠道", "Leads › per content piece × channel"),
        "audit-errors": ("审计 › 错误", "Audit › errors"),
    }
    out += table(
        [t("指标", "number"), meta["month"], t("较上月", "month over month"), t("详见", "see")],
        [
            [L.kpi(c["key"]), L.kpi_value(c), L.kpi_delta(c), "§ " + t(*where[c["anchor"]])]
            for c in r.get("kpis", [])
        ]
        + [
            [
                t("写作建议", "Advice: what to write next"),
                len(r["advice"]["items"]),
                "",
                "§ " + t("下一步写什么", "What to write next"),
            ],
            [
                t("待更新", "Due for a refresh"),
                len(r["staleness"]),
                "",
                "§ " + t("待更新", "Due for a refresh"),
            ],
            [
                t("审计警告", "Audit warnings"),
                audit["warnings"],
                "",
                "§ " + t("审计 › 警告", "Audit › warnings"),
            ],
        ],
    )

    out += [f"## {t('发布节奏', 'Publishing')}", ""]
    months = pub["months"]
    out += table(
        [t("类型", "type"), *months, t("12 个月 / 目标", "12 months / target")],
        [
            [
                L.kind(kind),
                *k["counts"],
                f"{k['total']} / {k['target_pieces']} {'✓' if k['on_target'] else '✗'}",
            ]
            for kind, k in pub["kinds"].items()
        ],
    )
    out += [
        t("每月目标：", "Targets per month: ")
        + ", ".join(f"{L.kind(kind)} {k['target_per_month']:g}" for kind, k in pub["kinds"].items())
        + t(
            "。12 个月目标 = 每月目标 × 12，四舍五入到整篇（4.08 → 4，4.5 → 5）。",
            ". The 12-month target is the monthly one × 12, rounded half up to whole pieces "
            "(4.08 → 4, 4.5 → 5).",
        ),
        "",
    ]
    out += [f"### {t('本月发布', 'Published in')} {meta['month']}", ""]
    out += table(
        [
            t("日期", "date"),
            t("类型", "type"),
            t("标题", "title"),
            "url",
            t("语言", "languages"),
        ],
        [
            [x["date"], L.kind(x["kind"]), x["title"], x["url"], ", ".join(x["languages"])]
            for x in pub["published_this_month"]
        ],
        empty=t("本月没有发布。", "Nothing was published this month."),
    )

    adv = r["advice"]
    out += [f"## {t('下一步写什么', 'What to write next')}", ""]
    if adv["items"]:
        out += [
            t(
                "按收效排序；日历里已经计划的选题不在此列。",
                "Ranked by what pays soonest; topics the calendar already plans are left out.",
            ),
            "",
        ]
        out += table(
            ["#", t("建议", "advice"), t("原因", "why")],
            [
                [x["rank"], f"{L.advice(x['kind'])}: {x['topic']}", x["reason"]]
                for x in adv["items"]
            ],
        )
    else:
        out += [
            t(
                "没有建议：每个受众 × 阶段、每个行业、每个目标关键词都有页面，没有需要更新的内容，"
                "有访问的页面都带来了线索。",
                "No advice: every audience × stage, industry and target keyword has a page, "
                "nothing is due for a refresh, and every piece with readers brought leads.",
            ),
            "",
        ]
    out += [f"### {t('日历里已经计划的', 'Already on the calendar')}", ""]
    out += table(
        [
            t("日期", "date"),
            t("类型", "type"),
            t("标题", "title"),
            t("状态", "status"),
            t("填补的空白", "fills"),
        ],
        [
            [
                x["date"],
                L.kind(x["kind"]),
                x["title"],
                L.plan_status(x["status"]),
                t("；", "; ").join(x["fills"]),
            ]
            for x in adv["planned"]
        ],
        empty="–",
    )

    out += [f"## {t('内容覆盖', 'Coverage')}", ""]
    out += table(
        [t("受众", "audience"), *[L.stage(s) for s in cov["stages"]]],
        [[L.audience(a), *[cov["matrix"][a][s] for s in cov["stages"]]] for a in cov["audiences"]],
    )
    out += table(
        [t("行业", "industry"), t("篇数", "pieces")],
        [[cov["industry_names"].get(i, i), n] for i, n in cov["industries"].items()],
    )

    out += [f"## {t('关键词', 'Keywords')}", ""]
    rows = sorted(kw["pages"], key=lambda p: (not p.get("cannibalised"), -(p.get("views") or 0)))
    head = [
        t("关键词", "keyword"),
        t("语言", "lang"),
        t("页面", "page"),
        t("标题", "title"),
        t("相关关键词", "related keywords"),
    ]
    cells = [[p["keyword"], p["lang"], p["url"], p["title"], ", ".join(p["related"])] for p in rows]
    out += table(head, cells[:TOP_KEYWORDS])
    if len(cells) > TOP_KEYWORDS:
        out += _details(
            t(
                f"其余 {len(cells) - TOP_KEYWORDS} 个关键词",
                f"The other {len(cells) - TOP_KEYWORDS} keywords",
            ),
            table(head, cells[TOP_KEYWORDS:]),
        )
    out += [f"### {t('关键词蚕食', 'Cannibalised keywords')}", ""]
    out += table(
        [t("关键词", "keyword"), t("语言", "lang"), t("页面", "pages")],
        [[c["keyword"], c["lang"], ", ".join(c["pages"])] for c in kw["cannibalised"]],
        empty=t("无。", "None."),
    )
    out += [f"### {t('尚无页面的目标关键词', 'Target keywords with no page')}", ""]
    out += table(
        [
            t("关键词", "keyword"),
            t("语言", "lang"),
            t("仅作为相关关键词出现在", "only as related keyword on"),
        ],
        [
            [m["keyword"], m["lang"] or t("任意", "any"), ", ".join(m["related_on"])]
            for m in kw["targets_without_page"]
        ],
        empty=t("每个目标关键词都有页面。", "Every target keyword has a page.")
        if kw["targets"]
        else t(
            "没有配置目标关键词（extra.hub.keywords.targets）。",
            "No targets configured (extra.hub.keywords.targets).",
        ),
    )

    out += [
        f"## {t('线索', 'Leads')}",
        "",
        t(
            f"{meta['month']} 共 {leads['total']} 条线索（线索库：{_cell(leads['store'])}）。",
            f"{leads['total']} leads in {meta['month']} (store: {_cell(leads['store'])}).",
        ),
        "",
    ]
    if leads.get("conversion_rate"):
        c = leads["conversion_rate"]
        basis = t("会话", "sessions") if c["basis"] == "sessions" else t("浏览量", "views")
        out += [
            f"{t('整体转化率', 'Overall conversion')}: {rate(c['rate'])} "
            f"({c['leads']} / {c[c['basis']]} {basis}).",
            "",
        ]
    out += [
        t(
            "归因方式：末次触达。每条线索记在提交表单的那个页面和当时链接上的 UTM 参数上；"
            "更早的访问没有记录，所以首次触达无从统计。",
            "Attribution is last-touch: each lead is credited to the page its form was "
            "submitted on and to the UTM parameters of that visit. Earlier visits are not "
            "recorded, so first-touch cannot be reported.",
        ),
        "",
    ]
    pc = leads["by_piece_channel"]
    out += [
        f"### {t('按内容 × 渠道', 'Leads per content piece × channel')} "
        f"({' / '.join(pc['dimensions'])})",
        "",
    ]
    if pc["rows"]:
        basis = pc["rate_basis"]
        extra = (
            [
                t("会话", "sessions") if basis == "sessions" else t("浏览量", "views"),
                t("转化率", "conversion"),
            ]
            if basis
            else []
        )
        out += table(
            [t("内容", "piece"), *[c["key"] for c in pc["channels"]], t("合计", "total"), *extra],
            [
                [
                    x["title"]
                    or (
                        t("（无内容）", "(no piece)")
                        if x["content_id"] == "(none)"
                        else x["content_id"]
                    ),
                    *x["cells"],
                    x["leads"],
                    *([x[basis], rate(x["rate"])] if basis else []),
                ]
                for x in pc["rows"]
            ]
            + [[t("合计", "total"), *pc["totals"], pc["total"], *(["", ""] if basis else [])]],
        )
    else:
        out += [t("本月没有线索。", "No leads this month."), ""]
    names = cov["industry_names"]

    def facet_name(facet: str, code: str) -> str:
        if code == "(none)":
            return t("（无）", "(none)")
        if facet == "industry":
            return names.get(code, code)
        return L.audience(code) if facet == "audience" else L.stage(code)

    for facet, key, title in (
        ("industry", "by_industry", t("行业", "industry")),
        ("audience", "by_audience", t("受众", "audience")),
        ("stage", "by_stage", t("阶段", "stage")),
    ):
        out += [
            f"### {t('按带来线索的内容的' + title, 'Leads per ' + title + ' of the piece')}",
            "",
        ]
        out += table(
            [title, t("线索", "leads")],
            [[facet_name(facet, x["key"]), x["leads"]] for x in leads[key]],
        )
    out += [
        t(
            "一篇内容有多个行业或受众时，它的线索在每一项下各计一次。",
            "A piece with several industries or audiences counts its leads under each.",
        ),
        "",
    ]
    # One dimension at a time; the first column names the UTM field (utm_source → source).
    for title, key, name in (
        (t("按表单", "per form"), "by_form", "form"),
        (t("按来源", "per source"), "by_source", "source"),
        (t("按媒介", "per medium"), "by_medium", "medium"),
        (t("按活动", "per campaign"), "by_campaign", "campaign"),
        (t("按语言", "per language"), "by_language", "lang"),
    ):
        out += [f"### {t('线索', 'Leads')} {title}", ""]
        out += table([name, t("线索", "leads")], [[x[name], x["leads"]] for x in leads[key]])
    if r["analytics"] is not None:
        out += [
            f"### {t('各页面转化率（线索 ÷ 浏览量）', 'Conversion per page (leads / views)')}",
            "",
        ]
        out += table(
            [
                t("页面", "page"),
                t("标题", "title"),
                t("浏览量", "views"),
                t("访客", "visitors"),
                t("线索", "leads"),
                t("转化率", "conversion"),
            ],
            [
                [x["url"], x["title"], x["views"], x["visitors"], x["leads"], rate(x["rate"])]
                for x in leads["conversion"]
            ],
        )

    a = r["analytics"]
    if a is not None:
        out += [
            f"## {t('访问数据', 'Analytics')}",
            "",
            f"{_cell(a['file'])} ({a['layout']}, {a['encoding']}): "
            + t(
                f"{a['rows']} 行，{a['pages']} 个网址，其中 {a['pages_in_hub']} 个是内容库页面；"
                f"共 {a['views']} 次浏览，{a['views_in_hub']} 次在内容库页面上。",
                f"{a['rows']} rows, {a['pages']} URLs, {a['pages_in_hub']} in the hub; "
                f"{a['views']} views, {a['views_in_hub']} on hub pages.",
            ),
            "",
        ]
        out += [f"### {t('不在内容库中的网址', 'URLs not in the hub')}", ""]
        out += (
            table(
                ["url", t("浏览量", "views"), t("访客", "visitors")],
                [[x["url"], x["views"], x["visitors"]] for x in a["not_in_hub"]],
            )
            if a["not_in_hub"]
            else [t("无。", "None."), ""]
        )

    out += [f"## {t('待更新', 'Due for a refresh')} (CAD004)", ""]
    out += table(
        [
            t("文件", "page"),
            t("标题", "title"),
            t("最后更新", "last updated"),
            t("天数", "age (days)"),
        ],
        [[x["path"], x["title"], x["updated"], x["age_days"]] for x in r["staleness"]],
        empty=t("没有需要更新的内容。", "Nothing is due for a refresh."),
    )

    out += [
        f"## {t('审计', 'Audit')}",
        "",
        t(
            f"截至 {meta['as_of']}：{audit['errors']} 个错误，{audit['warnings']} 个警告"
            f"（{'源文件规则' if audit['scope'] == 'source' else '全站构建'}）。",
            f"As of {meta['as_of']}: {audit['errors']} errors, {audit['warnings']} warnings "
            f"({audit['scope']} rules).",
        ),
        "",
    ]
    for severity, title in (("error", t("错误", "Errors")), ("warning", t("警告", "Warnings"))):
        rows = [f for f in audit["findings"] if f["severity"] == severity]
        out += [f"### {title} ({len(rows)})", ""]
        found = table(
            [t("规则", "rule"), t("文件", "file"), t("说明", "message")],
            [
                [
                    f["rule"],
                    (f["path"] or f["url"] or "–") + (f":{f['line']}" if f["line"] else ""),
                    f["message"],
                ]
                for f in rows
            ],
        )
        out += (found if severity == "error" else _details(title, found)) if rows else ["–", ""]
    out += [f"### {t('每月趋势', 'Per month')}", ""]
    out += table(
        [
            t("月份", "month"),
            t("错误", "errors"),
            t("警告", "warnings"),
            t("发布", "published"),
            t("线索", "leads"),
        ],
        [
            [h["month"], h["errors"], h["warnings"], h["published"], h["leads"]]
            for h in audit["history"]
        ],
    )
    return "\n".join(out).rstrip("\n") + "\n"
