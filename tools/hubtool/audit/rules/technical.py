"""Technical rules (TEC001-TEC014): what search engines read in the built HTML."""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any, ClassVar
from urllib.parse import quote, unquote, urlsplit

from ... import text
from ...config import HubConfig
from ...content.gated import resolve_gated_file
from ...content.items import Item
from ..adoption import is_hub
from ..facts import Link, PageFacts, Site, content_pages, is_generated, site_path
from ..model import AuditContext, Finding, Rule
from . import linkhints
from .common import each_with_others, others
from .keywords import body_line


def _at(
    rule: Rule,
    message: str,
    page: PageFacts,
    item: Item | None,
    line: int | None = None,
    field: str | None = None,
    severity: str | None = None,
    help: str | None = None,
) -> Finding:
    """A finding on `page`, located at its source file when there is one."""
    if item is None:
        return rule.finding(message, url=page.url, severity=severity, help=help)
    if line is None:
        line = item.line_of(field) if field else 1
    return rule.finding(message, item=item, line=line, url=page.url, severity=severity, help=help)


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


def _length(value: str) -> tuple[int, bool]:
    """A title's or description's length in the writer's guide's units, and whether it is Chinese:
    Chinese text (any Han character) in 字 (a Han character 1, a Latin word 1, as word processors
    count), other text in characters."""
    if text.has_han(value):
        return text.writing_length(value), True
    return len(" ".join(value.split())), False


def _range(rule: Rule, zh: bool) -> tuple[int, int]:
    low, high = rule.opts["zh" if zh else "en"]
    return int(low), int(high)


def _own_title(title: str, item: Item | None, names: Iterable[str]) -> str:
    """The writer's title: front matter `title`, else the `<title>` without the ` - site name`
    the theme appends (the site name, or the company's name in any language)."""
    own = item.meta.get("title") if item is not None else None
    if isinstance(own, str) and own.strip():
        return own.strip()
    for name in names:
        suffix = f" - {name}"
        if name and title.endswith(suffix) and len(title) > len(suffix):
            return title[: -len(suffix)]
    return title


def _site_names(ctx: AuditContext) -> list[str]:
    company = (ctx.config.hub.get("company") or {}).get("name")
    names = list(company.values()) if isinstance(company, dict) else [company]
    return [str(n) for n in [ctx.config.site_name, *names] if n]


