"""Month over month: each headline number beside the month before, with its delta, its direction
and (where a trend helps) the 12 months that end with the reported one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

# Which way is good: more pieces, leads and conversion; fewer audit errors.
GOOD_WHEN = {"published": "up", "leads": "up", "conversion": "up", "errors": "down"}


def card(
    key: str,
    kind: str,
    value: float | None,
    previous: float | None,
    series: Sequence[float | None],
    months: Sequence[str],
    anchor: str,
    previous_from: str = "",
) -> dict[str, Any]:
    """One KPI card. `delta` is value − previous (percentage points for a rate, as a fraction);
    `direction` up | down | same | None (either is unknown); `better` says whether the move is
    the good one for this number."""
    delta = None if value is None or previous is None else round(value - previous, 4)
    direction = None if delta is None else ("up" if delta > 0 else "down" if delta < 0 else "same")
    good = GOOD_WHEN[kind]
    better = None if direction in (None, "same") else direction == good
    return {
        "key": key,
        "kind": kind,
        "value": value,
        "previous": previous,
        "previous_month": months[-2] if len(months) > 1 else None,
        "previous_from": previous_from,
        "delta": delta,
        "direction": direction,
        "better": better,
        "months": list(months),
        "series": list(series),
        "anchor": anchor,
    }


def leads_per_month(rows: Sequence[Mapping[str, Any]], months: Sequence[str]) -> list[int]:
    counts = Counter(str(r.get("created_at", ""))[:7] for r in rows)
    return [counts[m] for m in months]


def kpis(
    publishing: Mapping[str, Any],
    leads: Mapping[str, Any],
    lead_series: Sequence[int],
    audit: Mapping[str, Any],
    previous_errors: tuple[int | None, str],
    history: Sequence[Mapping[str, Any]],
) -> list[dict[str, Any]]:
    """Cards for pieces published per kind, leads, conversion and audit errors."""
    months = publishing["months"]
    earlier = {h["month"]: h for h in history}
    out = []
    for kind, k in publishing["kinds"].items():
        series = k["counts"]
        out.append(
            card(
                f"published_{kind}",
                "published",
                series[-1],
                series[-2],
                series,
                months,
                "published-this-month",
                "content",
            )
        )
    out.append(
        card(
            "leads",
            "leads",
            lead_series[-1],
            lead_series[-2],
            lead_series,
            months,
            "leads-by-piece",
            "lead store",
        )
    )
    rate = (leads.get("conversion_rate") or {}).get("rate")
    conv = [earlier.get(m, {}).get("conversion") for m in months[:-1]] + [rate]
    out.append(
        card(
            "conversion",
            "conversion",
            rate,
            conv[-2],
            conv,
            months,
            "leads-by-piece",
            "history" if conv[-2] is not None else "",
        )
    )
    errors = [earlier.get(m, {}).get("errors") for m in months[:-1]] + [audit["errors"]]
    previous, source = previous_errors
    errors[-2] = previous
    out.append(
        card("errors", "errors", audit["errors"], previous, errors, months, "audit-errors", source)
    )
    return out
