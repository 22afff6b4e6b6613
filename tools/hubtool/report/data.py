"""The monthly report's numbers, gathered into one JSON-ready dict that every format renders."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .. import text
from ..config import HubConfig, load_config
from ..config import text as label_text
from ..content import stats
from ..content.load import Hub, load_hub
from ..errors import HubError
from . import compare
from .advice import advise
from .analytics import Analytics, load_analytics, mapping_from_config
from .findings import audit_section, previous_errors
from .history import history_dir as history_dir
from .history import history_row, read_history
from .history import write_history as write_history
from .labels import Labels
from .leads import base_path, piece_traffic, read_leads, summarise
from .period import Period, as_of_hub, period

VERSION = 2  # 2: kpis, advice, leads.by_piece_channel/by_industry/…, audit.findings, target_pieces


def check_settings(config: HubConfig) -> None:
    """The settings the report reads, checked up front: one error naming mkdocs.yml's line."""

    def bad(path: tuple[str, ...], message: str) -> HubError:
        return HubError(
            f"{config.path.name}:{config.line_of(*path)}: extra.hub.{'.'.join(path)}: {message}"
        )

    targets = config.hub["cadence"].get("targets_per_month") or {}
    if not isinstance(targets, dict):
        raise bad(("cadence", "targets_per_month"), "must be a mapping of content type to number")
    for kind, value in targets.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise bad(
                ("cadence", "targets_per_month", str(kind)),
                f"must be a number of pieces per month ≥ 0 (got {value!r})",
            )
    keywords = (config.hub.get("keywords") or {}).get("targets") or []
    if not isinstance(keywords, list):
        raise bad(("keywords", "targets"), "must be a list of keywords")
    for i, target in enumerate(keywords):
        ok = isinstance(target, str) or (
            isinstance(target, dict)
            and isinstance(target.get("keyword"), str)
            and set(target) <= {"keyword", "lang"}
            and (target.get("lang") is None or target.get("lang") in config.languages)
        )
        if not ok:
            raise HubError(
                f"{config.path.name}:{config.line_of('keywords', 'targets', i)}: "
                f"extra.hub.keywords.targets[{i}]: must be a keyword or "
                f"{{keyword: …, lang: {'|'.join(config.languages)}}} (got {target!r})"
            )
    if not isinstance(config.hub.get("analytics") or {}, dict):
        raise bad(
            ("analytics",), "must be a mapping of url, views, visitors, sessions to column names"
        )


def whole_pieces(target: float) -> int:
    """A fractional target in whole pieces, rounded half up: 0.34/month × 12 = 4.08 → 4 pieces
    (the target meant "one a quarter"), 4.5 → 5. Nobody publishes 0.08 of a whitepaper."""
    return math.floor(target + 0.5)


def _label(config: HubConfig, value: Any) -> str:
    return label_text(value, config.default_lang, config.default_lang)


# ---------------------------------------------------------------- sections


def publishing(config: HubConfig, hub: Hub, p: Period) -> dict[str, Any]:
    """Pieces per content type per month (12 months to the reported one) against the targets,
    the days pieces went out (calendar heat map), and the pieces of the reported month."""
    counts = stats.monthly_counts(hub, p.as_of, months=12)
    months = stats.month_keys(p.as_of, 12)
    targets = config.hub["cadence"].get("targets_per_month") or {}
    kinds: dict[str, Any] = {}
    for kind, per_month in counts.items():
        target = float(targets.get(kind, 0) or 0)
        series = [per_month[m] for m in months]
        expected = round(target * len(months), 2)
        pieces = whole_pieces(expected)
        kinds[kind] = {
            "counts": series,
            "target_per_month": target,
            "total": sum(series),
            "target_total": expected,
            "months_meeting_target": sum(n >= target for n in series) if target else len(series),
            "target_pieces": pieces,
            "on_target": sum(series) >= pieces,
            "this_month": per_month[p.month],
        }
    # A piece goes out on the earliest date of its language versions (as monthly_counts counts it).
    first = dt.date.fromisoformat(months[0] + "-01")
    days: dict[str, list[dict[str, str]]] = defaultdict(list)
    this_month = []
    for piece in stats.pieces(hub, today=p.as_of, default_lang=config.default_lang):
        dates = [i.date for i in hub.translations(piece).values() if i.date is not None]
        if not dates:
            continue
        date = min(dates)
        if first <= date <= p.as_of:
            days[date.isoformat()].append({"kind": piece.kind, "title": piece.title})
        if p.start <= date <= p.end:
            this_month.append(
                {
                    "date": date.isoformat(),
                    "kind": piece.kind,
                    "title": piece.title,
                    "url": piece.url,
                    "path": piece.rel,
                    "languages": sorted(hub.translations(piece)),
                }
            )
    this_month.sort(key=lambda r: (r["date"], r["kind"], r["url"]))
    return {
        "months": months,
        "kinds": kinds,
        "calendar": {
            "start": months[0] + "-01",
            "end": p.end.isoformat(),
            "days": {d: len(v) for d, v in sorted(days.items())},
            "titles": {
                d: [f"{x['kind']}: {x['title']}" for x in v] for d, v in sorted(days.items())
            },
        },
        "published_this_month": this_month,
    }


