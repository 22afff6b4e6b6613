"""`hubtool serve` on loopback: a saved edit shows in the served page, the terminal says when the
background rebuild is done, a broken front matter is named file:line and the server keeps going."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from hubfactory import make_hub, write_hub

HUBTOOL = Path(sys.executable).with_name("hubtool")
CASE = """\
---
title: 城商行联合风控建模实践
description: 华东联合银行借助隐私计算平台完成联合风控建模，小微信贷模型 KS 从 0.32 提升到 0.41，审批时长缩短到 40 分钟。
date: 2026-05-14
keyword: 联合风控建模
audience: [decision-maker]
stage: decision
industries: [banking]
cta: demo
customer: {name: 华东联合银行, industry: banking, tier: S, approved: true}
results: [{value: "0.41", label: 模型 KS 值}]
---

# 城商行联合风控建模实践

华东联合银行用十四周完成了联合风控建模的第一期试点。
"""
NEWS = """\
---
title: 平台四点零版本发布
description: 星衡数据隐私计算平台四点零版本发布，联合建模速度提升三倍，新增可视化审计日志，支持国产芯片与操作系统。
date: 2026-11-02
keyword: 隐私计算平台
audience: [evaluator]
stage: awareness
industries: [banking]
categories: [product]
---

# 平台四点零版本发布

新版本把联合建模的训练时间缩短到原来的三分之一。
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Served:
    """A running `hubtool serve` and everything it has printed to the terminal so far."""

    def __init__(self, root: Path) -> None:
        self.root, self.port = root, _free_port()
        self.tmp = root.parent / "tmp"  # where serve keeps its sites: empty again once it stops
        self.tmp.mkdir(exist_ok=True)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(self.tmp)}
        self.proc = subprocess.Popen(
            [str(HUBTOOL), "serve", "--no-leads", "--port", str(self.port)],
            cwd=root,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.lines.append(line)

    @property
    def terminal(self) -> str:
        return "".join(self.lines)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{self.port}{path}", timeout=70
            ) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def wait(self, what, timeout: float = 240):
        """Poll until `what()` is true (generous: the machine may be busy; speed is the bench's)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.terminal
            try:
                result = what()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                result = None
            if result:
                return result
            time.sleep(0.1)
        raise AssertionError(f"timed out; terminal:\n{self.terminal}")

    def page_has(self, path: str, text: str) -> bool:
        status, body = self.get(path)
        return status == 200 and text in body

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


@pytest.fixture
def served(tmp_path: Path):
    root = make_hub(
        tmp_path / "hub", {"cases/bank-risk.md": CASE, "docs/news/posts/platform-4.md": NEWS}
    )
    server = Served(root)
    try:
        server.wait(lambda: server.page_has("/cases/bank-risk/", "城商行联合风控建模实践"))
        yield server
    finally:
        server.stop()
    assert server.proc.returncode == 0, server.terminal
    assert list(server.tmp.iterdir()) == []  # no built site left behind


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_saved_edit_shows_in_the_served_page_and_reloads_the_browser(served):
    _, before = served.get("/cases/bank-risk/")
    epoch = int(re.search(r"\}\)\((\d+)\);", before).group(1))  # the injected live-reload script
    reloaded: list[str] = []
    poll = threading.Thread(target=lambda: reloaded.append(served.get(f"/livereload/{epoch}/1")[1]))
    poll.start()
    _edit(served.root / "cases/bank-risk.md", "第一期试点。", "第一期试点，覆盖二十三家分支机构。")
    served.wait(lambda: served.page_has("/cases/bank-risk/", "覆盖二十三家分支机构"))
    poll.join(timeout=70)
    assert reloaded and int(reloaded[0]) > epoch  # the open tab is told to reload
    # A front-matter edit: the head of the page follows it at once (title, description).
    _edit(
        served.root / "cases/bank-risk.md",
        "title: 城商行联合风控建模实践",
        "title: 城商行联合风控建模实践（二期）",
    )
    served.wait(
        lambda: served.page_has("/cases/bank-risk/", "<title>城商行联合风控建模实践（二期）")
    )
    # A news post (the blog reads posts its own way) is re-read too.
    _edit(served.root / "docs/news/posts/platform-4.md", "三分之一。", "三分之一，并支持国产芯片。")
    served.wait(lambda: served.page_has("/news/platform-4/", "并支持国产芯片"))
    # Then the listings catch up in a full rebuild, and the terminal says when it is done.
    served.wait(lambda: re.search(r"后台重建完成 \(\d+ 页, [\d.]+ s\)", served.terminal))
    served.wait(lambda: served.page_has("/cases/", "城商行联合风控建模实践（二期）"))
    assert "已更新 /cases/bank-risk/" in served.terminal
    # A change of the configuration has no page to render alone: the whole site is rebuilt.
    write_hub(served.root, hub={"company": {"phone": "+86 10 8888 6111"}})
    served.wait(lambda: served.page_has("/cases/bank-risk/", "+86 10 8888 6111"))  # the footer


def test_broken_front_matter_is_named_and_the_server_keeps_running(served):
    case = served.root / "cases/bank-risk.md"
    _edit(case, "stage: decision", "stage: 决策")
    served.wait(lambda: re.search(r"cases/bank-risk\.md:7: stage: .*", served.terminal))
    served.wait(lambda: "预览仍显示上一版" in served.terminal)  # it says the page is not updated
    _edit(case, "stage: 决策", "stage: decision\nkeyword： 全角冒号")  # YAML that does not parse
    served.wait(lambda: served.terminal.count("cases/bank-risk.md:") >= 2)
    served.wait(lambda: served.terminal.count("预览仍显示上一版") >= 2)  # for this error too
    assert served.proc.poll() is None
    assert served.page_has("/cases/bank-risk/", "城商行联合风控建模实践")  # the last good version
    _edit(case, "stage: decision\nkeyword： 全角冒号", "stage: decision")
    _edit(case, "第一期试点。", "第一期试点，修好之后。")
    served.wait(lambda: served.page_has("/cases/bank-risk/", "修好之后"))


def test_only_the_site_folder_is_served(served):
    status, body = served.get("/../../../../etc/passwd")
    assert status == 404 and "root:" not in body
    status, _ = served.get("/%2e%2e/%2e%2e/hooks/content.py")
    assert status == 404
    status, _ = served.get("/cases")  # a folder without its slash is redirected, as MkDocs does
    assert status == 200


def test_a_hub_that_does_not_build_says_why_until_it_is_fixed(tmp_path: Path):
    root = make_hub(
        tmp_path / "hub", {"cases/bank-risk.md": CASE.replace("stage: decision", "stage: 决策")}
    )
    server = Served(root)
    try:
        server.wait(lambda: "构建失败" in server.terminal)
        assert re.search(r"cases/bank-risk\.md:7: stage: ", server.terminal)
        status, body = server.get("/cases/bank-risk/")
        assert status == 503 and "cases/bank-risk.md:7" in body  # the browser says why, and reloads
        _edit(root / "cases/bank-risk.md", "stage: 决策", "stage: decision")
        server.wait(lambda: server.page_has("/cases/bank-risk/", "城商行联合风控建模实践"))
        server.wait(lambda: "预览就绪" in server.terminal)  # printed just after the switch
    finally:
        server.stop()
