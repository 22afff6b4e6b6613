"""Page facts: every built HTML page parsed once (selectolax/lexbor, in a process pool) into a small record."""

from __future__ import annotations

import codecs
import functools
import html as htmllib
import json
import os
import posixpath
import re
import stat
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from .. import text as textmod

# mkdocs-material's main content; then generic fallbacks so any MkDocs theme works.
MAIN_SELECTORS = (
    "article.md-content__inner",
    "div.md-content",
    "main article",
    "main",
    "[role=main]",
    "article",
    "body",
)
# Theme furniture inside the main content: permalinks (¶), edit/view buttons, blog excerpt "continue
# reading" actions, pagination, feedback widgets. Their links still count for the link graph.
UI_SELECTORS = (
    "a.headerlink",
    ".md-content__button",
    "nav",
    ".md-post__action",
    ".md-pagination",
    ".md-source-file",
    ".md-feedback",
    "script",
    "style",
    "template",
    "noscript",
    ".md-post__meta",
    "form",
    "aside",
    "header",
    "footer",
    "[role=navigation]",
)
SERIAL_BELOW = 48  # pages: below this a pool costs more than it saves
# A page larger than this is not read (TEC015 says so): one 5 MiB page is already ten times the
# largest mkdocs-material page with a full navigation; a build folder is not always trusted.
MAX_PAGE_BYTES = 5 * 1024 * 1024
LINK_TEXT_MAX = 30  # link text kept only when short: vague texts ("click here", "更多") are short


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
    """What rules need to know about one built page. Small: no tree, no full text."""

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
    links: tuple[
        Link, ...
    ] = ()  # links to check (broken, #anchors elsewhere) and short-text main links
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
        self.documents: dict[str, str] = {}  # downloadable documents of the build -> SHA-256

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


def base_path(site_url: str) -> str:
    """The path the site is served under (`/docs/` for https://x.example/docs/)."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def site_path(href: str, page_url: str, site_url: str) -> tuple[str, str] | None:
    """Resolve a link to (site URL, fragment), both decoded; None for external or non-HTTP links."""
    href = href.strip()
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:", "sms:")):
        return None
    if ":" not in href and not href.startswith("//"):
        return _relative(href, page_url, site_url)
    try:
        return _absolute(href, page_url, site_url)
    except ValueError:  # unparsable (`http://[::1`): not a link anyone can follow to this site
        return None


def _absolute(href: str, page_url: str, site_url: str) -> tuple[str, str] | None:
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    base = base_path(site_url)
    if parts.scheme or parts.netloc:
        site = urlsplit(site_url or "")
        if not site.netloc or parts.netloc.lower() != site.netloc.lower():
            return None
        path = parts.path or "/"
    elif href.startswith("/"):
        path = parts.path
    else:
        path = urlsplit(urljoin("http://h" + page_url, href)).path if parts.path else page_url
        return unquote(path), unquote(parts.fragment)
    path = urlsplit(urljoin("http://h/", path)).path  # resolves '.' and '..' segments
    # Absolute paths are under the served base; map them to site-relative URLs.
    if not path.startswith(base):
        return unquote(path), unquote(parts.fragment)  # outside the site's base: will not exist
    return "/" + unquote(path[len(base) :]), unquote(parts.fragment)


def _relative(href: str, page_url: str, site_url: str) -> tuple[str, str]:
    """Fast path of `site_path` for scheme-less links (nearly all links of a built site)."""
    rest, _, fragment = href.partition("#")
    path = rest.partition("?")[0]
    if not path:
        return page_url, unquote(fragment)
    if path.startswith("/"):
        return _join("", path, base_path(site_url)), unquote(fragment)
    folder = page_url if page_url.endswith("/") else page_url.rsplit("/", 1)[0] + "/"
    # Climb `../` here so that the cache key is shared: every page one level down links to
    # `../cases/` as the same (folder, path) pair, and navigation links repeat on every page.
    while path.startswith("../") and folder != "/":
        folder = folder[: folder.rstrip("/").rfind("/") + 1]
        path = path[3:]
    return _join(folder, path, "/"), unquote(fragment)


def _climbed(folder: str, href: str) -> tuple[str, str]:
    """`_relative` after its climb: `href` (its `../` steps taken) joined to `folder`."""
    rest, _, fragment = href.partition("#")
    return _join(folder, rest.partition("?")[0], "/"), unquote(fragment)


@functools.lru_cache(maxsize=1 << 16)
def _join(folder: str, path: str, base: str) -> str:
    """`folder` + `path`, with dot segments resolved, decoded, relative to the site's base."""
    joined = folder + path
    directory = path.endswith("/") or path.rsplit("/", 1)[-1] in (".", "..")
    joined = posixpath.normpath(joined).replace("//", "/")
    if directory and not joined.endswith("/"):
        joined += "/"
    if base != "/":
        if not joined.startswith(base):
            return unquote(joined)
        joined = "/" + joined[len(base) :]
    return sys.intern(unquote(joined))


