"""The lead receiver as attacked in tests/security: real hubs, real SQLite, the real receiver on
loopback (in a thread, or `hubtool leads serve` in its own process) and the real app under
Starlette's TestClient. Fixtures are imported by the test modules that use them."""

from __future__ import annotations

import dataclasses
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
import pytest
from click.testing import CliRunner
from leads.leadkit import SITE, Receiver, make_hub, valid

from hubtool.cli import cli
from hubtool.leads.server import RunningReceiver, start_in_thread
from hubtool.leads.settings import load_settings

__all__ = ["SITE", "Receiver", "Spawned", "make_hub", "receiver", "run_cli", "spawn", "valid"]


@pytest.fixture
def receiver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Receiver]]:
    """`receiver(per_minute=3, forwarded_allow_ips=…)`: a fresh hub whose receiver serves on
    loopback over SQLite in the hub's own var/ (as `hubtool leads serve` would)."""
    started: list[tuple[RunningReceiver, Receiver]] = []
    monkeypatch.setenv("HUBTOOL_SECRET", "test-secret")
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    monkeypatch.delenv("HUBTOOL_LEADS_DB", raising=False)

    def start(**options: Any) -> Receiver:
        overrides = {
            k: options.pop(k)
            for k in list(options)
            if k in ("forwarded_allow_ips", "disk_headroom_bytes")
        }
        config = make_hub(tmp_path / f"hub{len(started)}", **options)
        settings = dataclasses.replace(load_settings(config), **overrides)
        running = start_in_thread(settings)
        hub = Receiver(running.url, settings, config)
        started.append((running, hub))
        return hub

    yield start
    for running, hub in started:
        hub.close()
        running.stop()


def run_cli(*args: str) -> Any:
    """`hubtool …` in-process, as a writer runs it."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


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


def spawn(config_path: Path, db_url: str, log: Path, **env: str) -> Spawned:
    """Start the real receiver process and return once /healthz answers (whatever it says)."""
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
