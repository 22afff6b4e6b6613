"""Technical rules (TEC001-TEC014): what search engines read in the built HTML."""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any, ClassVar
from urllib.parse import quote, unquote, urlsplit

from ... import text
from ...content.items import Item
from ..facts import PageFacts, Site, content_pages, is_generated, site_path
from ..model import AuditContext, Finding, Rule
from .keywords import body_line


def _at(
    rule: Rule,
    message: str,
    page: PageFacts,
    item: Item | None,
    line: int | None = None,
    field: str | None = None,
    **kw,
) -> Finding:
    """A finding on `page`, located at its source file when there is one."""
    if item is None:
        return rule.finding(message, url=page.url, **kw)
    if line is None:
        line = item.line_of(field) if field else 1
    return rule.finding(message, item=item, line=line, url=page.url, **kw)


def _find_line(item: Item | None, needles: Iterable[str]) -> int | None:
    """File line of the first body line containing a needle, trying needles in order of trust."""
    if item is None:
        return None
    lines = item.body.splitlines()
    for needle in needles:
        if not needle:
            continue
        for index, line in enumerate(lines):
            if needle in line:
                return item.body_line + index
    return item.body_line


class TitleWidthOutOfRange(Rule):
    """The `<title>` is narrower or wider than the range (default 15-65 width units).

    **Why.** Search results show about 600 pixels of a title: longer titles are cut off, very short
    ones waste the most visible line. Widths count a CJK character as 2 units and a Latin
    character as 1 (a Chinese character is about twice as wide), and include the site name that the
    theme appends (`… - 星衡数据`).

    **Fails:** `title: 案例` (too short), or a 40-character Chinese title (over 80 units).

    **Instead:** 10-25 Chinese characters, or 30-55 Latin characters, before the site name.

    **Options:** `min` (default 15), `max` (default 65).
    """

    code = "TEC001"
    name = "title-width-out-of-range"
    scope = "site"
    options: ClassVar[dict[str, Any]] = {"min": 15, "max": 65}
    help = "Rewrite `title:` so the full <title> is 15-65 units wide (CJK characters count 2)."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        low, high = self.opts["min"], self.opts["max"]
        for page, item in content_pages(ctx):
            width = text.display_width(page.title or "")
            if not page.title:
                yield _at(self, "Page has no <title>", page, item, field="title")
            elif not low <= width <= high:
                yield _at(
                    self,
                    f"Title is {width} units wide, outside {low}-{high}: '{page.title}'",
                    page,
                    item,
                    field="title",
                )


class DescriptionWidthOutOfRange(Rule):
    """The meta description is missing, or narrower or wider than the range (default 70-160 units).

    **Why.** The description is the snippet under the title in search results: too short says
    nothing, too long is cut off mid-sentence. CJK characters count 2 units (so 35-80 Chinese
    characters). Note that mkdocs-material falls back to `site_description` when a page has none,
    which TEC004 then reports as a duplicate.

    **Fails:** `description: 隐私计算案例。`

    **Instead:** one or two sentences that say who did what with which result.

    **Options:** `min` (default 70), `max` (default 160).
    """

    code = "TEC002"
    name = "description-width-out-of-range"
    scope = "site"
    options: ClassVar[dict[str, Any]] = {"min": 70, "max": 160}
    help = "Write `description:` of 70-160 units (35-80 Chinese characters)."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        low, high = self.opts["min"], self.opts["max"]
        for page, item in content_pages(ctx):
            if not (page.description or "").strip():
                yield _at(self, "Page has no meta description", page, item, field="description")
                continue
            width = text.display_width(page.description or "")
            if not low <= width <= high:
                yield _at(
                    self,
                    f"Meta description is {width} units wide, outside {low}-{high}",
                    page,
                    item,
                    field="description",
                )


def _duplicates(rule: Rule, ctx: AuditContext, value, what: str, field: str) -> Iterator[Finding]:
    groups: dict[str, list[tuple[PageFacts, Item | None]]] = defaultdict(list)
    for page, item in content_pages(ctx):
        if key := text.normalise(value(page) or ""):
            groups[key].append((page, item))
    for pages in groups.values():
        if len(pages) < 2:
            continue
        for page, item in pages:
            names = [p.url for p, _ in pages if p is not page]
            others = ", ".join(names[:5]) + (
                f" and {len(names) - 5} more" if len(names) > 5 else ""
            )
            yield _at(rule, f"Same {what} as {others}", page, item, field=field)


