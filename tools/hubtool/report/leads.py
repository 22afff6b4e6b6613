"""Leads of one month from the lead store, counted per form, piece, channel, language and page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..config import HubConfig
from ..content.items import Item
from ..content.load import Hub
from ..errors import HubError
from .advice import industries
from .analytics import Analytics, site_url_path

NONE = "(none)"  # a lead without that context (no UTM parameters, no language)


def read_leads(
    config: HubConfig, month: str, db: str | None = None, first: str | None = None
) -> tuple[list[dict[str, Any]], str]:
    """Non-spam leads created in `month` (UTC, "YYYY-MM"), and where they were read from.
    With `first` (an earlier "YYYY-MM"): the leads of every month from `first` to `month`.

    A default SQLite store that does not exist yet means no leads (a new hub), not an error; a store
    named with --db that cannot be read is a tool error.
    """
    from ..leads.settings import default_db_url
    from ..leads.store import Store, StoreUnavailable

    url = default_db_url(config, db)
    where = public_url(url)
    if url.startswith("sqlite:"):
        path = Path(url.removeprefix("sqlite:").removeprefix("//"))
        where = config.rel(path)
        if not path.exists():
            if db:
                raise HubError(f"--db: no lead database at {path}")
            return [], where + " (not created yet)"
    store = Store(url)
    try:
        rows = store.leads(since=f"{first or month}-01")
    except StoreUnavailable as exc:
        raise HubError(f"lead store {where}: cannot read it ({exc})") from None
    finally:
        store.close()
    return [r for r in rows if (first or month) <= str(r.get("created_at", ""))[:7] <= month], where


def public_url(url: str) -> str:
    """A store URL fit to print in a report: no user name, password or connection options."""
    parts = urlsplit(url)
    if parts.scheme.startswith("postgres"):
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port and host else ""
        return f"{parts.scheme}://{host}{port}{parts.path}"
    return url


def _ranked(counter: Counter[Any], name: str = "key") -> list[dict[str, Any]]:
    """A count per value, largest first (then by value), as rows {name: value, "leads": n}."""
    ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return [{name: k, "leads": n} for k, n in ordered]


def base_path(site_url: str) -> str:
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def _traffic(
    piece: Item | None, hub: Hub, analytics: Analytics | None
) -> tuple[int | None, int | None]:
    """Views and sessions of a piece: all its language versions added up (None: not known)."""
    if piece is None or analytics is None:
        return None, None
    rows = [
        analytics.pages[i.url] for i in hub.translations(piece).values() if i.url in analytics.pages
    ]
    if not rows:
        return None, None
    return (
        sum(r.views for r in rows),
        sum(r.sessions for r in rows) if analytics.has_sessions else None,
    )


def piece_traffic(
    leads: Iterable[Mapping[str, Any]], hub: Hub, config: HubConfig, analytics: Analytics | None
) -> list[dict[str, Any]]:
    """Every published piece with its month's leads and (with an export) views and sessions."""
    from ..content import stats

    counts = Counter(str(lead.get("content_id") or "") for lead in leads)
    out: list[dict[str, Any]] = []
    for piece in stats.pieces(hub, default_lang=config.default_lang):
        views, sessions = _traffic(piece, hub, analytics)
        out.append(
            {
                "content_id": piece.key,
                "title": piece.title,
                "kind": piece.kind,
                "url": piece.url,
                "path": piece.rel,
                "cta": piece.meta.get("cta"),
                "leads": counts[piece.key],
                "views": views,
                "sessions": sessions,
            }
        )
    out.sort(key=lambda r: (-(r["views"] or 0), r["url"]))
    return out


def _piece(key: str, piece: Item | None) -> dict[str, Any]:
    """Which piece a row of leads is about (a content id the hub does not know: in_hub False)."""
    return {
        "content_id": key,
        "title": piece.title if piece else "",
        "kind": piece.kind if piece else "",
        "url": piece.url if piece else "",
        "in_hub": piece is not None,
    }


def piece_channels(
    leads: list[Mapping[str, Any]],
    hub: Hub,
    by_key: Mapping[str, Item],
    analytics: Analytics | None,
    campaign: bool = False,
) -> dict[str, Any]:
    """Leads per content piece × channel (utm_source / utm_medium, and utm_campaign with
    `campaign`): rows are pieces, columns channels, largest first; rows and columns add up to the
    total. With an analytics export: each piece's views (and sessions) over all its language
    versions, and its conversion rate (leads / sessions, or / views when there are no sessions)."""
    dims = ["utm_source", "utm_medium"] + (["utm_campaign"] if campaign else [])
    cells: Counter[tuple[str, tuple[str, ...]]] = Counter()
    for lead in leads:
        channel = tuple(str(lead.get(d) or NONE) for d in dims)
        cells[(lead.get("content_id") or NONE, channel)] += 1
    per_piece: Counter[str] = Counter()
    per_channel: Counter[tuple[str, ...]] = Counter()
    for (content, channel), n in cells.items():
        per_piece[content] += n
        per_channel[channel] += n
    channels = [row["key"] for row in _ranked(per_channel)]
    basis = None if analytics is None else ("sessions" if analytics.has_sessions else "views")
    rows = []
    for key, total in ((r["key"], r["leads"]) for r in _ranked(per_piece)):
        piece = by_key.get(key)
        views, sessions = _traffic(piece, hub, analytics)
        base = sessions if basis == "sessions" else views
        rows.append(
            {
                **_piece(key, piece),
                "cells": [cells[(key, c)] for c in channels],
                "leads": total,
                "views": views,
                "sessions": sessions,
                "rate": round(total / base, 4) if base else None,
            }
        )
    return {
        "dimensions": dims,
        "rate_basis": basis,
        "channels": [{"key": " / ".join(c), **dict(zip(dims, c, strict=True))} for c in channels],
        "rows": rows,
        "totals": [per_channel[c] for c in channels],
        "total": len(leads),
    }


