"""The lead receiver as attacked in tests/security: real hubs, real SQLite, the real receiver on
loopback (in a thread, or `hubtool leads serve` in its own process) and the real app under
Starlette's TestClient. Fixtures are imported by the test modules that use them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from leads.leadkit import SITE, Receiver, Spawned, make_hub, spawn, valid

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
