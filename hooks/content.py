"""MkDocs hook: validates front matter, brings cases/ and whitepapers/ into the build, maps languages.

Thin on purpose: the logic lives in `hubtool.site.hook` (hooks are not reloaded by `mkdocs serve`).
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from hubtool.site import hook

hook.refuse_unsafe_config()  # MkDocs imports hooks while reading mkdocs.yml: refuse alias bombs first

_build: hook.Build | None = None


def on_config(config):
    global _build
    _build = hook.start(config.config_file_path)
    return config


@event_priority(100)  # before mkdocs-material's blog (-50) and meta plugins, so they see our files
def on_files(files, config):
    return hook.collect(_build, files, config)


def on_page_markdown(markdown, page, config, files):
    return hook.page_markdown(_build, markdown, page)


def on_env(env, config, files):
    return hook.configure_env(env)


def on_post_build(config):
    hook.finish(_build, config.site_dir)
