"""Page parsing: one built HTML page (selectolax/lexbor) to its `PageFacts`, gathering the facts asked for."""

from __future__ import annotations

import html as htmllib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ... import text as textmod
from .links import Exists, Resolver, Target, site_path
from .records import FACTS, IMAGES, LENGTH, LINKS, OUTBOUND, WORDS, Link, PageFacts, url_of

if TYPE_CHECKING:
    from selectolax.lexbor import LexborHTMLParser, LexborNode

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
LINK_TEXT_MAX = 30  # link text kept only when short: vague texts ("click here", "更多") are short

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_A_HREF = re.compile(
    r"""<a\b[^>]*?\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
_A_NAME = re.compile(
    r"""<a\b[^>]*?\sname\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE
)
# A link to check, counted per (url, fragment, target exists).
_Counts = dict[tuple[str, str, bool], int]


def _value(groups: tuple[str, str, str]) -> str:
    """The attribute value of one `_A_HREF`/`_A_NAME` match (double-, single- or un-quoted)."""
    value = groups[0] or groups[1] or groups[2]
    return htmllib.unescape(value) if "&" in value else value


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


_LABELS: dict[str, str] = {}


def _label(raw: str) -> str:
    """`_clean` of a link text, cached per worker: link texts repeat within and across pages."""
    label = _LABELS.get(raw)
    if label is None:
        if len(_LABELS) > 50_000:
            _LABELS.clear()
        label = _LABELS[raw] = sys.intern(_clean(raw))
    return label


def _decorative(attrs: Mapping[str, str | None]) -> bool:
    """An image marked as decoration (`{role=presentation}` or `{.decorative}` with attr_list)."""
    return (
        (attrs.get("role") or "").strip().lower() in ("presentation", "none")
        or (attrs.get("aria-hidden") or "").strip().lower() == "true"
        or "decorative" in (attrs.get("class") or "").split()
    )


def facts_to_gather(wanted: Collection[str] | None = None, words: bool = True) -> frozenset[str]:
    """The facts to gather: `wanted` (None: all of them), without WORDS when `words` is False."""
    chosen = FACTS if wanted is None else frozenset(wanted)
    unknown = chosen - FACTS
    if unknown:
        raise ValueError(f"unknown page facts: {', '.join(sorted(unknown))}")
    return chosen if words else chosen - {WORDS}


# ---------------------------------------------------------------- the head


class _Head(NamedTuple):
    lang: str
    title: str | None
    meta: dict[str, str]  # <meta name|property> -> content (the first of each)
    og: frozenset[str]
    canonical: str | None
    hreflang: tuple[tuple[str, str], ...]
    jsonld: tuple[object, ...]
    jsonld_errors: tuple[str, ...]


def _head(tree: LexborHTMLParser, url: str, site_url: str) -> _Head:
    """What a page says about itself: language, title, meta, canonical, hreflang, JSON-LD."""
    meta: dict[str, str] = {}
    og: set[str] = set()
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("name") or attrs.get("property") or "").strip().lower()
        if key:
            meta.setdefault(key, attrs.get("content") or "")
            if key.startswith(("og:", "twitter:")):
                og.add(key)
    title_node = tree.css_first("title")
    html_node = tree.css_first("html")
    canonical, hreflang = _link_tags(tree, url, site_url)
    jsonld, errors = _jsonld(tree)
    return _Head(
        lang=(html_node.attributes.get("lang") or "") if html_node is not None else "",
        title=_clean(title_node.text()) if title_node is not None else None,
        meta=meta,
        og=frozenset(og),
        canonical=canonical,
        hreflang=hreflang,
        jsonld=jsonld,
        jsonld_errors=errors,
    )


def _link_tags(
    tree: LexborHTMLParser, url: str, site_url: str
) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """The canonical URL (the first) and the hreflang alternates of `<link rel=…>`."""
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
    return canonical, tuple(hreflang)


def _jsonld(tree: LexborHTMLParser) -> tuple[tuple[object, ...], tuple[str, ...]]:
    """The page's JSON-LD blocks, and the first line of each parse error."""
    data, errors = [], []
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data.append(json.loads(node.text() or ""))
        except ValueError as exc:
            errors.append(str(exc).splitlines()[0][:200])
    return tuple(data), tuple(errors)


# ---------------------------------------------------------------- the whole page's links


def _ids(tree: LexborHTMLParser, source: str) -> frozenset[str]:
    """Every anchor of the page: element ids and `<a name>`."""
    ids = filter(None, (n.attributes.get("id") for n in tree.css("[id]")))
    return frozenset(ids) | frozenset(_value(groups) for groups in _A_NAME.findall(source))


