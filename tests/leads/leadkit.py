"""Helpers for the lead receiver tests: tiny real hubs, and clients that post like browsers and scripts."""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
from hubfactory import write_hub

from hubtool.config import HubConfig, load_config
from hubtool.leads.server import RunningReceiver, start_in_thread
from hubtool.leads.settings import Settings, load_settings

SITE = "http://127.0.0.1:8000"
OTHER_SITE = "https://hub.example"
PDF = b"%PDF-1.4\n% a tiny whitepaper\n"

_FIELD = {"type": "text", "required": True}
_EMAIL = {
    **_FIELD,
    "name": "email",
    "label": {"zh": "工作邮箱", "en": "Work email"},
    "type": "email",
    "max": 254,
}
# A hub with two forms (one gated), written as data; make_hub merges its options into it.
CONFIG: dict[str, Any] = {
    "site_name": "测试站",
    "site_url": "https://hub.example/",
    "extra": {
        "hub": {
            "company": {"name": {"zh": "星衡测试", "en": "Test Co"}},
            "leads": {
                "endpoint": "http://127.0.0.1:8001",
                "site_origins": [SITE, OTHER_SITE],
                "privacy_url": "/privacy/",
                "consent_version": "2026-09",
                "crossborder": False,
                "min_fill_seconds": 2,
                "download_ttl_hours": 72,
            },
            "forms": {
                "contact": {
                    "title": {"zh": "联系我们", "en": "Contact us"},
                    "submit": {"zh": "提交", "en": "Send"},
                    "success": {"zh": "谢谢", "en": "Thanks"},
                    "thank_you": "/thanks/",
                    "fields": [
                        {
                            **_FIELD,
                            "name": "name",
                            "label": {"zh": "姓名", "en": "Name"},
                            "max": 10,
                        },
                        _EMAIL,
                        {
                            "name": "phone",
                            "label": {"zh": "手机", "en": "Phone"},
                            "type": "tel",
                            "required": False,
                            "max": 30,
                        },
                        {
                            "name": "message",
                            "label": {"zh": "留言", "en": "Message"},
                            "type": "textarea",
                            "required": False,
                            "max": 2000,
                        },
                    ],
                },
                "whitepaper-download": {
                    "title": {"zh": "免费下载白皮书", "en": "Download the whitepaper"},
                    "submit": {"zh": "立即下载", "en": "Download"},
                    "thank_you": "/thanks/",
                    "gated": True,
                    "fields": [
                        _EMAIL,
                        {
                            **_FIELD,
                            "name": "company",
                            "label": {"zh": "公司", "en": "Company"},
                            "max": 120,
                        },
                    ],
                },
            },
        }
    },
}

WHITEPAPER = """\
---
title: 隐私计算报告
description: 一份关于隐私计算的报告。
date: 2026-10-01
gated: true
file: files/report.pdf
---
正文。
"""


def make_hub(
    root: Path,
    *,
    per_minute: int = 1000,
    webhook: str = "",
    attempts: int = 3,
    crossborder: bool = False,
) -> HubConfig:
    """A hub with two forms (one gated) and one gated whitepaper; returns its configuration."""
    root.mkdir(parents=True, exist_ok=True)
    leads = {
        "crossborder": crossborder,
        "rate_limit": {"per_minute": per_minute},
        "webhook": {
            "url": webhook,
            "secret_env": "HUBTOOL_TEST_WEBHOOK_SECRET",
            "max_attempts": attempts,
        },
    }
    files = {"docs/index.md": "# 首页\n", "whitepapers/report.md": WHITEPAPER}
    write_hub(root, files, base=CONFIG, hub={"leads": leads})
    (root / "whitepapers" / "files").mkdir(parents=True, exist_ok=True)
    (root / "whitepapers" / "files" / "report.pdf").write_bytes(PDF)
    return load_config(root / "mkdocs.yml")


@dataclasses.dataclass
class Receiver:
    """A running receiver and helpers to post to it like a browser or a script would."""

    url: str
    settings: Settings
    config: HubConfig
    # One client: httpx builds an SSL context per client, which costs more than the request itself.
    http: httpx.Client = dataclasses.field(default_factory=lambda: httpx.Client(timeout=15))
    _store: Any = None

    @property
    def store(self) -> Any:
        """The receiver's database, opened separately (as `hubtool leads export` would)."""
        from hubtool.leads.store import Store

        if self._store is None:
            self._store = Store(self.settings.db_url)
        return self._store

    def close(self) -> None:
        self.http.close()
        if self._store is not None:
            self._store.close()

    def post_form(
        self, form_id: str, data: dict[str, Any], origin: str | None = SITE, **headers: str
    ) -> httpx.Response:
        """An HTML form post (urlencoded), as a browser sends it; redirects are not followed."""
        if origin:
            headers.setdefault("Origin", origin)
        headers.setdefault("Accept", "text/html,application/xhtml+xml")
        return self.http.post(f"{self.url}/forms/{form_id}", data=data, headers=headers)

    def post_json(
        self, form_id: str, data: dict[str, Any], origin: str | None = SITE, **headers: str
    ) -> httpx.Response:
        if origin:
            headers.setdefault("Origin", origin)
        return self.http.post(
            f"{self.url}/forms/{form_id}",
            content=json.dumps(data),
            headers={"Content-Type": "application/json", **headers},
        )

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.http.get(url if url.startswith("http") else self.url + url, **kwargs)


