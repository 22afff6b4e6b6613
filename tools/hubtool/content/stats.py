"""What the hub covers and how often it publishes: pure functions over a Hub (audit, monthly report)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from ..config import HubConfig
from .items import Item
from .load import Hub
from .schema import CONTENT_KINDS, STAGES


def pieces(hub: Hub, today: dt.date | None = None, default_lang: str | None = None) -> list[Item]:
    """One published item per piece of content (case, whitepaper, news): translations of the same
    piece count once. The default-language version stands for the piece when there is one."""
    best: dict[tuple[str, str], Item] = {}
    for item in hub.published:
        if item.kind not in CONTENT_KINDS:
            continue
        if today is not None and item.date is not None and item.date > today:
            continue  # scheduled, not yet published
        key = (item.kind, item.key)
        current = best.get(key)
        if current is None or (item.lang == default_lang and current.lang != default_lang):
            best[key] = item
    return sorted(best.values(), key=lambda i: (i.kind, i.key))


def _industries(item: Item) -> set[str]:
    found = set(item.meta.get("industries") or [])
    customer = item.meta.get("customer")
    if isinstance(customer, dict) and customer.get("industry"):
        found.add(str(customer["industry"]))
    return found


def coverage(hub: Hub, config: HubConfig) -> dict[str, Any]:
    """Published pieces per audience × stage and per industry, and the cells nobody has written for.

    Missing cells are not faults (a small hub cannot cover everything): they are what to write next.
    """
    audiences = [str(a) for a in config.hub["vocabulary"]["audience"]]
    industries = [str(i) for i in config.hub["vocabulary"]["industries"]]
    matrix = {a: dict.fromkeys(STAGES, 0) for a in audiences}
    by_industry = dict.fromkeys(industries, 0)
    for item in pieces(hub, default_lang=config.default_lang):
        stage = item.meta.get("stage")
        for audience in item.meta.get("audience") or []:
            if audience in matrix and stage in matrix[audience]:
                matrix[audience][stage] += 1
        for industry in _industries(item):
            if industry in by_industry:
                by_industry[industry] += 1
    return {
        "audiences": audiences,
        "stages": list(STAGES),
        "matrix": matrix,
        "missing": [
            {"audience": a, "stage": s} for a in audiences for s in STAGES if not matrix[a][s]
        ],
        "industries": by_industry,
        "missing_industries": [i for i in industries if not by_industry[i]],
    }


def month_keys(today: dt.date, months: int = 12) -> list[str]:
    """The last `months` calendar months, oldest first, ending with today's ("2026-11")."""
    year, month = today.year, today.month
    keys = []
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys[::-1]


def monthly_counts(hub: Hub, today: dt.date, months: int = 12) -> dict[str, dict[str, int]]:
    """{kind: {"YYYY-MM": pieces published that month}} for case, whitepaper and news, over the last
    `months` months (zeros included, so gaps show). A piece counts once, in the month of its
    earliest `date` among its translations; items dated after `today` are not counted."""
    keys = month_keys(today, months)
    out = {kind: dict.fromkeys(keys, 0) for kind in CONTENT_KINDS}
    first: dict[tuple[str, str], dt.date] = defaultdict(lambda: dt.date.max)
    for item in hub.published:
        if item.kind in CONTENT_KINDS and item.date is not None and item.date <= today:
            key = (item.kind, item.key)
            first[key] = min(first[key], item.date)
    for (kind, _), date in first.items():
        month = f"{date.year:04d}-{date.month:02d}"
        if month in out[kind]:
            out[kind][month] += 1
    return out
