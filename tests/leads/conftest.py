"""Fixtures for the lead receiver: real SQLite files, a throwaway PostgreSQL cluster, and the receiver
itself serving on loopback."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from leadkit import Receiver, receivers

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
    monkeypatch.setenv("HUBTOOL_SECRET", "test-secret")
    monkeypatch.setenv("HUBTOOL_TEST_WEBHOOK_SECRET", "hook-secret")
    with receivers(tmp_path, db_url) as start:
        yield start
