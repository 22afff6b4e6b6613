"""/healthz says 200 only when a lead can be committed now: not on a full disk, nor while leads are refused for lack of room."""

from __future__ import annotations

import os
import resource
import shutil
import sqlite3
import subprocess

import httpx
import pytest
from leadrig import SITE, make_hub, spawn, valid

FRAME = 4096 + 24  # one page in SQLite's WAL


def _post(client: httpx.Client, url: str, email: str) -> int:
    return client.post(
        f"{url}/forms/contact", json=valid(email=email, message="长" * 1500)
    ).status_code


@pytest.fixture
def small_disk(tmp_path):
    """A real 8 MiB file system (tmpfs), when this test may mount one (root in a container)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root")
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)], capture_output=True
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_answers_503_and_nothing_acknowledged_is_lost(tmp_path, small_disk):
    config = make_hub(tmp_path / "hub")
    db = small_disk / "leads.sqlite3"
    server = spawn(config.path, f"sqlite:///{db}", tmp_path / "log")
    acknowledged = []
    try:
        with httpx.Client(timeout=10, headers={"Origin": SITE}) as client:
            for i in range(20):
                assert _post(client, server.url, f"before{i}@example.cn") == 201
                acknowledged.append(f"before{i}@example.cn")
            # Checkpointed: the next writes reuse the WAL's first pages, no new disk space needed
            # for the tiny health write (nor, for a while, for leads).
            with sqlite3.connect(db) as checkpoint:
                assert checkpoint.execute("PRAGMA wal_checkpoint(RESTART)").fetchone()[0] == 0
            assert client.get(f"{server.url}/healthz").status_code == 200
            filler = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                while True:
                    os.write(filler, b"\0" * 65536)
            except OSError:
                pass
            finally:
                os.close(filler)
            health = client.get(f"{server.url}/healthz")
            assert health.status_code == 503 and health.json()["db"] == "disk_full"
            assert int(health.headers["retry-after"]) > 0
            statuses = []
            for i in range(60):  # until SQLite's WAL has no room left either
                statuses.append(_post(client, server.url, f"full{i}@example.cn"))
                if statuses[-1] == 201:
                    acknowledged.append(f"full{i}@example.cn")
            assert set(statuses) == {201, 503} and statuses[-1] == 503
            assert client.get(f"{server.url}/healthz").status_code == 503
            (small_disk / "filler").unlink()  # room again: the next lead is taken, health follows
            assert _post(client, server.url, "after@example.cn") == 201
            acknowledged.append("after@example.cn")
            assert client.get(f"{server.url}/healthz").status_code == 200
    finally:
        server.stop()
    with sqlite3.connect(db) as check:
        stored = [r[0] for r in check.execute("SELECT email FROM leads ORDER BY id")]
    assert stored == acknowledged


def test_while_leads_are_refused_for_room_health_says_so(tmp_path):
    """A limit the tiny health write slips under (here a file size limit, as a quota would be):
    the lead that did not fit decides."""
    config = make_hub(tmp_path / "hub")
    db = tmp_path / "leads.sqlite3"
    server = spawn(config.path, f"sqlite:///{db}", tmp_path / "log")
    try:
        with httpx.Client(timeout=10, headers={"Origin": SITE}) as client:
            assert _post(client, server.url, "before@example.cn") == 201
            assert client.get(f"{server.url}/healthz").status_code == 200
            wal = db.with_name(db.name + "-wal").stat().st_size
            # Room for the health check's one page, not for a lead's several.
            resource.prlimit(
                server.proc.pid, resource.RLIMIT_FSIZE, (wal + 2 * FRAME, resource.RLIM_INFINITY)
            )
            assert _post(client, server.url, "refused@example.cn") == 503
            health = client.get(f"{server.url}/healthz")
            assert health.status_code == 503 and health.json()["db"] == "refusing_leads"
            resource.prlimit(
                server.proc.pid,
                resource.RLIMIT_FSIZE,
                (resource.RLIM_INFINITY, resource.RLIM_INFINITY),
            )
            assert _post(client, server.url, "after@example.cn") == 201
            assert client.get(f"{server.url}/healthz").status_code == 200
    finally:
        server.stop()
