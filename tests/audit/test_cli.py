"""`hubtool seo-audit` and `hubtool rules` as CI scripts use them: exit codes and every output format."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from auditkit import hub_rules, write_site
from auditsites import page
from click.testing import CliRunner

from hubtool.cli import cli

TITLE = "title: 一个足够长的测试页面标题"
FILES = {
    "docs/index.md": page(TITLE, "文字。\n\n[点击这里](other.md)\n"),
    "docs/other.md": page("title: 另一个足够长的测试页面标题", "文字。\n"),
}
# Vague link text is a warning by default; this team blocks releases on it (a configured severity).
CONFIG = hub_rules({"TEC012": {"severity": "error"}})


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The real command in a child process (exit codes and streams exactly as CI sees them)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "hubtool.cli", *args],
        check=False,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def hubtool(*args: str, cwd: Path):
    """The same command in-process (Click's runner), so jieba's dictionary loads once per worker."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A small site built once; most tests audit it with --site-dir --no-build."""
    root = write_site(tmp_path_factory.mktemp("cli"), FILES, CONFIG)
    done = run("seo-audit", "--site-dir", "site", "--select", "TEC012", cwd=root)
    assert done.returncode == 1, done.stderr
    return root


def audit_json(root: Path, *args: str) -> dict:
    done = hubtool(
        "seo-audit", "--site-dir", "site", "--no-build", "--format", "json", *args, cwd=root
    )
    return json.loads(done.stdout)


def test_json_document_shape(built):
    doc = audit_json(built, "--select", "TEC012", "--lang", "en")
    assert doc["version"] == 1
    assert doc["summary"]["pages"] == 3 and doc["summary"]["errors"] == 1
    assert doc["findings"] == [
        {
            "rule": "TEC012",
            "name": "vague-link-text",
            "severity": "error",
            "path": "docs/index.md",
            "line": 6,
            "column": None,
            "url": "/",
            "message": "Link text '点击这里' does not say where it goes",
            "help": "Use link text that names the target (the document, the case, the action).",
        }
    ]


def test_exit_codes(built, tmp_path):
    args = ("seo-audit", "--site-dir", "site", "--no-build", "--select", "TEC012")
    assert hubtool(*args, cwd=built).returncode == 1
    assert hubtool(*args, "--fail-on", "never", cwd=built).returncode == 0
    assert (
        hubtool(
            "seo-audit", "--site-dir", "site", "--no-build", "--select", "TEC013", cwd=built
        ).returncode
        == 0
    )
    bad = hubtool(*args, "--format", "xml", cwd=built)
    assert bad.returncode == 2
    missing = hubtool("seo-audit", "--site-dir", "nowhere", "--no-build", cwd=built)
    assert missing.returncode == 2 and "site folder does not exist" in missing.stderr
    unknown = hubtool(*args, "--ignore", "XX1", cwd=built)
    assert unknown.returncode == 2 and "unknown rule code 'XX1'" in unknown.stderr


def test_a_build_that_fails_is_exit_2_with_one_line(tmp_path):
    root = write_site(tmp_path, FILES, {"theme": {"name": "no-such-theme"}})
    done = run("seo-audit", cwd=root)
    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert "mkdocs build failed" in done.stderr


def test_sarif_is_code_scanning_shaped(built):
    done = hubtool(
        "seo-audit",
        "--site-dir",
        "site",
        "--no-build",
        "--select",
        "TEC",
        "--format",
        "sarif",
        "--output",
        "audit.sarif",
        cwd=built,
    )
    assert done.returncode == 1 and "报告已写入 audit.sarif" in done.stderr
    doc = json.loads((built / "audit.sarif").read_text(encoding="utf-8"))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r["id"] for r in rules)
    assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] for r in rules)
    assert run["results"], "the site has findings"
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"]
        assert location["region"]["startLine"] >= 1
        assert result["message"]["text"]


def test_junit_lists_rules_and_failures(built):
    done = hubtool(
        "seo-audit",
        "--site-dir",
        "site",
        "--no-build",
        "--select",
        "TEC012,TEC013",
        "--format",
        "junit",
        cwd=built,
    )
    suite = ET.fromstring(done.stdout).find("testsuite")
    assert suite.get("tests") == "2" and suite.get("failures") == "1"
    failing = [c for c in suite.iter("testcase") if c.find("failure") is not None]
    assert failing[0].get("name") == "TEC012 docs/index.md:6"
    assert failing[0].get("file") == "docs/index.md"


