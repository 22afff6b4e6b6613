"""What to write next: the report's gaps turned into a ranked list, each line with its reason.

Ranked by what a content team gets soonest for its effort: first the pieces that already have
readers but bring no leads (fix the call to action), then hook content for industries that have
cases but no whitepaper, search phrases with no page or with two competing pages, evidence due for
a refresh (busiest first), then the coverage gaps (industries, audience × stage, industry × stage).
A gap that a planned piece (a dated draft, or a piece dated after the as-of day) already fills is
not advice: it is listed with that plan instead, so the advice never repeats the calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from .. import text
from ..content import stats
from ..content.items import Item
from ..content.load import Hub
from ..content.schema import STAGES
from .labels import Labels

KINDS = ("case", "whitepaper", "news")
MIN_VIEWS = 100  # a piece read this often in the month with no lead: its call to action fails
ORDER = (
    "cta",
    "industry-whitepaper",
    "keyword-no-page",
    "keyword-cannibalised",
    "refresh",
    "industry-empty",
    "cell-empty",
    "industry-stage",
)


def industries(item: Item) -> set[str]:
    found = {str(i) for i in item.meta.get("industries") or []}
    customer = item.meta.get("customer")
    if isinstance(customer, dict) and customer.get("industry"):
        found.add(str(customer["industry"]))
    return found


def planned(full: Hub, as_of: dt.date) -> list[Item]:
    """What the calendar already holds on the as-of day: dated drafts (planned or overdue) and
    pieces published with a later date (planned then)."""
    out = [
        i
        for i in full.items
        if i.kind in KINDS and i.date is not None and (i.status != "published" or i.date > as_of)
    ]
    return sorted(out, key=lambda i: (i.date, i.rel))


def _plan(item: Item, as_of: dt.date) -> dict[str, Any]:
    return {
        "date": item.date.isoformat() if item.date else None,
        "kind": item.kind,
        "title": item.title,
        "path": item.rel,
        "status": "overdue"
        if item.status != "published" and item.date and item.date <= as_of
        else ("published later" if item.status == "published" else item.status),
        "audience": [str(a) for a in item.meta.get("audience") or []],
        "stage": item.meta.get("stage"),
        "industries": sorted(industries(item)),
        "keyword": item.meta.get("keyword"),
        "fills": [],
    }


def advise(
    *,
    hub: Hub,
    full: Hub,
    as_of: dt.date,
    month: str,
    L: Labels,
    industry_names: Mapping[str, str],
    coverage: Mapping[str, Any],
    keywords: Mapping[str, Any],
    piece_traffic: Sequence[Mapping[str, Any]],
    staleness: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """{"items": ranked advice, "planned": the calendar with the gaps each plan fills}."""
    plans = planned(full, as_of)
    plan_rows = [_plan(i, as_of) for i in plans]
    items: list[dict[str, Any]] = []
    name = lambda code: industry_names.get(code, code)

    def covered(gap: str, test: Any) -> bool:
        """True if a plan fills the gap (the plan then says so)."""
        hit = False
        for plan, row in zip(plans, plan_rows, strict=True):
            if test(plan):
                row["fills"].append(gap)
                hit = True
        return hit

    def add(kind: str, topic: str, reason: str, weight: float = 0, **refs: Any) -> None:
        items.append({"kind": kind, "topic": topic, "reason": reason, "weight": weight, **refs})

    # 1. Readers but no leads: the cheapest win is the call to action.
    for p in piece_traffic:
        if p["leads"] == 0 and (p["views"] or 0) >= MIN_VIEWS:
            sessions = (
                f"{p['sessions']} " + L.t("次会话、", "sessions, ") if p.get("sessions") else ""
            )
            fix = (
                L.t(
                    f"检查它的行动号召（cta: {p['cta']}）是否醒目、表单是否够短。",
                    f"Check its call to action (cta: {p['cta']}): is it visible, is the form "
                    "short?",
                )
                if p.get("cta")
                else L.t(
                    "它没有设置行动号召（cta）：加一个演示或下载表单。",
                    "It has no call to action (cta): add a demo or download form.",
                )
            )
            add(
                "cta",
                p["title"],
                L.t(
                    f"{month} 有 {p['views']} 次浏览、{sessions}0 条线索。",
                    f"{p['views']} views, {sessions}0 leads in {month}. ",
                )
                + fix,
                p["views"],
                url=p["url"],
            )

    # 2. Industries with cases but no whitepaper: hook content for readers the cases already bring.
    pieces = stats.pieces(hub, default_lang=L.lang)  # one item per piece, whatever its languages
    for code in industry_names:
        cases = {i.key for i in pieces if i.kind == "case" and code in industries(i)}
        papers = {i.key for i in pieces if i.kind == "whitepaper" and code in industries(i)}
        if cases and not papers:
            gap = L.t(f"{name(code)}白皮书", f"{name(code)} whitepaper")
            if not covered(gap, lambda i, c=code: i.kind == "whitepaper" and c in industries(i)):
                add(
                    "industry-whitepaper",
                    gap,
                    L.t(
                        f"{name(code)}有 {len(cases)} 个客户案例，却没有白皮书：读案例的人没有可以"
                        "留下联系方式换取的深度内容。",
                        f"{len(cases)} case(s) for {name(code)} but no whitepaper: readers the "
                        "cases bring have nothing to leave their details for.",
                    ),
                    len(cases),
                    industry=code,
                )

    # 3. Search phrases: target keywords no page has as its keyword; keywords on two pages.
    for k in keywords["targets_without_page"]:
        norm = text.normalise(k["keyword"])
        gap = L.t(f"关键词「{k['keyword']}」", f"keyword '{k['keyword']}'")
        if covered(gap, lambda i, n=norm: text.normalise(str(i.meta.get("keyword") or "")) == n):
            continue
        also = (
            (
                L.t("，目前只作为相关关键词出现在 ", "; now only a related keyword on ")
                + ", ".join(k["related_on"])
            )
            if k["related_on"]
            else ""
        )
        add(
            "keyword-no-page",
            k["keyword"],
            L.t(
                f"目标关键词，没有页面以它为主关键词{also}。",
                f"a target keyword that no page has as its keyword{also}.",
            ),
            keyword=k["keyword"],
            lang=k["lang"],
        )
    for c in keywords["cannibalised"]:
        add(
            "keyword-cannibalised",
            c["keyword"],
            L.t(
                f"{len(c['pages'])} 个页面争同一个关键词（{', '.join(c['pages'])}）："
                "合并，或给其中一页换一个关键词。",
                f"{len(c['pages'])} pages compete for it ({', '.join(c['pages'])}): merge them or "
                "give one another keyword.",
            ),
            len(c["pages"]),
            pages=c["pages"],
        )

    # 4. Evidence due for a refresh, the most read first.
    views = {p["path"]: p["views"] or 0 for p in piece_traffic}
    for s in staleness:
        seen = views.get(s["path"], 0)
        read = (
            L.t(f"，本月仍有 {seen} 次浏览", f", still read {seen} times this month")
            if seen
            else ""
        )
        add(
            "refresh",
            s["title"],
            L.t(
                f"上次更新 {s['updated']}，已 {s['age_days']} 天{read}：更新数字和客户现状。",
                f"last updated {s['updated']}, {s['age_days']} days ago{read}: refresh its "
                "numbers and the customer's status.",
            ),
            seen * 10000 + (s["age_days"] or 0),
            path=s["path"],
        )

    # 5. Coverage gaps.
    for code in coverage["missing_industries"]:
        gap = L.t(f"{name(code)}行业的内容", f"content for {name(code)}")
        if not covered(gap, lambda i, c=code: c in industries(i)):
            add(
                "industry-empty",
                name(code),
                L.t(
                    f"{name(code)}行业还没有任何已发布的内容。",
                    f"no published piece for {name(code)} yet.",
                ),
                industry=code,
            )
    for m in coverage["missing"]:
        a, s = m["audience"], m["stage"]
        gap = f"{L.audience(a)} × {L.stage(s)}"
        if not covered(
            gap,
            lambda i, a=a, s=s: a in (i.meta.get("audience") or []) and i.meta.get("stage") == s,
        ):
            add(
                "cell-empty",
                gap,
                L.t(
                    f"没有写给{L.audience(a)}、处于{L.stage(s)}阶段的内容。",
                    f"no piece for {L.audience(a).lower()} at the {L.stage(s).lower()} stage.",
                ),
                audience=a,
                stage=s,
            )
    for code in industry_names:
        own = [i for i in pieces if code in industries(i)]
        if not own:
            continue  # already advised as an empty industry
        missing = [
            s
            for s in STAGES
            if not any(i.meta.get("stage") == s for i in own)
            and not covered(
                L.t(f"{name(code)} × {L.stage(s)}", f"{name(code)} × {L.stage(s)}"),
                lambda i, c=code, s=s: c in industries(i) and i.meta.get("stage") == s,
            )
        ]
        if missing:
            stages = L.t("、", ", ").join(L.stage(s) for s in missing)
            add(
                "industry-stage",
                f"{name(code)} × {stages}",
                L.t(
                    f"{name(code)}行业有 {len(own)} 篇内容，但{stages}阶段一篇也没有。",
                    f"{len(own)} piece(s) for {name(code)}, none at the {stages.lower()} stage.",
                ),
                industry=code,
                stages=missing,
            )

    items.sort(key=lambda x: (ORDER.index(x["kind"]), -x["weight"]))
    for rank, item in enumerate(items, 1):
        item["rank"] = rank
        del item["weight"]
    return {"items": items, "planned": plan_rows, "min_views": MIN_VIEWS}
