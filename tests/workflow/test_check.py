"""`hubtool check`: every invalid file at once, the source rules, PATHS as pre-commit passes them,
and the same source findings as `hubtool seo-audit`."""

from __future__ import annotations

import json

from hubfactory import make_hub
from workflowkit import CASE, FULL_CASE, TODAY, run, script, write_hub

from hubtool.site.source_pages import PAGE_RULES

FILES = {
    "cases/good.md": FULL_CASE,
    # Two invalid files, and an invalid draft: all three are reported in one run.
    "cases/bad-stage.md": CASE.replace("stage: decision", "stage: decide").replace(
        "keyword:", "keywrod:"
    ),
    "whitepapers/bad-date.md": """
        ---
        title: 白皮书
        description: 说明
        date: 23/11/2026
        ---
        # 白皮书
        """,
    "docs/news/posts/broken.md": "---\ntitle: x\ndate: [2026\n---\n# x\n",
    "cases/draft.md": CASE.replace("date: 2026-05-14", "date: 2026-05-14\nstatus: draft").replace(
        "tier: S", "tier: Z"
    ),
    # Valid front matter, but a placeholder and no customer approval: source rules ED003, ED004.
    "cases/unfinished.md": CASE.replace("approved: true", "approved: false")
    .replace("三方原始数据", "待补充：三方原始数据")
    .replace("keyword: 联合风控建模", "keyword: 数据不出域"),
}


def by_file(output: str) -> dict[str, set[tuple[str, int]]]:
    out: dict[str, set[tuple[str, int]]] = {}
    for f in json.loads(output)["findings"]:
        out.setdefault(f["path"], set()).add((f["rule"], f["line"]))
    return out


def test_every_invalid_file_is_reported_at_once_with_file_line_and_field(tmp_path):
    root = write_hub(tmp_path / "hub", FILES)
    done = script(root, "check", "--today", TODAY, "--format", "json")
    assert done.returncode == 1, done.stderr
    found = by_file(done.stdout)
    assert ("FM001", 7) in found["cases/bad-stage.md"]  # stage: decide
    assert ("FM002", 5) in found["cases/bad-stage.md"]  # keywrod
    assert ("FM001", 4) in found["whitepapers/bad-date.md"]
    assert ("FM001", 3) in found["docs/news/posts/broken.md"]  # the open bracket's line
    assert ("FM001", 11) in found["cases/draft.md"]  # drafts' front matter is checked too
    assert {"ED003", "ED004"} <= {rule for rule, _ in found["cases/unfinished.md"]}
    assert "cases/good.md" not in found  # it passes the source rules and the page rules
    messages = [f["message"] for f in json.loads(done.stdout)["findings"] if f["rule"] == "FM002"]
    assert messages == ["keywrod: 未知字段（是不是要写 'keyword'？）"]  # a zh hub: Chinese
    text = script(root, "check", "--today", TODAY)
    assert "cases/bad-stage.md" in text.stdout and "stage: 'decide' 不是 awareness" in text.stdout
    assert "个错误，" in text.stdout and "error(s)" not in text.stdout
    english = script(root, "check", "--today", TODAY, "--lang", "en", "--format", "json")
    messages = [
        f["message"] for f in json.loads(english.stdout)["findings"] if f["rule"] == "FM002"
    ]
    assert messages == ["keywrod: unknown field (did you mean 'keyword'?)"]
    text = script(root, "check", "--today", TODAY, "--lang", "en")
    assert "stage: 'decide' is not one of" in text.stdout and " error(s), " in text.stdout


def test_paths_limit_the_report_to_those_files(tmp_path):
    root = write_hub(tmp_path / "hub", FILES)
    done = run(root, "check", "cases/good.md", "--today", TODAY, "--format", "json")
    assert done.exit_code == 0 and json.loads(done.output)["findings"] == []
    done = run(
        root, "check", "cases/bad-stage.md", "cases/good.md", "--today", TODAY, "--format", "json"
    )
    assert done.exit_code == 1 and set(by_file(done.output)) == {"cases/bad-stage.md"}
    # A folder checks what is in it; mkdocs.yml (a config change) checks the whole hub.
    folder = by_file(run(root, "check", "whitepapers", "--today", TODAY, "--format", "json").output)
    assert set(folder) == {"whitepapers/bad-date.md"}
    everything = by_file(
        run(root, "check", "mkdocs.yml", "--today", TODAY, "--format", "json").output
    )
    assert len([path for path in everything if path]) == 5
    assert ("CAD003", None) in everything[None]  # hub-wide findings too: no whitepaper published


