"""Heading ids that keep Chinese: `## 部署步骤` gets `id="部署步骤"`, so `[步骤](#部署步骤)` works.

Markdown's default slugify keeps ASCII only, so every Chinese heading became `_1`, `_2`… and a link
written the way a Chinese writer writes it pointed nowhere (TEC007). The hook makes pymdownx's
Unicode slugify (lower case; punctuation, ASCII and full-width, dropped; words joined with `-`, as
GitHub does) the default of `toc`; a `toc.slugify` in mkdocs.yml wins. `hubtool check` renders
pages with the same default.
"""

from __future__ import annotations

from typing import Any

from pymdownx.slugs import slugify as _configurable

slugify = _configurable(case="lower")


def chinese_heading_ids(mdx_configs: dict[str, Any]) -> None:
    """Set `toc.slugify` in MkDocs' extension options, unless mkdocs.yml sets one."""
    toc = mdx_configs.get("toc")
    mdx_configs["toc"] = {"slugify": slugify, **(toc if isinstance(toc, dict) else {})}
