"""Page facts: every built HTML page parsed once (selectolax/lexbor, in a process pool) into a small
record that rules read, gathering only the costly facts that the rules which run ask for.

By job: `records` (the records, the names of the costly facts), `links` (resolving an href against
the build), `page` (parsing one page), `files` (reading an untrusted build folder), `pool` (the
worker pool over a whole build), `content` (which pages are content, joined to their sources).
"""

from __future__ import annotations

from .content import GENERATED, content_pages, is_generated
from .files import MAX_PAGE_BYTES, PageSkipped, decode_page, read_page
from .links import site_path
from .page import extract, facts_to_gather
from .pool import collect
from .records import (
    DOCUMENTS,
    FACT_FIELDS,
    FACTS,
    IMAGES,
    LENGTH,
    LINKS,
    OUTBOUND,
    WORDS,
    Link,
    PageFacts,
    Site,
    url_of,
)

__all__ = [
    "DOCUMENTS",
    "FACTS",
    "FACT_FIELDS",
    "GENERATED",
    "IMAGES",
    "LENGTH",
    "LINKS",
    "MAX_PAGE_BYTES",
    "OUTBOUND",
    "WORDS",
    "Link",
    "PageFacts",
    "PageSkipped",
    "Site",
    "collect",
    "content_pages",
    "decode_page",
    "extract",
    "facts_to_gather",
    "is_generated",
    "read_page",
    "site_path",
    "url_of",
]
