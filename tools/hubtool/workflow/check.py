"""`hubtool check`: front matter, every source rule and the page rules of the changed pages, without building."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..audit.adoption import writers_lang
from ..audit.engine import AuditResult
from ..config import HubConfig
from ..content.folders import sources as hub_sources
from ..content.folders import unsafe_links
from ..content.items import Item
from ..content.load import Hub, load_hub
from ..errors import HubError


def scope(
    config: HubConfig, paths: Sequence[Path], found: Mapping[Path, Path] | None = None
) -> tuple[frozenset[str] | None, list[str]]:
    """The source files (relative names) to report on, or None for all; and the given paths that are
    not sources of this hub. The configuration file among `paths` means: check everything.
    `found`: the hub's sources with their real paths (`content.folders.sources`), when the caller
    has them already."""
    if not paths:
        return None, []
    sources = set((hub_sources(config) if found is None else found).values())
    # Unsafe symlinks are named by the link, not its target (SEC001): a pre-commit passes the link.
    links = {config.root / link.link: link.link for link in unsafe_links(config)}
    wanted, skipped = set(), []
    for path in paths:
        written = path.absolute().parent.resolve() / path.name  # the link itself, not its target
        if written in links:
            wanted.add(links[written])
            continue
        resolved = path.resolve()
        if not resolved.exists():
            raise HubError(f"{path}: no such file")
        if resolved == config.path:
            return None, []
        if resolved.is_dir():
            inside = {s for s in sources if resolved in s.parents}
            wanted |= {config.rel(s) for s in inside}
            wanted |= {rel for link, rel in links.items() if link.is_relative_to(resolved)}
        elif resolved in sources:
            wanted.add(config.rel(resolved))
        else:
            skipped.append(str(path))
    return frozenset(wanted), skipped


class PageRenderer(Protocol):
    """Renders source pages into page facts as the build would (`hubtool.site.source_pages`,
    given by the command: the workflow layer does not talk to MkDocs itself)."""

    PAGE_RULES: frozenset[str]

    def render_site(
        self, config: HubConfig, hub: Hub, items: Sequence[Item], today: dt.date
    ) -> Any: ...


def run_check(
    config: HubConfig,
    paths: Sequence[Path] = (),
    today: dt.date | None = None,
    lang: str | None = None,
    pages_from: PageRenderer | None = None,
) -> tuple[AuditResult, list[str]]:
    """Findings of the front matter, the source rules and the page rules; with `paths`, only those
    in these files.

    The whole hub is always loaded: cross-page rules (cannibalised keywords, duplicate sentences,
    cadence) need every file even when one file is checked; the other rules read only these files.
    Page rules (keywords in title, description, intro and subheadings; widths; H1; alt texts; links)
    judge the checked pages rendered as the build renders them (`pages_from`; without it none run);
    the site rules that need the whole build are named in the summary, for `hubtool seo-audit`.
    What is worth keeping between runs (validated front matter, ED005's sentences) is kept in
    `.cache/hubtool/` of the hub.
    """
    from ..audit.engine import configure, run_rules
    from ..audit.model import AuditContext

    found = hub_sources(config)
    only, skipped = scope(config, paths, found)
    today = today or dt.date.today()
    lang = writers_lang(config) if lang is None else lang
    cache_dir = config.root / ".cache" / "hubtool"
    hub = load_hub(config, found, lang=lang, cache_dir=cache_dir)
    rules = configure(config, lang=lang)
    page_rules = pages_from.PAGE_RULES if pages_from is not None else frozenset()
    runs = [r for r in rules if r.scope == "source" or r.code in page_rules]
    pages = None
    if pages_from is not None and any(r.scope == "site" for r in runs):
        items = [i for i in hub.published if only is None or i.rel in only]
        pages = pages_from.render_site(config, hub, items, today)
    ctx = AuditContext(
        config=config,
        hub=hub,
        today=today,
        only=only,
        pages=pages.pages if pages else {},
        cache_dir=cache_dir,
    )
    result = run_rules(ctx, runs)
    later = sorted(r.code for r in rules if r not in runs)
    summary = _summary(config, hub, result, only, pages, later, lang)
    return AuditResult(result.findings, summary, rules=result.rules), skipped


def _summary(
    config: HubConfig,
    hub: Hub,
    result: AuditResult,
    only: frozenset[str] | None,
    pages: Any,
    later: list[str],
    lang: str,
) -> dict[str, Any]:
    """The run's summary: counts, what the full build judges, and notes for the writer."""
    summary = {**result.summary, "sources": len(hub.items) if only is None else len(only)}
    if only is not None:
        summary.pop("suppressed", None)  # counted over the rules' reading, not about these files
    if pages is not None and only is not None:
        summary["pages"] = sum(1 for p in pages.pages if hub.by_url()[p].rel in only)
    summary["full_build_rules"] = later
    summary["left_to_full_build"] = [
        {"path": path, "reason": reason} for path, reason in (pages.left_out if pages else ())
    ]
    summary["stale_schemas"] = stale_schemas(config)
    summary["notes"] = notes(later, summary["left_to_full_build"], lang) + [
        f"编辑器的 front matter 架构已过期（{', '.join(summary['stale_schemas'])} 与 mkdocs.yml 的字段和词表"
        "不一致）：运行 hubtool schema"
        if lang == "zh"
        else f"the editor's front-matter schemas are stale ({', '.join(summary['stale_schemas'])} do not "
        "match mkdocs.yml's fields and vocabulary): run hubtool schema"
    ] * bool(summary["stale_schemas"])
    summary["configuration"] = config.rel(config.path)
    if note := configuration_note(config, lang, failing=bool(result.findings)):
        summary["notes"].append(note)
    return summary


def stale_schemas(config: HubConfig) -> list[str]:
    """Editor schemas (`.vscode/schemas/<kind>.schema.json`, written by `hubtool schema`) that no
    longer match the front matter and the vocabulary of mkdocs.yml (a new industry, say). A hub
    without them is not told anything."""
    from ..content.schema import CONTENT_KINDS
    from .jsonschema import schema_texts

    folder = config.root / ".vscode" / "schemas"
    stale = []
    for name, wanted in schema_texts(config, CONTENT_KINDS).items() if folder.is_dir() else ():
        try:
            current = (folder / name).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # not written (`--kind`), or not readable: nothing to say
        if current != wanted:
            stale.append(config.rel(folder / name))
    return stale


def configuration_note(config: HubConfig, lang: str, failing: bool) -> str | None:
    """Which mkdocs.yml this run read, when the pre-commit hook and a run by hand would differ.

    pre-commit sets unstaged changes aside before it runs the hook (PRE_COMMIT=1): the hook reads
    the staged mkdocs.yml, a writer's own `hubtool check` the file as it is in the editor. A new
    industry added to mkdocs.yml but not staged passes by hand and fails in the hook.
    """
    import os
    import subprocess

    name = config.rel(config.path)
    if os.environ.get("PRE_COMMIT"):
        if not failing:
            return None
        return (
            f"pre-commit 钩子读取的是已暂存（git add）的 {name}；如果你改了 {name}（例如新增行业）却没有暂存，"
            f"请先 git add {name} 再提交"
            if lang == "zh"
            else f"the pre-commit hook reads the staged {name}; if you changed {name} (a new "
            f"industry, say) without staging it, run git add {name} and commit again"
        )
    try:
        done = subprocess.run(
            ["git", "diff", "--quiet", "--", config.path.name],
            cwd=config.root,
            capture_output=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 1:  # 0: no unstaged change; 128: not a git repository
        return None
    return (
        f"本次检查读取的是工作区中的 {name}，它有未暂存的修改；pre-commit 钩子会读取已暂存的版本，"
        f"提交前请 git add {name}"
        if lang == "zh"
        else f"this run read {name} as it is in your working tree, with unstaged changes; the "
        f"pre-commit hook reads the staged version: git add {name} before you commit"
    )


def notes(later: Sequence[str], left_out: Sequence[dict], lang: str) -> list[str]:
    """What `check` left to the full audit, in the writers' language."""
    out = []
    if later:
        codes = ", ".join(later)
        out.append(
            f"{len(later)} 条规则需要完整构建：运行 hubtool seo-audit（{codes}）"
            if lang == "zh"
            else f"{len(later)} rules need the full build: run hubtool seo-audit ({codes})"
        )
    if left_out:
        zh = {"blog index": "博客列表页"}
        where = ", ".join(
            f"{p['path']}（{zh.get(p['reason'], p['reason'].replace('template', '模板'))}）"
            if lang == "zh"
            else f"{p['path']} ({p['reason']})"
            for p in left_out
        )
        out.append(
            f"{len(left_out)} 个页面的页面规则由 hubtool seo-audit 判断：{where}"
            if lang == "zh"
            else f"page rules of {len(left_out)} page(s) are judged by hubtool seo-audit: {where}"
        )
    return out
