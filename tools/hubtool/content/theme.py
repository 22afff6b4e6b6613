"""The theme's folders, and the page templates a page's `template:` may name.

MkDocs looks a template up in the hub's `theme.custom_dir` first, then in mkdocs-material's own
templates. A `template:` naming neither stops the build with a traceback (TemplateNotFound), so
the loader checks it like any other field.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from ..config import HubConfig


def theme_dirs(config: HubConfig) -> list[Path]:
    """The hub's custom_dir (when set), then mkdocs-material's templates, in lookup order."""
    theme = config.mkdocs.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    dirs = [config.root / str(custom)] if custom else []
    spec = importlib.util.find_spec("material")
    if spec is not None and spec.submodule_search_locations:
        dirs.append(Path(next(iter(spec.submodule_search_locations))) / "templates")
    return dirs


def page_templates(config: HubConfig) -> frozenset[str]:
    """Every `.html` file of the theme folders, by its name relative to its folder."""
    return _html_below(tuple(str(folder) for folder in theme_dirs(config)))


@lru_cache(maxsize=8)
def _html_below(folders: tuple[str, ...]) -> frozenset[str]:
    return frozenset(
        path.relative_to(folder).as_posix()
        for folder in map(Path, folders)
        if folder.is_dir()
        for path in folder.rglob("*.html")
    )