def file_of(url: str, root: Path, exists) -> str | None:
    """The built file that serves `url`, or None (directory URLs serve index.html)."""
    rel = url.lstrip("/")
    candidates = [rel + "index.html"] if url.endswith("/") else [rel, rel + "/index.html"]
    for candidate in candidates:
        if exists(candidate):
            return candidate
    return None


_UP = re.compile(r"(?:\.\./)*")
_SKIP = ("mailto:", "tel:", "javascript:", "data:", "sms:")
# (site URL, fragment, target file exists, target is an .html page), or None for an external link.
Target = tuple[str, str, bool, bool] | None


class Resolver:
    """`site_path` + `file_of` for the pages of one build, with results shared across pages.

    An href is resolved once per worker for all the pages it means the same on: `../cases/x/`
    for every page with the same parent folder, `/cases/x/` for every page, anything else for
    its own page. A page carries hundreds of navigation links, repeated on every page, and
    in-text links repeat across pages too. Behind that, a relative link is also keyed by the
    folder it climbs to and the rest of the href (`../../x/` one level deeper is `../x/`).
    """

    def __init__(self, root: Path, site_url: str, exists) -> None:
        self.root, self.site_url, self.exists = root, site_url, exists
        self._hrefs: dict[tuple[str, str], Target] = {}
        self._climbed: dict[tuple[str, str], tuple[str, str]] = {}
        self._files: dict[str, tuple[bool, bool]] = {}

    def page(self, url: str):
        """A function href -> Target for the page at `url`."""
        folder = url if url.endswith("/") else url.rsplit("/", 1)[0] + "/"
        ancestors = [folder]
        while folder != "/":  # as `_relative` climbs `../`: never above the site's root
            folder = folder[: folder.rstrip("/").rfind("/") + 1]
            ancestors.append(folder)
        # `../x` from any page of a folder climbs to the same place (urljoin, too, for `../a:b`).
        parent = ancestors[1] if len(ancestors) > 1 else "/"
        hrefs = self._hrefs
        if len(hrefs) > 200_000:  # bound the memory of a worker on a huge site
            hrefs.clear()
            self._climbed.clear()

        own: dict[str, Target] = {}  # what only this page means: #anchors, sibling files

        def target(href: str) -> Target:
            if href.startswith("../"):
                key = (parent, href)
            elif href.startswith("/") and not href.startswith("//"):
                key = ("", href)  # site-absolute: the same on every page
            else:
                found = own.get(href, False)
                if found is False:
                    found = own[href] = self._resolve(href, url, ancestors)
                return found
            found = hrefs.get(key, False)
            if found is False:
                found = hrefs[key] = self._resolve(href, url, ancestors)
            return found

        return target

    def _resolve(self, href: str, url: str, ancestors: list[str]) -> Target:
        h = href.strip()
        if not h or h.startswith(_SKIP):
            return None
        if ":" in h or h.startswith("//"):
            resolved = site_path(h, url, self.site_url)
            if resolved is None:
                return None
        elif h[0] in "#?":  # this page itself
            resolved = (url, unquote(h.partition("#")[2]))
        else:
            up = min(_UP.match(h).end() // 3, len(ancestors) - 1)
            key = (ancestors[up], h[3 * up :]) if h[0] != "/" else ("", h)
            resolved = self._climbed.get(key)
            if resolved is None:
                resolved = self._climbed[key] = (
                    _relative(h, "/", self.site_url) if not key[0] else _climbed(*key)
                )
        path, fragment = resolved
        state = self._files.get(path)
        if state is None:
            file = file_of(path, self.root, self.exists)
            state = self._files[path] = (file is not None, (file or "").endswith(".html"))
        return (path, fragment, *state)


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def _decorative(attrs: Mapping[str, str | None]) -> bool:
    """An image marked as decoration (`{role=presentation}` or `{.decorative}` with attr_list)."""
    return (
        (attrs.get("role") or "").strip().lower() in ("presentation", "none")
        or (attrs.get("aria-hidden") or "").strip().lower() == "true"
        or "decorative" in (attrs.get("class") or "").split()
    )


_A_HREF = re.compile(
    r"""<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
_A_NAME = re.compile(
    r"""<a\b[^>]*?\sname\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)


def _value(groups: tuple[str, str, str]) -> str:
    """The attribute value of one `_A_HREF`/`_A_NAME` match (double-, single- or un-quoted)."""
    value = groups[0] or groups[1] or groups[2]
    return htmllib.unescape(value) if "&" in value else value


_LABELS: dict[str, str] = {}


def _label(raw: str) -> str:
    """`_clean` of a link text, cached per worker: link texts repeat within and across pages."""
    label = _LABELS.get(raw)
    if label is None:
        if len(_LABELS) > 50_000:
            _LABELS.clear()
        label = _LABELS[raw] = sys.intern(_clean(raw))
    return label


def _wide(char: str) -> bool:
    return "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def _clean(value: str | None) -> str:
    """Whitespace collapsed; the spaces that joining inline elements puts between CJK characters go
    (`数据 <b>可用</b>` must read 数据可用, or keywords spanning the tag would not be found)."""
    parts = (value or "").split()
    if len(parts) < 2:
        return parts[0] if parts else ""
    out = [parts[0]]
    for part in parts[1:]:
        out.append(part if _wide(out[-1][-1]) and _wide(part[0]) else " " + part)
    return "".join(out)


def extract(
    html: str,
    file: str,
    root: Path,
    site_url: str = "",
    keywords: tuple[str, ...] = (),
    exists=None,
    words: bool = True,
    resolver: Resolver | None = None,
) -> PageFacts:
    """Facts of one page. Never raises for bad HTML: what cannot be read is left empty.

    `words=False` skips segmenting the body (no rule that runs needs word counts). `resolver`
    shares resolved links across the pages of one build (made for this page alone otherwise).
    """
    from selectolax.lexbor import LexborHTMLParser  # imported in the worker, not on start-up

    url = url_of(file)
    exists = exists or (lambda rel: (root / rel).is_file())
    tree = LexborHTMLParser(html)
    head_meta: dict[str, str] = {}
    og: set[str] = set()
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        if key:
            head_meta.setdefault(key, attrs.get("content") or "")
            if key.startswith(("og:", "twitter:")):
                og.add(key)
    title_node = tree.css_first("title")
    html_node = tree.css_first("html")
    canonical = None
    hreflang: list[tuple[str, str]] = []
    for node in tree.css("link[rel]"):
        attrs = node.attributes
        rel = (attrs.get("rel") or "").lower().split()
        href = attrs.get("href") or ""
        if "canonical" in rel and canonical is None:
            canonical = href
        elif "alternate" in rel and attrs.get("hreflang"):
            resolved = site_path(href, url, site_url)
            hreflang.append((attrs.get("hreflang") or "", resolved[0] if resolved else href))
    jsonld, jsonld_errors = [], []
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            jsonld.append(json.loads(node.text() or ""))
        except ValueError as exc:
            jsonld_errors.append(str(exc).splitlines()[0][:200])
    # The whole-page link pass reads hrefs from the source text: one C-speed regex instead of a
    # DOM node and an attribute dict per link (a page carries hundreds of navigation links), and
    # each distinct href is looked at once (a Counter of the raw matches is built in C).
    source = _COMMENT.sub("", html) if "<!--" in html else html
    raw_hrefs = Counter(_A_HREF.findall(source))
    ids = frozenset(filter(None, (n.attributes.get("id") for n in tree.css("[id]")))) | frozenset(
        _value(groups) for groups in _A_NAME.findall(source)
    )
    target = (resolver or Resolver(root, site_url, exists)).page(url)

    # Every link of the page, for the link graph (orphans) and broken-target checks: a link to
    # check is one that is broken, or an #anchor that only the whole site can confirm (another
    # page's ids). Counted per (url, fragment, exists): the main-content pass takes its own off.
    outbound: set[str] = set()
    whole: dict[tuple[str, str, bool], int] = {}
    for groups, times in raw_hrefs.items():
        value = groups[0] or groups[1] or groups[2]  # `_value`, inlined: a call per href adds up
        resolved = target(htmllib.unescape(value) if "&" in value else value)
        if resolved is None:
            continue
        path, fragment, ok, page_file = resolved
        if page_file and path != url:
            outbound.add(sys.intern(path))
        if not ok or (fragment and (path != url or fragment not in ids)):
            key = (path, fragment, ok)
            whole[key] = whole.get(key, 0) + times
    links = [Link(path, fragment, None, False, ok) for (path, fragment, ok) in whole]

    main = next((n for s in MAIN_SELECTORS if (n := tree.css_first(s)) is not None), None)
    h1 = tuple(_clean(n.text()) for n in tree.css("h1"))

    headings: list[tuple[int, str]] = []
    first_paragraph = ""
    body = ""
    missing_alt: list[str] = []
    empty_alt: list[str] = []
    link_chars = 0
    if main is not None:
        for selector in UI_SELECTORS:
            for node in main.css(selector):
                node.decompose()
        # Main-content links are kept only when a rule needs them: to check them (broken, or an
        # #anchor elsewhere), or for their text when it is short enough to be vague. Keeping every
        # link of every page would make memory grow with links instead of pages.
        main_links: list[Link] = []
        in_main: dict[tuple[str, str], int] = {}
        for node in main.css("a"):
            href = node.attributes.get("href")
            if href is None:
                continue
            resolved = target(href)
            raw = node.text()
            link_chars += len("".join(raw.split()))
            label = _label(raw) if len(raw) <= LINK_TEXT_MAX * 3 else ""
            image = not label and node.css_first("img") is not None
            short = label if label and len(label) <= LINK_TEXT_MAX else None
            if resolved is None:
                path, fragment, ok, check = "", "", True, False
            else:
                path, fragment, ok, _ = resolved
                check = not ok or bool(fragment and (path != url or fragment not in ids))
                if check:
                    in_main[(path, fragment)] = in_main.get((path, fragment), 0) + 1
            if check or (short and not image):
                main_links.append(Link(path, fragment, short, True, ok, image))
        # A link of the main content was also seen in the whole-page pass: keep it once, as main
        # (outside it only if the whole page has more of it than the main content).
        outside = [
            Link(path, fragment, None, False, ok)
            for (path, fragment, ok), times in whole.items()
            if times > in_main.get((path, fragment), 0)
        ]
        links = list(dict.fromkeys(outside + main_links))  # the same link twice is one check
        headings = [(int(n.tag[1]), _clean(n.text())) for n in main.css("h2, h3")]
        # The intro is the first paragraph of the body itself, not one inside a quote, figure or
        # admonition that a theme partial (case facts) or the writer put first.
        paragraphs = main.css("p")
        direct = [n for n in paragraphs if n.parent is not None and n.parent.mem_id == main.mem_id]
        for node in direct or paragraphs:
            candidate = _clean(node.text())
            if candidate:
                first_paragraph = candidate
                break
        for node in main.css("img"):
            alt = node.attributes.get("alt")
            if alt is None:
                missing_alt.append(node.attributes.get("src") or "")
            elif not alt.strip() and not _decorative(node.attributes):
                empty_alt.append(node.attributes.get("src") or "")
        # No separator: inline tags must not split words (数据<b>可用</b>); blocks are already
        # separated by the newlines MkDocs writes between them.
        body = main.text(separator="")
    count = textmod.word_count(body, keywords) if body and words else 0
    hits = tuple((k, textmod.count_occurrences(body, k)) for k in keywords) if words else ()
    return PageFacts(
        url=url,
        file=file,
        lang=(html_node.attributes.get("lang") or "") if html_node else "",
        title=_clean(title_node.text()) if title_node is not None else None,
        description=head_meta.get("description"),
        canonical=canonical,
        robots=head_meta.get("robots", "").lower(),
        hreflang=tuple(hreflang),
        h1=h1,
        headings=tuple(headings),
        first_paragraph=first_paragraph[:2000],
        words=count,
        chars=sum(map(len, body.split())),
        length=textmod.writing_length(body) if body else 0,
        link_chars=link_chars,
        keyword_hits=hits,
        links=tuple(links),
        outbound=tuple(sorted(outbound)),
        ids=ids,
        images_missing_alt=tuple(missing_alt),
        images_empty_alt=tuple(empty_alt),
        jsonld=tuple(jsonld),
        jsonld_errors=tuple(jsonld_errors),
        og=frozenset(og),
        generator=head_meta.get("generator", ""),
    )


class PageSkipped(Exception):
    """A built file that is not read: `kind` as in `PageFacts.error`, `detail` for the message."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind, self.detail = kind, detail


_FILE_TYPES = {
    stat.S_IFIFO: "FIFO",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
    stat.S_IFSOCK: "socket",
    stat.S_IFDIR: "directory",
}
# Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever. No follow:
# a link is resolved (and confined to the site folder) before it is opened.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


@functools.lru_cache(maxsize=8)
def _real(root: str) -> str:
    return os.path.realpath(root)


def read_page(root: str, file: str, limit: int = MAX_PAGE_BYTES) -> bytes:
    """The bytes of the built file `file` under `root`, or PageSkipped saying why not.

    A build folder may be untrusted (`seo-audit --site-dir X --no-build`): only regular files
    inside it are read (a symbolic link is followed only when it stays inside), never more than
    `limit` bytes, and nothing here waits (a FIFO named `x.html` is skipped, not opened for good).
    """
    path = os.path.join(root, file)
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            real, base = os.path.realpath(path), _real(root)
            if real != base and not real.startswith(base.rstrip(os.sep) + os.sep):
                raise PageSkipped("outside", real)
            path = real
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise PageSkipped("unreadable", exc.strerror or type(exc).__name__) from None
    with open(fd, "rb", buffering=0, closefd=True) as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PageSkipped("special", _FILE_TYPES.get(stat.S_IFMT(info.st_mode), "special file"))
        if info.st_size > limit:
            raise PageSkipped("too-large", str(info.st_size))
        try:
            want = info.st_size + 1  # one byte more: a file that grew since fstat is noticed
            data = fh.read(want) or b""
            if len(data) == want:
                data += fh.read(limit + 1 - len(data)) or b""
        except OSError as exc:
            raise PageSkipped("unreadable", exc.strerror or type(exc).__name__) from None
    if len(data) > limit:
        raise PageSkipped("too-large", f"{limit + 1}+")  # grew past the limit while read
    return data


# The HTML standard's prescan looks at the first 1024 bytes for a declared encoding.
PRESCAN_BYTES = 1024
_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
# Labels the WHATWG Encoding Standard decodes differently from Python's codec of the same name.
_LABELS = {
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "x-gbk": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "gb_2312-80": "gb18030",
    "iso-ir-58": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "euc-kr": "cp949",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    # A UTF-16 label read by an ASCII prescan cannot be true (the standard then means UTF-8).
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}
# Python codecs that are web encodings (others, like rot13 or unicode_escape, are not honoured).
_WEB_CODECS = {
    "utf-8",
    "gb18030",
    "big5hkscs",
    "cp932",
    "cp949",
    "euc_jp",
    "iso2022_jp",
    "koi8-r",
    "koi8-u",
    "mac-roman",
    "cp866",
    "cp874",
    "tis-620",
}


@functools.lru_cache(maxsize=64)
def _codec(label: bytes) -> str:
    """The Python codec of a declared charset label; UTF-8 for an unknown or non-web one."""
    name = label.decode("ascii", "replace").strip().lower()
    if name in _LABELS:
        return _LABELS[name]
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return "utf-8"
    web = codec in _WEB_CODECS or codec.startswith(("iso8859", "cp125"))
    return codec if web else "utf-8"


def decode_page(data: bytes) -> str:
    """A page's text in its declared encoding: a byte-order mark first, then `<meta charset>`
    (or `http-equiv` Content-Type) in the first 1024 bytes, else UTF-8. Never raises."""
    if data[:3] == codecs.BOM_UTF8:
        return data[3:].decode("utf-8", "replace")
    if data[:2] == codecs.BOM_UTF16_LE:
        return data[2:].decode("utf-16-le", "replace")
    if data[:2] == codecs.BOM_UTF16_BE:
        return data[2:].decode("utf-16-be", "replace")
    head = data[:PRESCAN_BYTES]
    if b"\0" in head:  # UTF-16 without a mark: every other byte of ASCII markup is zero
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if max(odd, even) > len(head) // 4:
            return data.decode("utf-16-le" if odd > even else "utf-16-be", "replace")
    found = _CHARSET.search(head)
    codec = _codec(found.group(1)) if found else "utf-8"
    return data.decode(codec, "replace")


def _read_one(
    job: tuple[str, str, str, tuple[str, ...], bool, int, frozenset[str]],
) -> PageFacts:
    root, file, site_url, keywords, words, limit, files = job
    try:
        html = decode_page(read_page(root, file, limit))
    except PageSkipped as skip:
        return PageFacts(url=url_of(file), file=file, error=skip.kind, error_detail=skip.detail)
    try:
        resolver = _resolver(root, site_url, files)
        return extract(
            html, file, resolver.root, site_url, keywords, files.__contains__, words, resolver
        )
    except Exception as exc:
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        return PageFacts(url=url_of(file), file=file, error="unparsable", error_detail=detail)


_FILES: frozenset[str] = frozenset()
_RESOLVER: Resolver | None = None


def _init_worker(files: frozenset[str], keywords: tuple[str, ...] = ()) -> None:
    global _FILES, _RESOLVER
    _FILES, _RESOLVER = files, None
    textmod.register_keywords(keywords)


def _resolver(root: str, site_url: str, files: frozenset[str]) -> Resolver:
    """The worker's resolver for this build (one per worker: links resolved once per worker)."""
    global _RESOLVER
    current = _RESOLVER
    if (
        current is None
        or current.site_url != site_url
        or str(current.root) != root
        or current.exists.__self__ is not files
    ):
        current = _RESOLVER = Resolver(Path(root), site_url, files.__contains__)
    return current


def _read_chunk(jobs: list[tuple[str, str, str, tuple[str, ...], bool, int]]) -> list[PageFacts]:
    return [_read_one((*job, _FILES)) for job in jobs]


def list_files(root: Path) -> frozenset[str]:
    """Every file of the build, relative to its root, with forward slashes."""
    out = []
    for folder, _dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        out += [prefix + n for n in names]
    return frozenset(out)


def read_sitemap(
    root: Path, site_url: str, limit: int = MAX_PAGE_BYTES
) -> tuple[frozenset[str] | None, PageFacts | None]:
    """URLs of sitemap.xml as site URLs (decoded), None when the build has no sitemap; and the
    reason it was not read (a FIFO, a link out of the folder, too large), if so."""
    if not os.path.lexists(root / "sitemap.xml"):
        return None, None
    try:
        data = read_page(str(root), "sitemap.xml", limit)
    except PageSkipped as skip:
        return None, PageFacts(
            "/sitemap.xml", "sitemap.xml", error=skip.kind, error_detail=skip.detail
        )
    try:
        tree = ET.ElementTree(ET.fromstring(data))  # expat bounds entity expansion itself
    except ET.ParseError:
        return frozenset(), None
    base = base_path(site_url)
    urls = set()
    for loc in tree.iter():
        if loc.tag.endswith("loc") and loc.text:
            path_ = unquote(urlsplit(loc.text.strip()).path or "/")
            urls.add("/" + path_[len(base) :] if path_.startswith(base) else path_)
    return frozenset(urls), None


# Downloadable documents: what a gated whitepaper's file is (TEC017 looks for copies of it).
DOCUMENTS = (".pdf", ".doc", ".docx", ".ppt", ".pptx", ".xls", ".xlsx", ".epub", ".zip", ".key")


def documents(root: Path, files: frozenset[str]) -> dict[str, str]:
    """SHA-256 of each downloadable document of the build (regular files inside it only), so a
    copy of a gated file under another name is found after the build folder is gone."""
    import hashlib

    out = {}
    for rel in sorted(f for f in files if f.lower().endswith(DOCUMENTS)):
        path = root / rel
        try:
            if path.is_symlink() or not path.is_file():
                continue
            with open(path, "rb") as handle:
                out[rel] = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            continue
    return out


def collect(
    root: Path,
    site_url: str = "",
    keywords: Mapping[str, tuple[str, ...]] | None = None,
    workers: int | None = None,
    words: bool = True,
    max_page_bytes: int = MAX_PAGE_BYTES,
) -> Site:
    """Parse every HTML page under `root` once; `keywords` maps a URL to the keywords to count there.

    `words=False` skips word counts and keyword occurrences (Chinese segmentation is the costliest
    part of a page's facts). Pages that cannot be audited (not a regular file, a link out of the
    folder, larger than `max_page_bytes`, unreadable) are in `Site.skipped`, not among the pages.
    """
    root = Path(root)
    if not root.is_dir():
        from ..errors import HubError

        raise HubError(
            f"{root}: site folder does not exist (build the site first, or drop --no-build)"
        )
    files = list_files(root)
    html = sorted(f for f in files if f.endswith((".html", ".htm")))
    keywords = keywords or {}
    jobs = [
        (str(root), f, site_url, tuple(keywords.get(url_of(f), ())), words, max_page_bytes)
        for f in html
    ]
    every_keyword = tuple(sorted({k for page in keywords.values() for k in page}))
    workers = workers or min(os.cpu_count() or 1, 8)
    if len(jobs) < SERIAL_BELOW or workers < 2:
        _init_worker(files, every_keyword)
        facts = _read_chunk(jobs)
    else:
        # Chunks of a few dozen pages: few round trips, and records (not trees) come back.
        size = max(8, min(64, len(jobs) // (workers * 4) or 1))
        chunks = [jobs[i : i + size] for i in range(0, len(jobs), size)]
        facts = []
        with ProcessPoolExecutor(
            workers, initializer=_init_worker, initargs=(files, every_keyword)
        ) as pool:
            for part in pool.map(_read_chunk, chunks):
                facts += [_intern(f) for f in part]
    sitemap, sitemap_skipped = read_sitemap(root, site_url, max_page_bytes)
    site = Site(root, {f.url: f for f in facts if f.error is None}, sitemap, site_url)
    site.skipped = {f.url: f for f in facts if f.error is not None}
    site.files = files
    site.documents = documents(root, files)
    if sitemap_skipped is not None:
        site.skipped[sitemap_skipped.url] = sitemap_skipped
    return site


def _intern(facts: PageFacts) -> PageFacts:
    """Share the strings every page repeats (nav targets), so memory grows with pages, not links."""
    if not facts.outbound:
        return facts
    outbound = tuple(sys.intern(u) for u in facts.outbound)
    object.__setattr__(facts, "outbound", outbound)
    return facts


__all__ = [
    "Link",
    "PageFacts",
    "PageSkipped",
    "Site",
    "collect",
    "decode_page",
    "extract",
    "read_page",
    "site_path",
    "url_of",
]


# ---------------------------------------------------------------- joining pages to sources

# Pages MkDocs and mkdocs-material generate without a source file of their own: the 404 pages
# (404.html, and a language's own such as en/404.html), search,
# blog archive, category, tag and pagination pages. They are link sources, never audited as content.
GENERATED = re.compile(
    r"^/(?:(?:[a-z]{2}(?:-[A-Za-z]+)?/)?404\.html?|search(?:/|\.html)?"
    r"|(?:.*/)?(?:archive|category|page|tags?)/.*)$"
)


def is_generated(url: str) -> bool:
    return GENERATED.match(url) is not None


def content_pages(ctx) -> Iterator[tuple[PageFacts, object | None]]:
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