class DuplicateTitle(Rule):
    """Two or more pages have the same `<title>`.

    **Why.** Search engines show one of them and users cannot tell them apart in results or tabs.
    Titles are compared normalised (case, width, Traditional/Simplified).

    **Fails:** two news posts both titled `产品发布`. **Instead:** say what was released.
    """

    code = "TEC003"
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "duplicate-title"
    scope = "site"
    help = "Give each page a title of its own."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        return _duplicates(self, ctx, lambda p: p.title, "title", "title")


class DuplicateDescription(Rule):
    """Two or more pages have the same meta description.

    **Why.** A description describes one page; a shared one (often the site description that the
    theme falls back to when a page has none) is ignored by search engines.

    **Fails:** pages without `description:` (all get `site_description`). **Instead:** write one.
    """

    code = "TEC004"
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "duplicate-description"
    scope = "site"
    help = "Write a `description:` for this page."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        return _duplicates(self, ctx, lambda p: p.description, "meta description", "description")


class NotOneH1(Rule):
    """The page does not have exactly one `<h1>`.

    **Why.** The H1 is the page's visible headline; none leaves the topic unclear, several split it.
    mkdocs-material turns `title:` into the H1 when the Markdown has no `# heading`; a `#` heading
    in the body plus another `#` later gives two.

    **Fails:** a body with two `# ` headings. **Instead:** one `#`, then `##` for sections.
    """

    code = "TEC005"
    name = "not-one-h1"
    scope = "site"
    help = "Keep one `# ` heading (or none, and let the title be the H1); use `##` for sections."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        h1 = re.compile(r"^#\s")
        for page, item in content_pages(ctx):
            if len(page.h1) != 1:
                line = body_line(item, h1) if item is not None and page.h1 else None
                yield _at(self, f"Page has {len(page.h1)} <h1> headings, not one", page, item, line)


class ImageWithoutAlt(Rule):
    """An image in the main content has no alt text: no `alt` attribute, or an empty one on an
    image not marked as decorative.

    **Why.** Screen readers and search engines understand an image only from its alt text.
    `![](chart.svg)` writes `alt=""`, which tells them the image is decoration and may be skipped:
    a chart or a screenshot is then lost to them. A decorative image (a divider, a background
    shape) is marked explicitly, with attr_list: `![](divider.svg){role=presentation}` or
    `![](divider.svg){.decorative}` (also `aria-hidden="true"`).

    **Fails:** `![](chart.svg)`, or `<img src="arch.png">`.

    **Instead:** `![隐私计算平台架构图](arch.png)`, or `![](divider.svg){role=presentation}` for a
    decorative image.
    """

    code = "TEC006"
    name = "image-without-alt"
    scope = "site"
    help = ("在替代文字中说明图片内容，如 `![联合建模流程图](flow.svg)`；纯装饰图片写成 "
            "`![](divider.svg){role=presentation}`。",
            "Describe the image in its alt text (`![Joint modelling flow](flow.svg)`); mark a "
            "decorative image with `{role=presentation}`.")

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for page, item in content_pages(ctx):
            empty = getattr(page, "images_empty_alt", ())
            for src, missing in [*((s, True) for s in page.images_missing_alt),
                                 *((s, False) for s in empty)]:
                name = unquote(urlsplit(src).path).rsplit("/", 1)[-1]
                message = (self.say(f"图片“{src}”没有替代文字（alt）",
                                    f"Image '{src}' has no alt text") if missing else
                           self.say(f"图片“{src}”的替代文字为空，又没有标为装饰图片",
                                    f"Image '{src}' has empty alt text and is not marked "
                                    "decorative"))
                yield _at(self, message, page, item, _find_line(item, [name, src]))


# Markdown images and <img> tags of a source body: (target, column of the target).
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_HTML_IMAGE = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_NOT_IMAGE = re.compile(r"`[^`]*`|<!--.*?-->")


def _local(target: str) -> str | None:
    """The file path a link target names, or None for URLs, data, anchors and templates."""
    target = target.strip()
    if (not target or target.startswith(("#", "//", "data:", "{{", "{%"))
            or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target)):
        return None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    return path or None


def _exists(ctx: AuditContext, item: Item, path: str, docs_too: bool = True) -> bool:
    """Is `path` a file, relative to the source file (or, written from the root, to docs/)?"""
    config = ctx.config
    bases = [item.path.parent] if not path.startswith("/") else []
    if docs_too or path.startswith("/"):
        bases += [config.docs_dir, config.root]
    return any((base / path.lstrip("/")).is_file() for base in bases)


