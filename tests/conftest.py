"""Fixtures shared by several test folders."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from typing import Any

import pytest
from pgtemp import find_bindir, start_cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Any]:
    """A throwaway PostgreSQL cluster (Debian's binaries); skipped, with the reason printed, without them."""
    if find_bindir() is None:
        reason = "PostgreSQL binaries not found (/usr/lib/postgresql/*/bin): postgres tests skipped"
        print(f"\n{reason}", file=sys.stderr)
        pytest.skip(reason)
    try:
        cluster = start_cluster()
    except RuntimeError as exc:
        print(f"\ncannot start PostgreSQL: {exc}", file=sys.stderr)
        pytest.skip(f"cannot start a throwaway PostgreSQL cluster: {exc}")
    yield cluster
    cluster.destroy()
