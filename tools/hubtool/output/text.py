"""Text output for people: findings grouped by file, colours only when writing to a terminal."""

from __future__ import annotations

from itertools import groupby
from typing import Any

import click

from .shapes import Findings, Rules, Summary

_COLOURS = {"error": "red", "warning": "yellow"}


def render(
    findings: Findings,
    summary: Summary,
    rules: Rules = (),
    *,
    color: bool = False,
    root: str = "",
    lang: str = "en",
) -> str:
    def style(value: str, **kw: Any) -> str:
        return click.style(value, **kw) if color else value

    out: list[str] = []
    for where, group in groupby(findings, key=lambda f: f.path or f.url or "(site)"):
        out.append(style(where, bold=True, underline=True))
        for f in group:
            pos = f"{f.line or 1}:{f.column or 1}" if f.path else ""
            level = style(f"{f.severity:<7}", fg=_COLOURS.get(f.severity))
            url = f"  {style(f.url, dim=True)}" if f.path and f.url else ""
            out.append(f"  {pos:>7}  {level}  {style(f.rule, bold=True)}  {f.message}{url}")
            if f.help:
                help_ = ("提示：" if lang == "zh" else "help: ") + f.help
                out.append(f"  {'':>7}  {'':7}  {style(help_, dim=True)}")
        out.append("")
    out += summary_lines(summary, color=color, lang=lang)
    return "\n".join(out) + "\n"


def summary_lines(summary: Summary, *, color: bool = False, lang: str = "en") -> list[str]:
    """The count of findings, what was not built, and what `check` left to seo-audit, in `lang`."""

    def style(value: str, **kw: Any) -> str:
        return click.style(value, **kw) if color else value

    errors, warnings = summary.get("errors", 0), summary.get("warnings", 0)
    pages, sources = summary.get("pages", 0), summary.get("sources", 0)
    suppressed = summary.get("suppressed")
    if lang == "zh":
        verdict = style(f"{errors} 个错误", fg="red" if errors else "green", bold=True)
        count = f"{verdict}，{warnings} 个警告（{pages} 个页面，{sources} 个源文件）" + (
            f"；{suppressed} 个已忽略" if suppressed else ""
        )
    else:
        verdict = style(f"{errors} error(s)", fg="red" if errors else "green", bold=True)
        count = (
            f"{verdict}, {warnings} warning(s) on {pages} page(s) and {sources} source file(s)"
            + (f"; {suppressed} suppressed" if suppressed else "")
        )
    out = [count]
    out += not_built_lines(summary, lang)
    out += [str(note) for note in summary.get("notes") or []]  # what `check` left to seo-audit
    return out


def not_built_lines(summary: Summary, lang: str = "en") -> list[str]:
    """What the audit could not see as pages, and why (the findings above say what to fix)."""
    skipped = summary.get("not_built") or []
    if not skipped:
        return []
    where = ", ".join(f"{s['path']}:{s['line']}" for s in skipped)
    reason = skipped[0]["reason"]
    if lang == "zh":
        reason = reason.replace("invalid front matter", "front matter 无效")
        return [f"未构建，因此没有作为页面审计（{reason}）：{where}"]
    return [f"Not built, so not audited as pages ({reason}): {where}"]
