"""The preview's renderer: one full MkDocs build, kept in memory, then any edited page rendered alone.

`mkdocs serve` rebuilds the whole site on every save (16 s at 524 pages); `--dirty` skips only the
Markdown rendering of unchanged pages, while on_files, the blog's post loading, our front-matter
validation of every file and the writing of every page still run, and listings go stale. Here a worker
process builds the site once with MkDocs' own `build()`, keeping what the build computed (the loaded
config after every plugin's on_config, the files after on_files, the navigation after on_nav, the
Jinja environment after on_env). An edited page is then re-read, validated by our loader, given to
every plugin's on_page_markdown (our hooks included) and rendered through the theme with MkDocs' own
per-page functions, into the same site folder: a fraction of a second whatever the hub's size.
Other pages' listings and navigation still show the older state until the next full build, which
`devserver` runs in a fresh worker in the background and swaps in when done.

Protocol (one JSON document per line): the worker answers `{"built": pages, "seconds": s}` or
`{"failed": message}` once, then `{"render": [paths]}` with `{"rendered": [...], "errors": [...],
"warnings": [...], "rebuild": [...], "drafts": [...], "seconds": s}`.

    python -m hubtool.site.preview CONFIG_FILE SITE_DIR SERVE_URL
"""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any, TextIO

import jinja2
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from ..content.load import Hub, load_item
from . import hook


class _Keep(BasePlugin):
    """Registered last on every event it has: keeps what the build computed for later single pages."""

    nav: Any = None
    files: Any = None
    env: Any = None

    @event_priority(-10_000)
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav, self.files = nav, files
        return nav

    @event_priority(-10_000)
    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        self.env, self.files = env, files
        return env


class Renderer:
    """A built site in memory; renders single edited pages into `site_dir`."""

    def __init__(self, config_file: str, site_dir: str, serve_url: str) -> None:
        self.config_file, self.site_dir, self.serve_url = config_file, site_dir, serve_url
        self.keep = _Keep()
        self.config: Any = None
        self.pages: dict[str, Any] = {}  # real path of a source -> its mkdocs File

    def build(self) -> int:
        """The full build, as `mkdocs serve` does it (drafts of `draft_docs` shown, local site_url)."""
        config = load_config(config_file=self.config_file, site_dir=self.site_dir)
        config.plugins.on_startup(command="serve", dirty=False)
        config.site_url = self.serve_url
        config.plugins["hubtool/preview"] = self.keep
        mkdocs_build.build(config, serve_url=self.serve_url)
        self.config = config
        self.pages = {
            os.path.realpath(f.abs_src_path): f
            for f in self.keep.files.documentation_pages()
            if f.abs_src_path and f.page is not None
        }
        return len(self.pages)

    def _hub_build(self) -> hook.Build | None:
        """Our hook's state for this build (the hook module keeps it between its events)."""
        for plugin in self.config.plugins.values():
            for value in vars(plugin).values() if hasattr(plugin, "__dict__") else ():
                if isinstance(value, hook.Build):
                    return value
        return None

    def render(self, paths: list[str]) -> dict[str, Any]:
        start = time.perf_counter()
        result: dict[str, Any] = {
            "rendered": [],
            "errors": [],
            "warnings": [],
            "rebuild": [],
            "drafts": [],
        }
        state = self._hub_build()
        for path in paths:
            self._render_one(Path(path), state, result)
        result["seconds"] = round(time.perf_counter() - start, 3)
        return result

    def _render_one(self, path: Path, state: hook.Build | None, result: dict[str, Any]) -> None:
        file = self.pages.get(os.path.realpath(path))
        rel = state.config.rel(path) if state else str(path)
        if state is None or path.suffix != ".md":
            result["rebuild"].append(rel)
            return
        item = load_item(path, state.config)  # the same loader and validation as the build's
        if item.errors:
            result["errors"] += [str(p) for p in item.errors]
            return
        result["warnings"] += [str(p) for p in item.problems if p.severity == "warning"]
        if file is None:
            # Not in this build: a new page, or a draft (never built). Drafts need no rebuild.
            result["rebuild" if item.published else "drafts"].append(rel)
            return
        if not item.published or item.src_uri != file.src_uri:
            result["rebuild"].append(rel)  # it leaves the site or moves: only a full build knows
            return
        _replace_item(state, item)
        page = file.page
        try:
            _reread_post(page, self.config)
            mkdocs_build._populate_page(page, self.config, self.keep.files)
            doc_files = self.keep.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            mkdocs_build._build_page(
                page,
                self.config,
                doc_files,
                self.keep.nav,
                self.keep.env,
                excluded=file.inclusion.is_excluded(),
            )
        except Exception as exc:  # a plugin's or the theme's error: report it, keep serving
            result["errors"].append(f"{rel}: {exc}")
            return
        result["rendered"].append(page.url)


def _replace_item(state: hook.Build, item: Any) -> None:
    """The hook renders a page from its loaded item: give it the edited file's."""
    items = tuple(item if old.path == item.path else old for old in state.hub.items)
    state.hub = Hub(items)
    state.by_src_uri[item.src_uri] = item


def _reread_post(page: Any, config: Any) -> None:
    """A blog post reads its file when the blog creates it (its read_source does nothing): read it
    again the same way, so the blog validates the edited metadata as it would in a full build."""
    try:
        from material.plugins.blog.structure import Post
    except ImportError:  # pragma: no cover - the blog plugin is part of mkdocs-material
        return
    if not isinstance(page, Post):
        return
    fresh = Post(page.file, config)  # raises the blog's own PluginError on bad metadata
    page.file.page = page  # Page.__init__ pointed the file at the fresh copy
    page.markdown, page.meta, page.config = fresh.markdown, fresh.meta, fresh.config


class _Errors(logging.Handler):
    """MkDocs logs what stopped a build, then raises a bare "Aborted with a BuildError!": keep the log."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _log_to_stderr() -> _Errors:
    """Warnings of MkDocs and its plugins go to the terminal, as `mkdocs serve` shows them; errors
    are kept for the answer (the server prints them once, in the writer's language)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.addFilter(lambda record: record.levelno < logging.ERROR)
    errors = _Errors()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.addHandler(errors)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:  # jieba announces loading its dictionary on every build: noise between the writer's lines
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:
        pass
    return errors


def main(argv: list[str]) -> None:
    config_file, site_dir, serve_url = argv
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: serve stops us
    # The protocol owns the real stdout; anything a plugin prints goes to the terminal instead.
    protocol: TextIO = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    errors = _log_to_stderr()

    def send(message: dict[str, Any]) -> None:
        protocol.write(json.dumps(message, ensure_ascii=False) + "\n")

    renderer = Renderer(config_file, site_dir, serve_url)
    start = time.perf_counter()
    try:
        pages = renderer.build()
    except BaseException as exc:
        send({"failed": "\n".join(errors.messages) or str(exc) or type(exc).__name__})
        return
    send({"built": pages, "seconds": round(time.perf_counter() - start, 2)})
    try:
        for line in sys.stdin:
            request = json.loads(line)
            if "render" not in request:
                break
            send({"id": request.get("id"), **renderer.render(list(request["render"]))})
    finally:
        renderer.config.plugins.on_shutdown()  # as `mkdocs serve` ends: plugins remove their files


if __name__ == "__main__":
    main(sys.argv[1:])
