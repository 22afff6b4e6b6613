"""The report as Markdown: the same numbers as the HTML and JSON, as tables to paste elsewhere.

UTM values, page URLs, content ids and analytics URLs come from visitors; titles and names from
writers. Every value goes through `_cell`, so a wiki or mail that renders the Markdown shows them
as text: no HTML, no link or image, no extra table column.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..escape import md_text
from . import labels


def _cell(value: Any) -> str:
    """A value as Markdown text: HTML escaped, link/image/emphasis/pipe syntax backslashed."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return md_text(value)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in headers) + " |",
           "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return out + [""]


def rate(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.2f}%"


def render_md(r: dict[str, Any]) -> str:
    meta, pub, cov = r["report"], r["publishing"], r["coverage"]
    kw, leads, audit = r["keywords"], r["leads"], r["audit"]
    L = labels.for_report(r)
    out = [f"# {_cell(meta['site_name'])} · 内容运营月报 Content report {meta['month']}", "",
           f"{L.t('报告期', 'Period')} {meta['start']} – {meta['end']}, "
           f"**{L.t('数据截至', 'as of')} {meta['as_of']}**. "
           + L.t("所有数字都按截至日计算：日期在此之后的内容不计入，也不产生审计结果。"
                 "默认报告上一个完整月份；要看本月至今，运行 `hubtool report --month current`。",
                 "Every number is taken as of that day: a piece dated later is not counted and has "
                 "no audit finding. By default the report covers the last complete month; for the "
                 "month to date run `hubtool report --month current`."), ""]
    where = {"published-this-month": ("发布节奏 › 本月发布", "Publishing › Published this month"),
             "leads-by-piece": ("线索 › 按内容 × 渠道", "Leads › per content piece × channel"),
             "audit-errors": ("审计 › 错误", "Audit › errors")}
    out += table([L.t("指标", "number"), meta["month"], L.t("较上月", "month over month"),
                  L.t("详见", "see")],
                 [[L.kpi(c["key"]), L.kpi_value(c), L.kpi_delta(c), "§ " + L.t(*where[c["anchor"]])]
                  for c in r.get("kpis", [])]
                 + [[L.t("写作建议", "Advice: what to write next"), len(cov["next_topics"]), "",
                     "§ " + L.t("下一步选题", "Next topics")],
                    [L.t("待更新", "Due for a refresh"), len(r["staleness"]), "",
                     "§ " + L.t("待更新", "Due for a refresh")],
                    [L.t("审计警告", "Audit warnings"), audit["warnings"], "",
                     "§ " + L.t("审计 › 警告", "Audit › warnings")]])

    out += ["## 发布节奏 Publishing", ""]
    months = pub["months"]
    rows = []
    for kind, k in pub["kinds"].items():
        rows.append([labels.kind(kind), *k["counts"], k["total"], k["target_total"],
                     "yes" if k["on_target"] else "no"])
    out += table(["type", *months, "12-month total", "target", "on target"], rows)
    out += ["Targets per month: " + ", ".join(f"{_cell(kind)} {k['target_per_month']:g}"
                                              for kind, k in pub["kinds"].items()), ""]
    if pub["published_this_month"]:
        out += [f"### Published in {meta['month']}", ""]
        out += table(["date", "type", "title", "url", "languages"],
                     [[x["date"], x["kind"], x["title"], x["url"], ", ".join(x["languages"])]
                      for x in pub["published_this_month"]])

    out += ["## 内容覆盖 Coverage", ""]
    out += table(["audience", *[labels.stage(s) for s in cov["stages"]]],
                 [[labels.audience(a), *[cov["matrix"][a][s] for s in cov["stages"]]]
                  for a in cov["audiences"]])
    out += table(["industry", "pieces"],
                 [[cov["industry_names"].get(i, i), n] for i, n in cov["industries"].items()])
    if cov["next_topics"]:
        out += ["### 下一步选题 Next topics (empty cells)", ""]
        out += [f"- 行业 Industry: {_cell(t['topic'])}" if "industry" in t else
                f"- {_cell(labels.audience(t['audience']))} × {_cell(labels.stage(t['stage']))}"
                for t in cov["next_topics"]] + [""]

    out += ["## 关键词 Keywords", ""]
    out += table(["keyword", "lang", "page", "title", "related keywords"],
                 [[p["keyword"], p["lang"], p["url"], p["title"], ", ".join(p["related"])]
                  for p in kw["pages"]])
    out += ["### Cannibalised keywords", ""]
    out += table(["keyword", "lang", "pages"],
                 [[c["keyword"], c["lang"], ", ".join(c["pages"])] for c in kw["cannibalised"]]) \
        if kw["cannibalised"] else ["None.", ""]
    out += ["### Target keywords with no page", ""]
    out += table(["keyword", "lang", "only as related keyword on"],
                 [[m["keyword"], m["lang"] or "any", ", ".join(m["related_on"])]
                  for m in kw["targets_without_page"]]) \
        if kw["targets_without_page"] else ["None." if kw["targets"] else
                                            "No targets configured (extra.hub.keywords.targets).",
                                            ""]

    out += ["## 线索 Leads", "", f"{leads['total']} leads in {meta['month']} "
            f"(store: {_cell(leads['store'])}).", ""]
    if leads.get("conversion_rate"):
        c = leads["conversion_rate"]
        out += [f"{L.t('整体转化率', 'Overall conversion')}: {rate(c['rate'])} "
                f"({c['leads']} / {c[c['basis']]} {c['basis']}).", ""]
    out += [L.t("归因方式：末次触达。每条线索记在提交表单的那个页面和当时链接上的 UTM 参数上；"
                "更早的访问没有记录，所以首次触达无从统计。",
                "Attribution is last-touch: each lead is credited to the page its form was "
                "submitted on and to the UTM parameters of that visit. Earlier visits are not "
                "recorded, so first-touch cannot be reported."), ""]
    pc = leads["by_piece_channel"]
    out += [f"### {L.t('按内容 × 渠道', 'Leads per content piece × channel')} "
            f"({' / '.join(pc['dimensions'])})", ""]
    if pc["rows"]:
        basis = pc["rate_basis"]
        extra = [basis, "conversion"] if basis else []
        out += table(["piece", *[c["key"] for c in pc["channels"]], "total", *extra],
                     [[x["title"] or x["content_id"], *x["cells"], x["leads"],
                       *([x[basis], rate(x["rate"])] if basis else [])] for x in pc["rows"]]
                     + [[L.t("合计", "total"), *pc["totals"], pc["total"],
                         *(["", ""] if basis else [])]])
    else:
        out += ["–", ""]
    names = cov["industry_names"]
    for facet, key, title in (("industry", "by_industry", L.t("按行业", "per industry")),
                              ("audience", "by_audience", L.t("按受众", "per audience")),
                              ("stage", "by_stage", L.t("按阶段", "per stage"))):
        out += [f"### {L.t('线索', 'Leads')} {title} "
                f"({L.t('带来线索的内容的', 'of the piece that brought them')})", ""]
        out += table([facet, "leads"],
                     [[(names.get(x["key"], x["key"]) if x["key"] != "(none)" else L.t("（无）", "(none)"))
                       if facet == "industry" else
                       (L.audience(x["key"]) if facet == "audience" else L.stage(x["key"])),
                       x["leads"]] for x in leads[key]])
    for title, key, name in (("per form", "by_form", "form"), ("per source", "by_source", "source"),
                             ("per medium", "by_medium", "medium"),
                             ("per campaign", "by_campaign", "campaign"),
                             ("per language", "by_language", "lang")):
        out += [f"### Leads {title}", ""]
        out += table([name, "leads"], [[x[name], x["leads"]] for x in leads[key]])
    out += ["### Leads per content piece", ""]
    out += table(["content id", "type", "title", "leads"],
                 [[x["content_id"], x["kind"], x["title"] or "(not in the hub)", x["leads"]]
                  for x in leads["by_content"]])
    if r["analytics"] is not None:
        out += ["### Conversion per page", ""]
        out += table(["page", "title", "views", "visitors", "leads", "conversion"],
                     [[x["url"], x["title"], x["views"], x["visitors"], x["leads"], rate(x["rate"])]
                      for x in leads["conversion"]])

    a = r["analytics"]
    if a is not None:
        out += ["## 访问数据 Analytics", "",
                f"{_cell(a['file'])} ({a['layout']}, {a['encoding']}): {a['rows']} rows, {a['pages']} URLs, "
                f"{a['pages_in_hub']} in the hub; {a['views']} views, {a['views_in_hub']} on hub pages.",
                ""]
        out += ["### URLs not in the hub", ""]
        out += table(["url", "views", "visitors"],
                     [[x["url"], x["views"], x["visitors"]] for x in a["not_in_hub"]]) \
            if a["not_in_hub"] else ["None.", ""]

    out += ["## 待更新 Due for a refresh (CAD004)", ""]
    out += table(["page", "title", "last updated", "age (days)"],
                 [[x["path"], x["title"], x["updated"], x["age_days"]] for x in r["staleness"]]) \
        if r["staleness"] else ["None.", ""]

    out += ["## 审计 Audit", "", f"{audit['errors']} errors, {audit['warnings']} warnings "
            f"({audit['scope']} rules).", ""]
    for severity, title in (("error", L.t("错误", "errors")), ("warning", L.t("警告", "warnings"))):
        rows = [f for f in audit["findings"] if f["severity"] == severity]
        out += [f"### {title} ({len(rows)})", ""]
        out += table(["rule", "file", "message"],
                     [[f["rule"], (f["path"] or f["url"] or "–")
                       + (f":{f['line']}" if f["line"] else ""), f["message"]] for f in rows]) \
            if rows else ["–", ""]
    out += table(["month", "errors", "warnings", "published", "leads"],
                 [[h["month"], h["errors"], h["warnings"], h["published"], h["leads"]]
                  for h in audit["history"]])
    return "\n".join(out).rstrip("\n") + "\n"