class TitleWidthOutOfRange(Rule):
    """The page's title is shorter or longer than the writer's guide says: Chinese 8-26 字,
    English 20-46 characters.

    **Why.** Search results show about 600 pixels of a title: longer titles are cut off, very short
    ones say too little in the most visible line. The title is measured as the writer wrote it
    (front matter `title`; else the `<title>` without the ` - 站点名` the theme appends: the ranges
    leave room for it). Chinese text is measured in 字 as word processors count it (a Han character
    1, a Latin word such as `PoC` 1); text without Chinese in characters.

    **Fails:** `title: 案例` (2 字), or a 40-字 Chinese title.

    **Instead:** 8-26 字 (`某城商行：联合营销建模让响应率翻倍`), or 20-46 English characters.

    The minimum applies to the pieces the guide is written for (cases, whitepapers, news); other
    pages (关于我们, a section's index 新闻动态, a plain MkDocs site's 二分查找) are checked for
    length only: their short titles are clear, and a wiki's hundred short titles are not a hundred
    problems.

    **Options:** `zh` (default `[8, 26]`, 字) and `en` (default `[20, 46]`, characters): the
    allowed range, identical to docs/guide/writing.md; `min_on` (default `[case, whitepaper,
    news]`): the kinds whose titles must reach the minimum (add `page` for every page).

    **Severity: warning.** A short but clear title ("二分查找 - 知识库") still works: a reason to
    improve, never to hold a release. A page without any `<title>` is reported the same way.
    """

    code = "TEC001"
    name = "title-width-out-of-range"
    summary = (
        "页面标题短于或长于撰写指南的要求：中文 8–26 个字，英文 20–46 个字符",
        "The title is shorter or longer than the writer's guide says: Chinese 8-26 字, "
        "English 20-46 characters.",
    )
    severity = "warning"
    scope = "site"
    options: ClassVar[dict[str, Any]] = {
        "zh": [8, 26],
        "en": [20, 46],
        "min_on": ["case", "whitepaper", "news"],
    }
    help = (
        "把 `title:` 改为中文 8–26 个字（英文 20–46 个字符），站点名由主题追加，不计入。",
        "Rewrite `title:` to 20-46 characters (Chinese: 8-26 字); the site name the theme "
        "appends does not count.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        names = _site_names(ctx)
        for page, item in content_pages(ctx):
            if not page.title:
                yield _at(
                    self,
                    self.say("页面没有 <title>", "Page has no <title>"),
                    page,
                    item,
                    field="title",
                )
                continue
            own = _own_title(page.title, item, names)
            size, zh = _length(own)
            low, high = _range(self, zh)
            kind = item.kind if item is not None else "page"
            if size < low and kind not in self.opts["min_on"]:
                continue  # 关于我们, 新闻动态, 二分查找: an ordinary page's short title is clear
            if not low <= size <= high:
                yield _at(
                    self,
                    self.say(
                        f"标题“{own}”有 {size} 个{'字' if zh else '字符'}，不在 {low}–{high} "
                        f"个{'字' if zh else '字符'}之间",
                        f"Title '{own}' is {size} {'字 (Chinese characters)' if zh else 'characters'}"
                        f", outside {low}-{high}",
                    ),
                    page,
                    item,
                    field="title",
                )


class DescriptionWidthOutOfRange(Rule):
    """The meta description is missing, the site's own, or shorter or longer than the writer's
    guide says: Chinese 40-75 字, English 80-150 characters.

    **Why.** The description is the snippet under the title in search results: too short says
    nothing, too long is cut off mid-sentence. Units as TEC001: 字 for Chinese text, characters
    for other text. mkdocs-material falls back to `site_description` when a page has none: that
    page is reported here once ("no description of its own"), not again by TEC004 as a duplicate.

    **Fails:** `description: 隐私计算案例。`

    **Instead:** one or two sentences that say who did what with which result, 40-75 字.

    **Options:** `zh` (default `[40, 75]`, 字) and `en` (default `[80, 150]`, characters),
    identical to docs/guide/writing.md.

    **Severity: warning.** Search engines write their own snippet when the description is
    missing or poor: a weaker result, not a broken page.
    """

    code = "TEC002"
    name = "description-width-out-of-range"
    summary = (
        "页面描述缺失、沿用站点描述，或不符合撰写指南的长度：中文 40–75 个字，英文 80–150 个字符",
        "The meta description is missing, the site's own, or outside the writer's guide's "
        "length: Chinese 40-75 字, English 80-150 characters.",
    )
    severity = "warning"
    scope = "site"
    options: ClassVar[dict[str, Any]] = {"zh": [40, 75], "en": [80, 150]}
    help = (
        "写一句中文 40–75 个字（英文 80–150 个字符）的 `description:`，说明谁用什么取得了什么结果。",
        "Write a `description:` of 80-150 characters (Chinese: 40-75 字) saying who did what "
        "with which result.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fallback = text.normalise(str(ctx.config.mkdocs.get("site_description") or ""))
        for page, item in content_pages(ctx):
            description = (page.description or "").strip()
            if not description:
                yield _at(
                    self,
                    self.say("页面没有描述（meta description）", "Page has no meta description"),
                    page,
                    item,
                    field="description",
                )
                continue
            own = item is not None and item.meta.get("description")
            if fallback and not own and text.normalise(description) == fallback:
                yield _at(
                    self,
                    self.say(
                        "页面没有自己的描述，主题用了站点描述（site_description）",
                        "Page has no description of its own: the theme shows the site_description",
                    ),
                    page,
                    item,
                    field="description",
                )
                continue
            size, zh = _length(description)
            low, high = _range(self, zh)
            if not low <= size <= high:
                unit_zh, unit_en = (
                    ("字", "字 (Chinese characters)") if zh else ("字符", "characters")
                )
                yield _at(
                    self,
                    self.say(
                        f"页面描述有 {size} 个{unit_zh}，不在 {low}–{high} 个{unit_zh}之间",
                        f"Meta description is {size} {unit_en}, outside {low}-{high}",
                    ),
                    page,
                    item,
                    field="description",
                )


def _duplicates(
    rule: Rule,
    ctx: AuditContext,
    value: Callable[[PageFacts], str | None],
    what: tuple[str, str],
    field: str,
    skip: str = "",
) -> Iterator[Finding]:
    keyed = (
        (key, (page, item))
        for page, item in content_pages(ctx)
        if (key := text.normalise(value(page) or "")) and key != skip
    )
    for (page, item), rest in each_with_others(keyed):
        names = others(rule, [p.url for p, _ in rest])
        yield _at(
            rule,
            rule.say(f"{what[0]}与 {names} 相同", f"Same {what[1]} as {names}"),
            page,
            item,
            field=field,
        )


class DuplicateTitle(Rule):
    """Two or more pages have the same `<title>`.

    **Why.** Search engines show one of them and users cannot tell them apart in results or tabs.
    Titles are compared normalised (case, width, Traditional/Simplified).

    **Fails:** two news posts both titled `产品发布`. **Instead:** say what was released.

    **Severity: warning.** Both pages work; the cost is a confusing result list.
    """

    code = "TEC003"
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "duplicate-title"
    summary = ("两个或更多页面的标题（<title>）相同", "Two or more pages have the same `<title>`.")
    severity = "warning"
    scope = "site"
    help = ("给每个页面一个自己的标题。", "Give each page a title of its own.")

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        return _duplicates(self, ctx, lambda p: p.title, ("标题", "title"), "title")


class DuplicateDescription(Rule):
    """Two or more pages have the same meta description.

    **Why.** A description describes one page; a shared one (often the site description that the
    theme falls back to when a page has none) is ignored by search engines.

    **Fails:** two pages with the same `description:`. **Instead:** write one per page.

    Pages that show the `site_description` because they have none are TEC002's finding (once per
    page), not reported again here.

    **Severity: warning.** Search engines ignore the shared text and write their own snippet.
    """

    code = "TEC004"
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "duplicate-description"
    summary = (
        "两个或更多页面的描述（meta description）相同",
        "Two or more pages have the same meta description.",
    )
    severity = "warning"
    scope = "site"
    help = ("为本页写一句自己的 `description:`。", "Write a `description:` for this page.")

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        fallback = text.normalise(str(ctx.config.mkdocs.get("site_description") or ""))
        return _duplicates(
            self,
            ctx,
            lambda p: p.description,
            ("页面描述", "meta description"),
            "description",
            skip=fallback,
        )


class NotOneH1(Rule):
    """The page does not have exactly one `<h1>`.

    **Why.** The H1 is the page's visible headline; none leaves the topic unclear, several split it.
    mkdocs-material turns `title:` into the H1 when the Markdown has no `# heading`; a `#` heading
    in the body plus another `#` later gives two.

    **Fails:** a body with two `# ` headings. **Instead:** one `#`, then `##` for sections.

    **Severity: warning.** Search engines cope with several H1s; it is a structure fix.
    """

    code = "TEC005"
    name = "not-one-h1"
    summary = ("页面的一级标题（<h1>）不是恰好一个", "The page does not have exactly one `<h1>`.")
    severity = "warning"
    scope = "site"
    help = (
        "只保留一个 `# ` 标题（或不写，让 title 作为一级标题）；各节用 `##`。",
        "Keep one `# ` heading (or none, and let the title be the H1); use `##` for sections.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        h1 = re.compile(r"^#\s")
        for page, item in content_pages(ctx):
            if len(page.h1) != 1:
                line = body_line(item, h1) if item is not None and page.h1 else None
                yield _at(
                    self,
                    self.say(
                        f"页面有 {len(page.h1)} 个一级标题（<h1>），应当只有一个",
                        f"Page has {len(page.h1)} <h1> headings, not one",
                    ),
                    page,
                    item,
                    line,
                )


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
    needs = frozenset({"images"})  # the costly page facts it reads
    name = "image-without-alt"
    scope = "site"
    help = (
        "在替代文字中说明图片内容，如 `![联合建模流程图](flow.svg)`；纯装饰图片写成 "
        "`![](divider.svg){role=presentation}`。",
        "Describe the image in its alt text (`![Joint modelling flow](flow.svg)`); mark a "
        "decorative image with `{role=presentation}`.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for page, item in content_pages(ctx):
            empty = getattr(page, "images_empty_alt", ())
            for src, missing in [
                *((s, True) for s in page.images_missing_alt),
                *((s, False) for s in empty),
            ]:
                name = unquote(urlsplit(src).path).rsplit("/", 1)[-1]
                message = (
                    self.say(f"图片“{src}”没有替代文字（alt）", f"Image '{src}' has no alt text")
                    if missing
                    else self.say(
                        f"图片“{src}”的替代文字为空，又没有标为装饰图片",
                        f"Image '{src}' has empty alt text and is not marked decorative",
                    )
                )
                yield _at(self, message, page, item, _find_line(item, [name, src]))


# Markdown images and <img> tags of a source body: (target, column of the target).
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))+)")
_HTML_IMAGE = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_NOT_IMAGE = re.compile(r"`[^`]*`|<!--.*?-->")


def _local(target: str) -> str | None:
    """The file path a link target names, or None for URLs, data, anchors and templates."""
    target = target.strip()
    if (
        not target
        or target.startswith(("#", "//", "data:", "{{", "{%"))
        or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", target)
    ):
        return None
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    return path or None


def _exists(
    ctx: AuditContext, item: Item, path: str, docs_too: bool = True, page_relative: bool = False
) -> bool:
    """Is `path` a file, relative to the source file (or, written from the root, to docs/)?
    `page_relative`: also relative to the built page's folder (raw HTML, which MkDocs does not
    rewrite: `../images/x.svg` on /ds/treap/ is /ds/images/x.svg)."""
    config = ctx.config
    bases = [item.path.parent] if not path.startswith("/") else []
    if docs_too or path.startswith("/"):
        bases += [config.docs_dir, config.root]
    if page_relative and not path.startswith("/"):
        bases += [config.docs_dir / item.url.strip("/"), config.root / item.url.strip("/")]
    return any(os.path.isfile(os.path.normpath(base / path.lstrip("/"))) for base in bases)


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
    help = (
        "补上文件，或改正路径（图片相对于 Markdown 文件；logo 和 image 也可相对于 docs/）。",
        "Add the file, or fix the path (images are relative to the Markdown file; logo and "
        "image may also be relative to docs/).",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for item in ctx.items:
            yield from self._body(ctx, item)
            fields: list[tuple[tuple[str, ...], object, bool]] = [
                (("image",), item.meta.get("image"), True)
            ]
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
                        self.say(
                            f"{what} 指向的文件“{value}”不存在"
                            + ("：表单承诺的下载永远不会到达" if gated else ""),
                            f"{what}: file '{value}' does not exist"
                            + (": the form promises a download that never comes" if gated else ""),
                        ),
                        item=item,
                        line=item.line_of(*path),
                    )

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
                    if target and not _exists(
                        ctx, item, target, docs_too=False, page_relative=pattern is _HTML_IMAGE
                    ):
                        yield self.finding(
                            self.say(
                                f"图片“{match.group(1)}”不存在",
                                f"Image '{match.group(1)}' does not exist",
                            ),
                            item=item,
                            line=item.body_line + index,
                            column=match.start(1) + 1,
                        )


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
    needs = frozenset({"documents"})  # the costly page facts it reads
    name = "gated-file-published"
    scope = "site"
    help = (
        "删除公开目录中的副本；链接白皮书页面，由表单发放文件。",
        "Delete the public copy; link the whitepaper's page, whose form hands out the file.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        files = getattr(ctx.pages, "files", None)
        if not files:
            return
        documents = getattr(ctx.pages, "documents", {})
        for item in ctx.hub.items:
            file = item.meta.get("file")
            if not (
                item.kind == "whitepaper"
                and item.meta.get("gated")
                and isinstance(file, str)
                and _local(file)
            ):
                continue
            name = PurePosixPath(file).name
            # Read only what the confining resolver allows (never outside the gated folder, never
            # a FIFO): a file it refuses is FM001's finding, and a copy by name is still a leak.
            path, _ = resolve_gated_file(ctx.config, item.path, file)
            digest = ""
            try:
                if path is not None and path.is_file():
                    with open(path, "rb") as handle:
                        digest = hashlib.file_digest(handle, "sha256").hexdigest()
            except OSError:
                pass  # missing or unreadable: TEC016's finding
            for built in sorted(files):
                same_name = built.rsplit("/", 1)[-1] == name
                if not same_name and not (digest and documents.get(built) == digest):
                    continue
                how = (
                    self.say("同名文件", "a file of the same name")
                    if same_name
                    else self.say("内容相同的文件", "a file with the same content")
                )
                yield self.finding(
                    self.say(
                        f"受控白皮书的文件“{file}”在公开站点中可以下载：/{built}（{how}）",
                        f"Gated whitepaper file '{file}' is public at /{built} ({how})",
                    ),
                    item=item,
                    line=item.line_of("file"),
                    url=f"/{built}",
                )


class BrokenInternalLink(Rule):
    """An internal link, or its `#anchor`, points at nothing in the build.

    **Why.** Broken links lose readers and waste crawl budget. Links are resolved against the
    built files (no server needed), with percent-encoding decoded in paths and anchors, so
    `#ferrers-%E5%9B%BE` matches `id="ferrers-图"`. All pages are checked, generated ones included.

    **Fails:** `[案例](../cases/old-name.md)` after a rename. **Instead:** link the current file.

    **Severity: error.** Readers land on a 404 or the wrong place; it is a defect in what ships,
    and the fix is a one-line edit.
    """

    code = "TEC007"
    needs = frozenset({"links"})  # the costly page facts it reads
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "broken-internal-link"
    summary = (
        "站内链接或其 #锚点 在构建结果中不存在",
        "An internal link, or its `#anchor`, points at nothing in the build.",
    )
    scope = "site"
    help = (
        "改正链接目标或锚点（锚点是目标页面标题的 id）。",
        "Fix the link target, or the anchor (anchors are the heading ids of the target page).",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        items = {i.url: i for i in ctx.hub.published}
        names = {linkhints.page_name(i.src_uri): i for i in ctx.hub.published}  # for "closest"
        theme: dict[tuple[str, str, str], list[str]] = defaultdict(list)
        for url in sorted(ctx.pages):
            page = ctx.pages[url]
            item = items.get(url)
            seen = set()
            for link in page.links:
                if not link.url or (link.url, link.fragment, link.main) in seen:
                    continue
                seen.add((link.url, link.fragment, link.main))
                message = _broken(self, ctx, link)
                if message is None:
                    continue
                if not link.main:  # theme navigation, header, footer: one finding per target
                    theme[(link.url, link.fragment, message)].append(url)
                    continue
                written = linkhints.written_link(item, link) if item else None
                if item is not None and written is not None:
                    message = _broken_as_written(self, ctx, link, item, written.target, names)
                    yield self.finding(
                        message, item=item, line=written.line, column=written.column, url=url
                    )
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
                self.say(
                    f"{message}（导航、页眉或页脚中的链接，出现在 {len(pages)} 个页面上，"
                    f"例如 {pages[0]}）",
                    f"{message} (a navigation, header or footer link on {len(pages)} page(s), "
                    f"e.g. {pages[0]})",
                ),
                line=line or 1,
                url=pages[0],
                help=self.say(
                    "修改 mkdocs.yml 中的 `nav:`，或写出这个链接的主题覆盖文件。",
                    "Fix `nav:` in mkdocs.yml, or the theme override that writes this link.",
                ),
            )
            yield replace(finding, path=config.rel(config.path))


def _broken(rule: Rule, ctx: AuditContext, link: Link) -> str | None:
    """Why `link` is broken, or None."""
    shown = link.url + (f"#{link.fragment}" if link.fragment else "")
    if not link.exists:
        return rule.say(
            f"链接“{shown}”在构建结果中不存在", f"Link to '{shown}' points at nothing in the build"
        )
    target = ctx.pages.get(link.url)
    if not link.fragment or target is None or link.fragment in target.ids:
        return None
    return rule.say(
        f"页面“{link.url}”上没有锚点“#{link.fragment}”",
        f"Anchor '#{link.fragment}' does not exist on '{link.url}'",
    )


def _broken_as_written(
    rule: Rule, ctx: AuditContext, link: Link, item: Item, written: str, names: dict[str, Item]
) -> str:
    """Why `link` is broken, quoting it as `item` writes it, with the closest page or anchor
    that exists (as a path relative to `item`, which is how the writer links it)."""
    if not link.exists:
        shown = link.url + (f"#{link.fragment}" if link.fragment else "")
        near = None
        if linkhints.names_a_page(written):
            near = linkhints.closest(linkhints.page_name(link.url), names)
        hint = ""
        if near is not None:
            here = posixpath.dirname(item.src_uri)
            path = posixpath.relpath(names[near].src_uri, here or ".")
            hint = rule.say(f"；最接近的页面：{path}", f"; closest page: {path}")
        if written.rstrip("/") == shown.rstrip("/"):
            return rule.say(
                f"链接“{written}”在构建结果中不存在{hint}",
                f"Link to '{written}' points at nothing in the build{hint}",
            )
        return rule.say(
            f"链接“{written}”在构建结果中不存在（指向 {shown}）{hint}",
            f"Link to '{written}' points at nothing in the build (it resolves to {shown}){hint}",
        )
    target = ctx.pages[link.url]
    near = linkhints.closest(link.fragment, target.ids)
    hint = rule.say(f"；最接近的锚点：#{near}", f"; closest anchor: #{near}") if near else ""
    return rule.say(
        f"链接“{written}”：页面“{link.url}”上没有锚点“#{link.fragment}”{hint}",
        f"Link '{written}': anchor '#{link.fragment}' does not exist on '{link.url}'{hint}",
    )


def _config_lines(config: HubConfig) -> list[str]:
    try:
        return config.path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


def own_base(ctx: AuditContext) -> str:
    """The base URL the audited build was made for, read from the build itself.

    Most pages' canonical URL is the base plus their own path (MkDocs writes it from the site_url
    of the build). Taking the commonest such base means `hubtool seo-audit -d other/site` run from
    a hub's folder judges the other build against its own base, not the hub's `site_url`. Without
    any such canonical: the configured `site_url`.
    """
    bases: Counter[str] = Counter()
    for url, page in ctx.pages.items():
        if not page.canonical:
            continue
        try:
            parts = urlsplit(page.canonical)
        except ValueError:
            continue
        path = unquote(parts.path) or "/"
        if parts.scheme in ("http", "https") and parts.netloc and path.endswith(url):
            bases[f"{parts.scheme}://{parts.netloc}{path[: len(path) - len(url)]}/"] += 1
    if bases:
        return bases.most_common(1)[0][0]
    return getattr(ctx.pages, "site_url", "") or ctx.config.site_url


def hub_build(ctx: AuditContext) -> bool:
    """True when the audited build is the hub's own: mkdocs.yml has `extra.hub`, and the build was
    made for its `site_url` (not another site's build audited with `-d` from the hub's folder)."""
    if not is_hub(ctx.config):
        return False
    mine, built = (
        urlsplit(ctx.config.site_url).netloc.lower(),
        urlsplit(own_base(ctx)).netloc.lower(),
    )
    return not (mine and built and mine != built)


class CanonicalNotSelf(Rule):
    """The page's canonical URL points at another page, or the page has none.

    **Why.** The canonical URL tells search engines which address to index. One that points
    elsewhere asks them to drop this page; a missing one lets them guess. mkdocs-material writes
    it from `site_url`: set `site_url` in mkdocs.yml.

    The page is compared with the base URL the build itself was made for (the commonest base of
    its pages' canonical URLs), so auditing another site's build from a hub's folder
    (`--no-build -d other/site`) does not judge it against the hub's `site_url`. When no page has a
    canonical URL (a build without `site_url`), one finding says so instead of one per page.

    **Fails:** a page whose canonical is `https://www.example.com/` (the home page), or a build
    without `site_url`. **Instead:** let the theme write it; `site_url: https://www.example.com/`.

    **Severity: error when it points at another page** (the page is dropped from search: worth
    stopping a release), **warning when missing** (search engines then pick the address
    themselves, usually right).
    """

    code = "TEC008"
    name = "canonical-not-self"
    summary = (
        "页面的规范网址（canonical）指向别的页面，或者没有规范网址",
        "The page's canonical URL points at another page, or the page has none.",
    )
    scope = "site"
    help = (
        "在 mkdocs.yml 中设置 `site_url`，不要改写页面的规范网址。",
        "Set `site_url` in mkdocs.yml, and do not override the canonical URL of a page.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        pages = list(content_pages(ctx))
        missing = self.configured or "warning"
        if pages and not any(page.canonical for page, _ in pages):
            config = ctx.config
            finding = self.finding(
                self.say(
                    "没有一个页面有规范网址（canonical）：mkdocs.yml 中没有设置 site_url？",
                    "No page has a canonical URL: is `site_url` missing from mkdocs.yml?",
                ),
                url="/",
                line=config.lines.get(("site_url",), 1),
                severity=missing,
            )
            yield replace(finding, path=config.rel(config.path))
            return
        base = own_base(ctx)
        host = urlsplit(base).netloc.lower()
        for page, item in pages:
            if not page.canonical:
                yield _at(
                    self,
                    self.say("页面没有规范网址（canonical）", "Page has no canonical URL"),
                    page,
                    item,
                    severity=missing,
                )
                continue
            parts = urlsplit(page.canonical)
            resolved = site_path(page.canonical, page.url, base)
            if (
                not parts.netloc
                or (host and parts.netloc.lower() != host)
                or resolved is None
                or resolved[0] != page.url
            ):
                yield _at(
                    self,
                    self.say(
                        f"规范网址“{page.canonical}”没有指向本页",
                        f"Canonical URL '{page.canonical}' does not point at this page",
                    ),
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

    **Where it applies.** Missing or incomplete JSON-LD is judged only on a hub's own build
    (mkdocs.yml has `extra.hub`, and the build was made for its `site_url`), whose theme writes it
    from front matter: a plain MkDocs site never adopted structured data, and is not told it
    lacks it. JSON-LD that a site does write is checked
    everywhere: a syntax error or a missing required field is a real problem on any site.

    **Severity: error when it cannot be parsed** (a broken template or hand-written block that
    discards all structured data of the page), **warning when missing or incomplete** (rich
    results are lost; the page itself is fine).
    """

    code = "TEC009"
    name = "structured-data-invalid"
    summary = (
        "JSON-LD 结构化数据缺失、无法解析，或缺少该类页面必需的字段",
        "JSON-LD is missing, cannot be parsed, or lacks the fields its page type requires.",
    )
    scope = "site"
    options: ClassVar[dict[str, Any]] = {
        "require_on": ["case", "whitepaper", "news", "page"],
        "required": JSONLD_REQUIRED,
    }
    help = (
        "修正 JSON-LD（主题根据 front matter 的 title、description、date 生成它）。",
        "Fix the JSON-LD (the theme writes it from front matter: title, description, date).",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        required = {**JSONLD_REQUIRED, **self.opts["required"]}
        hub = hub_build(ctx)
        weak = self.configured or "warning"
        for page, item in content_pages(ctx):
            kind = item.kind if item is not None else "page"
            for error in page.jsonld_errors:
                yield _at(
                    self,
                    self.say(f"JSON-LD 无法解析：{error}", f"JSON-LD cannot be parsed: {error}"),
                    page,
                    item,
                )
            nodes = [n for block in page.jsonld for n in _nodes(block)]
            typed = [n for n in nodes if _types(n)]
            if not typed:
                if hub and kind in self.opts["require_on"] and not page.jsonld_errors:
                    yield _at(
                        self,
                        self.say(
                            "页面没有 JSON-LD 结构化数据", "Page has no JSON-LD structured data"
                        ),
                        page,
                        item,
                        severity=weak,
                    )
                continue
            spec = required.get(kind) or {}
            wanted, fields = set(spec.get("types") or []), list(spec.get("fields") or [])
            matching = [n for n in typed if not wanted or _types(n) & wanted]
            if not matching:
                if not hub:
                    continue  # the kind's required types are the hub's content model
                yield _at(
                    self,
                    self.say(
                        f"JSON-LD 中没有 {' 或 '.join(sorted(wanted))} 类型的节点（{kind}）",
                        f"JSON-LD has no node of type {' or '.join(sorted(wanted))} for a {kind}",
                    ),
                    page,
                    item,
                    severity=weak,
                )
            elif not any(all(_has(n, f) for f in fields) for n in matching):
                node = matching[0]
                lacking = [f.replace("|", " or ") for f in fields if not _has(node, f)]
                yield _at(
                    self,
                    self.say(
                        f"JSON-LD {'/'.join(sorted(_types(node)))} 缺少 {', '.join(lacking)}",
                        f"JSON-LD {'/'.join(sorted(_types(node)))} lacks {', '.join(lacking)}",
                    ),
                    page,
                    item,
                    severity=weak,
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

    **Severity: warning.** The page is online and correct; it is only hard to find.
    """

    code = "TEC010"
    needs = frozenset({"outbound"})  # the costly page facts it reads
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "orphan-page"
    summary = (
        "已发布页面没有任何其他页面链接到它（孤立页面），或 sitemap.xml 中没有它",
        "A published page that no other page links to (orphan), or that sitemap.xml does not list.",
    )
    severity = "warning"
    scope = "site"
    help = (
        "在列表页、导航或相关页面中链接本页。",
        "Link this page from a listing, the navigation or a related page.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        inbound: set[str] = set()
        for url, page in ctx.pages.items():
            inbound.update(u for u in page.outbound if u != url)
        homes = {"/"} | {f"/{lang}/" for lang in ctx.config.languages}
        sitemap = ctx.pages.sitemap if isinstance(ctx.pages, Site) else None
        if isinstance(ctx.pages, Site) and not sitemap and ctx.pages:
            # MkDocs lists no page in sitemap.xml without site_url: one finding, not one per page.
            yield self.finding(
                self.say(
                    "构建结果中没有 sitemap.xml"
                    if sitemap is None
                    else "构建结果的 sitemap.xml 中没有任何页面",
                    "The build has no sitemap.xml"
                    if sitemap is None
                    else "The build has a sitemap.xml that lists no page",
                ),
                url="/sitemap.xml",
                help=self.say(
                    "在 mkdocs.yml 中设置 `site_url`，MkDocs 会把每个页面写进 sitemap.xml。",
                    "Set `site_url` in mkdocs.yml; MkDocs then lists every page in sitemap.xml.",
                ),
            )
            sitemap = None
        for page, item in content_pages(ctx):
            if page.url not in homes and page.url not in inbound:
                yield _at(
                    self,
                    self.say("没有其他页面链接到本页", "No other page links to this page"),
                    page,
                    item,
                )
            if sitemap is not None and page.url not in sitemap and "noindex" not in page.robots:
                yield _at(
                    self,
                    self.say("sitemap.xml 中没有本页", "Page is missing from sitemap.xml"),
                    page,
                    item,
                    help=self.say(
                        "设置了 `site_url` 时，构建会把页面写进 sitemap.xml；请确认本页没有被排除。",
                        "Pages are listed in sitemap.xml when they are built with "
                        "`site_url` set; check the page is not excluded.",
                    ),
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

    **Severity: warning.** Search engines then ignore the pair and may show the other language's
    page; both pages still work.
    """

    code = "TEC011"
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "hreflang-not-reciprocal"
    summary = (
        "页面声明的另一语言版本（hreflang）没有回指本页，或者不存在",
        "A page names a language alternate (hreflang) that does not name it back, or does "
        "not exist.",
    )
    severity = "warning"
    scope = "site"
    help = (
        "让两个语言版本互相列为 hreflang 替代页面。",
        "Make both language versions list each other as hreflang alternates.",
    )

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
                        self,
                        self.say(
                            f"hreflang“{lang}”指向的页面“{target}”不存在",
                            f"hreflang '{lang}' alternate '{target}' does not exist",
                        ),
                        page,
                        item,
                    )
                elif page.url not in {t for _, t in other.hreflang}:
                    yield _at(
                        self,
                        self.say(
                            f"hreflang“{lang}”指向的页面“{target}”没有回指本页",
                            f"hreflang '{lang}' alternate '{target}' does not link back",
                        ),
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

    **Severity: warning.** An accessibility and clarity fix; the link works.
    """

    code = "TEC012"
    needs = frozenset({"links"})  # the costly page facts it reads
    name = "vague-link-text"
    summary = (
        "正文中的链接文字没有说明去向（“点击这里”“更多”）",
        'A link in the main content says nothing about where it goes ("click here", '
        '"点击这里", "更多").',
    )
    severity = "warning"
    scope = "site"
    options: ClassVar[dict[str, Any]] = {"phrases": VAGUE}
    help = (
        "用能说明目标的链接文字（文档名、案例名、要做的事）。",
        "Use link text that names the target (the document, the case, the action).",
    )

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
                        self.say(
                            f"链接文字“{link.text}”没有说明去向",
                            f"Link text '{link.text}' does not say where it goes",
                        ),
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

    **Severity: error.** The page silently disappears from search for as long as the setting
    stays: exactly what a release check is for.
    """

    code = "TEC013"
    name = "noindex-on-published-page"
    summary = (
        "已发布页面要求搜索引擎不要收录它（robots 为 noindex 或 none）",
        "A published page tells search engines not to index it (`noindex` or `none` robots meta).",
    )
    scope = "site"
    help = (
        "删除 noindex 设置，或撤下页面（status: draft）。",
        "Remove the noindex robots setting, or unpublish the page (status: draft).",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for page, item in content_pages(ctx):
            directives = {d.strip() for d in page.robots.split(",")}
            if directives & {"noindex", "none"}:
                yield _at(
                    self,
                    self.say(
                        f"已发布页面的 robots 是“{page.robots}”",
                        f"Published page has robots '{page.robots}'",
                    ),
                    page,
                    item,
                    field="robots",
                )


KIND_NAMES = {
    "case": ("案例", "case study"),
    "whitepaper": ("白皮书页面", "whitepaper page"),
    "news": ("新闻", "news item"),
    "page": ("页面", "page"),
}
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
    needs = frozenset({"length"})  # the costly page facts it reads
    name = "thin-content"
    severity = "warning"  # a release is not blocked for a short page; it is worth a look
    scope = "site"
    options: ClassVar[dict[str, Any]] = {
        "minimum": THIN_MINIMUM,
        "min_words": 0,
        "kinds": ["case", "whitepaper", "news", "page"],
        "max_link_share": 0.5,
    }
    help = (
        "补充内容：背景、数字、客户原话，以及读者下一步该做什么。",
        "Write more: context, figures, a customer quote, what the reader should do next.",
    )

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
            message = (
                self.say(
                    f"正文只有 {length} 字，少于{zh_kind}的下限 {low} 字",
                    f"Main content has {length} characters (字), fewer than the "
                    f"{low} a {en_kind} needs",
                )
                if zh
                else self.say(
                    f"正文只有 {length} 个词，少于{zh_kind}的下限 {low} 个词",
                    f"Main content has {length} words, fewer than the {low} a {en_kind} needs",
                )
            )
            yield _at(self, message, page, item)

    def _listing(self, page: PageFacts, item: Item | None, homes: set[str]) -> bool:
        if is_generated(page.url):
            return True
        if item is not None and (
            "<!-- hub:" in item.body or (_INDEX.search(item.rel) and item.url not in homes)
        ):
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
            return self.say(
                f"{file} 不是普通文件（{detail}），已跳过",
                f"{file} is not a regular file ({detail}), skipped",
            )
        if page.error == "outside":
            return self.say(
                f"{file} 是指向站点目录之外的符号链接（{detail}），已跳过",
                f"{file} is a symbolic link out of the site folder ({detail}), skipped",
            )
        if page.error == "too-large":
            limit = self.opts["max_page_bytes"]
            return self.say(
                f"{file} 有 {detail} 字节，超过上限 {limit}，未读取",
                f"{file} has {detail} bytes, more than max_page_bytes ({limit}); not read",
            )
        if page.error == "unreadable":
            return self.say(
                f"{file} 无法读取（{detail}），已跳过", f"{file} cannot be read ({detail}), skipped"
            )
        return self.say(
            f"{file} 无法解析（{detail}），已跳过", f"{file} cannot be parsed ({detail}), skipped"
        )
