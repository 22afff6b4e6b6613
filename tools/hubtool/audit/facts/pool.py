"""The worker pool: every page of a build read and parsed once, in worker processes, into a `Site`."""

from __future__ import annotations

import os
import sys
from collections.abc import Collection, Mapping
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from ... import text as textmod
from .files import (
    MAX_PAGE_BYTES,
    PageSkipped,
    decode_page,
    documents,
    list_files,
    read_page,
    read_sitemap,
)
from .links import Resolver
from .page import extract, facts_to_gather
from .records import DOCUMENTS, PageFacts, Site, url_of

SERIAL_BELOW = 48  # pages: below this a pool costs more than it saves


class Job(NamedTuple):
    """One page to read: what a worker needs besides the build's file list."""

    root: str
    file: str
    site_url: str
    keywords: tuple[str, ...]
    wanted: frozenset[str]
    limit: int


def _read_one(job: Job, files: frozenset[str]) -> PageFacts:
    """The facts of one page; a page that cannot be read or parsed says why (`error`)."""
    try:
        html = decode_page(read_page(job.root, job.file, job.limit))
    except PageSkipped as skip:
        return PageFacts(
            url=url_of(job.file), file=job.file, error=skip.kind, error_detail=skip.detail
        )
    try:
        resolver = _resolver(job.root, job.site_url, files)
        return extract(
            html,
            job.file,
            resolver.root,
            job.site_url,
            job.keywords,
            files.__contains__,
            resolver=resolver,
            wanted=job.wanted,
        )
    except Exception as exc:
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        return PageFacts(
            url=url_of(job.file), file=job.file, error="unparsable", error_detail=detail
        )


# A worker's state: the build's files (sent once, to the initializer), and its resolver.
_FILES: frozenset[str] = frozenset()
_RESOLVER: tuple[tuple[str, str, int], Resolver] | None = None


def _init_worker(files: frozenset[str], keywords: tuple[str, ...] = ()) -> None:
    global _FILES, _RESOLVER
    _FILES, _RESOLVER = files, None
    textmod.register_keywords(keywords)


def _resolver(root: str, site_url: str, files: frozenset[str]) -> Resolver:
    """The worker's resolver for this build (one per worker: links resolved once per worker)."""
    global _RESOLVER
    key = (root, site_url, id(files))
    if _RESOLVER is None or _RESOLVER[0] != key:
        _RESOLVER = (key, Resolver(Path(root), site_url, files.__contains__))
    return _RESOLVER[1]


def _read_chunk(jobs: list[Job]) -> list[PageFacts]:
    return [_read_one(job, _FILES) for job in jobs]


def _intern(facts: PageFacts) -> PageFacts:
    """Share the strings every page repeats (nav targets), so memory grows with pages, not links."""
    if not facts.outbound:
        return facts
    outbound = tuple(map(sys.intern, facts.outbound))
    object.__setattr__(facts, "outbound", outbound)
    return facts


def _read_all(
    jobs: list[Job], files: frozenset[str], keywords: tuple[str, ...], workers: int
) -> list[PageFacts]:
    """Every job's facts, in a pool of `workers` processes when there are enough pages."""
    if len(jobs) < SERIAL_BELOW or workers < 2:
        _init_worker(files, keywords)
        return _read_chunk(jobs)
    # Chunks of a few dozen pages: few round trips, and records (not trees) come back.
    size = max(8, min(64, len(jobs) // (workers * 4) or 1))
    chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
    facts: list[PageFacts] = []
    with ProcessPoolExecutor(workers, initializer=_init_worker, initargs=(files, keywords)) as pool:
        for part in pool.map(_read_chunk, chunks):
            facts += [_intern(f) for f in part]
    return facts


def collect(
    root: Path,
    site_url: str = "",
    keywords: Mapping[str, tuple[str, ...]] | None = None,
    workers: int | None = None,
    words: bool = True,
    max_page_bytes: int = MAX_PAGE_BYTES,
    wanted: Collection[str] | None = None,
) -> Site:
    """Parse every HTML page under `root` once; `keywords` maps a URL to the keywords to count there.

    `wanted`: the costly facts (`records.FACTS`) to gather, None for all of them; `words=False`
    leaves out word counts and keyword occurrences too (Chinese segmentation is the costliest part
    of a page's facts). Pages that cannot be audited (not a regular file, a link out of the
    folder, larger than `max_page_bytes`, unreadable) are in `Site.skipped`, not among the pages.
    """
    root = Path(root)
    if not root.is_dir():
        from ...errors import HubError

        raise HubError(
            f"{root}: site folder does not exist (build the site first, or drop --no-build)"
        )
    chosen = facts_to_gather(wanted, words)
    files = list_files(root)
    keywords = keywords or {}
    jobs = [
        Job(str(root), f, site_url, tuple(keywords.get(url_of(f), ())), chosen, max_page_bytes)
        for f in sorted(f for f in files if f.endswith((".html", ".htm")))
    ]
    every_keyword = tuple(sorted({k for page in keywords.values() for k in page}))
    facts = _read_all(jobs, files, every_keyword, workers or min(os.cpu_count() or 1, 8))
    sitemap, sitemap_skipped = read_sitemap(root, site_url, max_page_bytes)
    site = Site(root, {f.url: f for f in facts if f.error is None}, sitemap, site_url)
    site.skipped = {f.url: f for f in facts if f.error is not None}
    site.files = files
    site.documents = documents(root, files) if DOCUMENTS in chosen else {}
    if sitemap_skipped is not None:
        site.skipped[sitemap_skipped.url] = sitemap_skipped
    return site
