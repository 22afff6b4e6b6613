"""JSON output: one document, `{"version": 1, "summary": {...}, "findings": [...]}`."""

from __future__ import annotations

import json
from typing import Any

from .shapes import Findings, Rules, Summary

VERSION = 1


def finding_dict(f: Any) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity,
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "url": f.url,
        "message": f.message,
        "help": f.help,
    }


def render(
    findings: Findings, summary: Summary, rules: Rules = (), *, color: bool = False, root: str = ""
) -> str:
    doc = {"version": VERSION, "summary": summary, "findings": [finding_dict(f) for f in findings]}
    return json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