def test_exit_codes_and_formats_match_seo_audit(tmp_path):
    root = write_hub(tmp_path / "hub", FILES)
    assert run(root, "check", "--today", TODAY, "--fail-on", "never").exit_code == 0
    assert (
        run(root, "check", "cases/good.md", "--fail-on", "warning", "--today", TODAY).exit_code == 0
    )
    missing = script(root, "check", "cases/nope.md")
    assert missing.returncode == 2 and "cases/nope.md: no such file" in missing.stderr
    assert script(root, "check", "--config-file", "nope.yml").returncode == 2
    sarif = json.loads(script(root, "check", "--today", TODAY, "--format", "sarif").stdout)
    assert sarif["version"] == "2.1.0"
    assert any(r["ruleId"] == "FM001" for r in sarif["runs"][0]["results"])
    github = script(root, "check", "cases/bad-stage.md", "--today", TODAY, "--format", "github")
    assert "::error file=cases/bad-stage.md,line=7" in github.stdout
    junit = script(root, "check", "--today", TODAY, "--format", "junit", "--output", "report.xml")
    assert junit.returncode == 1 and (root / "report.xml").read_text().startswith("<?xml")


def test_check_finds_the_same_source_findings_as_seo_audit(tmp_path):
    """The same rules on the same sources: seo-audit (which builds the site) and check agree on
    every rule check claims, source rules and page rules alike; both sides find something."""
    files = {k: v for k, v in FILES.items() if k in ("cases/good.md", "cases/unfinished.md")}
    files["docs/news/posts/old-news.md"] = """
        ---
        title: 星衡数据发布隐私计算平台 3.0
        description: 星衡数据发布隐私计算平台 3.0，联合建模速度提升三倍，支持国密算法。
        date: 2026-06-01
        keyword: 隐私计算平台发布
        audience: [evaluator]
        stage: awareness
        categories: [product]
        ---

        # 星衡数据发布隐私计算平台 3.0

        隐私计算平台 3.0 今天发布，详情请[点击这里](../../cases/good.md)。
        """
    root = make_hub(tmp_path / "hub", files)
    audit = script(root, "seo-audit", "--today", TODAY, "--format", "json", "--fail-on", "never")
    assert audit.returncode == 0, audit.stderr
    check = script(root, "check", "--today", TODAY, "--format", "json", "--fail-on", "never")
    assert check.returncode == 0, check.stderr
    rules_json = json.loads(script(root, "rules", "--format", "json").stdout)
    source_codes = {r["code"] for r in rules_json if r["scope"] == "source"}
    claimed = source_codes | PAGE_RULES

    def key(f: dict) -> tuple:
        return f["rule"], f.get("path"), f.get("line"), f["message"]

    left = {p["path"] for p in json.loads(check.stdout)["summary"]["left_to_full_build"]}
    # Not the pages check does not render: theme links (on mkdocs.yml), pages without a source
    # file (404, generated listings), the blog index and landing pages (in the summary).
    from_audit = {
        key(f)
        for f in json.loads(audit.stdout)["findings"]
        if f["rule"] in claimed
        and f["path"] not in left
        and f["path"] != "mkdocs.yml"
        and (f["path"] is not None or f["rule"] in source_codes)
    }
    from_check = {key(f) for f in json.loads(check.stdout)["findings"]}
    assert from_audit == from_check
    found = {k[0] for k in from_check}
    assert {"ED003", "ED004", "CAD001"} <= found  # source rules
    assert {"KW002", "KW004", "TEC012", "TEC014"} <= found  # page rules, on the rendered pages
