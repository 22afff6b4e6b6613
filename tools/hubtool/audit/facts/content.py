"""Joining pages to sources: which built pages are content, and the source item each was built from."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...content.items import Item
from ..model import AuditContext
from .records import PageFacts

# Pages MkDocs and mkdocs-material generate without a source file of their own: the 404 pages
# (404.html, and a language's own such as en/404.html), search,
# blog archive, category, tag and pagination pages. They are link sources, never audited as content.
GENERATED = re.compile(
    r"^/(?:(?:[a-z]{2}(?:-[A-Za-z]+)?/)?404\.html?|search(?:/|\.html)?"
    r"|(?:.*/)?(?:archive|category|page|tags?)/.*)$"
)


def is_generated(url: str) -> bool:
    return GENERATED.match(url) is not None


def content_pages(ctx: AuditContext) -> Iterator[tuple[PageFacts, Item | None]]:
    """(page, source item or None) for every page audited as content.

    A page is content when a published source item has its URL, or when no source file claims it
    (any MkDocs site, even without our front matter) and it is not a generated page. Pages built
    from drafts or from files with front-matter errors are left to `hubtool check`.
    """
    published = {item.url: item for item in ctx.hub.published}
    claimed = {item.url for item in ctx.hub.items}
    for url in sorted(ctx.pages):
        page = ctx.pages[url]
        item = published.get(url)
        if item is not None:
            yield page, item
        elif url not in claimed and not is_generated(url):
            yield page, None