def coverage(config: HubConfig, hub: Hub) -> dict[str, Any]:
    """The shared coverage matrix, with its empty cells turned into named next topics."""
    cov = stats.coverage(hub, config)
    industries = config.hub["vocabulary"]["industries"]
    topics = [
        {"audience": m["audience"], "stage": m["stage"], "topic": f"{m['audience']} × {m['stage']}"}
        for m in cov["missing"]
    ]
    topics += [
        {"industry": i, "topic": _label(config, industries.get(i)) or i}
        for i in cov["missing_industries"]
    ]
    return {
        **cov,
        "industry_names": {i: _label(config, industries.get(i)) or i for i in industries},
        "next_topics": topics,
    }


def keyword_map(config: HubConfig, hub: Hub) -> dict[str, Any]:
    """Primary keyword -> page (with related keywords); cannibalised keywords (same normalised
    keyword on two or more pages of one language); configured targets no page has as keyword."""
    pages: list[dict[str, Any]] = []
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for item in sorted(hub.published, key=lambda i: (i.lang, i.url)):
        keyword = str(item.meta.get("keyword") or "").strip()
        if not keyword:
            continue
        row = {
            "keyword": keyword,
            "lang": item.lang,
            "url": item.url,
            "path": item.rel,
            "title": item.title,
            "kind": item.kind,
            "related": [str(k) for k in item.meta.get("related_keywords") or []],
        }
        pages.append(row)
        groups[(item.lang, text.normalise(keyword))].append(row)
    cannibalised = [
        {"keyword": rows[0]["keyword"], "lang": lang, "pages": [r["url"] for r in rows]}
        for (lang, _), rows in sorted(groups.items())
        if len(rows) > 1
    ]
    missing: list[dict[str, Any]] = []
    for target in config.hub.get("keywords", {}).get("targets") or []:
        phrase = str((target.get("keyword") if isinstance(target, dict) else target) or "")
        want = target.get("lang") if isinstance(target, dict) else None
        if not phrase:
            continue
        norm = text.normalise(phrase)
        if any(n == norm and (want is None or want == lg) for lg, n in groups):
            continue
        related = [
            r["url"]
            for r in pages
            if (want is None or r["lang"] == want)
            and any(text.normalise(k) == norm for k in r["related"])
        ]
        missing.append({"keyword": phrase, "lang": want, "related_on": related})
    return {
        "pages": pages,
        "cannibalised": cannibalised,
        "targets_without_page": missing,
        "targets": len(config.hub.get("keywords", {}).get("targets") or []),
    }


def analytics_section(analytics: Analytics | None, hub: Hub) -> dict[str, Any] | None:
    if analytics is None:
        return None
    urls = hub.by_url()
    outside: list[dict[str, Any]] = [
        {"url": u, "views": s.views, "visitors": s.visitors}
        for u, s in analytics.pages.items()
        if u not in urls
    ]
    outside.sort(key=lambda r: (-r["views"], r["url"]))
    inside = [s for u, s in analytics.pages.items() if u in urls]
    return {
        "file": analytics.file,
        "layout": analytics.layout,
        "encoding": analytics.encoding,
        "columns": dict(analytics.columns),
        "rows": analytics.rows,
        "pages": len(analytics.pages),
        "pages_in_hub": len(inside),
        "views": sum(s.views for s in analytics.pages.values()),
        "views_in_hub": sum(s.views for s in inside),
        "not_in_hub": outside,
    }


