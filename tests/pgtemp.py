"""A throwaway PostgreSQL cluster in a temporary folder, for tests and benchmarks of the lead store."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

PORT = 5432  # no TCP listener: the port only names the socket file in our own folder


def find_bindir() -> Path | None:
    """Debian's PostgreSQL binaries ($HUBTOOL_PG_BIN, else the newest /usr/lib/postgresql/*/bin)."""
    candidates = [os.environ.get("HUBTOOL_PG_BIN", "")]
    candidates += sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
        reverse=True,
    )
    for folder in candidates:
        if folder and (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def _run_as() -> list[str]:
    """PostgreSQL refuses to run as root: drop to `postgres` (or `nobody`) when we are root."""
    if os.geteuid() != 0:
        return []
    for user in ("postgres", "nobody"):
        try:
            pwd.getpwnam(user)
        except KeyError:
            continue
        return ["runuser", "-u", user, "--"]
    raise RuntimeError("running as root and no postgres or nobody user to run PostgreSQL as")


@dataclass
class TempCluster:
    """A private cluster: data and unix socket in `folder`, superuser `hub`, trust authentication."""

    bindir: Path
    folder: Path
    fsync: bool = False

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, dbname: str = "postgres", schema: str = "") -> str:
        url = f"postgresql://hub@/{dbname}?host={self.folder}&port={PORT}"
        return url + (f"&options=-csearch_path%3D{schema}" if schema else "")

    def _pg(self, *args: str) -> None:
        result = subprocess.run([*_run_as(), *args], capture_output=True, text=True, timeout=60)
        if result.returncode:
            log = (
                (self.folder / "log").read_text(errors="replace")[-2000:]
                if (self.folder / "log").exists()
                else ""
            )
            raise RuntimeError(f"{' '.join(args[:2])} failed: {result.stderr.strip()} {log}")

    def init(self) -> None:
        self._pg(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "hub",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )

    def start(self) -> None:
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.folder}' -p {PORT} "
            f"-c max_connections=60 -c fsync={'on' if self.fsync else 'off'}"
        )
        self._pg(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.folder / "log"),
            "-w",
            "-t",
            "30",
            "-o",
            options,
            "start",
        )

    def stop(self) -> None:
        self._pg(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def create_database(self, name: str | None = None) -> str:
        """A fresh database; returns its URL."""
        import psycopg

        name = name or f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def create_schema(self, name: str | None = None) -> str:
        """A fresh schema in the default database (much cheaper than a database); returns a URL
        whose connections use it."""
        import psycopg

        name = name or f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{name}"')
        return self.url(schema=name)

    def destroy(self) -> None:
        try:
            # Throwaway data: no need to wait for clients or a checkpoint.
            self._pg(
                str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"
            )
        except Exception:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(fsync: bool = False) -> TempCluster:
    """initdb + pg_ctl start in a new temporary folder; raise RuntimeError when impossible."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError(
            "PostgreSQL binaries not found (/usr/lib/postgresql/*/bin; Debian package postgresql)"
        )
    folder = Path(tempfile.mkdtemp(prefix="hubpg-"))
    run_as = _run_as()
    if run_as:
        user = pwd.getpwnam(run_as[2])
        os.chown(folder, user.pw_uid, user.pw_gid)
    cluster = TempCluster(bindir, folder, fsync)
    try:
        cluster.init()
        cluster.start()
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return cluster
