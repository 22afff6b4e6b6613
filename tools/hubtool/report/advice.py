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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
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


def _about(code: str, kind: str | None = None, stage: str | None = None) -> Callable[[Item], bool]:
    """Plans about an industry (and of a kind, or for a stage)."""
    return lambda i: (
        code in industries(i)
        and (kind is None or i.kind == kind)
        and (stage is None or i.meta.get("stage") == stage)
    )


def _has_keyword(norm: str) -> Callable[[Item], bool]:
    """Plans whose keyword is `norm` once normalised."""
    return lambda i: text.normalise(str(i.meta.get("keyword") or "")) == norm


def _for_cell(audience: str, stage: str) -> Callable[[Item], bool]:
    """Plans for an audience at a stage."""
    return lambda i: audience in (i.meta.get("audience") or []) and i.meta.get("stage") == stage


@dataclass
class Advisor:
    """What every rule reads (the month's numbers) and writes: the advice, and for each plan the
    gaps it already fills."""

    L: Labels
    month: str
    coverage: Mapping[str, Any]
    keywords: Mapping[str, Any]
    piece_traffic: Sequence[Mapping[str, Any]]
    staleness: Sequence[Mapping[str, Any]]
    pieces: list[Item]  # one item per published piece, whatever its languages
    plans: list[Item]
    plan_rows: list[dict[str, Any]]
    items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def industry_names(self) -> Mapping[str, str]:
        """The vocabulary's industries: code -> name in the hub's language."""
        names: Mapping[str, str] = self.coverage["industry_names"]
        return names

    def name(self, code: str) -> str:
        return self.industry_names.get(code, code)

    def covered(self, gap: str, test: Callable[[Item], bool]) -> bool:
        """True if a plan fills the gap (the plan then says so)."""
        hit = False
        for plan, row in zip(self.plans, self.plan_rows, strict=True):
            if test(plan):
                row["fills"].append(gap)
                hit = True
        return hit

    def add(self, kind: str, topic: str, reason: str, weight: float = 0, **refs: Any) -> None:
        self.items.append(
            {"kind": kind, "topic": topic, "reason": reason, "weight": weight, **refs}
        )


def _cta(a: Advisor) -> None:
    """Readers but no leads: the cheapest win is the call to action."""
    L = a.L
    for p in a.piece_traffic:
        if p["leads"] != 0 or (p["views"] or 0) < MIN_VIEWS:
            continue
        sessions = f"{p['sessions']} " + L.t("次会话、", "sessions, ") if p.get("sessions") else ""
        fix = (
            L.t(
                f"检查它的行动号召（cta: {p['cta']}）是否醒目、表单是否够短。",
                f"Check its call to action (cta: {p['cta']}): is it visible, is the form short?",
            )
            if p.get("cta")
            else L.t(
                "它没有设置行动号召（cta）：加一个演示或下载表单。",
                "It has no call to action (cta): add a demo or download form.",
            )
        )
        seen = L.t(
            f"{a.month} 有 {p['views']} 次浏览、{sessions}0 条线索。",
            f"{p['views']} views, {sessions}0 leads in {a.month}. ",
        )
        a.add("cta", p["title"], seen + fix, p["views"], url=p["url"])


def _industry_whitepaper(a: Advisor) -> None:
    """Industries with cases but no whitepaper: hook content for readers the cases already bring."""
    for code in a.industry_names:
        cases = {i.key for i in a.pieces if i.kind == "case" and code in industries(i)}
        papers = {i.key for i in a.pieces if i.kind == "whitepaper" and code in industries(i)}
        if not cases or papers:
            continue
        name = a.name(code)
        gap = a.L.t(f"{name}白皮书", f"{name} whitepaper")
        if a.covered(gap, _about(code, kind="whitepaper")):
            continue
        reason = a.L.t(
            f"{name}有 {len(cases)} 个客户案例，却没有白皮书：读案例的人没有可以"
            "留下联系方式换取的深度内容。",
            f"{len(cases)} case(s) for {name} but no whitepaper: readers the "
            "cases bring have nothing to leave their details for.",
        )
        a.add("industry-whitepaper", gap, reason, len(cases), industry=code)


def _keyword_no_page(a: Advisor) -> None:
    """Target keywords no page has as its keyword."""
    L = a.L
    for k in a.keywords["targets_without_page"]:
        norm = text.normalise(k["keyword"])
        gap = L.t(f"关键词「{k['keyword']}」", f"keyword '{k['keyword']}'")
        if a.covered(gap, _has_keyword(norm)):
            continue
        also = (
            L.t("，目前只作为相关关键词出现在 ", "; now only a related keyword on ")
            + ", ".join(k["related_on"])
            if k["related_on"]
            else ""
        )
        reason = L.t(
            f"目标关键词，没有页面以它为主关键词{also}。",
            f"a target keyword that no page has as its keyword{also}.",
        )
        a.add("keyword-no-page", k["keyword"], reason, keyword=k["keyword"], lang=k["lang"])


