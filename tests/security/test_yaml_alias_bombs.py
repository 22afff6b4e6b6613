"""Attack: a ~340-byte YAML alias bomb ("billion laughs") in front matter or mkdocs.yml hangs check, build and receiver."""

from __future__ import annotations

import itertools
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from hubfactory import make_hub

HUBTOOL = Path(sys.executable).with_name("hubtool")
# A hang is minutes; a refusal is well under a second. The generous limit keeps a busy CI honest
# without a timed assertion: running past it is the failure.
LIMIT = 20
LEVELS = "abcdefghi"


def alias_bomb() -> str:
    """Nine levels of nine aliases: 340 bytes that expand to 9⁹ (387 million) strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, cur in itertools.pairwise(LEVELS):
        lines.append(f"{cur}: &{cur} [" + ",".join(f"*{prev}" for _ in range(9)) + "]")
    return "\n".join(lines) + "\n"


def bomb_page(status: str = "published", bomb: str | None = None) -> str:
    return (
        "---\ntitle: 一份不怀好意的新闻\ndescription: 看起来无害。\ndate: 2026-11-01\n"
        f"status: {status}\n{bomb or alias_bomb()}---\n# 标题\n\n正文。\n"
    )


def line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUBTOOL_SECRET": "test-secret"}
    return subprocess.run(
        args, cwd=root, env=env, capture_output=True, text=True, timeout=LIMIT, check=False
    )


def test_the_bomb_is_small():
    assert 330 <= len(alias_bomb().encode()) <= 350


@pytest.mark.parametrize("status", ["published", "draft"])
def test_check_reports_a_front_matter_bomb_as_fm001_at_its_line(tmp_path, status):
    root = make_hub(tmp_path / "hub", {"docs/news/posts/bomb.md": bomb_page(status)})
    done = run(root, str(HUBTOOL), "check", "--format", "json")
    assert done.returncode == 1, done.stderr
    found = [
        f for f in json.loads(done.stdout)["findings"] if f["path"] == "docs/news/posts/bomb.md"
    ]
    # The first value whose aliases repeat more than 10,000 values: e (9⁵ strings).
    where = line_of(root / "docs/news/posts/bomb.md", "e: &e")
    assert [(f["rule"], f["line"]) for f in found] == [("FM001", where)]
    assert "10,000" in found[0]["message"]  # 别名 / alias: in the writers' language


def test_an_alias_that_contains_itself_is_fm001_too(tmp_path):
    root = make_hub(
        tmp_path / "hub", {"docs/news/posts/loop.md": bomb_page(bomb="tags: &t [news, *t]\n")}
    )
    done = run(root, str(HUBTOOL), "check", "--format", "json")
    found = [
        (f["rule"], f["line"])
        for f in json.loads(done.stdout)["findings"]
        if f["path"] == "docs/news/posts/loop.md"
    ]
    assert found == [("FM001", 6)]


def test_ordinary_anchors_still_work(tmp_path):
    root = make_hub(
        tmp_path / "hub",
        {
            "docs/news/posts/fine.md": bomb_page(
                bomb="tags: &t [隐私计算, 联邦学习]\nrelated_keywords: *t\ncategories: [product]\n"
            )
        },
    )
    done = run(root, str(HUBTOOL), "check", "--format", "json")
    found = [
        f
        for f in json.loads(done.stdout)["findings"]
        if f["path"] == "docs/news/posts/fine.md" and f["rule"].startswith("FM")
    ]
    assert found == []


def test_build_stops_at_a_published_bomb_with_file_and_line(tmp_path):
    root = make_hub(tmp_path / "hub", {"docs/news/posts/bomb.md": bomb_page()})
    done = run(root, sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site"))
    assert done.returncode == 1
    where = line_of(root / "docs/news/posts/bomb.md", "e: &e")
    assert f"docs/news/posts/bomb.md:{where}: YAML 语法错误：这里的别名" in done.stderr  # a zh hub


def test_build_leaves_out_a_draft_bomb(tmp_path):
    root = make_hub(tmp_path / "hub", {"docs/news/posts/bomb.md": bomb_page("draft")})
    done = run(root, sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert not (root / "site/news/bomb").exists()


def config_bomb(root: Path) -> int:
    """Add a bomb to the hub's mkdocs.yml; return the line where it must be reported."""
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "x_anchors:\n"
        + "".join(f"  {line}\n" for line in alias_bomb().splitlines()),
        encoding="utf-8",
    )
    return line_of(config, "e: &e")


def test_check_refuses_a_bomb_in_mkdocs_yml_with_its_line(tmp_path):
    root = make_hub(tmp_path / "hub", {})
    where = config_bomb(root)
    done = run(root, str(HUBTOOL), "check")
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .endswith(
            f"mkdocs.yml:{where}: invalid YAML: aliases repeat values here more than 10,000 times "
            "(an alias bomb?)"
        )
    )


def test_mkdocs_build_refuses_a_bomb_in_mkdocs_yml_before_mkdocs_expands_it(tmp_path):
    # MkDocs itself logs repr() of its whole configuration while loading it; the hook, imported
    # while MkDocs validates the configuration, refuses the file first.
    root = make_hub(tmp_path / "hub", {})
    where = config_bomb(root)
    done = run(root, sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site"))
    assert done.returncode == 1
    assert f"mkdocs.yml:{where}: invalid YAML: aliases" in done.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_leads_serve_refuses_a_bomb_in_mkdocs_yml_without_blaming_the_port(tmp_path):
    root = make_hub(tmp_path / "hub", {})
    where = config_bomb(root)
    done = run(root, str(HUBTOOL), "leads", "serve", "--port", str(free_port()))
    assert done.returncode == 2
    message = done.stderr.strip().splitlines()
    assert len(message) == 1 and f"mkdocs.yml:{where}: invalid YAML: aliases" in message[0]
    assert "port" not in done.stderr


def test_leads_serve_starts_despite_a_bomb_in_a_whitepaper(tmp_path):
    root = make_hub(tmp_path / "hub", {"whitepapers/bomb.md": bomb_page()})
    port = free_port()
    env = {**os.environ, "HUBTOOL_SECRET": "test-secret"}
    server = subprocess.Popen(
        [str(HUBTOOL), "leads", "serve", "--port", str(port)],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + LIMIT
        while True:
            assert server.poll() is None, server.communicate()[1].decode()
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the receiver did not start"
                time.sleep(0.1)
        assert health.status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=LIMIT)