class LocalFileMissing(Rule):
    """A local file the page names does not exist: a body image, `customer.logo`, the social
    `image`, or a whitepaper's `file`.

    **Why.** A missing image shows a broken icon; a missing logo leaves a hole in the trust strip; a
    missing social image makes shared links fall back to nothing; and a gated whitepaper whose
    `file` is missing makes the form promise a download that never comes — the lead who asked for
    it gets nothing. Checked on the sources (`hubtool check`, no build), with file, line and column.
    Images are resolved as MkDocs does, relative to the Markdown file; `customer.logo` and `image`
    relative to the file or to docs/; a whitepaper's `file` relative to the file. URLs are not
    checked.

    **Fails:** `![联合建模流程](images/flow.svg)` when `images/flow.svg` does not exist.

    **Instead:** add the file, or fix the path.
    """

    code = "TEC016"
    name = "local-file-missing"
    scope = "source"
    help = ("补上文件，或改正路径（图片相对于 Markdown 文件；logo 和 image 也可相对于 docs/）。",
            "Add the file, or fix the path (images are relative to the Markdown file; logo and "
            "image may also be relative to docs/).")

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for item in ctx.items:
            yield from self._body(ctx, item)
            fields: list[tuple[tuple[str, ...], object, bool]] = [(("image",), item.meta.get("image"),
                                                                   True)]
            customer = item.meta.get("customer")
            if item.kind == "case" and isinstance(customer, dict):
                fields.append((("customer", "logo"), customer.get("logo"), True))
            if item.kind == "whitepaper":
                fields.append((("file",), item.meta.get("file"), False))
            for path, value, docs_too in fields:
                target = _local(value) if isinstance(value, str) else None
                if target and not _exists(ctx, item, target, docs_too):
                    what = ".".join(path)
                    gated = what == "file" and item.meta.get("gated")
                    yield self.finding(
                        self.say(f"{what} 指向的文件“{value}”不存在"
                                 + ("：表单承诺的下载永远不会到达" if gated else ""),
                                 f"{what}: file '{value}' does not exist"
                                 + (": the form promises a download that never comes"
                                    if gated else "")),
                        item=item, line=item.line_of(*path))

    def _body(self, ctx: AuditContext, item: Item) -> Iterator[Finding]:
        fence = ""
        for index, line in enumerate(item.body.splitlines()):
            if fence:
                fence = "" if line.strip().startswith(fence) else fence
                continue
            if (opened := _FENCE.match(line)) is not None:
                fence = opened.group(1)
                continue
            if "](" not in line and "<img" not in line.lower():
                continue
            # Inline code and HTML comments show or hide an example, not an image (same columns).
            line = _NOT_IMAGE.sub(lambda m: " " * len(m.group(0)), line)
            for pattern in (_MD_IMAGE, _HTML_IMAGE):
                for match in pattern.finditer(line):
                    target = _local(match.group(1))
                    if target and not _exists(ctx, item, target, docs_too=False):
                        yield self.finding(
                            self.say(f"图片“{match.group(1)}”不存在",
                                     f"Image '{match.group(1)}' does not exist"),
                            item=item, line=item.body_line + index, column=match.start(1) + 1)