def _keyword_cannibalised(a: Advisor) -> None:
    """Keywords that two or more pages of one language have."""
    for c in a.keywords["cannibalised"]:
        pages, n = ", ".join(c["pages"]), len(c["pages"])
        reason = a.L.t(
            f"{n} 个页面争同一个关键词（{pages}）：合并，或给其中一页换一个关键词。",
            f"{n} pages compete for it ({pages}): merge them or give one another keyword.",
        )
        a.add("keyword-cannibalised", c["keyword"], reason, n, pages=c["pages"])


def _refresh(a: Advisor) -> None:
    """Evidence due for a refresh, the most read first."""
    L = a.L
    views = {p["path"]: p["views"] or 0 for p in a.piece_traffic}
    for s in a.staleness:
        seen = views.get(s["path"], 0)
        read = (
            L.t(f"，本月仍有 {seen} 次浏览", f", still read {seen} times this month")
            if seen
            else ""
        )
        reason = L.t(
            f"上次更新 {s['updated']}，已 {s['age_days']} 天{read}：更新数字和客户现状。",
            f"last updated {s['updated']}, {s['age_days']} days ago{read}: refresh its "
            "numbers and the customer's status.",
        )
        a.add("refresh", s["title"], reason, seen * 10000 + (s["age_days"] or 0), path=s["path"])


def _industry_empty(a: Advisor) -> None:
    """Industries of the vocabulary with no published piece."""
    for code in a.coverage["missing_industries"]:
        name = a.name(code)
        gap = a.L.t(f"{name}行业的内容", f"content for {name}")
        if a.covered(gap, _about(code)):
            continue
        reason = a.L.t(f"{name}行业还没有任何已发布的内容。", f"no published piece for {name} yet.")
        a.add("industry-empty", name, reason, industry=code)


def _cell_empty(a: Advisor) -> None:
    """Empty cells of the audience × stage matrix."""
    L = a.L
    for m in a.coverage["missing"]:
        aud, stage = m["audience"], m["stage"]
        gap = f"{L.audience(aud)} × {L.stage(stage)}"
        if a.covered(gap, _for_cell(aud, stage)):
            continue
        reason = L.t(
            f"没有写给{L.audience(aud)}、处于{L.stage(stage)}阶段的内容。",
            f"no piece for {L.audience(aud).lower()} at the {L.stage(stage).lower()} stage.",
        )
        a.add("cell-empty", gap, reason, audience=aud, stage=stage)


def _industry_stage(a: Advisor) -> None:
    """For an industry with pieces: the stages none of them is for."""
    L = a.L
    for code in a.industry_names:
        own = [i for i in a.pieces if code in industries(i)]
        if not own:
            continue  # already advised as an empty industry
        name = a.name(code)
        missing = [
            s
            for s in STAGES
            if not any(i.meta.get("stage") == s for i in own)
            and not a.covered(
                L.t(f"{name} × {L.stage(s)}", f"{name} × {L.stage(s)}"),
                _about(code, stage=s),
            )
        ]
        if not missing:
            continue
        stages = L.t("、", ", ").join(L.stage(s) for s in missing)
        reason = L.t(
            f"{name}行业有 {len(own)} 篇内容，但{stages}阶段一篇也没有。",
            f"{len(own)} piece(s) for {name}, none at the {stages.lower()} stage.",
        )
        a.add("industry-stage", f"{name} × {stages}", reason, industry=code, stages=missing)


# The rules, in the order they look at the month (a plan records the gaps in this order too).
RULES: tuple[Callable[[Advisor], None], ...] = (
    _cta,
    _industry_whitepaper,
    _keyword_no_page,
    _keyword_cannibalised,
    _refresh,
    _industry_empty,
    _cell_empty,
    _industry_stage,
)


def advise(
    *,
    hub: Hub,
    full: Hub,
    as_of: dt.date,
    month: str,
    L: Labels,
    coverage: Mapping[str, Any],
    keywords: Mapping[str, Any],
    piece_traffic: Sequence[Mapping[str, Any]],
    staleness: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    """{"items": ranked advice, "planned": the calendar with the gaps each plan fills}.
    `coverage`, `keywords` and `staleness` are the report's sections of those names."""
    plans = planned(full, as_of)
    advisor = Advisor(
        L=L,
        month=month,
        coverage=coverage,
        keywords=keywords,
        piece_traffic=piece_traffic,
        staleness=staleness,
        pieces=stats.pieces(hub, default_lang=L.lang),
        plans=plans,
        plan_rows=[_plan(i, as_of) for i in plans],
    )
    for rule in RULES:
        rule(advisor)
    items = sorted(advisor.items, key=lambda x: (ORDER.index(x["kind"]), -x["weight"]))
    for rank, item in enumerate(items, 1):
        item["rank"] = rank
        del item["weight"]
    return {"items": items, "planned": advisor.plan_rows, "min_views": MIN_VIEWS}
