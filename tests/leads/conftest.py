"""Fixtures for the lead receiver: real SQLite files, a throwaway PostgreSQL cluster, and the receiver
itself serving on loopback."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from leadkit import Receiver, make_hub

from hubtool.leads.server import RunningReceiver, start_in_thread
from hubtool.leads.settings import load_settings

# -- databases --------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty lead database of each kind."""
    if request.param == "sqlite":
        return "sqlite:///" + str(tmp_path / "var" / "leads.sqlite3")
    cluster = request.getfixturevalue("pg_cluster")
    return cluster.create_schema()


# -- the receiver -----------------------------------------------------------------------------


@pytest.fixture
def receiver(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., Receiver]]:
    """Start a receiver on loopback for a fresh hub: `receiver(per_minute=3, webhook=…)`."""
    started: list[tuple[RunningReceiver, Receiver]] = []
    monkeypatch.setenv("HUBTOOL_SECRET", "test-secret")
    monkeypatch.setenv("HUBTOOL_TEST_WEBHOOK_SECRET", "hook-secret")

    def start(**options: Any) -> Receiver:
        overrides = {
            k: options.pop(k)
            for k in list(options)
            if k
            in ("retry_base_seconds", "poll_seconds", "download_ttl_seconds", "forwarded_allow_ips")
        }
        config = make_hub(tmp_path / f"hub{len(started)}", **options)
        settings = dataclasses.replace(load_settings(config, db_url), **overrides)
        running = start_in_thread(settings)
        hub = Receiver(running.url, settings, config)
        started.append((running, hub))
        return hub

    yield start
    for running, hub in started:
        hub.close()
        running.stop()