class GatedFilePublished(Rule):
    """A gated whitepaper's file is reachable in the public build: the same file name, or the same
    content under another name.

    **Why.** A static site cannot gate a file: whatever is in the build can be downloaded by anyone
    who finds its address, and search engines index PDFs. The hub leaves gated files out of the
    build and hands them out through the lead form; a copy dropped into `docs/assets/`, or the PDF
    under a new name, leaks the content the form was meant to earn.

    **Fails:** `whitepapers/files/pcc-guide.pdf` is gated, and `docs/assets/pcc-guide.pdf` (or
    `docs/assets/guide-v2.pdf` with the same bytes) is in the build.

    **Instead:** delete the public copy; link the whitepaper's page, whose form hands out the file.
    """

    code = "TEC017"
    name = "gated-file-published"
    scope = "site"
    help = ("删除公开目录中的副本；链接白皮书页面，由表单发放文件。",
            "Delete the public copy; link the whitepaper's page, whose form hands out the file.")

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        files = getattr(ctx.pages, "files", None)
        if not files:
            return
        documents = getattr(ctx.pages, "documents", {})
        for item in ctx.hub.items:
            file = item.meta.get("file")
            if not (item.kind == "whitepaper" and item.meta.get("gated") and isinstance(file, str)
                    and _local(file)):
                continue
            path = item.path.parent / file
            name = path.name
            try:
                with open(path, "rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
            except OSError:
                digest = ""  # missing: TEC016's finding; a copy by name is still a leak
            for built in sorted(files):
                same_name = built.rsplit("/", 1)[-1] == name
                if not same_name and not (digest and documents.get(built) == digest):
                    continue
                how = (self.say("同名文件", "a file of the same name") if same_name else
                       self.say("内容相同的文件", "a file with the same content"))
                yield self.finding(
                    self.say(f"受控白皮书的文件“{file}”在公开站点中可以下载：/{built}（{how}）",
                             f"Gated whitepaper file '{file}' is public at /{built} ({how})"),
                    item=item, line=item.line_of("file"), url=f"/{built}")


class BrokenInternalLink(Rule):
    """An internal link, or its `#anchor`, points at nothing in the build.

    **Why.** Broken links lose readers and waste crawl budget. Links are resolved against the
    built files (no server needed), with percent-encoding decoded in paths and anchors, so
    `#ferrers-%E5%9B%BE` matches `id="ferrers-图"`. All pages are checked, generated ones included.

    **Fails:** `[案例](../cases/old-name.md)` after a rename. **Instead:** link the current file.
    """

    code = "TEC007"
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "broken-internal-link"
    scope = "site"
    help = "Fix the link target, or the anchor (anchors are the heading ids of the target page)."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        items = {i.url: i for i in ctx.hub.published}
        theme: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for url in sorted(ctx.pages):
            page = ctx.pages[url]
            item = items.get(url)
            seen = set()
            for link in page.links:
                if not link.url or (link.url, link.fragment, link.main) in seen:
                    continue
                seen.add((link.url, link.fragment, link.main))
                message = _broken(ctx, link)
                if message is None:
                    continue
                if not link.main:  # theme navigation, header, footer: one finding per target
                    theme[(link.url, link.fragment, message)].append(url)
                    continue
                name = link.url.rstrip("/").rsplit("/", 1)[-1]
                needles = [
                    f"[{link.text}]" if link.text else "",
                    quote(link.fragment),
                    link.fragment,
                    name,
                    link.text or "",
                ]
                yield _at(self, message, page, item, _find_line(item, needles) if item else None)
        config = ctx.config
        lines = _config_lines(config)
        for (target, _fragment, message), pages in sorted(theme.items()):
            name = target.rstrip("/").rsplit("/", 1)[-1] or target
            line = next((n for n, text in enumerate(lines, 1) if name and name in text), None)
            finding = self.finding(
                f"{message} (a navigation, header or footer link on {len(pages)} page(s), "
                f"e.g. {pages[0]})",
                line=line or 1,
                url=pages[0],
                help="Fix `nav:` in mkdocs.yml, or the theme override that writes this link.",
            )
            yield replace(finding, path=config.rel(config.path))


def _broken(ctx: AuditContext, link) -> str | None:
    """Why `link` is broken, or None."""
    shown = link.url + (f"#{link.fragment}" if link.fragment else "")
    if not link.exists:
        return f"Link to '{shown}' points at nothing in the build"
    target = ctx.pages.get(link.url)
    if not link.fragment or target is None or link.fragment in target.ids:
        return None
    return f"Anchor '#{link.fragment}' does not exist on '{link.url}'"


def _config_lines(config) -> list[str]:
    try:
        return config.path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


class CanonicalNotSelf(Rule):
    """The page has no canonical URL, or its canonical URL points at another page.

    **Why.** The canonical URL tells search engines which address to index. A missing one lets them
    guess; one that points elsewhere asks them to drop this page. mkdocs-material writes it from
    `site_url`: set `site_url` in mkdocs.yml.

    **Fails:** a build without `site_url`. **Instead:** `site_url: https://www.example.com/`.
    """

    code = "TEC008"
    name = "canonical-not-self"
    scope = "site"
    help = "Set `site_url` in mkdocs.yml, and do not override the canonical URL of a page."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        site_url = getattr(ctx.pages, "site_url", "") or ctx.config.site_url
        host = urlsplit(site_url).netloc.lower()
        for page, item in content_pages(ctx):
            if not page.canonical:
                yield _at(self, "Page has no canonical URL", page, item)
                continue
            parts = urlsplit(page.canonical)
            resolved = site_path(page.canonical, page.url, site_url)
            if (
                not parts.netloc
                or (host and parts.netloc.lower() != host)
                or resolved is None
                or resolved[0] != page.url
            ):
                yield _at(
                    self,
                    f"Canonical URL '{page.canonical}' does not point at this page",
                    page,
                    item,
                )


# Required JSON-LD per content kind: any one of `types`, with all of `fields` (`a|b`: either).
JSONLD_REQUIRED = {
    "case": {
        "types": ["Article", "CaseStudy", "BlogPosting", "TechArticle"],
        "fields": ["headline|name", "datePublished"],
    },
    "whitepaper": {
        "types": ["Report", "Article", "TechArticle", "ScholarlyArticle"],
        "fields": ["headline|name", "datePublished"],
    },
    "news": {
        "types": ["NewsArticle", "BlogPosting", "Article"],
        "fields": ["headline", "datePublished"],
    },
    "page": {"types": [], "fields": []},
}


def _nodes(data: object) -> Iterator[dict]:
    """Every JSON-LD node: top-level objects, lists and `@graph` members."""
    if isinstance(data, list):
        for entry in data:
            yield from _nodes(entry)
    elif isinstance(data, dict):
        yield data
        yield from _nodes(data.get("@graph", []))


def _types(node: dict) -> set[str]:
    value = node.get("@type")
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1] for v in values if v}


