"""Fixtures of the report tests: one fixture hub with its lead store and analytics exports."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportkit import make_report_hub


@pytest.fixture
def report_hub(tmp_path: Path) -> Path:
    """A fresh fixture hub, for tests that write (history, outputs)."""
    return make_report_hub(tmp_path / "hub")


@pytest.fixture(scope="module")
def shared_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One fixture hub per test module, for tests that only read it."""
    return make_report_hub(tmp_path_factory.mktemp("report") / "hub")
