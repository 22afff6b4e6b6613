"""Never lose an acknowledged lead: SIGKILL mid-burst, a read-only SQLite file, PostgreSQL stopped."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sqlite3
import time
import uuid

import httpx
import pytest
from leadkit import SITE, assert_error_shape, make_hub, spawn, valid

from hubtool.leads.store import Store


async def _burst(
    url: str,
    submissions: list[dict],
    answers: dict[str, int],
    kill_after: tuple[int, int] | None = None,
) -> None:
    """Post concurrently (16 at a time); record the lead id of each acknowledged submission.
    `kill_after=(n, pid)`: SIGKILL the receiver once n submissions are acknowledged."""
    limit = asyncio.Semaphore(16)
    async with httpx.AsyncClient(timeout=10) as client:

        async def send(data: dict) -> None:
            async with limit:
                try:
                    response = await client.post(
                        f"{url}/forms/contact", json=data, headers={"Origin": SITE}
                    )
                except httpx.TransportError:
                    return  # cut off by the kill: not acknowledged, so the client retries
                if response.status_code == 201:
                    answers[data["submission_id"]] = response.json()["id"]

        async def killer() -> None:
            if kill_after:
                while len(answers) < kill_after[0]:
                    await asyncio.sleep(0.002)
                os.kill(kill_after[1], signal.SIGKILL)

        await asyncio.gather(killer(), *(send(d) for d in submissions))


def test_a_receiver_killed_mid_burst_kept_every_lead_it_acknowledged(tmp_path, db_url):
    config = make_hub(tmp_path / "hub")
    killed = spawn(config.path, db_url, tmp_path / "killed.log")
    submissions = [
        valid(submission_id=f"kill-{i:04d}-{uuid.uuid4().hex[:8]}", email=f"k{i}@example.cn")
        for i in range(150)
    ]
    acknowledged: dict[str, int] = {}
    try:
        asyncio.run(_burst(killed.url, submissions, acknowledged, kill_after=(30, killed.proc.pid)))
        assert killed.proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        killed.stop()
    assert 30 <= len(acknowledged) < len(submissions)
    if db_url.startswith("sqlite"):
        path = db_url.removeprefix("sqlite:///").removeprefix("sqlite://")
        with sqlite3.connect(path) as check:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = Store(db_url)
    try:
        stored = {lead["submission_id"]: lead["id"] for lead in store.leads()}
        assert {sid: stored.get(sid) for sid in acknowledged} == acknowledged
        # Restarted, the receiver takes the retries: each submission ends up stored exactly once.
        restarted = spawn(config.path, db_url, tmp_path / "restarted.log")
        retried: dict[str, int] = {}
        try:
            asyncio.run(_burst(restarted.url, submissions, retried))
        finally:
            restarted.stop()
        assert len(retried) == len(submissions)
        assert all(retried[sid] == lead_id for sid, lead_id in acknowledged.items())
        leads = store.leads()
        assert len(leads) == len(submissions)
        assert {lead["submission_id"] for lead in leads} == set(retried)
    finally:
        store.close()


def _without_root_override() -> tuple[str, ...]:
    """Root ignores file permissions: drop that capability from the receiver's process, so a
    read-only file is read-only to it (it stays root, so it can still reach the venv)."""
    if os.geteuid() != 0:
        return ()
    if not shutil.which("setpriv"):
        pytest.skip(
            "running as root without setpriv: cannot make a file read-only for the receiver"
        )
    return ("setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--")


def test_a_read_only_sqlite_file_gets_503_and_loses_nothing(tmp_path):
    config = make_hub(tmp_path / "hub")
    db = tmp_path / "hub" / "var" / "leads.sqlite3"
    spawned = spawn(
        config.path, f"sqlite:///{db}", tmp_path / "receiver.log", prefix=_without_root_override()
    )
    url = spawned.url
    try:
        with httpx.Client(timeout=10, headers={"Origin": SITE}) as client:
            first = client.post(f"{url}/forms/contact", json=valid(email="first@example.cn"))
            assert first.status_code == 201
            os.chmod(db, 0o444)
            refused = client.post(f"{url}/forms/contact", json=valid(email="second@example.cn"))
            errors = assert_error_shape(refused, 503)
            assert errors[0]["field"] is None and int(refused.headers["retry-after"]) > 0
            page = client.post(
                f"{url}/forms/contact",
                data=valid(email="second@example.cn"),
                headers={"Accept": "text/html"},
            )
            assert page.status_code == 503 and page.headers["retry-after"]
            assert 'value="second@example.cn"' in page.text  # the visitor's input is kept
            assert client.get(f"{url}/healthz").status_code == 503
            # Writable again (SQLite gave the -shm file the database's read-only mode meanwhile):
            # the same receiver recovers by itself.
            for path in db.parent.glob("leads.sqlite3*"):
                os.chmod(path, 0o644)
            again = client.post(f"{url}/forms/contact", json=valid(email="second@example.cn"))
            assert again.status_code == 201
    finally:
        spawned.stop()
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        emails = [r[0] for r in check.execute("SELECT email FROM leads ORDER BY id")]
    assert emails == ["first@example.cn", "second@example.cn"]


# PostgreSQL only: SQLite's counterpart is the read-only database file above.
@pytest.mark.parametrize("db_url", ["postgres"], indirect=True)
def test_a_stopped_postgresql_gets_503_with_retry_after_and_loses_nothing(
    db_url, receiver, request
):
    assert db_url.startswith("postgresql")
    pg_cluster = request.getfixturevalue("pg_cluster")
    hub = receiver()
    first = hub.post_json("contact", valid(email="before@example.cn"))
    assert first.status_code == 201
    pg_cluster.stop()
    try:
        refused = hub.post_json("contact", valid(email="during@example.cn"))
        assert_error_shape(refused, 503)
        assert int(refused.headers["retry-after"]) > 0
        page = hub.post_form("contact", valid(email="during@example.cn"))
        assert page.status_code == 503 and 'value="during@example.cn"' in page.text
    finally:
        pg_cluster.start()
    hub.store.close()  # the test's own pooled connections died with the server
    time.sleep(1.1)  # idle long enough that the receiver checks its pooled connections
    after = hub.post_json("contact", valid(email="after@example.cn"))
    assert after.status_code == 201
    emails = [lead["email"] for lead in hub.store.leads()]
    assert emails == ["before@example.cn", "after@example.cn"]