def _facets(piece: Item | None) -> dict[str, list[str]]:
    """The industries, audiences and stage of a piece (none without a piece)."""
    if piece is None:
        return {"industry": [], "audience": [], "stage": []}
    stage = piece.meta.get("stage")
    return {
        "industry": sorted(industries(piece)),
        "audience": [str(a) for a in piece.meta.get("audience") or []],
        "stage": [str(stage)] if stage else [],
    }


def by_piece_facet(leads: list[Mapping[str, Any]], by_key: Mapping[str, Item]) -> dict[str, Any]:
    """Leads per industry, audience and stage of the piece that brought them. A piece with two
    industries (or audiences) counts its lead under each, so those columns may add up to more
    than the total; a lead without a piece in the hub counts under (none)."""
    out: dict[str, Counter[str]] = {
        "industry": Counter(),
        "audience": Counter(),
        "stage": Counter(),
    }
    for lead in leads:
        for name, values in _facets(by_key.get(lead.get("content_id") or "")).items():
            for value in values or [NONE]:
                out[name][value] += 1
    return {name: _ranked(c) for name, c in out.items()}


def _pieces_by_key(hub: Hub, config: HubConfig) -> dict[str, Item]:
    """Each published piece by its content id: the default language's version names it."""
    by_key: dict[str, Item] = {}
    for item in hub.published:
        if item.key not in by_key or item.lang == config.default_lang:
            by_key[item.key] = item
    return by_key


COUNTED = ("form", "content", "utm_source", "utm_medium", "utm_campaign", "lang", "page")


def _counts(leads: list[Mapping[str, Any]], config: HubConfig) -> dict[str, Counter[str]]:
    """Leads per value of each of COUNTED (pages as hub URLs where they are the hub's)."""
    base, host = base_path(config.site_url), urlsplit(config.site_url).hostname or ""
    per: dict[str, Counter[str]] = {k: Counter() for k in COUNTED}
    for lead in leads:
        per["form"][lead.get("form_id") or NONE] += 1
        per["content"][lead.get("content_id") or NONE] += 1
        for key in ("utm_source", "utm_medium", "utm_campaign", "lang"):
            per[key][str(lead.get(key) or NONE)] += 1
        raw = str(lead.get("page_url") or "")
        per["page"][site_url_path(raw, base, host) or raw or NONE] += 1
    return per


def _page_row(
    url: str, item: Item, leads: int, views: int | None, visitors: int | None
) -> dict[str, Any]:
    rate = round(leads / views, 4) if views else None
    return {
        "url": url,
        "title": item.title,
        "views": views,
        "visitors": visitors,
        "leads": leads,
        "rate": rate,
    }


def _page_conversion(
    per_page: Counter[str], hub: Hub, analytics: Analytics | None
) -> list[dict[str, Any]]:
    """Leads ÷ views of every hub page the export has, and of hub pages with leads it has not."""
    if analytics is None:
        return []
    hub_urls = hub.by_url()
    rows = [
        _page_row(url, hub_urls[url], per_page.get(url, 0), stats.views, stats.visitors)
        for url, stats in analytics.pages.items()
        if url in hub_urls
    ]
    rows += [
        _page_row(url, hub_urls[url], n, None, None)
        for url, n in per_page.items()
        if url in hub_urls and url not in analytics.pages
    ]
    rows.sort(key=lambda r: (-(r["rate"] or 0), -r["leads"], -(r["views"] or 0), r["url"]))
    return rows


def _overall(total: int, hub: Hub, analytics: Analytics | None) -> dict[str, Any] | None:
    """The month's conversion rate: leads ÷ sessions (or views) of the hub's pages."""
    if analytics is None:
        return None
    hub_urls = hub.by_url()
    basis = "sessions" if analytics.has_sessions else "views"
    base = sum(getattr(s, basis) for u, s in analytics.pages.items() if u in hub_urls)
    return {
        "basis": basis,
        "leads": total,
        basis: base,
        "rate": round(total / base, 4) if base else None,
    }


def summarise(
    leads: Iterable[Mapping[str, Any]],
    hub: Hub,
    config: HubConfig,
    analytics: Analytics | None,
    campaign: bool = False,
) -> dict[str, Any]:
    """Counts per form, content piece, UTM source/medium/campaign, language and page; conversion
    rate (leads / page views) for every page the analytics export has views for."""
    leads = list(leads)
    by_key = _pieces_by_key(hub, config)
    per = _counts(leads, config)
    facets = by_piece_facet(leads, by_key)
    return {
        # We store the page and the UTM parameters of the submission: the last touch only.
        "attribution": "last-touch",
        "total": len(leads),
        "conversion_rate": _overall(len(leads), hub, analytics),
        "by_piece_channel": piece_channels(leads, hub, by_key, analytics, campaign),
        "by_industry": facets["industry"],
        "by_audience": facets["audience"],
        "by_stage": facets["stage"],
        "by_form": _ranked(per["form"], "form"),
        "by_content": [
            {**_piece(row["key"], by_key.get(row["key"])), "leads": row["leads"]}
            for row in _ranked(per["content"])
        ],
        "by_source": _ranked(per["utm_source"], "source"),
        "by_medium": _ranked(per["utm_medium"], "medium"),
        "by_campaign": _ranked(per["utm_campaign"], "campaign"),
        "by_language": _ranked(per["lang"], "lang"),
        "by_page": _ranked(per["page"], "url"),
        "conversion": _page_conversion(per["page"], hub, analytics),
    }
