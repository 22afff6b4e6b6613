"""The words a visitor reads — lead forms, the receiver's pages, the theme — from one file per
language: data/ui/<lang>.yaml, the same keys in each (tests/site/test_ui_strings.py checks it).

Python asks `say("form.required", lang)`; templates read `hub_ui(lang.code).form.required` (the
MkDocs build and the form renderer register `table` as `hub_ui`). A language without a file reads
Chinese, the project's first language. Writer-facing messages are not here: hubtool.messages has
the command line's and the loader's, hubtool.report.labels the monthly report's.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

UI_DIR = Path(__file__).resolve().parent / "data" / "ui"
FALLBACK = "zh"


@cache
def languages() -> frozenset[str]:
    """The languages that have a file (never a path built from a visitor's request)."""
    return frozenset(path.stem for path in UI_DIR.glob("*.yaml"))


@cache
def _load(lang: str) -> dict[str, Any]:
    data = yaml.safe_load((UI_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{UI_DIR / lang}.yaml: must be a mapping of sections")
    return data


def table(lang: str) -> dict[str, Any]:
    """Every string in `lang` by section and key (`table("en")["form"]["required"]`)."""
    return _load(lang if lang in languages() else FALLBACK)


def say(key: str, lang: str, /, **values: Any) -> str:
    """One string by its dotted key, with `values` filled in: say("form_errors.max", "en", max=10,
    length=12). Without values, placeholders such as {link} stay for the caller to fill."""
    node: Any = table(lang)
    for part in key.split("."):
        node = node[part]
    return str(node).format(**values) if values else str(node)
