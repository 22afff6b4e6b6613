"""The report reads leads through the lead store's API: SQLite and PostgreSQL give the same numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportkit import MONTH, fill_store, report_json, run_report


def test_postgresql_store_gives_the_same_lead_numbers(shared_hub: Path, pg_cluster: Any) -> None:
    url = fill_store(pg_cluster.create_database())
    from_pg = report_json(shared_hub, "--db", url)
    from_sqlite = report_json(shared_hub)
    assert from_pg["leads"]["total"] == 4
    assert from_pg["leads"]["store"].startswith("postgresql:///t_")
    assert "hub@" not in from_pg["leads"]["store"] and "host=" not in from_pg["leads"]["store"]
    assert {**from_pg["leads"], "store": ""} == {**from_sqlite["leads"], "store": ""}


def test_unreadable_store_is_a_one_line_error(report_hub: Path) -> None:
    (report_hub / "var" / "leads.sqlite3").write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (report_hub / "var" / f"leads.sqlite3{suffix}").unlink(missing_ok=True)
    done = run_report(report_hub, "--month", MONTH, "--format", "json", "--no-history")
    err = done.stderr
    assert done.returncode == 2
    assert err.startswith("Error: lead store var/leads.sqlite3: cannot read it")
    assert len(err.strip().splitlines()) == 1
