"""Site fixtures: the real demo site (this repository's configuration and content), built once."""

from __future__ import annotations

from pathlib import Path

import pytest
from hubfactory import DEMO_EPOCH, REPO, build


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo hub built by the real `mkdocs build --strict` into a temporary folder."""
    out = tmp_path_factory.mktemp("demo-site")
    result = build(REPO, "--strict", site_dir=out, epoch=DEMO_EPOCH, timeout=600)
    assert result.returncode == 0, result.stderr[-4000:]
    return out