# ---------------------------------------------------------------- everything


def _analytics(config: HubConfig, analytics_file: str | Path | None) -> Analytics | None:
    """The analytics export named with --analytics, read with the hub's column mapping."""
    if analytics_file is None:
        return None
    mapping = mapping_from_config(
        config.hub.get("analytics") or {},
        config.path.name,
        lambda key: config.line_of("analytics", key),
    )
    return load_analytics(
        analytics_file,
        mapping,
        base_path(config.site_url),
        urlsplit(config.site_url).hostname or "",
    )


def _keywords(config: HubConfig, hub: Hub, analytics: Analytics | None) -> dict[str, Any]:
    """The keyword map, each page marked when it competes for its keyword, with its views."""
    kw = keyword_map(config, hub)
    clashing = {u for c in kw["cannibalised"] for u in c["pages"]}
    for row in kw["pages"]:
        row["cannibalised"] = row["url"] in clashing
        row["views"] = analytics.views(row["url"]) if analytics is not None else None
    return kw


def _meta(config: HubConfig, p: Period) -> dict[str, Any]:
    return {
        "version": VERSION,
        "month": p.month,
        "start": p.start.isoformat(),
        "end": p.end.isoformat(),
        "as_of": p.as_of.isoformat(),
        "site_name": config.site_name,
        "site_url": config.site_url,
        "default_lang": config.default_lang,
    }


def _trend(
    config: HubConfig, p: Period, folder: str | Path | None, this_month: dict[str, Any]
) -> list[dict[str, Any]]:
    """Earlier months' rows from the history folder, and this month's."""
    trend = read_history(history_dir(config, str(folder) if folder else None), p.month)
    return [*trend, history_row(p.month, this_month)]


def _report(
    config: HubConfig,
    p: Period,
    analytics_file: str | Path | None,
    db: str | None,
    history: str | Path | None,
    site_audit: bool,
    campaign: bool,
) -> dict[str, Any]:
    """Every section, on the hub as it stood on the period's as-of day."""
    full = load_hub(config)
    # One as-of day for every section: a file dated after it does not exist for this report.
    hub, later = as_of_hub(full, p.as_of)
    analytics = _analytics(config, analytics_file)
    pub = publishing(config, hub, p)
    year, store = read_leads(config, p.month, db, first=pub["months"][0])
    rows = [r for r in year if str(r.get("created_at", ""))[:7] == p.month]
    leads = {"store": store, **summarise(rows, hub, config, analytics, campaign)}
    audit = audit_section(config, hub, p, site_audit, later)
    staleness = audit.pop("staleness")
    trend = _trend(config, p, history, {"audit": audit, "leads": leads, "publishing": pub})
    previous = previous_errors(config, full, p, trend, site_audit)
    cov, kw = coverage(config, hub), _keywords(config, hub, analytics)
    return {
        "report": _meta(config, p),
        "kpis": compare.kpis(
            pub, leads, compare.leads_per_month(year, pub["months"]), audit, previous, trend
        ),
        "publishing": pub,
        "coverage": cov,
        "advice": advise(
            hub=hub,
            full=full,
            as_of=p.as_of,
            month=p.month,
            L=Labels(config.default_lang),
            coverage=cov,
            keywords=kw,
            piece_traffic=piece_traffic(rows, hub, config, analytics),
            staleness=staleness,
        ),
        "keywords": kw,
        "leads": leads,
        "analytics": analytics_section(analytics, hub),
        "staleness": staleness,
        "audit": {**audit, "history": trend},
    }


def gather(
    config: HubConfig | str | Path = "mkdocs.yml",
    *,
    month: str | None = None,
    today: dt.date | None = None,
    analytics_file: str | Path | None = None,
    db: str | None = None,
    history: str | Path | None = None,
    site_audit: bool = False,
    campaign: bool = False,
) -> dict[str, Any]:
    """Every number of the report for `month`, as one dict (what `--format json` prints)."""
    if not isinstance(config, HubConfig):
        config = load_config(config)
    check_settings(config)
    p = period(month, today or dt.date.today())
    return _report(config, p, analytics_file, db, history, site_audit, campaign)
