"""Other users on the host cannot read the leads: var/ is created 0700, the database and its -wal/-shm 0600."""

from __future__ import annotations

import logging
import os
import sqlite3
import stat

import pytest
from leadrig import receiver, valid  # noqa: F401 - receiver is a fixture


@pytest.fixture
def usual_umask():
    """The umask most servers run with (022), which alone would give 0755 folders, 0644 files."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_var_and_the_lead_database_are_the_owners_only(receiver, monkeypatch, usual_umask):
    monkeypatch.delenv("HUBTOOL_SECRET")  # the secret is generated into var/ as well
    hub = receiver()
    assert hub.post_json("contact", valid()).status_code == 201
    var = hub.config.root / "var"
    assert _mode(var) == 0o700
    files = {p.name: _mode(p) for p in var.iterdir()}
    assert files == {
        "secret": 0o600,
        "leads.sqlite3": 0o600,
        "leads.sqlite3-wal": 0o600,
        "leads.sqlite3-shm": 0o600,
    }


def test_an_older_readable_database_is_named_in_a_warning_at_start(
    tmp_path, receiver, caplog, usual_umask
):
    from leadrig import make_hub

    var = make_hub(tmp_path / "hub0").root / "var"  # the hub the receiver below will serve
    var.mkdir()
    with sqlite3.connect(var / "leads.sqlite3") as old:
        old.execute("PRAGMA journal_mode=WAL")
    os.chmod(var / "leads.sqlite3", 0o644)
    with caplog.at_level(logging.WARNING, logger="hubtool.leads"):
        receiver()
    assert any(
        "leads.sqlite3 (mode 644)" in r.getMessage() and "chmod 600" in r.getMessage()
        for r in caplog.records
    ), caplog.text
