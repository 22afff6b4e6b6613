"""The package keeps its layers: import-linter's contracts in pyproject.toml ([tool.importlinter]).

An import from a lower layer into a higher one (the audit reaching into the MkDocs integration, say)
fails here with import-linter's report of the offending line, instead of slowly undoing the layering.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path, package_dir: Path) -> subprocess.CompletedProcess[str]:
    """`lint-imports` on the package found in `package_dir`, with root's pyproject.toml contracts."""
    if not LINT_IMPORTS.exists():
        pytest.fail(f"{LINT_IMPORTS} is missing: pip install -e '.[test]' (import-linter)")
    env = {**os.environ, "PYTHONPATH": str(package_dir)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_every_import_contract_is_kept() -> None:
    result = lint_imports(ROOT, ROOT / "tools")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_build(tmp_path: Path) -> None:
    """The gate is not vacuous: the audit importing the site layer (how it used to reach the CTA)
    is reported, naming the contract and the importing module."""
    shutil.copytree(
        ROOT / "tools" / "hubtool",
        tmp_path / "tools" / "hubtool",
        ignore=shutil.ignore_patterns("__pycache__", "theme", "data"),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    model = tmp_path / "tools" / "hubtool" / "audit" / "model.py"
    model.write_text(
        model.read_text(encoding="utf-8") + "\nfrom ..site import listings  # noqa\n",
        encoding="utf-8",
    )
    result = lint_imports(tmp_path, tmp_path / "tools")
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
    assert "hubtool.audit.model -> hubtool.site.listings" in result.stdout
