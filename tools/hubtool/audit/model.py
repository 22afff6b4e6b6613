"""The values every rule shares: findings, the rule base class, and what a rule can look at."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from ..config import HubConfig
from ..content.items import Item
from ..content.load import Hub

SEVERITIES = ("error", "warning")


@dataclass(frozen=True)
class Finding:
    """One problem. `path`/`line` point at the source file where one exists; `url` at the built page."""

    rule: str
    name: str
    severity: str
    message: str  # stands alone: "Title does not contain the keyword '隐私计算'"
    help: str = ""  # how to fix it
    path: str | None = None
    line: int | None = None
    column: int | None = None
    url: str | None = None


@dataclass
class AuditContext:
    """What rules read. `pages` maps a site URL (leading slash) to its page facts; empty for `hubtool check`."""

    config: HubConfig
    hub: Hub
    today: dt.date
    pages: Mapping[str, Any] = field(default_factory=dict)
    # Where rules may keep per-file results between runs (`hubtool check`, the writer's loop);
    # None in seo-audit, which CI runs on a fresh checkout.
    cache_dir: Path | None = None
    summary: dict[str, Any] = field(
        default_factory=dict
    )  # rules may add sections (coverage, cadence)
    # Source files (relative names) a per-file rule reads, for `hubtool check PATHS`; None: all.
    # Cross-page rules always get a context without it.
    only: frozenset[str] | None = None

    @property
    def items(self) -> list[Item]:
        """Published content items (drafts and invalid files are not audited as pages)."""
        if self.only is None:
            return self.hub.published
        return [item for item in self.hub.published if item.rel in self.only]

    @property
    def sources(self) -> list[Item]:
        """Every source file, drafts and invalid ones too (for the front-matter rules)."""
        if self.only is None:
            return list(self.hub.items)
        return [item for item in self.hub.items if item.rel in self.only]


class Rule:
    """One finding type. The class docstring is the user's documentation (`hubtool rules CODE`):
    what it checks, why it matters, an example that fails, what to write instead, options."""

    code: ClassVar[str]
    name: ClassVar[str]  # kebab-case, states the bad thing: keyword-missing-in-title
    severity: ClassVar[str] = "error"
    scope: ClassVar[str] = "source"  # "source": needs only content items; "site": needs built pages
    options: ClassVar[dict[str, Any]] = {}  # defaults; overridden by extra.hub.audit.rules.<CODE>
    # How to fix it: one string, or (zh, en) so it follows the language of the findings.
    help: ClassVar[str | tuple[str, str]] = ""
    # True when a finding about one file depends on other files too (duplicates, cadence, badges
    # drawn from case studies). `hubtool check PATHS` runs the other rules on those files only.
    cross_page: ClassVar[bool] = False
    # The costly page facts the rule reads (`facts.FACTS`: "words", "length", "links", "outbound",
    # "images", "documents"): the audit gathers only those that the rules which run need.
    needs: ClassVar[frozenset[str]] = frozenset()

    def __init__(
        self,
        options: Mapping[str, Any] | None = None,
        severity: str | None = None,
        lang: str = "en",
    ):
        self.opts = {**self.options, **(options or {})}
        self.level = severity or self.severity
        self.configured = severity  # set in mkdocs.yml: overrides the levels of word-list entries
        self.lang = lang  # the writers' language: the hub's default language, or `--lang`

    def say(self, zh: str, en: str) -> str:
        """The message in the writers' language (Chinese for a zh hub, English otherwise)."""
        return zh if self.lang == "zh" else en

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        message: str,
        *,
        item: Item | None = None,
        line: int | None = None,
        column: int | None = None,
        url: str | None = None,
        help: str | None = None,
        severity: str | None = None,
    ) -> Finding:
        """A finding located at `item` (its source path; `line` defaults to the item's first line)."""
        return Finding(
            rule=self.code,
            name=self.name,
            severity=severity or self.level,
            message=message,
            help=self._help() if help is None else help,
            path=item.rel if item else None,
            line=(line or 1) if item else line,
            column=column,
            url=url or (item.url if item else None),
        )

    def _help(self) -> str:
        if isinstance(self.help, tuple):
            return self.say(*self.help)
        return self.help
