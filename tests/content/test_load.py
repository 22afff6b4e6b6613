"""The one loader: front matter and body split losslessly, every problem names file, line and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hubfactory import make_hub

from hubtool.config import load_config
from hubtool.content.load import load_hub, load_item, split_front_matter
from hubtool.errors import HubError


@pytest.fixture()
def hub(tmp_path: Path):
    return make_hub(tmp_path, {})


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_body_lines_are_file_lines():
    text = "---\ntitle: x\n---\n\n# 标题\n正文\n"
    front, body, first = split_front_matter(text)
    assert front == "title: x\n"
    assert text.splitlines()[first - 1 :] == body.splitlines()  # nothing stripped, nothing lost


def test_a_case_is_classified_and_dated(hub):
    path = write(
        hub,
        "cases/bank.en.md",
        "---\ntitle: T\ndescription: D\ndate: 2026-01-05\n"
        "customer: {name: Bank, approved: true}\n---\n# T\n",
    )
    item = load_item(path, load_config(hub / "mkdocs.yml"))
    assert (item.kind, item.lang, item.url, item.key) == (
        "case",
        "en",
        "/en/cases/bank/",
        "cases/bank",
    )
    assert item.date == dt.date(2026, 1, 5) and item.problems == ()


def test_news_url_is_the_file_name(hub):
    path = write(
        hub,
        "docs/news/posts/launch-5.md",
        "---\ntitle: 发布\ndescription: d\ndate: 2026-01-05\n---\n",
    )
    item = load_item(path, load_config(hub / "mkdocs.yml"))
    assert (item.kind, item.url) == ("news", "/news/launch-5/")


@pytest.mark.parametrize(
    "front, line, field, quoted",
    [
        ("title: T\ndescription: D\ndate: 2026-13-01\n", 4, "date", "'2026-13-01'"),
        (
            "title: T\ndescription: D\ndate: 2026-01-01\naudience: [ceo]\n",
            5,
            "audience[0]",
            "'ceo'",
        ),
        (
            "title: T\ndescription: D\ndate: 2026-01-01\ncustomer: {name: B, tier: Z}\n",
            5,
            "customer.tier",
            "'Z' 不是 S, A, B, C 之一",
        ),
        ("title: T\ndate: 2026-01-01\ncustomer: {name: B}\n", 1, "description", "缺少必填字段"),
        (
            "title: T\ndescription: D\ndate: 2026-01-01\nresults:\n  - {value: 35%}\n",
            6,
            "results[0].label",
            "缺少必填字段",
        ),
        ("title: [T\n", 2, "", "YAML"),  # the line of the open bracket
        ('title: "T\nstage: decide\n', 2, "", "YAML"),  # of the open quote
    ],
)
def test_problems_name_file_line_and_field(hub, front, line, field, quoted):
    path = write(hub, "cases/x.md", f"---\n{front}---\n# T\n")
    item = load_item(path, load_config(hub / "mkdocs.yml"))
    assert any(
        (p.path, p.line, p.field) == ("cases/x.md", line, field) and quoted in p.message
        for p in item.problems
    ), [str(p) for p in item.problems]


def test_unknown_fields_are_warnings_with_a_suggestion(hub):
    path = write(
        hub,
        "cases/x.md",
        "---\ntitle: T\ndescription: D\ndate: 2026-01-01\n"
        "customer: {name: B}\nkeywrod: 风控\n---\n",
    )
    [problem] = load_item(path, load_config(hub / "mkdocs.yml")).problems
    assert problem.severity == "warning"
    assert str(problem) == "cases/x.md:6: keywrod: 未知字段（是不是要写 'keyword'？）"


def test_problems_speak_the_writers_language_or_the_one_asked_for(hub):
    """A zh hub reads its front-matter problems in Chinese; `lang="en"` (`--lang en`) in English."""
    path = write(
        hub,
        "cases/x.md",
        "---\ntitle: T\ndescription: D\ndate: 23/11/2026\ncustomer: {name: B}\n"
        "stage: decide\nkeywrod: 风控\n---\n",
    )
    config = load_config(hub / "mkdocs.yml")
    zh = sorted(str(p) for p in load_item(path, config).problems)
    en = sorted(str(p) for p in load_item(path, config, "en").problems)
    assert zh == [
        "cases/x.md:4: date: 必须是 YYYY-MM-DD 格式的日期（这里是 '23/11/2026'）",
        "cases/x.md:6: stage: 'decide' 不是 awareness, consideration, decision, retention 之一",
        "cases/x.md:7: keywrod: 未知字段（是不是要写 'keyword'？）",
    ]
    assert en == [
        "cases/x.md:4: date: must be a date written YYYY-MM-DD (got '23/11/2026')",
        "cases/x.md:6: stage: 'decide' is not one of awareness, consideration, decision, retention",
        "cases/x.md:7: keywrod: unknown field (did you mean 'keyword'?)",
    ]
    unclosed = write(hub, "cases/y.md", "---\ntitle: T\n")
    assert [str(p) for p in load_item(unclosed, config).problems] == [
        "cases/y.md:1: front matter 以 '---' 开头，但没有用 '---' 结束"
    ]


def test_all_files_are_loaded_at_once(hub):
    write(hub, "cases/a.md", "---\ntitle: A\n---\n")
    write(hub, "whitepapers/b.md", "---\ndate: nope\n---\n")
    problems = load_hub(load_config(hub / "mkdocs.yml")).problems
    assert {p.path for p in problems} == {"cases/a.md", "whitepapers/b.md"}


def test_unknown_hub_setting_names_line_and_suggests(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nextra:\n  hub:\n    forms: {}\n    cadnce: {}\n", encoding="utf-8"
    )
    with pytest.raises(
        HubError,
        match=r"mkdocs.yml:5: extra.hub.cadnce: unknown setting \(did you mean 'cadence'\?\)",
    ):
        load_config(config)


def test_missing_config_is_a_one_line_error(tmp_path):
    with pytest.raises(HubError, match="cannot read the configuration"):
        load_config(tmp_path / "nope.yml")
