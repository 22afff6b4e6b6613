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
    "front, expected",
    [
        (
            "title: T\ndescription: D\ndate: 2026-13-01\n",
            "cases/x.md:4: date: must be a date written YYYY-MM-DD",
        ),
        (
            "title: T\ndescription: D\ndate: 2026-01-01\naudience: [ceo]\n",
            "cases/x.md:5: audience[0]: 'ceo' is not one of",
        ),
        (
            "title: T\ndescription: D\ndate: 2026-01-01\ncustomer: {name: B, tier: Z}\n",
            "cases/x.md:5: customer.tier: 'Z' is not one of S, A, B, C",
        ),
        (
            "title: T\ndate: 2026-01-01\ncustomer: {name: B}\n",
            "cases/x.md:1: description: required field is missing",
        ),
        (
            "title: T\ndescription: D\ndate: 2026-01-01\nresults:\n  - {value: 35%}\n",
            "cases/x.md:6: results[0].label: required field is missing",
        ),
        ("title: [T\n", "cases/x.md:3: invalid YAML"),
    ],
)
def test_problems_name_file_line_and_field(hub, front, expected):
    path = write(hub, "cases/x.md", f"---\n{front}---\n# T\n")
    item = load_item(path, load_config(hub / "mkdocs.yml"))
    assert any(str(p).startswith(expected) for p in item.problems), [str(p) for p in item.problems]


def test_unknown_fields_are_warnings_with_a_suggestion(hub):
    path = write(
        hub,
        "cases/x.md",
        "---\ntitle: T\ndescription: D\ndate: 2026-01-01\n"
        "customer: {name: B}\nkeywrod: 风控\n---\n",
    )
    [problem] = load_item(path, load_config(hub / "mkdocs.yml")).problems
    assert problem.severity == "warning"
    assert str(problem) == "cases/x.md:6: keywrod: unknown field (did you mean 'keyword'?)"


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
