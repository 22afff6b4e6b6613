"""`hubtool check`: front matter, every source rule and the page rules of the changed pages, without building."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from ..audit.adoption import writers_lang
from ..audit.engine import AuditResult
from ..config import HubConfig
from ..content.items import Item
from ..content.load import Hub, discover, load_hub, unsafe_links
from ..errors import HubError


def scope(config: HubConfig, paths: Sequence[Path]) -> tuple[frozenset[str] | None, list[str]]:
    """The source files (relative names) to report on, or None for all; and the given paths that are
    not sources of this hub. The configuration file among `paths` means: check everything."""
    if not paths:
        return None, []
    sources = {p.resolve() for p in discover(config)}
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

    def render_site(self, config: HubConfig, hub: Hub, items: Sequence[Item],
                    today: dt.date) -> Any: ...


def run_check(config: HubConfig, paths: Sequence[Path] = (), today: dt.date | None = None,
              lang: str | None = None, pages_from: PageRenderer | None = None,
              ) -> tuple[AuditResult, list[str]]:
    """Findings of the front matter, the source rules and the page rules; with `paths`, only those
    in these files.

    The whole hub is always loaded: cross-page rules (cannibalised keywords, duplicate sentences,
    cadence) need every file even when one file is checked; the other rules read only these files.
    Page rules (keywords in title, description, intro and subheadings; widths; H1; alt texts; links)
    judge the checked pages rendered as the build renders them (`pages_from`; without it none run);
    the site rules that need the whole build are named in the summary, for `hubtool seo-audit`.
    """
    from ..audit.engine import configure, run_rules
    from ..audit.model import AuditContext

    only, skipped = scope(config, paths)
    hub = load_hub(config)
    today = today or dt.date.today()
    lang = writers_lang(config) if lang is None else lang
    rules = configure(config, lang=lang)
    page_rules = pages_from.PAGE_RULES if pages_from is not None else frozenset()
    runs = [r for r in rules if r.scope == "source" or r.code in page_rules]
    later = sorted(r.code for r in rules if r not in runs)
    pages = None
    if pages_from is not None and any(r.scope == "site" for r in runs):
        items = [i for i in hub.published if only is None or i.rel in only]
        pages = pages_from.render_site(config, hub, items, today)
    ctx = AuditContext(config=config, hub=hub, today=today, only=only,
                       pages=pages.pages if pages else {}, site_checked=pages is not None)
    result = run_rules(ctx, runs)
    summary = {**result.summary, "sources": len(hub.items) if only is None else len(only)}
    if only is not None:
        summary.pop("suppressed", None)  # counted over the rules' reading, not about these files
    if pages is not None and only is not None:
        summary["pages"] = sum(1 for p in pages.pages if hub.by_url()[p].rel in only)
    summary["full_build_rules"] = later
    summary["left_to_full_build"] = [
        {"path": path, "reason": reason} for path, reason in (pages.left_out if pages else ())]
    summary["notes"] = notes(later, summary["left_to_full_build"], lang)
    return AuditResult(result.findings, summary, rules=result.rules), skipped


def notes(later: Sequence[str], left_out: Sequence[dict], lang: str) -> list[str]:
    """What `check` left to the full audit, in the writers' language."""
    out = []
    if later:
        codes = ", ".join(later)
        out.append(f"{len(later)} 条规则需要完整构建：运行 hubtool seo-audit（{codes}）" if lang == "zh"
                   else f"{len(later)} rules need the full build: run hubtool seo-audit ({codes})")
    if left_out:
        zh = {"blog index": "博客列表页"}
        where = ", ".join(
            f"{p['path']}（{zh.get(p['reason'], p['reason'].replace('template', '模板'))}）"
            if lang == "zh" else f"{p['path']} ({p['reason']})" for p in left_out)
        out.append(f"{len(left_out)} 个页面的页面规则由 hubtool seo-audit 判断：{where}" if lang == "zh"
                   else f"page rules of {len(left_out)} page(s) are judged by hubtool seo-audit: "
                        f"{where}")
    return out
