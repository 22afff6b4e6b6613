"""The lead receiver as attacked in tests/security: real hubs, real SQLite, the real receiver on
loopback (in a thread, or `hubtool leads serve` in its own process) and the real app under
Starlette's TestClient. Fixtures are imported by the test modules that use them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from leads.leadkit import SITE, Receiver, Spawned, make_hub, receivers, spawn, valid

from hubtool.cli import cli

__all__ = ["SITE", "Receiver", "Spawned", "make_hub", "receiver", "run_cli", "spawn", "valid"]


@pytest.fixture
def receiver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Receiver]]:
    """`receiver(per_minute=3, forwarded_allow_ips=…)`: a fresh hub whose receiver serves on
    loopback over SQLite in the hub's own var/ (as `hubtool leads serve` would)."""
    monkeypatch.setenv("HUBTOOL_SECRET", "test-secret")
    monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    monkeypatch.delenv("HUBTOOL_LEADS_DB", raising=False)
    with receivers(tmp_path) as start:
        yield start


def run_cli(*args: str) -> Any:
    """`hubtool …` in-process, as a writer runs it."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)
