"""`hubtool check PATHS` (what pre-commit passes): the whole hub's findings filtered to those files,
front-matter rules in the registry, configuration problems as one-line tool errors, one report writer."""

from __future__ import annotations

import json

import pytest
from workflowkit import CASE, TODAY, run, script, write_hub

SHARED = "通过隐私计算平台，双方在原始数据不出域的前提下完成了联合建模和效果验证。"


FILES = {
    # a and b share a keyword (KW006) and a sentence (ED005): findings that need the other file.
    "cases/a.md": CASE.replace(
        "三方原始数据始终留在各自机房。", f"我们用隐私计算赋能风控。{SHARED}"
    ),
    "cases/b.md": CASE.replace("title: 城商行", "title: 农商行").replace(
        "各自机房。", f"各自机房。{SHARED}待补充：上线时间。"
    ),
    # Front matter only: an invalid stage (FM001) and a typo'd field (FM002).
    "cases/c.md": CASE.replace("keyword: 联合风控建模", "keywrod: 数据不出域").replace(
        "stage: decision", "stage: decide"
    ),
    "cases/draft.md": CASE.replace("date: 2026-05-14", "date: 2026-05-14\nstatus: draft").replace(
        "tier: S", "tier: Z"
    ),
}


def findings(result) -> list[dict]:
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)["findings"]


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    root = write_hub(tmp_path_factory.mktemp("paths") / "hub", FILES)
    whole = findings(run(root, "check", "--today", TODAY, "--format", "json", "--fail-on", "never"))
    return root, whole


@pytest.mark.parametrize(
    "paths",
    [
        ["cases/a.md"],
        ["cases/b.md", "cases/c.md"],
        ["cases/draft.md"],
        ["cases"],
        ["cases/a.md", "cases/b.md", "cases/c.md"],
    ],
)
def test_paths_give_the_whole_hubs_findings_in_those_files(hub, paths):
    root, whole = hub
    files = {
        p
        for p in ("cases/a.md", "cases/b.md", "cases/c.md", "cases/draft.md")
        if any(p == given or p.startswith(given + "/") for given in paths)
    }
    got = findings(
        run(root, "check", *paths, "--today", TODAY, "--format", "json", "--fail-on", "never")
    )
    expected = [f for f in whole if f["path"] in files]
    assert expected, f"the whole hub has no findings in {sorted(files)}: nothing to compare"
    assert got == expected


def test_the_comparison_covers_cross_page_and_per_file_rules(hub):
    _, whole = hub
    by_file: dict[str, set[str]] = {}
    for f in whole:
        by_file.setdefault(f["path"], set()).add(f["rule"])
    assert {"KW006", "ED001"} <= by_file["cases/a.md"]  # ED005: one finding, at b.md (newest copy)
    assert {"KW006", "ED005", "ED003"} <= by_file["cases/b.md"]
    assert {"FM001", "FM002"} <= by_file["cases/c.md"]
    assert "FM001" in by_file["cases/draft.md"]
    assert None in by_file  # hub-wide findings (cadence) are left out of any PATHS run


def test_front_matter_rules_are_registered_documented_and_configurable(tmp_path):
    doc = run(tmp_path, "rules", "FM001")
    assert (
        doc.exit_code == 0 and "front-matter-invalid" in doc.output and "**Fails:**" in doc.output
    )
    listed = json.loads(run(tmp_path, "rules", "--format", "json").output)
    assert {r["code"]: r["scope"] for r in listed if r["code"].startswith("FM")} == {
        "FM001": "source",
        "FM002": "source",
    }
    root = write_hub(tmp_path / "hub", {"cases/c.md": FILES["cases/c.md"]})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "    audit:\n      rules: {}",
            "    audit:\n      rules:\n"
            "        FM002: {severity: error}\n        FM001: {enabled: false}",
        ),
        encoding="utf-8",
    )
    got = findings(run(root, "check", "--today", TODAY, "--format", "json", "--fail-on", "never"))
    front = [(f["rule"], f["severity"]) for f in got if f["rule"].startswith("FM")]
    assert front == [("FM002", "error")]  # once (not run twice), at the configured severity


def test_a_missing_word_list_is_a_one_line_tool_error(tmp_path):
    root = write_hub(tmp_path / "hub", {"cases/a.md": FILES["cases/a.md"]})
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "    audit:\n      rules: {}",
            "    audit:\n      rules: {}\n      wordlists: style/words.yml",
        ),
        encoding="utf-8",
    )
    done = script(root, "check", "cases/a.md")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert "extra.hub.audit.wordlists: no such file 'style/words.yml'" in done.stderr
    assert "failed" not in done.stderr


def test_check_writes_a_report_file_as_seo_audit_does(hub, tmp_path):
    root, whole = hub
    done = script(
        root,
        "check",
        "--today",
        TODAY,
        "--format",
        "json",
        "--fail-on",
        "never",
        "--output",
        str(tmp_path / "report.json"),
    )
    assert done.returncode == 0 and done.stdout == ""
    errors = sum(f["severity"] == "error" for f in whole)
    warnings = len(whole) - errors
    assert done.stderr.strip() == (
        f"{errors} 个错误，{warnings} 个警告；报告已写入 {tmp_path / 'report.json'}"
    )
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["findings"] == whole


def test_findings_on_one_line_come_in_column_order(tmp_path):
    text = CASE.replace("三方原始数据始终留在各自机房。", "我们用隐私计算赋能风控，也赋能营销。")
    root = write_hub(tmp_path / "hub", {"cases/a.md": text})
    for _ in range(3):  # each run hashes strings differently: the order must not depend on it
        done = script(root, "check", "--today", TODAY, "--format", "json", "--fail-on", "never")
        taboo = [f["column"] for f in json.loads(done.stdout)["findings"] if f["rule"] == "ED001"]
        assert len(taboo) == 2 and taboo == sorted(taboo)