def _has(node: dict, field: str) -> bool:
    return any(node.get(name) not in (None, "", [], {}) for name in field.split("|"))


class StructuredDataInvalid(Rule):
    """JSON-LD is missing, cannot be parsed, or lacks the fields its page type requires.

    **Why.** Structured data lets search engines show dates, authors and organisation details; a
    syntax error silently discards all of it. Required by default: cases an `Article` with
    `headline` (or `name`) and `datePublished`; whitepapers a `Report` (or `Article`) with
    `headline` (or `name`) and `datePublished`; news a `NewsArticle` with `headline` and `datePublished`; other pages any
    JSON-LD node with a `@type`.

    **Fails:** `<script type="application/ld+json">{"@type": "NewsArticle",}</script>`.

    **Instead:** let the hub's theme write JSON-LD from front matter (title, date, description).

    **Options:** `require_on` (default `[case, whitepaper, news, page]`): kinds that must have
    JSON-LD (pages of sites without our front matter count as `page`); `required`: per kind,
    `types` (any of) and `fields` (all of).
    """

    code = "TEC009"
    name = "structured-data-invalid"
    scope = "site"
    options: ClassVar[dict[str, Any]] = {
        "require_on": ["case", "whitepaper", "news", "page"],
        "required": JSONLD_REQUIRED,
    }
    help = "Fix the JSON-LD (the theme writes it from front matter: title, description, date)."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        required = {**JSONLD_REQUIRED, **self.opts["required"]}
        for page, item in content_pages(ctx):
            kind = item.kind if item is not None else "page"
            for error in page.jsonld_errors:
                yield _at(self, f"JSON-LD cannot be parsed: {error}", page, item)
            nodes = [n for block in page.jsonld for n in _nodes(block)]
            typed = [n for n in nodes if _types(n)]
            if not typed:
                if kind in self.opts["require_on"] and not page.jsonld_errors:
                    yield _at(self, "Page has no JSON-LD structured data", page, item)
                continue
            spec = required.get(kind) or {}
            wanted, fields = set(spec.get("types") or []), list(spec.get("fields") or [])
            matching = [n for n in typed if not wanted or _types(n) & wanted]
            if not matching:
                yield _at(
                    self,
                    f"JSON-LD has no node of type {' or '.join(sorted(wanted))} for a {kind}",
                    page,
                    item,
                )
            elif not any(all(_has(n, f) for f in fields) for n in matching):
                node = matching[0]
                lacking = [f.replace("|", " or ") for f in fields if not _has(node, f)]
                yield _at(
                    self,
                    f"JSON-LD {'/'.join(sorted(_types(node)))} lacks {', '.join(lacking)}",
                    page,
                    item,
                )


