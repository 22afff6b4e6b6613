"""The records page facts come in: one link, one page, the whole build; and the facts a rule may ask for."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

# Facts that cost time to gather. A rule names those it reads (`Rule.needs`), and the audit gathers
# only those of the rules that run; every other fact of a page is always gathered.
WORDS = "words"  # segments Chinese, the costliest fact of all
LENGTH = "length"  # text.writing_length of the main content, and its characters
LINKS = "links"  # broken links, #anchors, main-content link texts
OUTBOUND = "outbound"  # the link graph: every href of the page resolved
IMAGES = "images"  # images without alt text
DOCUMENTS = "documents"  # a SHA-256 of every downloadable document of the build
# The `PageFacts` fields of each (left empty when it is not gathered); DOCUMENTS is `Site.documents`.
FACT_FIELDS: dict[str, tuple[str, ...]] = {
    WORDS: ("words", "keyword_hits"),
    LENGTH: ("length", "chars", "link_chars"),
    LINKS: ("links", "ids"),
    OUTBOUND: ("outbound",),
    IMAGES: ("images_missing_alt", "images_empty_alt"),
    DOCUMENTS: (),
}
FACTS = frozenset(FACT_FIELDS)


class Link(NamedTuple):
    """One link of a page. `url` is site-relative (leading slash, decoded); `fragment` decoded.

    A named tuple, not a dataclass: pages carry hundreds of these, and a tuple is built, pickled
    back from a worker and unpickled several times faster than a frozen slotted dataclass.
    """

    url: str
    fragment: str
    text: str | None  # None when outside the main content, or too long to be vague
    main: bool  # inside the page's main content (not header, nav, footer)
    exists: bool  # the target file exists in the build
    image: bool = False  # the link wraps an image (its text is the image's alt)


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What rules need to know about one built page. Small: no tree, no full text.

    A fact of `FACTS` that was not asked for keeps its empty default."""

    url: str  # site-relative with a leading slash, decoded: /cases/bank-risk/
    file: str  # path in the build: cases/bank-risk/index.html
    lang: str = ""
    title: str | None = None
    description: str | None = None
    canonical: str | None = None
    robots: str = ""
    hreflang: tuple[tuple[str, str], ...] = ()  # (language, site URL or absolute URL)
    h1: tuple[str, ...] = ()
    headings: tuple[tuple[int, str], ...] = ()  # H2/H3 of the main content: (level, text)
    first_paragraph: str = ""
    words: int = 0  # words of the main content (Chinese segmented)
    chars: int = 0  # characters of the main content, spaces excluded
    length: int = (
        0  # the main content's length as writers count it (text.writing_length): 字 / words
    )
    link_chars: int = 0  # characters of the main content inside links, spaces excluded (listings)
    keyword_hits: tuple[tuple[str, int], ...] = ()  # occurrences of the page's keywords in the body
    # Links to check (broken, #anchors elsewhere) and short-text main links.
    links: tuple[Link, ...] = ()
    outbound: tuple[str, ...] = ()  # every internal page URL this page links to (incl. nav), sorted
    ids: frozenset[str] = frozenset()
    images_missing_alt: tuple[str, ...] = ()  # src of main-content <img> without an alt attribute
    # src of main-content <img alt=""> not marked decorative (role=presentation/none, aria-hidden,
    # class "decorative"): `![](chart.svg)` gives such an image
    images_empty_alt: tuple[str, ...] = ()
    jsonld: tuple[object, ...] = ()
    jsonld_errors: tuple[str, ...] = ()
    og: frozenset[str] = frozenset()  # og:* and twitter:* properties present
    generator: str = ""
    # Why the page was not audited: "special" (not a regular file), "outside" (a symbolic link
    # out of the site folder), "too-large", "unreadable", "unparsable"; None when it was.
    error: str | None = None
    error_detail: str = ""  # what kind of file, where the link goes, the size, the OS's reason

    def hits(self, keyword: str) -> int:
        return dict(self.keyword_hits).get(keyword, 0)


class Site(Mapping[str, PageFacts]):
    """All pages of a build, by URL, plus what cross-page rules need (sitemap, base URL)."""

    def __init__(
        self,
        root: Path,
        pages: dict[str, PageFacts],
        sitemap: frozenset[str] | None,
        site_url: str = "",
    ):
        self.root = root
        self._pages = pages
        self.sitemap = sitemap  # URLs listed in sitemap.xml; None when there is none
        self.site_url = site_url
        self.skipped: dict[str, PageFacts] = {}  # pages that could not be audited (TEC015), by URL
        self.files: frozenset[str] = frozenset()  # every file of the build, relative to its root
        # Downloadable documents of the build -> SHA-256 (when DOCUMENTS was asked for).
        self.documents: dict[str, str] = {}

    def __getitem__(self, url: str) -> PageFacts:
        return self._pages[url]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pages)

    def __len__(self) -> int:
        return len(self._pages)

    def absolute(self, url: str) -> str:
        """The public URL of a site URL (site_url + path), for canonical comparisons."""
        return self.site_url.rstrip("/") + url if self.site_url else url


def url_of(file: str) -> str:
    """Site URL of a built file: cases/x/index.html -> /cases/x/; 404.html -> /404.html."""
    if file == "index.html":
        return "/"
    if file.endswith("/index.html"):
        return "/" + file[: -len("index.html")]
    return "/" + file
