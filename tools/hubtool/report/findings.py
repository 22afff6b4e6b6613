"""The report's audit section: every finding as of the reported day, the staleness list (CAD004),
and the month before's error count for the headline."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..config import HubConfig
from ..content.items import Item
from ..content.load import Hub
from .period import Period, as_of_hub

if TYPE_CHECKING:
    from ..audit.model import Finding

STALE_RULE = "CAD004"


def _findings(
    config: HubConfig, hub: Hub, p: Period, site: bool, later: Sequence[Item]
) -> list[Finding]:
    """The audit's findings as of the reported day, less those on files dated after it."""
    from ..audit.engine import run_audit, run_source_rules

    result = (
        run_audit(config, hub=hub, today=p.as_of)
        if site
        else run_source_rules(config, hub=hub, today=p.as_of)
    )
    later_paths = {i.rel for i in later}
    later_urls = {i.url for i in later}
    return [
        f for f in result.findings if not (f.path in later_paths or (f.url and f.url in later_urls))
    ]


def _staleness(findings: Sequence[Finding], hub: Hub, p: Period) -> list[dict[str, Any]]:
    """The pieces STALE_RULE finds, oldest first, with their age on the as-of day."""
    items = {i.rel: i for i in hub.items}
    stale: list[dict[str, Any]] = []
    for f in findings:
        if f.rule != STALE_RULE:
            continue
        item = items.get(f.path or "")
        updated = item.updated if item else None
        stale.append(
            {
                "path": f.path,
                "line": f.line,
                "url": f.url,
                "title": item.title if item else "",
                "kind": item.kind if item else "",
                "updated": updated.isoformat() if updated else None,
                "age_days": (p.as_of - updated).days if updated else None,
                "message": f.message,
            }
        )
    stale.sort(key=lambda r: (-(r["age_days"] or 0), r["path"] or ""))
    return stale


def _listed(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    """Every error and warning: errors first, then by rule, file and line."""
    ordered = sorted(
        findings,
        key=lambda f: (f.severity != "error", f.rule, f.path or "", f.line or 0, f.url or ""),
    )
    return [
        {
            "rule": f.rule,
            "severity": f.severity,
            "path": f.path,
            "line": f.line,
            "url": f.url,
            "message": f.message,
        }
        for f in ordered
        if f.severity in ("error", "warning")
    ]


def audit_section(
    config: HubConfig, hub: Hub, p: Period, site: bool, later: Sequence[Item] = ()
) -> dict[str, Any]:
    """The audit as of the reported day, on the hub as it stood then: counts, every finding, and
    the staleness list (CAD004 findings). `later`: files dated after that day; a finding on one
    of them (possible with --site-audit, which builds today's files) is not this report's."""
    findings = _findings(config, hub, p, site, later)
    return {
        "scope": "site" if site else "source",
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
        "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
        "findings": _listed(findings),
        "staleness": _staleness(findings, hub, p),
    }


def previous_errors(
    config: HubConfig, full: Hub, p: Period, history: list[dict[str, Any]], site: bool
) -> tuple[int | None, str]:
    """Audit errors of the month before: what its report recorded (the history folder), else the
    source rules run again as of that month's last day on the files as they are now (None with
    --site-audit, which would need a second build)."""
    prev_end = p.start - dt.timedelta(days=1)
    prev = f"{prev_end.year:04d}-{prev_end.month:02d}"
    for row in history:
        if row["month"] == prev:
            return row["errors"], "history"
    if site:
        return None, ""
    before = Period(prev, prev_end.replace(day=1), prev_end, prev_end)
    hub, later = as_of_hub(full, prev_end)
    return audit_section(config, hub, before, False, later)["errors"], "recomputed"