class OrphanPage(Rule):
    """A published page that no other page links to (orphan), or that sitemap.xml does not list.

    **Why.** Search engines find pages through links and the sitemap; a page reached by neither is
    rarely crawled, and readers never find it.

    Links from any page count (navigation, listings, other content, generated blog archive and
    category pages). The home page of each language (`/`, `/en/`) is never an orphan. Generated
    pages (404, search, blog archive, category, pagination) are not checked. When the build has no
    sitemap.xml, or one that lists no page (MkDocs without `site_url`), one finding says so instead
    of one per page.

    **Fails:** a case that no listing or other page links to. **Instead:** link it from the
    case listing or from a related page.
    """

    code = "TEC010"
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "orphan-page"
    scope = "site"
    help = "Link this page from a listing, the navigation or a related page."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        inbound: set[str] = set()
        for url, page in ctx.pages.items():
            inbound.update(u for u in page.outbound if u != url)
        homes = {"/"} | {f"/{lang}/" for lang in ctx.config.languages}
        sitemap = ctx.pages.sitemap if isinstance(ctx.pages, Site) else None
        if isinstance(ctx.pages, Site) and not sitemap and ctx.pages:
            # MkDocs lists no page in sitemap.xml without site_url: one finding, not one per page.
            what = (
                "has no sitemap.xml" if sitemap is None else "has a sitemap.xml that lists no page"
            )
            yield self.finding(
                f"The build {what}",
                url="/sitemap.xml",
                help="Set `site_url` in mkdocs.yml; MkDocs then lists every page in sitemap.xml.",
            )
            sitemap = None
        for page, item in content_pages(ctx):
            if page.url not in homes and page.url not in inbound:
                yield _at(self, "No other page links to this page", page, item)
            if sitemap is not None and page.url not in sitemap and "noindex" not in page.robots:
                yield _at(
                    self,
                    "Page is missing from sitemap.xml",
                    page,
                    item,
                    help="Pages are listed in sitemap.xml when they are built with "
                    "`site_url` set; check the page is not excluded.",
                )


class HreflangNotReciprocal(Rule):
    """A page names a language alternate (hreflang) that does not name it back, or does not exist.

    **Why.** Search engines ignore hreflang pairs that are not confirmed from both sides, and then
    show Chinese readers the English page (or the other way round).

    `x-default` is not checked, nor alternates that many pages name alike (mkdocs-material's
    site-wide language switch, `extra.alternate`, links every page to the other language's home).

    **Fails:** `/cases/x/` lists `en: /en/cases/x/`, but `/en/cases/x/` has no `zh` alternate
    pointing back. **Instead:** both language versions list each other (the theme does this when
    the files share a name: `x.md` and `x.en.md`).
    """

    code = "TEC011"
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "hreflang-not-reciprocal"
    scope = "site"
    help = "Make both language versions list each other as hreflang alternates."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        named = Counter(
            pair
            for page in ctx.pages.values()
            for pair in set(page.hreflang)
            if pair[1] != page.url
        )
        for page, item in content_pages(ctx):
            for lang, target in page.hreflang:
                if not target.startswith("/") or target == page.url or lang == "x-default":
                    continue  # another host, the page itself, or the fallback for other languages
                if named[(lang, target)] > 1:
                    continue  # a site-wide language switch (material's extra.alternate), not a pair
                other = ctx.pages.get(target)
                if other is None:
                    yield _at(
                        self, f"hreflang '{lang}' alternate '{target}' does not exist", page, item
                    )
                elif page.url not in {t for _, t in other.hreflang}:
                    yield _at(
                        self,
                        f"hreflang '{lang}' alternate '{target}' does not link back",
                        page,
                        item,
                    )


VAGUE = [
    "click here",
    "click",
    "here",
    "read more",
    "more",
    "learn more",
    "this",
    "this page",
    "link",
    "continue",
    "continue reading",
    "details",
    "more info",
    "go",
    "start",
    "right here",
    "点击这里",
    "点击此处",
    "点此",
    "点击",
    "这里",
    "此处",
    "更多",
    "了解更多",
    "阅读更多",
    "查看更多",
    "详情",
    "查看详情",
    "点击查看",
    "继续阅读",
    "戳这里",
    "链接",
]
_TRIM = re.compile(r"^[\s\W_]+|[\s\W_]+$")