def _page_links(
    source: str, url: str, target: Callable[[str], Target], ids: frozenset[str] | None
) -> tuple[set[str], _Counts]:
    """Every link of the page, for the link graph (orphans) and broken-target checks: the pages it
    links to, and the links to check (`ids` None: none) — broken, or an #anchor that only the whole
    site can confirm (another page's ids), counted (the main-content pass takes its own off).

    Hrefs are read from the source text: one C-speed regex instead of a DOM node and an attribute
    dict per link (a page carries hundreds of navigation links), and each distinct href is looked
    at once (a Counter of the raw matches is built in C)."""
    outbound: set[str] = set()
    whole: _Counts = {}
    for groups, times in Counter(_A_HREF.findall(source)).items():
        value = groups[0] or groups[1] or groups[2]  # `_value`, inlined: a call per href adds up
        resolved = target(htmllib.unescape(value) if "&" in value else value)
        if resolved is None:
            continue
        path, fragment, ok, page_file = resolved
        if page_file and path != url:
            outbound.add(sys.intern(path))
        if ids is not None and (not ok or (fragment and (path != url or fragment not in ids))):
            key = (path, fragment, ok)
            whole[key] = whole.get(key, 0) + times
    return outbound, whole


# ---------------------------------------------------------------- the main content


def _main(tree: LexborHTMLParser) -> LexborNode | None:
    """The page's main content without the theme's furniture (removed from the tree)."""
    main = next((n for s in MAIN_SELECTORS if (n := tree.css_first(s)) is not None), None)
    if main is not None:
        for selector in UI_SELECTORS:
            for node in main.css(selector):
                node.decompose()
    return main


class _MainLinks(NamedTuple):
    links: list[Link]  # to check, or with a text short enough to be vague
    checked: dict[tuple[str, str], int]  # the links to check, counted
    chars: int  # characters of link text, spaces excluded


def _main_links(
    main: LexborNode, url: str, target: Callable[[str], Target], ids: frozenset[str]
) -> _MainLinks:
    """Main-content links, kept only when a rule needs them: to check them (broken, or an #anchor
    elsewhere), or for their text when it is short enough to be vague. Keeping every link of every
    page would make memory grow with links instead of pages."""
    links: list[Link] = []
    checked: dict[tuple[str, str], int] = {}
    chars = 0
    for node in main.css("a"):
        href = node.attributes.get("href")
        if href is None:
            continue
        resolved = target(href)
        raw = node.text()
        chars += len("".join(raw.split()))
        label = _label(raw) if len(raw) <= LINK_TEXT_MAX * 3 else ""
        image = not label and node.css_first("img") is not None
        short = label if label and len(label) <= LINK_TEXT_MAX else None
        if resolved is None:
            path, fragment, ok, check = "", "", True, False
        else:
            path, fragment, ok, _ = resolved
            check = not ok or bool(fragment and (path != url or fragment not in ids))
            if check:
                checked[(path, fragment)] = checked.get((path, fragment), 0) + 1
        if check or (short and not image):
            links.append(Link(path, fragment, short, True, ok, image))
    return _MainLinks(links, checked, chars)


def _link_chars(main: LexborNode) -> int:
    """Characters of the main content's link texts, spaces excluded (`_main_links` counts them
    too; this is for when no link itself is wanted)."""
    texts = (n.text() for n in main.css("a") if n.attributes.get("href") is not None)
    return sum(len("".join(raw.split())) for raw in texts)


def _merge_links(whole: _Counts, main: _MainLinks | None) -> tuple[Link, ...]:
    """A link of the main content was also seen in the whole-page pass: keep it once, as main
    (outside it only if the whole page has more of it than the main content)."""
    if main is None:
        return tuple(Link(path, fragment, None, False, ok) for (path, fragment, ok) in whole)
    outside = [
        Link(path, fragment, None, False, ok)
        for (path, fragment, ok), times in whole.items()
        if times > main.checked.get((path, fragment), 0)
    ]
    return tuple(dict.fromkeys(outside + main.links))  # the same link twice is one check


def _first_paragraph(main: LexborNode) -> str:
    """The intro: the first paragraph of the body itself, not one inside a quote, figure or
    admonition that a theme partial (case facts) or the writer put first."""
    paragraphs = main.css("p")
    direct = [n for n in paragraphs if n.parent is not None and n.parent.mem_id == main.mem_id]
    for node in direct or paragraphs:
        candidate = _clean(node.text())
        if candidate:
            return candidate[:2000]
    return ""


def _images(main: LexborNode) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """src of images without an alt attribute, and of those with an empty one, not decorative."""
    missing, empty = [], []
    for node in main.css("img"):
        alt = node.attributes.get("alt")
        if alt is None:
            missing.append(node.attributes.get("src") or "")
        elif not alt.strip() and not _decorative(node.attributes):
            empty.append(node.attributes.get("src") or "")
    return tuple(missing), tuple(empty)


