"""The lead store: one class over SQLite (single writer, WAL) or PostgreSQL (psycopg 3, small pool)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import queue
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..forms import VISIT_CONTEXT
from .migrations import LATEST, MIGRATIONS, statements

log = logging.getLogger("hubtool.leads")

# A lead's context columns: where the visitor came from (the form's hidden fields) and its language.
CONTEXT_COLUMNS = (*VISIT_CONTEXT, "lang")
LEAD_COLUMNS = (
    "id",
    "created_at",
    "form_id",
    "submission_id",
    "email",
    "fields",
    *CONTEXT_COLUMNS,
    "consent",
    "consent_version",
    "consent_crossborder",
    "spam",
    "spam_reason",
    "client_hash",
    "result",
)


class StoreUnavailable(Exception):
    """The database cannot take the write now (stopped, read-only, locked): answer 503, retry later."""


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class NewLead:
    """A validated submission, ready to store."""

    form_id: str
    fields: dict[str, str]
    context: dict[str, str]  # CONTEXT_COLUMNS
    email: str = ""
    submission_id: str = ""
    consent: bool = False
    consent_version: str = ""
    consent_crossborder: bool = False
    spam_reason: str = ""  # non-empty: stored, flagged, never forwarded
    client_hash: str = ""
    result: dict[str, str] = field(default_factory=dict)  # what the client was told (for retries)
    created_at: str = field(default_factory=now_iso)


@dataclass(frozen=True)
class Submission:
    """What `Store.submit` writes in one transaction: a hit against `rate_key`'s limit in the minute
    `window` (`limit` 0: none), then the lead, if any (None only counts the hit)."""

    rate_key: str
    window: int
    limit: int
    lead: NewLead | None = None
    queue_outbox: bool = False  # also queue the lead for the webhook (never a spam lead)
    next_attempt_at: float = 0.0


@dataclass(frozen=True)
class Outcome:
    """What `submit` did: stored, duplicate (an earlier submission with the same id), or limited."""

    status: str
    lead_id: int | None = None
    result: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Delivery:
    """One claimed outbox entry and the lead it carries."""

    outbox_id: int
    lead_id: int
    attempts: int
    lead: dict[str, Any]


class Store:
    """Open with a URL: `sqlite:///abs/path.sqlite3` or `postgresql://…`. Thread-safe."""

    def __init__(self, url: str, pool_size: int = 8) -> None:
        self.url = url
        if url.startswith(("postgresql://", "postgres://")):
            self.dialect = "postgres"
            import psycopg  # imported only when used: SQLite users never pay for it

            self._pg = psycopg
            self._unavailable: tuple[type[BaseException], ...] = (
                psycopg.OperationalError,
                psycopg.InterfaceError,
            )
            self._integrity: type[BaseException] = psycopg.IntegrityError
            self.pool_size = pool_size
        else:
            self.dialect = "sqlite"
            self.path = Path(url.removeprefix("sqlite:").removeprefix("//"))
            self._unavailable = (sqlite3.OperationalError, sqlite3.DatabaseError)
            self._integrity = sqlite3.IntegrityError
            self.pool_size = 1  # SQLite has one writer: more connections only wait on its lock
        self._idle: queue.LifoQueue = queue.LifoQueue()
        self._slots = threading.BoundedSemaphore(self.pool_size)
        self._ready = False
        self._lock = threading.Lock()

    # -- connections -------------------------------------------------------------------------

    def _connect(self) -> Any:
        if self.dialect == "postgres":
            return self._pg.connect(self.url, connect_timeout=3, autocommit=False)
        self._create_private()
        conn = sqlite3.connect(self.path, timeout=5, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            # FULL: the WAL is synced at each commit, so an acknowledged lead survives power loss.
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
        except BaseException:
            conn.close()
            raise
        return conn

    def _create_private(self) -> None:
        """Personal data is the owner's only: a new folder 0700, a new database file 0600 (SQLite
        gives its -wal and -shm files the database's mode). Existing files keep their mode."""
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        try:
            os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass

    def exposed_files(self) -> list[str]:
        """SQLite: the database files that other users may read (made by an older hubtool)."""
        if self.dialect != "sqlite":
            return []
        out = []
        for suffix in ("", "-wal", "-shm"):
            path = self.path.with_name(self.path.name + suffix)
            try:
                mode = path.stat().st_mode & 0o777
            except OSError:
                continue
            if mode & 0o077:
                out.append(f"{path} (mode {mode:o})")
        return out

    def free_bytes(self) -> int | None:
        """SQLite: the space left for this process on the database's file system (None: PostgreSQL,
        whose disk is the server's)."""
        if self.dialect != "sqlite":
            return None
        try:
            st = os.statvfs(self.path.parent)
        except OSError:
            return None
        return st.f_bavail * st.f_frsize

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One transaction; commits on success. Connection-level failures become StoreUnavailable."""
        if not self._ready:
            self.migrate()
        with self._raw_transaction() as conn:
            yield conn

    def _is_unavailable(self, exc: BaseException) -> bool:
        """The database cannot serve now (as opposed to a bug or a constraint): worth a 503."""
        if self.dialect == "sqlite":
            # OperationalError: locked, read-only, I/O; bare DatabaseError: not a database, corrupt.
            return isinstance(exc, sqlite3.OperationalError) or type(exc) is sqlite3.DatabaseError
        return isinstance(exc, self._unavailable)

    def _fingerprint(self) -> tuple:
        """What a SQLite connection was opened against: the file's identity and permissions."""
        try:
            st = self.path.stat()
        except OSError:
            return ()
        return (st.st_dev, st.st_ino, st.st_mode, st.st_uid)

    def _checkout(self) -> Any:
        """An idle connection still worth using, or a new one."""
        while True:
            try:
                conn, used_at, fingerprint = self._idle.get_nowait()
            except queue.Empty:
                return self._connect()
            if self.dialect == "sqlite":
                # A file made read-only, replaced or moved since: reopen, so we fail (or recover) now.
                if fingerprint == self._fingerprint():
                    return conn
            elif time.monotonic() - used_at < 1.0:
                return conn
            else:
                try:  # idle a while: the server may have restarted since (pre-ping, as pools do)
                    conn.execute("SELECT 1")
                    conn.rollback()
                    return conn
                except Exception as exc:
                    if not self._is_unavailable(exc):
                        raise
            _close_quietly(conn)

    @contextmanager
    def _raw_transaction(self) -> Iterator[Any]:
        self._slots.acquire()
        conn = None
        try:
            conn = self._checkout()
            fingerprint = self._fingerprint() if self.dialect == "sqlite" else ()
            if self.dialect == "sqlite":
                conn.execute("BEGIN IMMEDIATE")
            yield _Conn(conn, self.dialect)
            conn.commit()
        except Exception as exc:
            if not self._is_unavailable(exc):
                if conn is not None:
                    try:
                        conn.rollback()
                    except Exception:
                        _close_quietly(conn)
                        conn = None
                raise
            if conn is not None:
                _close_quietly(conn)
                conn = None
            if "no such table" in str(exc):
                self._ready = False
            raise StoreUnavailable(f"{type(exc).__name__}: {exc}".strip()) from exc
        finally:
            if conn is not None:
                self._idle.put((conn, time.monotonic(), fingerprint))
            self._slots.release()

    def close(self) -> None:
        while True:
            try:
                _close_quietly(self._idle.get_nowait()[0])
            except queue.Empty:
                return

    # -- schema ------------------------------------------------------------------------------

    def migrate(self) -> int:
        """Create or upgrade the schema; safe when several processes start at once."""
        with self._lock:
            with self._raw_transaction() as db:
                if self.dialect == "postgres":
                    db.execute(
                        "SELECT pg_advisory_xact_lock(726173)"
                    )  # serialise concurrent migrations
                db.execute(
                    "CREATE TABLE IF NOT EXISTS schema_version "
                    "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL, note TEXT NOT NULL)"
                )
                row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
                current = row[0] or 0
                if current > LATEST:
                    raise StoreUnavailable(
                        f"the lead database has schema version {current}, newer "
                        f"than this hubtool knows ({LATEST}): upgrade hubtool"
                    )
                for version, note, sqls in MIGRATIONS:
                    if version <= current:
                        continue
                    for sql in sqls:
                        db.execute(statements(self.dialect, sql))
                    db.execute(
                        "INSERT INTO schema_version (version, applied_at, note) VALUES (?, ?, ?)",
                        (version, now_iso(), note),
                    )
                    log.info("lead database migrated to version %d (%s)", version, note)
            self._ready = True
            return LATEST

    def schema_version(self) -> int:
        with self.transaction() as db:
            return int(db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)

    def ping(self) -> int:
        """A real (tiny) write: a database that can be read but not written is not healthy."""
        with self.transaction() as db:
            self._hit(db, "~health", int(time.time() // 60))
            return int(db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)

    # -- the write path ----------------------------------------------------------------------

    def submit(
        self,
        rate_key: str,
        window: int,
        limit: int,
        lead: NewLead | None,
        queue_outbox: bool,
        next_attempt_at: float = 0.0,
    ) -> Outcome:
        """One transaction: idempotency check, rate-limit hit, then the lead (and its outbox entry).

        `lead=None` only counts the hit (an invalid submission still costs the sender).
        """
        return self.submit_one(
            Submission(rate_key, window, limit, lead, queue_outbox, next_attempt_at)
        )

    def submit_one(self, job: Submission) -> Outcome:
        """`submit` of one prepared Submission."""
        try:
            with self.transaction() as db:
                return self._submit(db, job)
        except self._integrity:
            # Two copies of one submission raced (PostgreSQL, several workers): the first one won.
            if job.lead is None or not job.lead.submission_id:
                raise
            with self.transaction() as db:
                earlier = self._by_submission(db, job.lead.submission_id)
            if earlier is None:
                raise
            return earlier

    def submit_many(self, jobs: list[Submission]) -> list[Outcome | Exception]:
        """Group commit: several submissions in ONE transaction (one fsync), each in its own
        savepoint so one bad job fails alone. Nothing is acknowledged before the commit: if it
        fails, StoreUnavailable is raised for the whole batch."""
        results: list[Outcome | Exception] = []
        with self.transaction() as db:
            for job in jobs:
                db.execute("SAVEPOINT job")
                try:
                    results.append(self._submit(db, job))
                except Exception as exc:
                    if self._is_unavailable(exc):
                        raise
                    db.execute("ROLLBACK TO job")
                    results.append(exc)
                db.execute("RELEASE job")
        return results

    def _submit(self, db: _Conn, job: Submission) -> Outcome:
        lead = job.lead
        if lead is not None and lead.submission_id:
            earlier = self._by_submission(db, lead.submission_id)
            if earlier:
                return earlier
        hits = self._hit(db, job.rate_key, job.window)
        if job.limit and hits > job.limit:
            return Outcome("limited")
        if lead is None:
            return Outcome("counted")
        lead_id = db.execute(
            f"INSERT INTO leads ({', '.join(LEAD_COLUMNS[1:])}) "
            f"VALUES ({', '.join('?' * (len(LEAD_COLUMNS) - 1))}) RETURNING id",
            (
                lead.created_at,
                lead.form_id,
                lead.submission_id or None,
                lead.email,
                json.dumps(lead.fields, ensure_ascii=False),
                *(lead.context.get(c, "") for c in CONTEXT_COLUMNS),
                int(lead.consent),
                lead.consent_version,
                int(lead.consent_crossborder),
                int(bool(lead.spam_reason)),
                lead.spam_reason,
                lead.client_hash,
                json.dumps(lead.result, ensure_ascii=False),
            ),
        ).fetchone()[0]
        if job.queue_outbox and not lead.spam_reason:
            db.execute(
                "INSERT INTO outbox (lead_id, next_attempt_at, created_at) VALUES (?, ?, ?)",
                (lead_id, job.next_attempt_at, lead.created_at),
            )
        return Outcome("stored", int(lead_id), lead.result)

    @staticmethod
    def _hit(db: _Conn, key: str, window: int) -> int:
        """One more hit of `key` in the minute `window`; the hits so far."""
        return int(
            db.execute(
                "INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, 1) "
                "ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 "
                "RETURNING hits",
                (key, window),
            ).fetchone()[0]
        )

    def _by_submission(self, db: _Conn, submission_id: str) -> Outcome | None:
        row = db.execute(
            "SELECT id, result FROM leads WHERE submission_id = ?", (submission_id,)
        ).fetchone()
        return Outcome("duplicate", int(row[0]), json.loads(row[1] or "{}")) if row else None

    def prune_rate_limits(self, before_window: int) -> None:
        with self.transaction() as db:
            db.execute("DELETE FROM rate_limits WHERE window_start < ?", (before_window,))

    # -- the outbox --------------------------------------------------------------------------

    def claim_deliveries(self, now: float, lease_seconds: float, limit: int = 10) -> list[Delivery]:
        """Due outbox entries, leased so another receiver process does not send them at once."""
        skip = " FOR UPDATE SKIP LOCKED" if self.dialect == "postgres" else ""
        with self.transaction() as db:
            rows = db.execute(
                "UPDATE outbox SET next_attempt_at = ? WHERE id IN (SELECT id FROM outbox "
                f"WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?{skip}) "
                "RETURNING id, lead_id, attempts",
                (now + lease_seconds, now, limit),
            ).fetchall()
            out = []
            for outbox_id, lead_id, attempts in sorted(rows):
                lead = self._lead(db, lead_id)
                if lead is not None:
                    out.append(Delivery(int(outbox_id), int(lead_id), int(attempts), lead))
            return out

    def delivered(self, outbox_id: int) -> None:
        with self.transaction() as db:
            db.execute(
                "UPDATE outbox SET status = 'delivered', attempts = attempts + 1, "
                "delivered_at = ?, last_error = '' WHERE id = ?",
                (now_iso(), outbox_id),
            )

    def failed(self, outbox_id: int, error: str, retry_at: float | None) -> None:
        """Count a failed attempt: retry at `retry_at`, or park as dead when it is None."""
        with self.transaction() as db:
            if retry_at is None:
                db.execute(
                    "UPDATE outbox SET status = 'dead', attempts = attempts + 1, "
                    "last_error = ? WHERE id = ?",
                    (error[:500], outbox_id),
                )
            else:
                db.execute(
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, "
                    "last_error = ? WHERE id = ?",
                    (retry_at, error[:500], outbox_id),
                )

    def retry_dead(self) -> int:
        """Put dead deliveries back in the queue (after the webhook is fixed)."""
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE outbox SET status = 'pending', attempts = 0, "
                "next_attempt_at = 0 WHERE status = 'dead'"
            )
            return int(cursor.rowcount)

    # -- reading, erasing --------------------------------------------------------------------

    def _lead(self, db: _Conn, lead_id: int) -> dict[str, Any] | None:
        row = db.execute(
            f"SELECT {', '.join(LEAD_COLUMNS)} FROM leads WHERE id = ?", (lead_id,)
        ).fetchone()
        return _lead_dict(row) if row else None

    def leads(
        self, since: str = "", form_id: str = "", include_spam: bool = False
    ) -> list[dict[str, Any]]:
        where, params = ["created_at >= ?"], [since]
        if form_id:
            where.append("form_id = ?")
            params.append(form_id)
        if not include_spam:
            where.append("spam = 0")
        with self.transaction() as db:
            rows = db.execute(
                f"SELECT {', '.join(LEAD_COLUMNS)} FROM leads "
                f"WHERE {' AND '.join(where)} ORDER BY id",
                params,
            ).fetchall()
        return [_lead_dict(row) for row in rows]

    def stats(self) -> dict[str, Any]:
        with self.transaction() as db:

            def grouped(sql: str) -> list[list[Any]]:
                return [list(r) for r in db.execute(sql).fetchall()]

            return {
                "forms": grouped(
                    "SELECT form_id, SUM(1 - spam), SUM(spam) FROM leads "
                    "GROUP BY form_id ORDER BY form_id"
                ),
                "pages": grouped(
                    "SELECT page_url, COUNT(*) FROM leads WHERE spam = 0 "
                    "GROUP BY page_url ORDER BY COUNT(*) DESC, page_url"
                ),
                "utm_sources": grouped(
                    "SELECT utm_source, COUNT(*) FROM leads WHERE spam = 0 "
                    "GROUP BY utm_source ORDER BY COUNT(*) DESC, utm_source"
                ),
                "outbox": dict(
                    db.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status").fetchall()
                ),
                "dead": grouped(
                    "SELECT id, lead_id, attempts, last_error FROM outbox "
                    "WHERE status = 'dead' ORDER BY id"
                ),
            }

    def delete_email(self, email: str) -> int:
        """Erase every lead of one address (PIPL art. 47, GDPR art. 17), with its queued deliveries."""
        with self.transaction() as db:
            ids = [
                r[0]
                for r in db.execute(
                    "SELECT id FROM leads WHERE email = ?", (email.strip().casefold(),)
                ).fetchall()
            ]
            for lead_id in ids:
                db.execute("DELETE FROM outbox WHERE lead_id = ?", (lead_id,))
                db.execute("DELETE FROM leads WHERE id = ?", (lead_id,))
            return len(ids)


class _Conn:
    """The two drivers behind one `execute(sql with ?, params)`."""

    def __init__(self, conn: Any, dialect: str) -> None:
        self.conn = conn
        self.postgres = dialect == "postgres"

    def execute(self, sql: str, params: Any = ()) -> Any:
        if self.postgres:
            return self.conn.execute(sql.replace("?", "%s"), params)
        return self.conn.execute(sql, params)


def _lead_dict(row: Any) -> dict[str, Any]:
    lead = dict(zip(LEAD_COLUMNS, row))
    lead["fields"] = json.loads(lead["fields"] or "{}")
    lead["result"] = json.loads(lead["result"] or "{}")
    for key in ("consent", "consent_crossborder", "spam"):
        lead[key] = bool(lead[key])
    lead["id"] = int(lead["id"])
    lead["submission_id"] = lead["submission_id"] or ""
    return lead


def _close_quietly(conn: Any) -> None:
    try:
        conn.close()
    except Exception:
        pass
