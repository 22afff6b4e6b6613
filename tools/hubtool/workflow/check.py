"""`hubtool check`: front matter plus every source-scope audit rule, without building the site."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from ..audit.engine import AuditResult, run_source_rules
from ..config import HubConfig
from ..content.load import discover, load_hub, unsafe_links
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


def run_check(config: HubConfig, paths: Sequence[Path] = (), today: dt.date | None = None,
              lang: str | None = None) -> tuple[AuditResult, list[str]]:
    """Findings of the front matter and the source rules; with `paths`, only those in these files.

    The whole hub is always loaded: cross-page rules (cannibalised keywords, duplicate sentences,
    cadence) need every file even when one file is checked; the other rules read only these files.
    """
    only, skipped = scope(config, paths)
    hub = load_hub(config)
    result = run_source_rules(config, hub, today, only=only, lang=lang)
    summary = {**result.summary, "sources": len(hub.items) if only is None else len(only)}
    if only is not None:
        summary.pop("suppressed", None)  # counted over the rules' reading, not about these files
    return AuditResult(result.findings, summary, 0, result.rules), skipped
