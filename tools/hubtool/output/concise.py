"""Concise output: one line per finding, `path:line:col: CODE message` (ruff's convention), which
editors and terminals turn into links. The summary goes to stderr (see `write_report`)."""

from __future__ import annotations

import click

from .shapes import Findings, Rules, Summary

_COLOURS = {"error": "red", "warning": "yellow"}


def render(
    findings: Findings, summary: Summary, rules: Rules = (), *, color: bool = False, root: str = ""
) -> str:
    out = []
    for f in findings:
        code = click.style(f.rule, fg=_COLOURS.get(f.severity), bold=True) if color else f.rule
        if f.path:
            where = f"{root}{f.path}:{f.line or 1}:{f.column or 1}"
        else:  # a page without a source file, or the hub as a whole (cadence): no line to jump to
            where = f.url or "(hub)"
        out.append(f"{where}: {code} {f.message}")
    return "\n".join(out) + ("\n" if out else "")
