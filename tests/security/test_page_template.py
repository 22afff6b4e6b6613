"""`template:` in front matter names the page's template: one that the theme does not have (or a
path climbing out of it) is an error on that line, not a build that dies with a traceback."""

from __future__ import annotations

import json

import pytest
from hubfactory import build, script

pytestmark = pytest.mark.slow

PAGE = """---
title: 关于星衡数据
description: 星衡数据为银行、保险和医疗机构提供隐私计算平台，让数据在不出域的前提下完成联合建模与统计分析。
template: {template}
---
# 关于星衡数据

星衡数据成立于二〇一八年。
"""


@pytest.mark.parametrize("template", ["nope/../../x.html", "../../../../etc/passwd", "landing"])
def test_a_template_the_theme_lacks_is_an_error_on_its_line(hub_factory, tmp_path, template):
    root = hub_factory({"docs/about.md": PAGE.format(template=template)}, starter_pages=True)
    done = script(root, "check", "--format", "json", "docs/about.md")
    assert done.returncode == 1, done.stderr
    errors = [
        (f["rule"], f["path"], f["line"], f["message"].split(":")[0])
        for f in json.loads(done.stdout)["findings"]
        if f["severity"] == "error"
    ]
    assert errors == [("FM001", "docs/about.md", 4, "template")]
    built = build(root, "-q", site_dir=tmp_path / "site")
    assert built.returncode != 0
    assert "docs/about.md:4: template:" in built.stderr and "Traceback" not in built.stderr


def test_a_template_of_the_theme_is_accepted(hub_factory, tmp_path):
    root = hub_factory({"docs/about.md": PAGE.format(template="landing.html")}, starter_pages=True)
    built = build(root, "-q", site_dir=tmp_path / "site")
    assert built.returncode == 0, built.stderr


def test_a_top_template_line_in_a_page_without_front_matter_is_checked_too(hub_factory, tmp_path):
    """MkDocs reads `Template: …` on top of a file without YAML front matter as the template."""
    page = "Author: 张三\nTemplate: ../../../../etc/passwd\n\n# 关于我们\n\n星衡数据成立于二〇一八年。\n"
    root = hub_factory({"docs/about.md": page}, starter_pages=True)
    done = script(root, "check", "--format", "json", "docs/about.md")
    errors = [
        (f["path"], f["line"], f["message"].split(":")[0])
        for f in json.loads(done.stdout)["findings"]
        if f["severity"] == "error"
    ]
    assert errors == [("docs/about.md", 2, "template")], done.stderr
    built = build(root, "-q", site_dir=tmp_path / "site")
    assert built.returncode != 0
    assert "docs/about.md:2: template:" in built.stderr and "Traceback" not in built.stderr