class _Text(NamedTuple):
    words: int = 0
    hits: tuple[tuple[str, int], ...] = ()
    chars: int = 0
    length: int = 0


def _text(body: str, keywords: tuple[str, ...], wanted: frozenset[str]) -> _Text:
    """The counts of the main content's text that were asked for."""
    words = WORDS in wanted
    length = LENGTH in wanted
    return _Text(
        words=textmod.word_count(body, keywords) if body and words else 0,
        hits=tuple((k, textmod.count_occurrences(body, k)) for k in keywords) if words else (),
        chars=sum(map(len, body.split())) if length else 0,
        length=textmod.writing_length(body) if body and length else 0,
    )


# ---------------------------------------------------------------- one page


class _Wants(NamedTuple):
    """The costly facts to gather (`records.FACTS`), and the page's keywords to count."""

    facts: frozenset[str]
    keywords: tuple[str, ...]


class _Body(NamedTuple):
    links: tuple[Link, ...] = ()
    outbound: tuple[str, ...] = ()
    ids: frozenset[str] = frozenset()
    headings: tuple[tuple[int, str], ...] = ()
    first_paragraph: str = ""
    link_chars: int = 0
    images: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    text: _Text = _Text()


def _body(
    tree: LexborHTMLParser, html: str, url: str, page: Callable[[str], Target], want: _Wants
) -> _Body:
    """The facts of the page's links and main content."""
    ids: frozenset[str] | None = None
    outbound: set[str] = set()
    whole: _Counts = {}
    if want.facts & {LINKS, OUTBOUND}:
        source = _COMMENT.sub("", html) if "<!--" in html else html
        ids = _ids(tree, source) if LINKS in want.facts else None
        outbound, whole = _page_links(source, url, page, ids)
        outbound = outbound if OUTBOUND in want.facts else set()
    main = _main(tree)
    if main is None:
        links, text = _merge_links(whole, None), _text("", want.keywords, want.facts)
        return _Body(links, tuple(sorted(outbound)), ids or frozenset(), text=text)
    found = _main_links(main, url, page, ids) if ids is not None else None
    link_chars = 0
    if LENGTH in want.facts:
        link_chars = found.chars if found is not None else _link_chars(main)
    # No separator: inline tags must not split words (数据<b>可用</b>); blocks are already
    # separated by the newlines MkDocs writes between them.
    body = main.text(separator="")
    return _Body(
        links=_merge_links(whole, found),
        outbound=tuple(sorted(outbound)),
        ids=ids or frozenset(),
        headings=tuple((3 if n.tag == "h3" else 2, _clean(n.text())) for n in main.css("h2, h3")),
        first_paragraph=_first_paragraph(main),
        link_chars=link_chars,
        images=_images(main) if IMAGES in want.facts else ((), ()),
        text=_text(body, want.keywords, want.facts),
    )


def extract(
    html: str,
    file: str,
    root: Path,
    site_url: str = "",
    keywords: tuple[str, ...] = (),
    exists: Exists | None = None,
    words: bool = True,
    resolver: Resolver | None = None,
    wanted: Collection[str] | None = None,
) -> PageFacts:
    """Facts of one page. Never raises for bad HTML: what cannot be read is left empty.

    `wanted`: the costly facts (`records.FACTS`) to gather, None for all; `words=False` leaves out
    WORDS (segmenting the body) too. `resolver` shares resolved links across the pages of one build
    (made for this page alone otherwise).
    """
    from selectolax.lexbor import LexborHTMLParser  # imported in the worker, not on start-up

    url = url_of(file)
    if resolver is None:
        resolver = Resolver(root, site_url, exists or (lambda rel: (root / rel).is_file()))
    tree = LexborHTMLParser(html)
    head = _head(tree, url, site_url)
    h1 = tuple(_clean(n.text()) for n in tree.css("h1"))
    want = _Wants(facts_to_gather(wanted, words), keywords)
    body = _body(tree, html, url, resolver.page(url), want)
    return PageFacts(
        url=url,
        file=file,
        lang=head.lang,
        title=head.title,
        description=head.meta.get("description"),
        canonical=head.canonical,
        robots=head.meta.get("robots", "").lower(),
        hreflang=head.hreflang,
        h1=h1,
        headings=body.headings,
        first_paragraph=body.first_paragraph,
        words=body.text.words,
        chars=body.text.chars,
        length=body.text.length,
        link_chars=body.link_chars,
        keyword_hits=body.text.hits,
        links=body.links,
        outbound=body.outbound,
        ids=body.ids,
        images_missing_alt=body.images[0],
        images_empty_alt=body.images[1],
        jsonld=head.jsonld,
        jsonld_errors=head.jsonld_errors,
        og=head.og,
        generator=head.meta.get("generator", ""),
    )
