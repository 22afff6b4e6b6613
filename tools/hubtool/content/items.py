"""A content item: one Markdown file, its validated front matter, and where it is published."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Problem
from ..yamlfile import Path_


@dataclass(frozen=True)
class Item:
    """One source file. `url` is site-relative with a leading slash: `/en/cases/bank-risk/`."""

    path: Path
    rel: str  # relative to the hub root: `cases/bank-risk.en.md`
    kind: str  # case | whitepaper | news | page
    lang: str  # zh | en
    slug: str
    src_uri: str  # the name MkDocs builds it under: `en/cases/bank-risk.md`
    url: str
    key: str  # shared by all language versions: `cases/bank-risk`
    meta: dict[str, Any]
    body: str
    body_line: int  # file line of the first body line
    lines: dict[Path_, int] = field(repr=False, default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")

    @property
    def status(self) -> str:
        return str(self.meta.get("status") or "published")

    @property
    def published(self) -> bool:
        return self.status == "published" and not self.errors

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def date(self) -> dt.date | None:
        value = self.meta.get("date")
        return value if isinstance(value, dt.date) else None

    @property
    def updated(self) -> dt.date | None:
        """The date of the last update, falling back to the publication date."""
        value = self.meta.get("updated")
        return value if isinstance(value, dt.date) else self.date

    def line_of(self, *path: str | int) -> int:
        """The file line of a front-matter field (or of its nearest parent; 1 if absent)."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)
