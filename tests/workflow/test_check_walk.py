"""Which files `hubtool check` reads: Markdown in docs/, cases/ and whitepapers/, in sub-folders too,
never in `_` or `.` folders, never what `exclude_docs` leaves out, never through a linked folder;
a loop of symlinks is reported, not a crash."""

from __future__ import annotations

import json

from workflowkit import CASE, TODAY, run, write_hub


def checked(root) -> tuple[set[str], list[tuple[str, str]]]:
    result = run(root, "check", "--today", TODAY, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    paths = {f["path"] for f in report["findings"] if f["rule"] != "SEC001"}
    links = sorted((f["path"], f["message"]) for f in report["findings"] if f["rule"] == "SEC001")
    return paths, links


def test_check_reads_the_sources_a_build_publishes_and_only_those(tmp_path):
    broken = CASE.replace("stage: decision", "stage: decide")  # every read file has a finding
    files = {
        "cases/top.md": broken,
        "cases/2026/deep.md": broken,
        "cases/_drafts/wip.md": broken,
        "cases/.notes/n.md": broken,
        "cases/_partial.md": broken,
        "docs/guide/internal.md": broken,  # exclude_docs: /guide/
        "whitepapers/w.md": broken,
        "elsewhere/o.md": broken,
    }
    root = write_hub(tmp_path / "hub", files, config={"exclude_docs": "/guide/\n"})
    (root / "cases" / "linked").symlink_to(root / "elsewhere", target_is_directory=True)
    (root / "cases" / "loop-a.md").symlink_to(root / "cases" / "loop-b.md")
    (root / "cases" / "loop-b.md").symlink_to(root / "cases" / "loop-a.md")
    paths, links = checked(root)
    assert {p for p in paths if p} >= {"cases/top.md", "cases/2026/deep.md", "whitepapers/w.md"}
    assert not {p for p in paths if p} & {
        "cases/_drafts/wip.md",
        "cases/.notes/n.md",
        "cases/_partial.md",
        "docs/guide/internal.md",
        "elsewhere/o.md",
        "cases/linked/o.md",
    }
    assert [path for path, _ in links] == ["cases/linked", "cases/loop-a.md", "cases/loop-b.md"]
    assert all("elsewhere" in message for path, message in links if path == "cases/linked")
