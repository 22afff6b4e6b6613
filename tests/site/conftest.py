"""Site fixtures: the real demo site (this repository's configuration and content), built once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hubfactory import DEMO_EPOCH, REPO


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo hub built by the real `mkdocs build --strict` into a temporary folder."""
    out = tmp_path_factory.mktemp("demo-site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": DEMO_EPOCH}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(REPO / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return out
