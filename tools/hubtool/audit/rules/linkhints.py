"""Where a broken link is written, and what it probably meant (TEC007's message).

The build knows a link only where it landed (`/news/cases/x.md`); the writer wrote `../cases/x.md`
on some line. The written target is found in the source by the name it ends in (or its #anchor),
so the finding can quote it, at its line and column, and name the closest page or anchor that does
exist: one edit instead of a round trip through the build.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import NamedTuple
from urllib.parse import unquote

from ...content.items import Item
from ..facts import Link
from .mdlinks import link_targets


class Written(NamedTuple):
    target: str  # as written: ../cases/x.md#部署步骤
    line: int  # of the file
    column: int  # 1-based, where the target starts


def page_name(path: str) -> str:
    """The page a path names, as both sides spell it: `../cases/x.md`, `/cases/x/` and
    `cases/x/index.md` are all `x`."""
    parts = [p for p in unquote(path).split("/") if p and p not in (".", "..")]
    if parts and parts[-1] in ("index.md", "README.md", "index.html"):
        parts.pop()
    last = parts[-1] if parts else ""
    for suffix in (".md", ".html"):
        if last.endswith(suffix):
            return last[: -len(suffix)]
    return last


def written_link(item: Item, link: Link) -> Written | None:
    """The first target in `item`'s body that names the page (or, for a link within the page, the
    #anchor) `link` landed on; None when none does (a link made by a listing or the theme)."""
    name = page_name(link.url)
    for index, line in enumerate(item.body.splitlines()):
        for _, start, target in link_targets(line):
            path, _, fragment = target.partition("#")
            path = path.partition("?")[0]
            if unquote(fragment) != link.fragment:
                continue
            if (path and page_name(path) == name) or (not path and link.fragment):
                return Written(target, item.body_line + index, start + 1)
    return None


# Letters (any script), digits and the punctuation of paths: a sentence (a footnote without the
# footnotes extension makes its whole text a link), math or an address elsewhere is none of these.
_PAGE_PATH = re.compile(r"[\w./%+~-]+")


def names_a_page(target: str) -> bool:
    """Whether a written target is a path to a page (`../cases/x.md`, `/blog/x`, `cases/x/`), the
    only kind worth a "closest page"."""
    path = target.partition("#")[0]
    return bool(_PAGE_PATH.fullmatch(path)) and ("/" in path or path.endswith(".md"))


def closest(wanted: str, candidates: Iterable[str]) -> str | None:
    """The candidate most like `wanted` (difflib's ratio, at least 0.6), or None."""
    found = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=0.6)
    return found[0] if found else None
