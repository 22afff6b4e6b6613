"""Renderers of audit results: text, json, sarif, junit and github annotations."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

FORMATS = ("text", "json", "sarif", "junit", "github")


def render(
    fmt: str,
    findings: Sequence[Any],
    summary: dict[str, Any],
    rules: Sequence[Any] = (),
    *,
    color: bool = False,
    root: str = "",
) -> str:
    """Render findings in `fmt`; `rules` are the rule classes that ran (for SARIF and JUnit)."""
    module = importlib.import_module(f"{__name__}.{'json_' if fmt == 'json' else fmt}")
    return module.render(findings, summary, rules, color=color, root=root)
