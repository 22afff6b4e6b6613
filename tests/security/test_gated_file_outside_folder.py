"""Attack: a whitepaper's `file` points outside the gated folder (../var/secret, the lead database, /etc/passwd, a symlink) so the form hands it out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hubfactory import build, make_hub, write_hub

from hubtool.cli import cli
from hubtool.config import load_config
from hubtool.errors import HubError
from hubtool.leads.server import start_in_thread
from hubtool.leads.settings import load_settings
from hubtool.leads.signing import download_path

HUBTOOL = Path(sys.executable).with_name("hubtool")
SECRET = "the signing secret: never hand this out"
PDF = "%PDF-1.4 the real whitepaper"

PAPER = """
---
title: 隐私计算合规白皮书
description: 一份关于隐私计算合规的白皮书。
date: 2026-10-01
status: {status}
gated: true
file: {file}
---
# 隐私计算合规白皮书

正文。
"""
FILE_LINE = 7  # the line of `file:` in PAPER


def hub(root: Path, file: str, status: str = "published") -> Path:
    """A hub whose var/ holds a secret and a lead database, and one gated whitepaper."""
    make_hub(
        root,
        {
            "whitepapers/paper.md": PAPER.format(file=file, status=status),
            "whitepapers/files/paper.pdf": PDF,
            "var/secret": SECRET,
            "var/leads.sqlite3": "SQLite format 3 (stand-in with a lead: zhang.san@example.cn)",
        },
    )
    (root / "whitepapers/files/out.pdf").symlink_to("../../var/secret")
    return root


ESCAPES = {
    "dotdot-to-secret": ("../var/secret", "points into var/"),
    "dotdot-to-leads": ("files/../../var/leads.sqlite3", "points into var/"),
    "absolute": ("/etc/passwd", "is an absolute path"),
    "symlink-out-of-folder": ("files/out.pdf", "is a symlink to var/secret"),
    "beside-the-folder": ("../cases/index.md", "points to cases/index.md"),
}


def check(root: Path) -> list[dict]:
    done = CliRunner().invoke(
        cli,
        ["check", "-f", str(root / "mkdocs.yml"), "--format", "json", "--lang", "en"],
        catch_exceptions=False,
    )
    return [f for f in json.loads(done.output)["findings"] if f["rule"] == "FM001"]


@pytest.mark.parametrize("status", ["published", "draft"])
@pytest.mark.parametrize("file,says", ESCAPES.values(), ids=ESCAPES.keys())
def test_check_reports_fm001_at_the_file_field(tmp_path, file, says, status):
    found = check(hub(tmp_path / "hub", file, status))
    assert [(f["path"], f["line"]) for f in found] == [("whitepapers/paper.md", FILE_LINE)]
    assert found[0]["message"].startswith(f"file: '{file}' {says}")
    assert "the gated folder whitepapers/files/" in found[0]["message"]


def test_a_file_inside_the_gated_folder_is_fine(tmp_path):
    assert check(hub(tmp_path / "hub", "files/paper.pdf")) == []


def test_the_gated_folder_is_configurable_and_checked(tmp_path):
    root = hub(tmp_path / "hub", "files/paper.pdf")
    config = write_hub(root, hub={"gated_dir": "downloads"}) / "mkdocs.yml"
    found = check(root)
    assert [f["line"] for f in found] == [FILE_LINE]
    assert "outside the gated folder downloads/" in found[0]["message"]
    write_hub(root, hub={"gated_dir": "var"})
    with pytest.raises(
        HubError,
        match=r"mkdocs.yml:\d+: extra.hub.gated_dir: must be a folder "
        r"inside the hub",
    ):
        load_config(config)


@pytest.mark.parametrize(
    "file",
    ["../var/secret", "files/../../var/leads.sqlite3"],
    ids=["dotdot-to-secret", "dotdot-to-leads"],
)
def test_build_stops_with_file_and_line_and_publishes_nothing_secret(tmp_path, file):
    root = hub(tmp_path / "hub", file)
    (root / "whitepapers/files/out.pdf").unlink()  # a link out stops the build by itself (symlinks)
    done = build(root)
    assert done.returncode == 1
    assert f"whitepapers/paper.md:{FILE_LINE}: file: '{file}' 指向 var/" in done.stderr  # zh hub
    site = root / "site"
    published = [p.read_bytes() for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not any(b"zhang.san" in data or SECRET.encode() in data for data in published)


def test_receiver_refuses_to_start_with_a_one_line_reason(tmp_path, monkeypatch):
    monkeypatch.setenv("HUBTOOL_SECRET", "test-secret")
    root = hub(tmp_path / "hub", "../var/secret")
    settings = load_settings(load_config(root / "mkdocs.yml"), str(tmp_path / "leads.sqlite3"))
    with pytest.raises(HubError) as refused:
        start_in_thread(settings)
    message = str(refused.value)
    assert "\n" not in message
    assert message.startswith(
        f"whitepapers/paper.md:{FILE_LINE}: file: '../var/secret' points into var/"
    )
    env = {**os.environ, "HUBTOOL_SECRET": "test-secret"}
    done = subprocess.run(
        [str(HUBTOOL), "leads", "serve", "--port", "0"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"Error: {message}"]


def test_a_draft_with_a_bad_file_does_not_stop_the_receiver(tmp_path, monkeypatch):
    monkeypatch.setenv("HUBTOOL_SECRET", "test-secret")
    root = hub(tmp_path / "hub", "../var/secret", status="draft")
    settings = load_settings(load_config(root / "mkdocs.yml"), str(tmp_path / "leads.sqlite3"))
    start_in_thread(settings).stop()


def test_receiver_checks_the_file_again_at_download_time(tmp_path, monkeypatch):
    """Valid at start-up, then swapped for a link to the secret: the download is refused."""
    import httpx

    monkeypatch.setenv("HUBTOOL_SECRET", "test-secret")
    root = hub(tmp_path / "hub", "files/paper.pdf")
    settings = load_settings(load_config(root / "mkdocs.yml"), str(tmp_path / "leads.sqlite3"))
    running = start_in_thread(settings)
    try:
        link = running.url + download_path(
            settings.secret, "whitepapers/paper", "zh", int(time.time()) + 3600
        )
        assert httpx.get(link).content == PDF.encode()
        pdf = root / "whitepapers/files/paper.pdf"
        pdf.unlink()
        pdf.symlink_to("../../var/secret")
        refused = httpx.get(link)
        assert refused.status_code == 404
        assert SECRET not in refused.text
    finally:
        running.stop()
