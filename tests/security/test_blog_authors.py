"""The blog's authors file and a post's author: mkdocs-material prints the authors file's fields
into every post and list page, and the RSS plugin prints authors into the feeds, all unescaped.
Markup or a script link there is refused, with the file, line and field, by `check` and the build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hubfactory import build, script

pytestmark = pytest.mark.slow


POST = """
---
title: 星衡隐私计算平台发布新版本
description: 星衡隐私计算平台发布新版本，新增运维中心与审计只读账号，升级停机时间缩短到十分钟以内。
date: 2026-05-12
categories: [product]
authors: [lin]
{extra}---
# 星衡隐私计算平台发布新版本

新版本新增运维中心。
"""

AUTHORS = """
authors:
  lin:
    name: {name}
    description: 产品经理
    avatar: {avatar}
    url: https://www.xingheng.example/team/lin/
"""


def _hub(hub_factory, *, name="林晓", avatar="assets/lin.png", extra="") -> Path:
    return hub_factory(
        {
            "docs/news/posts/release.md": POST.format(extra=extra),
            "docs/news/.authors.yml": AUTHORS.format(name=name, avatar=avatar),
        },
        starter_pages=True,
    )


def _check(root: Path) -> list[dict]:
    done = script(root, "check", "--format", "json", "--fail-on", "never")
    assert done.returncode == 0, done.stderr
    return [f for f in json.loads(done.stdout)["findings"] if f["rule"] == "FM001"]


def test_a_plain_authors_file_builds_and_shows_the_author(hub_factory, tmp_path):
    root = _hub(hub_factory)
    assert _check(root) == []
    done = build(root, "-q", site_dir=tmp_path / "site")
    assert done.returncode == 0, done.stderr
    assert "林晓" in (tmp_path / "site/news/release/index.html").read_text("utf-8")


@pytest.mark.parametrize(
    "fields, line, field",
    [
        ({"name": "'林<img src=x onerror=alert(1)>'"}, 3, "authors.lin.name"),
        ({"avatar": "'x\" onerror=\"alert(1)'"}, 5, "authors.lin.avatar"),
        ({"avatar": "javascript:alert(1)"}, 5, "authors.lin.avatar"),
    ],
)
def test_markup_in_the_authors_file_is_refused_by_check_and_the_build(
    hub_factory, tmp_path, fields, line, field
):
    root = _hub(hub_factory, **fields)
    found = _check(root)
    assert [(f["path"], f["line"]) for f in found] == [("docs/news/.authors.yml", line)], found
    assert found[0]["message"].startswith(field + ":")
    done = build(root, "-q", site_dir=tmp_path / "site")
    assert done.returncode != 0
    assert f"docs/news/.authors.yml:{line}: {field}:" in done.stderr
    assert not (tmp_path / "site/news/release/index.html").exists()


def test_markup_in_a_posts_author_is_refused_before_it_reaches_the_feed(hub_factory, tmp_path):
    root = _hub(hub_factory, extra='author: "林</author><script>alert(1)</script><author>"\n')
    found = _check(root)
    assert [(f["path"], f["line"]) for f in found] == [("docs/news/posts/release.md", 7)], found
    assert found[0]["message"].startswith("author:")
    done = build(root, "-q", site_dir=tmp_path / "site")
    assert done.returncode != 0 and "release.md:7: author:" in done.stderr