class VagueLinkText(Rule):
    """A link in the main content says nothing about where it goes ("click here", "点击这里", "更多").

    **Why.** Link text is what search engines and screen-reader users (who list a page's links)
    learn about the target. Only the page's main content is checked: the theme's header, navigation,
    footer, permalinks (¶) and blog "continue reading" buttons are not the writer's text. Texts are
    compared whole, after trimming punctuation and arrows, normalised (這裡 = 这里).

    **Fails:** `了解详情请[点击这里](../whitepapers/pcc/)`.

    **Instead:** `下载[《隐私计算白皮书》](../whitepapers/pcc/)`.

    **Options:** `phrases`: the vague texts (English and Chinese, editable).
    """

    code = "TEC012"
    name = "vague-link-text"
    scope = "site"
    options: ClassVar[dict[str, Any]] = {"phrases": VAGUE}
    help = "Use link text that names the target (the document, the case, the action)."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        phrases = {text.normalise(p) for p in self.opts["phrases"]}
        for page, item in content_pages(ctx):
            for link in page.links:
                if (
                    link.main
                    and link.text
                    and not link.image
                    and text.normalise(_TRIM.sub("", link.text)) in phrases
                ):
                    yield _at(
                        self,
                        f"Link text '{link.text}' does not say where it goes",
                        page,
                        item,
                        _find_line(item, [f"[{link.text}]", link.text]),
                    )


class NoindexOnPublishedPage(Rule):
    """A published page tells search engines not to index it (`noindex` or `none` robots meta).

    **Why.** A forgotten `robots: noindex` from a draft keeps the page out of search for good.
    Drafts are not built at all; a published page should be indexable.

    **Fails:** `robots: noindex` in the front matter of a published case.
    **Instead:** remove it, or set `status: draft`.
    """

    code = "TEC013"
    name = "noindex-on-published-page"
    scope = "site"
    help = "Remove the noindex robots setting, or unpublish the page (status: draft)."

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for page, item in content_pages(ctx):
            directives = {d.strip() for d in page.robots.split(",")}
            if directives & {"noindex", "none"}:
                yield _at(
                    self, f"Published page has robots '{page.robots}'", page, item, field="robots"
                )


KIND_NAMES = {"case": ("案例", "case study"), "whitepaper": ("白皮书页面", "whitepaper page"),
              "news": ("新闻", "news item"), "page": ("页面", "page")}
# Minimum length of the main content per kind: Chinese pages in characters (字), others in words.
# The writer's guide (docs/guide/writing.md, 结构与篇幅) states the same numbers.
THIN_MINIMUM = {
    "case": {"zh": 800, "en": 450},
    "whitepaper": {"zh": 650, "en": 380},
    "news": {"zh": 400, "en": 250},
    "page": {"zh": 300, "en": 180},
}
_INDEX = re.compile(r"(?:^|/)(?:index|README)\.md$")


class ThinContent(Rule):
    """The main content is shorter than the minimum for its kind.

    **Why.** Thin pages rarely rank and do not convince a buyer. Length is counted as writers
    count it: Chinese by characters (字: each Han character 1, each word of Latin script or number
    1, as word processors' 字数), other languages by words. Defaults, as in the writer's guide:
    case studies 800 字 / 450 words, whitepaper pages 650 字 / 380 words, news 400 字 / 250
    words, other pages 300 字 / 180 words. Only the main content counts (not navigation or footer).

    Not checked: listing and index pages — generated ones (blog archive, category, pagination),
    pages that hold a hub listing (`<!-- hub:cases -->`), section index pages (`index.md` below a
    language's home) and pages whose text is mostly links.

    **Fails:** a news post whose whole body is `星衡数据今天发布隐私计算平台 5.0，新版本支持更多联合建模算法。`

    **Instead:** add context, figures, a quote, what the reader should do next.

    **Options:** `minimum`: per kind (case, whitepaper, news, page), `zh` (字) and `en` (words for
    any non-Chinese page), merged with the defaults: `minimum: {news: {zh: 300}}`. `min_words`:
    one number for every kind and language instead (0: use `minimum`). `kinds` (default all).
    `max_link_share` (default 0.5): a page whose main-content characters are more than this share
    link text (and at least 100 characters of it) is a listing.
    """

    code = "TEC014"
    name = "thin-content"
    severity = "warning"  # a release is not blocked for a short page; it is worth a look
    scope = "site"
    options: ClassVar[dict[str, Any]] = {
        "minimum": THIN_MINIMUM,
        "min_words": 0,
        "kinds": ["case", "whitepaper", "news", "page"],
        "max_link_share": 0.5,
    }
    help = ("补充内容：背景、数字、客户原话，以及读者下一步该做什么。",
            "Write more: context, figures, a customer quote, what the reader should do next.")

    def minimum(self, kind: str, zh: bool) -> int:
        if self.opts["min_words"]:
            return int(self.opts["min_words"])
        lang = "zh" if zh else "en"
        own = (self.opts["minimum"] or {}).get(kind) or {}
        return int(own.get(lang) or THIN_MINIMUM.get(kind, THIN_MINIMUM["page"])[lang])

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        homes = {"/"} | {f"/{lang}/" for lang in ctx.config.languages}
        for page, item in content_pages(ctx):
            kind = item.kind if item is not None else "page"
            if kind not in self.opts["kinds"] or self._listing(page, item, homes):
                continue
            zh = (item.lang if item is not None else page.lang.lower()).startswith("zh")
            length = getattr(page, "length", 0)
            low = self.minimum(kind, zh)
            if length >= low:
                continue
            zh_kind, en_kind = KIND_NAMES.get(kind, KIND_NAMES["page"])
            message = (self.say(f"正文只有 {length} 字，少于{zh_kind}的下限 {low} 字",
                                f"Main content has {length} characters (字), fewer than the "
                                f"{low} a {en_kind} needs") if zh else
                       self.say(f"正文只有 {length} 个词，少于{zh_kind}的下限 {low} 个词",
                                f"Main content has {length} words, fewer than the {low} a "
                                f"{en_kind} needs"))
            yield _at(self, message, page, item)

    def _listing(self, page: PageFacts, item: Item | None, homes: set[str]) -> bool:
        if is_generated(page.url):
            return True
        if item is not None and ("<!-- hub:" in item.body
                                 or (_INDEX.search(item.rel) and item.url not in homes)):
            return True
        # Mostly links, and many of them: a call-to-action button on a short page is not a listing.
        links = getattr(page, "link_chars", 0)
        return links >= 100 and links > (page.chars or 0) * self.opts["max_link_share"]


