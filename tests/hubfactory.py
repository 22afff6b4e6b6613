"""Tiny real hubs for tests: a temp folder with the repo's mkdocs.yml, hooks and theme, plus given files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The demo's dates (news cadence, certificate validity) are written for this day; builds and audits of
# the demo measure from it, so the suite stays green as the calendar moves on.
DEMO_TODAY = "2026-11-23"
DEMO_EPOCH = "1795392000"  # 2026-11-23T00:00:00Z, for MkDocs' SOURCE_DATE_EPOCH


def make_hub(root: Path, files: dict[str, str], *, config_extra: str = "") -> Path:
    """Write a hub into `root`: the repo's configuration (theme from the package) and `files`."""
    root.mkdir(parents=True, exist_ok=True)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "custom_dir: tools/hubtool/theme", f"custom_dir: {REPO}/tools/hubtool/theme"
    )
    config = config.replace("  - tools/hubtool/theme\n", f"  - {REPO}/tools/hubtool/theme\n")
    (root / "mkdocs.yml").write_text(config + textwrap.dedent(config_extra), encoding="utf-8")
    shutil.copytree(REPO / "hooks", root / "hooks", dirs_exist_ok=True)
    defaults = {
        "docs/index.md": "# 首页\n",
        "docs/about.md": "# 关于\n",
        "docs/news/index.md": "# 新闻\n",
        "docs/en/news/index.md": "# News\n",
        "cases/index.md": "# 案例\n\n<!-- hub:cases -->\n",
        "whitepapers/index.md": "# 白皮书\n\n<!-- hub:whitepapers -->\n",
    }
    for rel, text in {**defaults, **files}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    for folder in ("docs/assets",):
        (root / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "docs/assets/logo.svg", root / "docs/assets/logo.svg") if (
        REPO / "docs/assets/logo.svg"
    ).exists() else None
    return root


def build(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` on a hub; the site goes to `root/site`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(root / "site"),
            *args,
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
