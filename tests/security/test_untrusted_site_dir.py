"""An untrusted build folder: `hubtool seo-audit --site-dir X --no-build` on a folder someone else wrote.

The attack: a pull request (or a CI artifact) puts into the folder the audit reads a FIFO named
`x.html` (opening it waits for a writer forever: the audit hangs and CI times out), a symbolic link
`y.html -> /dev/zero` (reading it never ends: MemoryError, exit 1, which CI reads as "findings"), a
link to a file outside the folder (`/etc/passwd`, read and quoted into findings), or a page of many
gigabytes. The audit must read only regular files inside the folder, never more than
`max_page_bytes` of a page, report what it skipped as a TEC015 finding with the file named, and end
any unexpected failure with exit 2 and one line, never exit 1 and a traceback.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from hubfactory import write_hub

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")

PAGE = (
    '<!doctype html><html lang="zh"><head><meta charset="utf-8">'
    "<title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
)
CONFIG = {"site_name": "测试站点", "site_url": "https://example.test/"}


def page_limit(max_bytes: int) -> dict:
    return {"extra": {"hub": {"audit": {"rules": {"TEC015": {"max_page_bytes": max_bytes}}}}}}


def hubtool(root: Path, *args: str, limit_mb: int | None = None) -> subprocess.CompletedProcess:
    """The real command in a child process, with a timeout: a hang fails the test, it does not
    hang the suite. `limit_mb` caps the child's address space (a machine that runs out of memory)."""

    def cap() -> None:
        if limit_mb:
            size = limit_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("HUBTOOL_DEBUG", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "hubtool.cli",
            "seo-audit",
            "--site-dir",
            "site",
            "--no-build",
            "--lang",
            "en",
            *args,
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=cap,
    )


def hostile_site(root: Path) -> Path:
    site = root / "site"
    (site / "docs").mkdir(parents=True)
    write_hub(root, base=CONFIG)
    title = "一个足够长的测试页面标题用于检查"
    (site / "index.html").write_text(PAGE.format(title=title, text="正文。"), encoding="utf-8")
    (site / "same.html").symlink_to("index.html")  # a link that stays inside: read as a page
    os.mkfifo(site / "x.html")
    (site / "y.html").symlink_to("/dev/zero")
    (site / "docs" / "z.html").symlink_to("/etc/passwd")
    (site / "loop.html").symlink_to("loop.html")
    with open(site / "huge.html", "wb") as fh:  # 6 MiB of nothing: sparse, written instantly
        fh.truncate(6 * 1024 * 1024)
    os.mkfifo(site / "sitemap.xml")
    return root


def findings(done: subprocess.CompletedProcess) -> dict[str, str]:
    doc = json.loads(done.stdout)
    return {f["url"]: f["message"] for f in doc["findings"] if f["rule"] == "TEC015"}


def test_fifo_device_link_out_and_huge_page_are_findings_not_a_hang(tmp_path):
    root = hostile_site(tmp_path)
    done = hubtool(root, "--format", "json", "--select", "TEC015")
    assert done.returncode == 1, done.stderr  # findings at --fail-on error: exit 1, no crash
    assert "Traceback" not in done.stderr
    assert findings(done) == {
        "/x.html": "x.html is not a regular file (FIFO), skipped",
        "/y.html": "y.html is a symbolic link out of the site folder (/dev/zero), skipped",
        "/docs/z.html": "docs/z.html is a symbolic link out of the site folder (/etc/passwd), "
        "skipped",
        "/loop.html": "loop.html cannot be read (Too many levels of symbolic links), skipped",
        "/huge.html": "huge.html has 6291456 bytes, more than max_page_bytes (5242880); not read",
        "/sitemap.xml": "sitemap.xml is not a regular file (FIFO), skipped",
    }
    doc = json.loads(done.stdout)
    assert doc["summary"]["pages"] == 2  # index.html and the link to it inside the folder
    assert "root:" not in done.stdout  # nothing of /etc/passwd was read into the report


def test_every_rule_on_the_hostile_folder_ends_in_a_report(tmp_path):
    root = hostile_site(tmp_path)
    done = hubtool(root, "--format", "json")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert set(findings(done)) == {
        "/x.html",
        "/y.html",
        "/docs/z.html",
        "/loop.html",
        "/huge.html",
        "/sitemap.xml",
    }


def test_the_page_size_limit_is_configurable(tmp_path):
    root = write_hub(tmp_path, base=CONFIG, config=page_limit(200))
    (root / "site").mkdir()
    page = PAGE.format(title="一个足够长的测试页面标题用于检查", text="正文" * 100)
    (root / "site" / "index.html").write_text(page, encoding="utf-8")
    size = len(page.encode())
    done = hubtool(root, "--format", "json", "--select", "TEC015")
    assert done.returncode == 1, done.stderr
    assert findings(done) == {
        "/": f"index.html has {size} bytes, more than max_page_bytes (200); not read"
    }


def test_an_unexpected_failure_is_exit_2_with_one_line_never_exit_1(tmp_path):
    # The limit raised above a page that the machine cannot hold: the read runs out of memory.
    # That is not a finding; CI must see a tool error (2), not "findings" (1), and one line.
    root = write_hub(tmp_path, base=CONFIG, config=page_limit(8_000_000_000))
    (root / "site").mkdir()
    with open(root / "site" / "index.html", "wb") as fh:
        fh.truncate(3 * 1024 * 1024 * 1024)  # sparse: takes no disk
    done = hubtool(root, "--select", "TEC015", limit_mb=1024)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "Error: stopped by an unexpected MemoryError (HUBTOOL_DEBUG=1 shows the traceback)"
    ]
