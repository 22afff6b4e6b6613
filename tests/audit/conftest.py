"""Fixtures of the audit tests: `make_site` writes a tiny real MkDocs site into a temporary folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from auditkit import write_site


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """`make_site({"docs/index.md": "..."}, config=...)` -> the folder holding mkdocs.yml."""
    count = 0

    def make(files: dict[str, str], config: dict[str, Any] | None = None) -> Path:
        nonlocal count
        count += 1
        return write_site(tmp_path / f"site{count}", files, config)

    return make
