"""MkDocs hook: validates front matter, brings cases/ and whitepapers/ into the build, maps languages.

Thin on purpose: the logic lives in `hubtool.site.hook` (hooks are not reloaded by `mkdocs serve`).
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from hubtool.site import hook

hook.refuse_unsafe_config()  # MkDocs imports hooks while reading mkdocs.yml: refuse alias bombs first

_build: hook.Build | None = None


def _current() -> hook.Build:
    if _build is None:  # MkDocs always calls on_config first
        raise RuntimeError("hubtool's hook ran before on_config")
    return _build


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _build
    _build = hook.start(config.config_file_path)
    return config


@event_priority(100)  # before mkdocs-material's blog (-50) and meta plugins, so they see our files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return hook.collect(_current(), files, config)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return hook.page_markdown(_current(), markdown, page)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Any:
    return hook.configure_env(env)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    hook.page_written(page)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    hook.finish(_current(), config.site_dir)
