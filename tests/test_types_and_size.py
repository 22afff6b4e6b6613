"""The package's shape, kept by the suite: mypy passes on it (the settings in pyproject.toml's
[tool.mypy]: annotations required, untyped bodies checked, Any returns and impossible comparisons
flagged), and no function reaches 60 lines (a longer one is several jobs: split it by job).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "tools" / "hubtool"
MAX_FUNCTION_LINES = 59


def test_mypy_finds_no_type_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]


def long_functions(root: Path) -> list[str]:
    """`path:line name (N lines)` of every function longer than the limit; an outer function
    counts the functions nested in it."""
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    where = path.relative_to(root)
                    found.append(f"{where}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_no_function_in_the_package_reaches_60_lines() -> None:
    assert len(list(PACKAGE.rglob("*.py"))) > 50  # the package was found
    assert long_functions(PACKAGE) == []


def test_the_length_check_sees_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{n} = {n}" for n in range(60))
    (tmp_path / "long.py").write_text(f"def long():\n{body}\n", encoding="utf-8")
    (tmp_path / "short.py").write_text("def short():\n    return 1\n", encoding="utf-8")
    found = long_functions(tmp_path)
    assert len(found) == 1 and "long (61 lines)" in found[0]
