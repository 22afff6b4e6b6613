"""Fixtures shared by several test folders: `hub_factory` (a real hub written from data) and the
throwaway PostgreSQL cluster."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hubfactory
import pytest
from pgtemp import find_bindir, start_cluster


class HubFactory:
    """Writes a real hub into a fresh folder under the test's tmp_path (hub1, hub2, ...) with
    `hubfactory.write_hub`: `hub_factory({"cases/a.md": "..."}, hub={"leads": {...}})`.
    Configuration is merged as data (`config` into mkdocs.yml, `hub` into its `extra.hub`)."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.made = 0

    def __call__(
        self,
        files: dict[str, str] | None = None,
        *,
        hub: dict[str, Any] | None = None,
        config: dict[str, Any] | None = None,
        base: dict[str, Any] | None = None,
        starter_pages: bool = False,
    ) -> Path:
        self.made += 1
        return hubfactory.write_hub(
            self.tmp_path / f"hub{self.made}",
            files,
            hub=hub,
            config=config,
            base=base,
            starter_pages=starter_pages,
        )


@pytest.fixture
def hub_factory(tmp_path: Path) -> HubFactory:
    """`hub_factory(files, *, hub=, config=, base=, starter_pages=)` -> the new hub's folder."""
    return HubFactory(tmp_path)


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