def test_github_annotations(built):
    done = hubtool(
        "seo-audit",
        "--site-dir",
        "site",
        "--no-build",
        "--select",
        "TEC012",
        "--format",
        "github",
        "--lang",
        "en",
        cwd=built,
    )
    assert done.stdout.startswith("::error file=")
    assert ",line=6,title=TEC012 vague-link-text::Link text '点击这里'" in done.stdout


def test_text_is_grouped_by_file_without_colours_when_piped(built):
    done = hubtool("seo-audit", "--site-dir", "site", "--no-build", "--select", "TEC012", cwd=built)
    lines = done.stdout.splitlines()
    assert lines[0].endswith("docs/index.md") and "\x1b[" not in done.stdout
    assert "TEC012" in lines[1] and "6:1" in lines[1]
    assert lines[-1].startswith("1 个错误，0 个警告")  # the writers' language (a zh hub)
    english = hubtool(
        "seo-audit",
        "--site-dir",
        "site",
        "--no-build",
        "--select",
        "TEC012",
        "--lang",
        "en",
        cwd=built,
    )
    assert english.stdout.splitlines()[-1].startswith("1 error(s), 0 warning(s) on ")


def test_rules_lists_and_explains(tmp_path):
    listing = hubtool("rules", cwd=tmp_path)
    assert listing.returncode == 0
    codes = [line.split()[0] for line in listing.stdout.splitlines()]
    assert {"KW001", "KW007", "TEC001", "TEC014"} <= set(codes)
    one = hubtool("rules", "TEC002", cwd=tmp_path)
    assert "description-width-out-of-range (warning, site)" in one.stdout  # no hub here: English
    assert "zh: [40, 75]" in one.stdout and "en: [80, 150]" in one.stdout
    assert "**Fails:**" in one.stdout
    wrong = hubtool("rules", "TEC02", cwd=tmp_path)
    assert wrong.returncode == 2 and "did you mean" in wrong.stderr


def test_findings_follow_the_writers_language(built):
    """A zh hub's writers read Chinese findings and help; `--lang en` gives English."""
    [zh] = audit_json(built, "--select", "TEC012")["findings"]
    assert zh["message"] == "链接文字“点击这里”没有说明去向"
    assert zh["help"].startswith("用能说明目标的链接文字")
    [en] = audit_json(built, "--select", "TEC012", "--lang", "en")["findings"]
    assert en["message"] == "Link text '点击这里' does not say where it goes"
    assert (zh["rule"], zh["line"], zh["severity"]) == (en["rule"], en["line"], en["severity"])
    bad = hubtool("seo-audit", "--site-dir", "site", "--no-build", "--lang", "fr", cwd=built)
    assert bad.returncode == 2 and "--lang" in bad.stderr


def test_check_and_rules_take_lang_too(built):
    checked = hubtool("check", "--format", "json", "--lang", "en", cwd=built)
    # check judges the page rules too (the site has a broken page on purpose): findings, in English
    assert checked.returncode == 1, checked.stderr
    findings = json.loads(checked.stdout)["findings"]
    assert findings and all(re.match(r"[A-Z][a-z]", f["message"]) for f in findings)
    zh = hubtool("rules", "TEC001", "--lang", "zh", cwd=built)
    assert zh.returncode == 0
    assert "TEC001 title-width-out-of-range (警告, 构建)" in zh.stdout
    assert "修改建议: 把 `title:` 改为中文 8–26 个字" in zh.stdout
    assert "zh: [8, 26]" in zh.stdout and "**Severity: warning.**" in zh.stdout
    en = hubtool("rules", "TEC001", "--lang", "en", cwd=built)
    assert "TEC001 title-width-out-of-range (warning, site)" in en.stdout
    assert "Fix: Rewrite `title:` to 20-46 characters" in en.stdout
    # Without --lang: the language of the site in the folder (its theme is zh).
    assert hubtool("rules", "TEC001", cwd=built).stdout == zh.stdout
