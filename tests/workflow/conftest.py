"""Fixtures of the writer-workflow tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from workflowkit import write_hub


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    """An empty hub with the repo's configuration."""
    return write_hub(tmp_path / "hub")
