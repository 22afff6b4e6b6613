"""JUnit XML: one test case per rule that passed, one failing test case per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter

from .shapes import Findings, Rules, Summary


def render(
    findings: Findings, summary: Summary, rules: Rules = (), *, color: bool = False, root: str = ""
) -> str:
    failing = Counter(f.rule for f in findings)
    passed = [r for r in rules if r.code not in failing]
    suite = ET.Element(
        "testsuite",
        name="hubtool seo-audit",
        tests=str(len(findings) + len(passed)),
        failures=str(len(findings)),
        errors="0",
        skipped="0",
    )
    for rule in passed:
        ET.SubElement(
            suite, "testcase", classname=f"hubtool.{rule.code}", name=f"{rule.code} {rule.name}"
        )
    for f in findings:
        where = f"{f.path}:{f.line or 1}" if f.path else (f.url or "site")
        case = ET.SubElement(
            suite, "testcase", classname=f"hubtool.{f.rule}", name=f"{f.rule} {where}"
        )
        if f.path:
            case.set("file", f.path)
            case.set("line", str(f.line or 1))
        failure = ET.SubElement(case, "failure", message=f.message, type=f.severity)
        failure.text = "\n".join(
            filter(
                None,
                [
                    f"{where}: {f.rule} {f.name}: {f.message}",
                    f"url: {f.url}" if f.url else "",
                    f"help: {f.help}" if f.help else "",
                ],
            )
        )
    skipped = summary.get("not_built") or []
    if skipped:  # pages the audit could not see: say so where a CI page shows the suite's output
        out = ET.SubElement(suite, "system-out")
        out.text = "\n".join(
            f"{s['path']}:{s['line']}: {s['reason']}: not built, so not audited as a page"
            for s in skipped
        )
    suites = ET.Element(
        "testsuites",
        name="hubtool",
        tests=suite.get("tests", "0"),
        failures=suite.get("failures", "0"),
    )
    suites.append(suite)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, "unicode") + "\n"