@contextlib.contextmanager
def receivers(tmp_path: Path, db_url: str | None = None) -> Iterator[Callable[..., Receiver]]:
    """`start(**options)` serves a fresh hub under `tmp_path` on loopback and returns its Receiver:
    make_hub's options write the hub's configuration, any other overrides a Settings field
    (`start(per_minute=3, retry_base_seconds=0.05)`). `db_url` None: SQLite in the hub's var/, as
    `hubtool leads serve` would. Every receiver started is stopped on leaving."""
    started: list[tuple[RunningReceiver, Receiver]] = []
    hub_options = set(inspect.signature(make_hub).parameters) - {"root"}

    def start(**options: Any) -> Receiver:
        overrides = {k: options.pop(k) for k in list(options) if k not in hub_options}
        config = make_hub(tmp_path / f"hub{len(started)}", **options)
        settings = dataclasses.replace(load_settings(config, db_url), **overrides)
        running = start_in_thread(settings)
        hub = Receiver(running.url, settings, config)
        started.append((running, hub))
        return hub

    try:
        yield start
    finally:
        for running, hub in started:
            hub.close()
            running.stop()


def valid(**extra: Any) -> dict[str, Any]:
    """A human's contact submission: started long enough ago, consent given."""
    data = {
        "name": "张三",
        "email": "zhang.san@example.cn",
        "consent": "yes",
        "lang": "zh",
        "started_at": str(int(time.time() * 1000) - 30_000),
        "page_url": f"{SITE}/cases/bank/",
        "utm_source": "wechat",
    }
    data.update(extra)
    return data


def assert_error_shape(response: httpx.Response, status: int) -> list[dict[str, Any]]:
    """Every JSON error has one shape: {ok: false, status, errors: [{field, code, message}]}."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status
    assert body["errors"] and all({"field", "code", "message"} <= set(e) for e in body["errors"])
    assert all(e["message"] for e in body["errors"])
    return body["errors"]


class Webhook:
    """A real HTTP endpoint on loopback standing in for the CRM: answers `statuses` in turn (then
    200) and records every request it got."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        import http.server
        import threading

        self.statuses = list(statuses or [])
        self.requests: list[tuple[dict[str, str], bytes]] = []
        hook = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                hook.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                status = hook.statuses.pop(0) if hook.statuses else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, count: int, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while len(self.requests) < count and time.monotonic() < deadline:
            time.sleep(0.02)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def wait_until(check: Any, timeout: float = 10) -> Any:
    """Poll `check()` until it returns something truthy (background work such as the outbox)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.02)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclasses.dataclass
class Spawned:
    """`hubtool leads serve` in its own process; its log (stderr) goes to a file."""

    proc: subprocess.Popen
    url: str
    log: Path

    def log_text(self) -> str:
        return self.log.read_bytes().decode("utf-8", errors="replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def spawn(
    config_path: Path, db_url: str, log: Path, prefix: tuple[str, ...] = (), **env: str
) -> Spawned:
    """Start the real receiver process (under `prefix`, e.g. a capability wrapper) and return once
    /healthz answers (whatever it says)."""
    port = _free_port()
    environ = {**os.environ, "HUBTOOL_SECRET": "test-secret", "NO_MKDOCS_2_WARNING": "1", **env}
    if "FORWARDED_ALLOW_IPS" not in env:
        environ.pop("FORWARDED_ALLOW_IPS", None)
    command = [
        sys.executable,
        "-m",
        "hubtool.cli",
        "leads",
        "serve",
        "-f",
        str(config_path),
        "--port",
        str(port),
        "--db",
        db_url,
    ]
    command = [*prefix, *command]
    with log.open("wb") as handle:  # a file, not a pipe: a full pipe would block the receiver
        proc = subprocess.Popen(
            command, env=environ, stdout=handle, stderr=subprocess.STDOUT, cwd=config_path.parent
        )
    spawned = Spawned(proc, f"http://127.0.0.1:{port}", log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"receiver exited: {spawned.log_text()[-2000:]}")
        try:
            httpx.get(f"{spawned.url}/healthz", timeout=2)
            return spawned
        except httpx.TransportError:
            time.sleep(0.05)
    spawned.stop()
    raise AssertionError("receiver did not start")
