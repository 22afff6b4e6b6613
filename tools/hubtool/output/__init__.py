"""Renderers of audit results: text, json, sarif, junit and github annotations."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FORMATS = ("text", "concise", "json", "sarif", "junit", "github")


def render(
    fmt: str,
    findings: Sequence[Any],
    summary: dict[str, Any],
    rules: Sequence[Any] = (),
    *,
    color: bool = False,
    root: str = "",
    lang: str = "en",
) -> str:
    """Render findings in `fmt`; `rules` are the rule classes that ran (for SARIF and JUnit).

    `lang`: the language of the text summary (zh or en); machine formats keep their fields.
    """
    module = importlib.import_module(f"{__name__}.{'json_' if fmt == 'json' else fmt}")
    kwargs: dict[str, Any] = {"lang": lang} if fmt == "text" else {}
    report: str = module.render(findings, summary, rules, color=color, root=root, **kwargs)
    return report


def write_report(
    result: Any, fmt: str, output: str | None, hub_root: Path, lang: str = "en"
) -> None:
    """Render an AuditResult in `fmt` to stdout (coloured on a terminal), or to `output`: written
    whole or not at all, with a one-line count on stderr for the machine formats. `seo-audit` and
    `check` report through this one function, so their outputs agree. `lang`: the language of the
    summary lines (zh or en)."""
    import click

    from ..atomic import write_text
    from ..errors import HubError

    root = repo_prefix(hub_root) if fmt in ("sarif", "github") else ""
    color = output is None and sys.stdout.isatty()
    report = render(
        fmt, result.findings, result.summary, result.rules, color=color, root=root, lang=lang
    )
    if fmt == "concise":  # stdout holds only findings, one per line: the summary goes to stderr
        from .text import summary_lines

        for line in summary_lines(result.summary, color=sys.stderr.isatty(), lang=lang):
            click.echo(line, err=True)
    if not output:
        click.echo(report, nl=False)
        return
    try:
        write_text(Path(output), report)  # nothing half-written
    except OSError as exc:
        raise HubError(f"{output}: cannot write the report ({exc.strerror})") from None
    if fmt not in ("text", "concise"):
        errors, warnings = result.summary["errors"], result.summary["warnings"]
        click.echo(
            f"{errors} 个错误，{warnings} 个警告；报告已写入 {output}"
            if lang == "zh"
            else f"{errors} error(s), {warnings} warning(s); report written to {output}",
            err=True,
        )


def repo_prefix(root: Path) -> str:
    """Paths in SARIF/annotations are relative to the repository, which may be above the hub."""
    here = root.resolve()
    for parent in (here, *here.parents):
        if (parent / ".git").exists():
            rel = here.relative_to(parent).as_posix()
            return "" if rel == "." else rel + "/"
    return ""
