"""One entry point for the three formats; each carries the same numbers. Also what the HTML and
the Markdown share: which keyword rows come first and how many are shown open."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

FORMATS = ("html", "json", "md")
TOP_KEYWORDS = 10  # keyword rows shown open; the rest are folded in <details>


def keyword_rows(r: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Keyword pages, those competing for one keyword first, then the most viewed."""
    return sorted(
        r["keywords"]["pages"], key=lambda p: (not p.get("cannibalised"), -(p.get("views") or 0))
    )


def render(report: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        from .history import to_json

        return to_json(report)
    if fmt == "md":
        from .render_md import render_md

        return render_md(report)
    if fmt == "html":
        from .render_html import render_html

        return render_html(report)
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