class PageNotAudited(Rule):
    """A file of the build that should be a page (`.html`) or the sitemap could not be audited.

    **Why.** An audit that silently leaves pages out passes a site it never read. The build folder
    may also come from elsewhere (`hubtool seo-audit --site-dir X --no-build` in CI): only regular
    files inside the folder are read, never more than `max_page_bytes` each, so a FIFO named
    `x.html` cannot hang the audit and a link to `/dev/zero` or to a file outside the folder
    cannot exhaust memory or be read. Such a file is skipped and reported here, never a crash.

    **Fails:** `docs/sample.md` built into a page larger than `max_page_bytes`; `x.html` in the
    build folder is a FIFO, or a symbolic link to `/dev/zero` or `/etc/passwd`.
    **Instead:** let the build write the folder; remove what is not a page; raise the limit if a
    page is really that large.

    **Options:** `max_page_bytes` (default 5242880, 5 MiB): larger pages are not read.
    """

    code = "TEC015"
    name = "page-not-audited"
    scope = "site"
    options: ClassVar[dict[str, Any]] = {"max_page_bytes": 5 * 1024 * 1024}
    help = (
        "只让 MkDocs 写入站点目录；删除不是网页的文件；确实很大的页面可调高 max_page_bytes。",
        "Let the build write the site folder; remove what is not a page; raise max_page_bytes "
        "for a page that really is that large.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        skipped = getattr(ctx.pages, "skipped", None) or {}
        items = {i.url: i for i in ctx.hub.published}
        for url in sorted(skipped):
            page = skipped[url]
            yield _at(self, self._message(page), page, items.get(url))

    def _message(self, page: PageFacts) -> str:
        file, detail = page.file, page.error_detail
        if page.error == "special":
            return self.say(f"{file} 不是普通文件（{detail}），已跳过",
                            f"{file} is not a regular file ({detail}), skipped")
        if page.error == "outside":
            return self.say(f"{file} 是指向站点目录之外的符号链接（{detail}），已跳过",
                            f"{file} is a symbolic link out of the site folder ({detail}), skipped")
        if page.error == "too-large":
            limit = self.opts["max_page_bytes"]
            return self.say(f"{file} 有 {detail} 字节，超过上限 {limit}，未读取",
                            f"{file} has {detail} bytes, more than max_page_bytes ({limit}); "
                            "not read")
        if page.error == "unreadable":
            return self.say(f"{file} 无法读取（{detail}），已跳过",
                            f"{file} cannot be read ({detail}), skipped")
        return self.say(f"{file} 无法解析（{detail}），已跳过",
                        f"{file} cannot be parsed ({detail}), skipped")
