"""Real hubs for tests, written from data: `write_hub` (the one writer, also the `hub_factory`
fixture), `make_hub` (with the starter pages a build needs) and `build` (the real `mkdocs build`)."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
# The demo's dates (news cadence, certificate validity) are written for this day; builds and audits of
# the demo measure from it, so the suite stays green as the calendar moves on.
DEMO_TODAY = "2026-11-23"
DEMO_EPOCH = "1795392000"  # 2026-11-23T00:00:00Z, for MkDocs' SOURCE_DATE_EPOCH


# The few pages a browsable hub needs: home, about, the news blog and the two listings.
STARTER_PAGES = {
    "docs/index.md": "# 首页\n",
    "docs/about.md": "# 关于\n",
    "docs/news/index.md": "# 新闻\n",
    "docs/en/news/index.md": "# News\n",
    "cases/index.md": "# 案例\n\n<!-- hub:cases -->\n",
    "whitepapers/index.md": "# 白皮书\n\n<!-- hub:whitepapers -->\n",
}


def repo_config() -> dict[str, Any]:
    """The demo hub's mkdocs.yml as data (it holds no custom YAML tags)."""
    return yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))


def merged(base: Any, changes: Any) -> Any:
    """`changes` merged into `base` as data: mappings key by key, anything else replaced; a key set
    to `DELETE` is removed."""
    if not isinstance(base, dict) or not isinstance(changes, dict):
        return copy.deepcopy(changes)
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if value is DELETE:
            out.pop(key, None)
        else:
            out[key] = merged(out.get(key), value)
    return out


DELETE = object()  # merged({"a": 1}, {"a": DELETE}) == {}


def write_hub(
    root: Path,
    files: dict[str, str] | None = None,
    *,
    hub: dict[str, Any] | None = None,
    config: dict[str, Any] | None = None,
    base: dict[str, Any] | None = None,
    starter_pages: bool = False,
) -> Path:
    """Write a real hub into `root` and return it: the one way tests make a hub.

    mkdocs.yml is `base` (default: the demo hub's configuration) with `config` merged into it and
    `hub` merged into its `extra.hub`, as data; the theme is the package's, the hooks are copied.
    `files` (relative path -> text, dedented) are written as given; `starter_pages` adds the home,
    about, news and listing pages a browsable site needs. Tests about YAML *text* (a broken line,
    a full-width colon) write mkdocs.yml themselves after this.
    """
    root.mkdir(parents=True, exist_ok=True)
    data = merged(repo_config() if base is None else base, config or {})
    if hub:
        data["extra"] = merged(data.get("extra") or {}, {"hub": hub})
    theme = data.get("theme")
    if isinstance(theme, dict) and theme.get("custom_dir") == "tools/hubtool/theme":
        theme["custom_dir"] = str(REPO / "tools/hubtool/theme")
    if "watch" in data:
        data["watch"] = [str(REPO / w) if w.startswith("tools/") else w for w in data["watch"]]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    if (REPO / "hooks").is_dir() and data.get("hooks"):
        shutil.copytree(REPO / "hooks", root / "hooks", dirs_exist_ok=True)
    pages = {**STARTER_PAGES, **(files or {})} if starter_pages else dict(files or {})
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    if starter_pages:
        (root / "docs/assets").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "docs/assets/logo.svg", root / "docs/assets/logo.svg")
    return root


def make_hub(root: Path, files: dict[str, str], *, hub: dict[str, Any] | None = None) -> Path:
    """A browsable hub (starter pages included) for build tests: `write_hub` with starter pages."""
    return write_hub(root, files, hub=hub, starter_pages=True)


def script(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`hubtool ARGS` through the installed console script, as a writer or pre-commit runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    hubtool = Path(sys.executable).with_name("hubtool")
    return subprocess.run(
        [str(hubtool), *args], cwd=root, env=env, capture_output=True, text=True, timeout=120
    )


def build(
    root: Path,
    *args: str,
    site_dir: Path | None = None,
    epoch: str | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess:
    """Run the real `mkdocs build` on a hub; the site goes to `site_dir` (default `root/site`).
    `epoch`: SOURCE_DATE_EPOCH, for builds read against dated expectations (DEMO_EPOCH)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if epoch is not None:
        env["SOURCE_DATE_EPOCH"] = epoch
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(site_dir or root / "site"),
            *args,
        ],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
