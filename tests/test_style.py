"""Lint and layout stay clean: `ruff check` with the rule families chosen in pyproject.toml
([tool.ruff.lint]), and `ruff format`.

A finding fails the suite with ruff's own report (file:line:column, code, message); most are fixed
by `ruff check --fix`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RUFF = Path(sys.executable).with_name("ruff")


def test_ruff_check_finds_nothing() -> None:
    if not RUFF.exists():
        pytest.fail(f"{RUFF} is missing: pip install -e '.[test]' (ruff)")
    result = subprocess.run(
        [str(RUFF), "check", "--no-cache", "--output-format", "concise", "tools", "tests", "hooks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted_by_ruff() -> None:
    """One layout for the whole tree (`ruff format`): a diff shows what changed, not who wrote it."""
    result = subprocess.run(
        [str(RUFF), "format", "--check", "--no-cache", "tools", "tests", "hooks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:] + "\nrun: ruff format"
