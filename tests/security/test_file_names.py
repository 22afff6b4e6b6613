"""A content file whose name is not UTF-8 (bytes from another system's archive, a hostile commit):
it has no URL, so it is an error on that file, printed readably, and never a crash of `check` or
of the build for every other page."""

from __future__ import annotations

import json
import os

import pytest
from hubfactory import build, script

pytestmark = pytest.mark.slow

POST = """---
title: 星衡隐私计算平台发布新版本
description: 星衡隐私计算平台发布新版本，新增运维中心与审计只读账号，升级停机时间缩短到十分钟以内。
date: 2026-05-12
categories: [product]
---
# 星衡隐私计算平台发布新版本

新版本新增运维中心。
"""


def test_a_file_name_that_is_not_utf8_is_an_error_on_that_file_only(hub_factory, tmp_path):
    root = hub_factory({"docs/news/posts/good.md": POST}, starter_pages=True)
    posts = os.fsencode(root / "docs/news/posts")
    with open(posts + b"/bad\xff.md", "w", encoding="utf-8") as out:
        out.write(POST)
    done = script(root, "check", "--format", "json")
    assert done.returncode == 1, done.stderr  # findings, not a crash (exit 2)
    report = json.loads(done.stdout)
    errors = [
        (f["rule"], f["path"], f["line"]) for f in report["findings"] if f["severity"] == "error"
    ]
    assert errors == [("FM001", "docs/news/posts/bad\ufffd.md", 1)]
    assert report["summary"]["pages"] >= 2  # the other pages were still judged

    built = build(root, "-q", site_dir=tmp_path / "site")
    assert built.returncode != 0
    assert "docs/news/posts/bad\ufffd.md:1:" in built.stderr and "Traceback" not in built.stderr


def test_an_image_whose_name_is_not_utf8_stops_the_build_with_its_name(hub_factory, tmp_path):
    root = hub_factory({"docs/news/posts/good.md": POST}, starter_pages=True)
    with open(os.fsencode(root / "cases") + b"/logo\xff.svg", "wb") as out:
        out.write(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    done = script(root, "check", "--format", "json")
    assert done.returncode in (0, 1), done.stderr  # judged, not crashed
    built = build(root, "-q", site_dir=tmp_path / "site")
    assert built.returncode != 0
    assert "cases/logo\ufffd.svg:1:" in built.stderr and "Traceback" not in built.stderr
