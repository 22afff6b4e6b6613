"""SARIF 2.1.0 for GitHub code scanning: one run, the rules as reportingDescriptors, findings as results."""

from __future__ import annotations

import inspect
import json
from typing import Any

from .shapes import Findings, Rules, Summary

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning"}


def _descriptor(rule: Any) -> dict[str, Any]:
    doc = inspect.cleandoc(rule.__doc__ or "")
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": doc.splitlines()[0] if doc else rule.name},
        "fullDescription": {"text": doc or rule.name},
        "help": {"text": rule.help or doc, "markdown": doc},
        "defaultConfiguration": {"level": _LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": ["seo", rule.code.rstrip("0123456789").lower()]},
    }


def render(
    findings: Findings,
    summary: Summary,
    rules: Rules = (),
    *,
    color: bool = False,
    root: str = "",
    config_path: str = "mkdocs.yml",
) -> str:
    rules = sorted({r.code: r for r in rules}.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in findings:
        # Code scanning needs a file: findings on generated pages point at the configuration.
        uri = (root + f.path) if f.path else (root + config_path)
        text = f.message + (f" ({f.url})" if f.url else "") + (f" Help: {f.help}" if f.help else "")
        result: dict[str, Any] = {
            "ruleId": f.rule,
            "level": _LEVELS.get(f.severity, "warning"),
            "message": {"text": text},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                        "region": {
                            "startLine": max(1, f.line or 1),
                            **({"startColumn": f.column} if f.column else {}),
                        },
                    }
                }
            ],
            "partialFingerprints": {
                "hubtool/v1": f"{f.rule}:{f.path or ''}:{f.url or ''}:{f.message}"
            },
        }
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        results.append(result)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "hubtool",
                        "informationUri": "https://www.mkdocs.org/",
                        "semanticVersion": _version(),
                        "rules": [_descriptor(r) for r in rules],
                    }
                },
                "results": results,
                "properties": {"summary": summary},
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("hubtool")
    except Exception:
        return "0.0.0"
