"""Every rule's cases as data: tests/audit/cases/<CODE>.yaml, one file per rule, run by this one runner.

A case is a tiny hub (files, optional rule settings) and the findings the rule must produce there —
failing cases and passing ones (`findings: []`). Source rules run as `hubtool check` does (no build);
site rules on a real MkDocs build of the hub, as `hubtool seo-audit` does. The format:

    rule: ED003                      # the code; the file is named after it
    cases:
      - name: a heading that is only TODO
        doc: true                    # the rule's documented **Fails:** example is in this case
        page: "## TODO"              # shorthand: docs/sample.md with a title; the body starts on line 6
        # pages: [text, text]        # shorthand: docs/p1.md, docs/p2.md, ... (same layout)
        # files: {cases/x.md: "---\\n...", docs/img.png: ""}   # any files, paths from the hub root
        # links: {cases/x.txt: /etc/passwd}                     # symbolic links: path -> target
        # rules: {ED005: {boilerplate: [...]}}                 # extra.hub.audit.rules of mkdocs.yml
        # hub: {defaults: {news: {cta: ""}}}                    # merged into extra.hub, as data
        # plain: true                # a plain mkdocs-material site instead of the hub (site rules)
        findings:                    # all findings of the rule on the case's files, in report order
          - {path: docs/sample.md, line: 6, column: 4, severity: error, message: TODO}

`path` and `line` are required (on mkdocs.yml, `line` may be a text: the line of the case's
mkdocs.yml that holds it); `column`, `severity` and `message` (a substring) are checked when
given. Findings on files the case does not write (the hub's default home, about and listing pages)
are not compared.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from auditkit import hub_rules, write_site
from hubfactory import make_hub

from hubtool.audit.engine import run_audit, run_source_rules
from hubtool.audit.rules import all_rules
from hubtool.config import load_config

CASES_DIR = Path(__file__).parent / "cases"
TODAY = dt.date(2026, 11, 23)
RULES = {rule.code: rule for rule in all_rules()}


def page(text: str, title: str = "关于星衡数据") -> str:
    """A published page whose body's first line is file line 6."""
    return f"---\ntitle: {title}\n---\n# {title}\n\n{text}\n"


def load_cases() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] == path.stem, f"{path.name}: rule {data['rule']} in the wrong file"
        for case in data["cases"]:
            out.append((data["rule"], case))
    return out


CASES = load_cases()


def files_of(case: dict) -> dict[str, str]:
    files = dict(case.get("files") or {})
    if "page" in case:
        files["docs/sample.md"] = page(case["page"])
    for index, text in enumerate(case.get("pages") or [], 1):
        files[f"docs/p{index}.md"] = page(text, f"星衡数据第 {index} 页")
    assert files or case.get("links"), "a case needs files, page, pages or links"
    return files


def make_links(root: Path, case: dict) -> None:
    for rel, target in (case.get("links") or {}).items():
        link = root / rel
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target)


def run_case(tmp_path: Path, code: str, case: dict):
    files = files_of(case)
    rules = case.get("rules") or {}
    if case.get("plain"):
        root = write_site(tmp_path / "site", files, hub_rules(rules) if rules else None)
    else:
        hub = {**(case.get("hub") or {}), **({"audit": {"rules": rules}} if rules else {})}
        root = make_hub(tmp_path / "hub", files, hub=hub)
    make_links(root, case)
    config = load_config(root / "mkdocs.yml")
    if RULES[code].scope == "source":
        result = run_source_rules(config, today=TODAY, select=(code,))
    else:
        result = run_audit(config, today=TODAY, select=(code,))
    edited = case.get("hub") or rules
    ours = {*files, *(case.get("links") or {}), *(["mkdocs.yml"] if edited else [])}
    found = [f for f in result.findings if f.rule == code and f.path in ours]
    return found, (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()


def expected_line(want: dict, config_lines: list[str]) -> int:
    if isinstance(want["line"], int):
        return want["line"]
    return next(n for n, line in enumerate(config_lines, 1) if want["line"] in line)


@pytest.mark.parametrize("code, case", CASES, ids=[f"{c}-{case['name']}" for c, case in CASES])
def test_rule_case(tmp_path, code, case):
    found, config_lines = run_case(tmp_path, code, case)
    expected = case.get("findings") or []
    lines = [expected_line(e, config_lines) for e in expected]
    assert [(f.path, f.line) for f in found] == [(e["path"], n) for e, n in zip(expected, lines)], [
        (f.path, f.line, f.column, f.message) for f in found
    ]
    for finding, want in zip(found, expected):
        if "column" in want:
            assert finding.column == want["column"], finding
        if "severity" in want:
            assert finding.severity == want["severity"], finding
        if "message" in want:
            assert want["message"] in finding.message, finding
        assert finding.message and finding.help


def documented_example(code: str) -> str | None:
    """The example after **Fails:** in the rule's docstring, as `hubtool rules CODE` shows it.

    The first code span of the **Fails:** paragraph, else the first line of the indented block that
    follows it (without YAML comments and `---` fences); None when the paragraph describes the example in prose only (then the marked case
    must still fail).
    """
    doc = RULES[code].__doc__ or ""
    match = re.search(r"\*\*Fails:\*\*(.*?)(?:\n[ \t]*\n|$)((?:(?:[ \t]{8,}.*)?\n)*)", doc, re.S)
    assert match, f"{code}: the docstring has no **Fails:** example"
    span = re.search(r"`([^`]+)`", match.group(1))
    if span:
        return span.group(1)
    lines = [re.sub(r"\s+#\s.*", "", line).strip() for line in match.group(2).splitlines()]
    lines = [line for line in lines if line and line != "---"]  # front matter's fences say nothing
    return lines[0] if lines else None


@pytest.mark.parametrize("code", sorted({c for c, _ in CASES}))
def test_documented_example_is_a_case(code):
    """What `hubtool rules CODE` shows as failing is one of the rule's failing cases."""
    example = documented_example(code)
    documented = [case for c, case in CASES if c == code and case.get("doc")]
    assert documented, f"{code}: no case is marked doc: true"
    for case in documented:
        assert case.get("findings"), f"{code}: the documented example must fail"
        if example is None:
            continue
        files = files_of(case)
        links = [f"{path} -> {target}" for path, target in (case.get("links") or {}).items()]
        edits = (
            [yaml.safe_dump(case["hub"], allow_unicode=True, width=100)] if case.get("hub") else []
        )
        assert any(example in text for text in [*files, *files.values(), *links, *edits]), (
            f"{code}: the documented example `{example}` is not in the case's files"
        )


def test_every_case_file_names_a_known_rule():
    for path in CASES_DIR.glob("*.yaml"):
        assert path.stem in RULES, path.name


# Rules without a file cases/<CODE>.yaml: none now. A new rule arrives with its file, or is listed
# here (and this list only shrinks).
WITHOUT_CASE_FILE: set[str] = set()


def test_rules_without_a_case_file_are_the_documented_ones():
    missing = set(RULES) - {path.stem for path in CASES_DIR.glob("*.yaml")}
    assert missing == WITHOUT_CASE_FILE, (
        f"new files for {sorted(WITHOUT_CASE_FILE - missing)}: take them off WITHOUT_CASE_FILE; "
        f"no file for {sorted(missing - WITHOUT_CASE_FILE)}: write one"
    )
