"""The history folder: each month's JSON report kept for the next month's trend, written
atomically (as the report itself is)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..atomic import write_text
from ..config import HubConfig
from .period import MONTH


def history_dir(config: HubConfig, folder: str | None) -> Path:
    return Path(folder) if folder else config.root / "var" / "reports"


def history_row(month: str, report: Mapping[str, Any]) -> dict[str, Any]:
    """What the trend keeps of a month's report (this one, or a JSON file an earlier run left)."""
    audit, leads = report["audit"], report.get("leads", {})
    rate = (leads.get("conversion_rate") or {}).get("rate")
    return {
        "month": month,
        "errors": int(audit["errors"]),
        "warnings": int(audit["warnings"]),
        "leads": leads.get("total"),
        "conversion": float(rate) if isinstance(rate, (int, float)) else None,
        "published": sum(
            k.get("this_month", 0) for k in report.get("publishing", {}).get("kinds", {}).values()
        ),
    }


def read_history(folder: Path, month: str) -> list[dict[str, Any]]:
    """Audit counts of earlier months, from the JSON summaries earlier reports left in `folder`."""
    rows: list[dict[str, Any]] = []
    if not folder.is_dir():
        return rows
    for path in sorted(folder.glob("*.json")):
        if not MONTH.match(path.stem) or path.stem >= month:
            continue
        try:
            rows.append(history_row(path.stem, json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            continue  # not one of ours, or from an incompatible version: skipped, not fatal
    return rows


def write_history(folder: Path, report: dict[str, Any]) -> Path:
    """Keep this month's numbers for next month's trend (atomically: no half-written file)."""
    folder.mkdir(parents=True, exist_ok=True)
    dest = folder / f"{report['report']['month']}.json"
    write_text(dest, to_json(report))
    return dest


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"
