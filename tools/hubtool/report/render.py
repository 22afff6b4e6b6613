"""One entry point for the three formats; each carries the same numbers."""

from __future__ import annotations

from typing import Any

FORMATS = ("html", "json", "md")


def render(report: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        from .data import to_json

        return to_json(report)
    if fmt == "md":
        from .render_md import render_md

        return render_md(report)
    if fmt == "html":
        from .render_html import render_html

        return render_html(report)
    raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
