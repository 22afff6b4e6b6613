"""Frictions a writer met with `hubtool check` (issue 14, part 3): concise output editors link,
the vocabulary error that says where the vocabulary lives, the full-width colon, stale editor
schemas, and which mkdocs.yml the pre-commit hook reads."""

from __future__ import annotations

import os
import re
import subprocess

from workflowkit import CASE, FULL_CASE, HUBTOOL, TODAY, script, write_hub


def test_concise_prints_path_line_col_code_message_and_the_summary_on_stderr(tmp_path):
    root = write_hub(
        tmp_path / "hub",
        {
            "cases/good.md": FULL_CASE,
            "cases/vague.md": FULL_CASE.replace(
                "keyword: 联合风控建模", "keyword: 数据不出域"
            ).replace("三方原始数据始终留在各自机房。", "详情请[点击这里](good.md)。"),
        },
    )
    done = script(
        root,
        "check",
        "cases/vague.md",
        "--today",
        TODAY,
        "--format",
        "concise",
        "--fail-on",
        "never",
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines and all(
        re.match(r"^cases/vague\.md:\d+:\d+: [A-Z]+\d+ \S", line) for line in lines
    )
    assert "cases/vague.md:2:1: KW002 标题中没有关键词“数据不出域”" in lines
    assert any(": TEC012 链接文字“点击这里”没有说明去向" in line for line in lines)
    assert "个警告" in done.stderr and "需要完整构建：运行 hubtool seo-audit" in done.stderr
    assert "个警告" not in done.stdout


def test_a_value_outside_the_vocabulary_names_mkdocs_yml_and_its_line(tmp_path):
    root = write_hub(
        tmp_path / "hub",
        {
            "cases/logistics.md": FULL_CASE.replace(
                "industries: [banking]", "industries: [logistics]"
            )
        },
    )
    line = next(
        n
        for n, text in enumerate((root / "mkdocs.yml").read_text().splitlines(), 1)
        if text.strip() == "industries:"
    )
    done = script(root, "check", "cases/logistics.md", "--today", TODAY)
    assert done.returncode == 1
    assert "cases/logistics.md" in done.stdout and "'logistics' 不是 banking" in done.stdout
    assert f"mkdocs.yml:{line}（extra.hub.vocabulary.industries）" in done.stdout
    assert "logistics: {zh: …, en: …}" in done.stdout


def test_a_full_width_colon_is_reported_on_its_own_line(tmp_path):
    root = write_hub(
        tmp_path / "hub",
        {
            "cases/colon.md": CASE.replace("keyword: 联合风控建模", "keyword：联合风控建模"),
            "cases/alone.md": "---\ntitle：城商行联合风控建模实践\n---\n\n正文。\n",
        },
    )
    done = script(
        root, "check", "cases/colon.md", "cases/alone.md", "--today", TODAY, "--format", "concise"
    )
    assert done.returncode == 1
    assert (
        "cases/colon.md:5:1: FM001 'keyword：' 用了全角冒号（：）：请改成半角冒号加空格，"
        "`keyword: …`" in done.stdout
    )
    assert "cases/alone.md:2:1: FM001 'title：' 用了全角冒号" in done.stdout


def test_check_says_when_the_editor_schemas_are_stale(tmp_path):
    root = write_hub(tmp_path / "hub", {"cases/good.md": FULL_CASE})
    assert script(root, "schema").returncode == 0
    fresh = script(root, "check", "--today", TODAY, "--fail-on", "never")
    assert "hubtool schema" not in fresh.stdout
    write_hub(
        root, hub={"vocabulary": {"industries": {"logistics": {"zh": "物流", "en": "Logistics"}}}}
    )
    stale = script(root, "check", "--today", TODAY, "--fail-on", "never")
    assert "编辑器的 front matter 架构已过期" in stale.stdout
    assert (
        ".vscode/schemas/case.schema.json" in stale.stdout and "运行 hubtool schema" in stale.stdout
    )
    script(root, "schema")
    assert "架构已过期" not in script(root, "check", "--today", TODAY, "--fail-on", "never").stdout


def test_check_says_which_mkdocs_yml_it_read_when_the_hook_would_read_another(tmp_path):
    root = write_hub(tmp_path / "hub", {"cases/good.md": FULL_CASE})
    git = {
        **os.environ,
        "GIT_AUTHOR_NAME": "w",
        "GIT_AUTHOR_EMAIL": "w@example.com",
        "GIT_COMMITTER_NAME": "w",
        "GIT_COMMITTER_EMAIL": "w@example.com",
    }
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "hub"]):
        subprocess.run(["git", *args], cwd=root, env=git, check=True, capture_output=True)
    assert "pre-commit" not in script(root, "check", "--today", TODAY).stdout  # nothing unstaged
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("# a change not staged\n")
    by_hand = script(root, "check", "--today", TODAY)
    assert "工作区中的 mkdocs.yml" in by_hand.stdout and "git add mkdocs.yml" in by_hand.stdout
    # In the hook (pre-commit sets PRE_COMMIT=1), a failing run says it read the staged file.
    (root / "cases/bad.md").write_text(CASE.replace("industries: [banking]", "industries: [x]"))
    env = {**os.environ, "PRE_COMMIT": "1", "NO_MKDOCS_2_WARNING": "1"}
    hook = subprocess.run(
        [str(HUBTOOL), "check", "cases/bad.md", "--today", TODAY],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert (
        hook.returncode == 1
        and "pre-commit 钩子读取的是已暂存（git add）的 mkdocs.yml" in hook.stdout
    )
