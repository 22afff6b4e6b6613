"""Keyword rules (KW001-KW007): is the page's declared search phrase where searchers and engines look?"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from ... import text
from ...content.items import Item
from ..facts import PageFacts, content_pages
from ..model import AuditContext, Finding, Rule
from .common import CONTENT_KINDS, each_with_others, kind_zh, others

_SUBHEADING = re.compile(r"^#{2,3}\s")
_SKIP_INTRO = re.compile(r"^\s*(#|<!--|!!!|\?\?\?|\{|\||>|```|~~~|!\[|<(?!a\b|strong|em|b\b|span))")


def keyword(item: Item | None) -> str:
    value = item.meta.get("keyword") if item is not None else None
    return str(value).strip() if value else ""


def with_keyword(ctx: AuditContext) -> Iterator[tuple[PageFacts, Item, str]]:
    """Built pages joined to a published source that declares a keyword."""
    for page, item in content_pages(ctx):
        if item is not None and (kw := keyword(item)):
            yield page, item, kw


def body_line(item: Item, pattern: re.Pattern[str] | None = None) -> int:
    """File line of the first body line matching `pattern` (default: the first prose line)."""
    for index, line in enumerate(item.body.splitlines()):
        if not line.strip():
            continue
        if pattern is None and not _SKIP_INTRO.match(line):
            return item.body_line + index
        if pattern is not None and pattern.search(line):
            return item.body_line + index
    return item.body_line


class _KeywordPlaced(Rule):
    """A rule that looks for the page's keyword in some places of the built page (any one of them
    holding it passes; a page without such places, e.g. no subheadings, is not checked)."""

    def places(self, page: PageFacts) -> Iterable[str]:
        raise NotImplementedError

    def missing(self, kw: str) -> str:
        """The message when no place holds `kw`."""
        raise NotImplementedError

    def line(self, item: Item) -> int:
        """The source line the finding points at."""
        raise NotImplementedError

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for page, item, kw in with_keyword(ctx):
            places = list(self.places(page))
            if places and not any(text.contains_keyword(place, kw) for place in places):
                yield self.finding(self.missing(kw), item=item, line=self.line(item), url=page.url)


class KeywordNotDeclared(Rule):
    """A published case, whitepaper or news item declares no `keyword`.

    **Why.** Every other keyword rule measures the page against its keyword: without one, nobody
    decided which search this page should win, and the audit cannot tell whether it will.

    **Fails:**

        ---
        title: 某城商行用隐私计算完成联合风控建模
        ---

    **Instead:** name the one phrase buyers type, in the page's language:

        ---
        title: 某城商行用隐私计算完成联合风控建模
        keyword: 隐私计算
        ---

    **Options:** `kinds` (default `[case, whitepaper, news]`): the content kinds that need a keyword.

    **Severity: warning.** The page still works and can still rank; no team would hold a release
    for it, but every keyword rule stays blind on the page until it has one.
    """

    code = "KW001"
    name = "keyword-not-declared"
    summary = (
        "已发布的案例、白皮书或新闻没有声明关键词（keyword）",
        "A published case, whitepaper or news item declares no `keyword`.",
    )
    severity = "warning"
    scope = "source"
    options: ClassVar[dict[str, Any]] = {"kinds": list(CONTENT_KINDS)}
    help = (
        "在 front matter 中填写 `keyword:`：本页要在搜索中争取的那一个词。",
        "Add `keyword:` to the front matter: the one search phrase this page should rank for.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for item in ctx.items:
            if item.kind in self.opts["kinds"] and not keyword(item):
                yield self.finding(
                    self.say(
                        f"已发布的{kind_zh(item)}没有声明关键词（keyword）",
                        f"Published {item.kind} declares no keyword",
                    ),
                    item=item,
                    line=item.line_of("title"),
                )


class KeywordMissingInTitle(_KeywordPlaced):
    """The keyword is not in the page's `<title>`.

    **Why.** The title is the blue link in search results and the strongest on-page signal. Matching
    is done on normalised text: case-insensitive, full-width = half-width, Traditional = Simplified
    (隱私計算 matches 隐私计算), and Chinese needs no spaces.

    **Fails:** `keyword: 隐私计算` with `title: 联合风控建模实践`.

    **Instead:** `title: 隐私计算助力城商行联合风控建模`.

    **Severity: warning.** A ranking weakness, not a broken page: worth fixing before the next
    edit, not a reason to hold a release.
    """

    code = "KW002"
    name = "keyword-missing-in-title"
    summary = ("页面标题（<title>）中没有关键词", "The keyword is not in the page's `<title>`.")
    severity = "warning"
    scope = "site"
    help = (
        "把关键词写进 `title:`，最好靠前。",
        "Put the keyword in `title:`, preferably near the start.",
    )

    def places(self, page: PageFacts) -> Iterable[str]:
        return [page.title or ""]

    def missing(self, kw: str) -> str:
        return self.say(f"标题中没有关键词“{kw}”", f"Title does not contain the keyword '{kw}'")

    def line(self, item: Item) -> int:
        return item.line_of("title")


class KeywordMissingInDescription(_KeywordPlaced):
    """The keyword is not in the meta description.

    **Why.** Search engines bold the searched words in the snippet under the title; a description
    without them reads as off-topic and is often replaced by a random sentence of the page.

    **Fails:** `keyword: privacy computing`, `description: How a city bank built a joint model.`

    **Instead:** `description: How a city bank used privacy computing to build a joint risk model
    with partners, without sharing raw data.`

    **Severity: warning.** The snippet reads less relevant; nothing is broken.
    """

    code = "KW003"
    name = "keyword-missing-in-description"
    summary = (
        "页面描述（meta description）中没有关键词",
        "The keyword is not in the meta description.",
    )
    severity = "warning"
    scope = "site"
    help = ("在 `description:` 中提一次关键词。", "Mention the keyword once in `description:`.")

    def places(self, page: PageFacts) -> Iterable[str]:
        return [page.description or ""]

    def missing(self, kw: str) -> str:
        return self.say(
            f"页面描述中没有关键词“{kw}”", f"Meta description does not contain the keyword '{kw}'"
        )

    def line(self, item: Item) -> int:
        return item.line_of("description")


class KeywordMissingInIntro(_KeywordPlaced):
    """The keyword is not in the first paragraph of the page's content.

    **Why.** Readers and search engines decide from the first lines whether the page answers the
    search. The first `<p>` of the main content is checked (the title and headings do not count).

    **Fails:** a case whose first paragraph is "2025 年，该行启动了新项目。" with `keyword: 隐私计算`.

    **Instead:** "2025 年，该行借助隐私计算与三家合作方联合建模……"

    **Severity: warning.** An editing suggestion; the page is publishable without it.
    """

    code = "KW004"
    name = "keyword-missing-in-intro"
    summary = (
        "正文第一段中没有关键词",
        "The keyword is not in the first paragraph of the page's content.",
    )
    severity = "warning"
    scope = "site"
    help = (
        "在第一段（最好是第一句）中用上关键词。",
        "Use the keyword in the first paragraph, ideally in its first sentence.",
    )

    def places(self, page: PageFacts) -> Iterable[str]:
        return [page.first_paragraph]

    def missing(self, kw: str) -> str:
        return self.say(
            f"正文第一段中没有关键词“{kw}”", f"First paragraph does not contain the keyword '{kw}'"
        )

    def line(self, item: Item) -> int:
        return body_line(item)


class KeywordDensityOutOfRange(Rule):
    """The keyword's density in the main content is outside the range (default 0.5-3 %).

    **Why.** Too rare and the page does not look like it is about the keyword; too frequent and it
    reads as keyword stuffing, which search engines demote. Density = occurrences of the keyword
    ÷ words of the main content × 100. Chinese is segmented into words (jieba, with the page's
    keyword known to the segmenter, Traditional converted to Simplified first), so a 900-character
    Chinese page has about 500 words, not 2.

    **Fails:** a 1,200-word case that names its keyword once (0.08 %).

    **Instead:** use the keyword naturally in the intro, a subheading and the conclusion.

    **Options:** `min` (default 0.5) and `max` (default 3.0), in percent.

    **Severity: warning.** Density is a rough signal (search engines no longer count it strictly);
    a page outside the range deserves a second read, not a blocked release.
    """

    code = "KW005"
    name = "keyword-density-out-of-range"
    summary = (
        "关键词在正文中的密度不在 0.5%–3% 之间",
        "The keyword's density in the main content is outside the range (default 0.5-3 %).",
    )
    severity = "warning"
    scope = "site"
    needs = frozenset({"words"})  # page facts must count words (segmenting Chinese)
    options: ClassVar[dict[str, Any]] = {"min": 0.5, "max": 3.0}
    help = (
        "调整关键词在正文中出现的次数。",
        "Use the keyword more (or less) often in the body text.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        low, high = float(self.opts["min"]), float(self.opts["max"])
        for page, item, kw in with_keyword(ctx):
            if page.words == 0:
                continue  # an empty page is TEC014's business
            density = page.hits(kw) / page.words * 100
            if density < low or density > high:
                below = density < low
                yield self.finding(
                    self.say(
                        f"关键词“{kw}”的密度为 {density:.2f}%（{page.words} 个词中出现 "
                        f"{page.hits(kw)} 次），{'低于' if below else '高于'} {low:g}%–{high:g}% 的范围",
                        f"Keyword '{kw}' density is {density:.2f}% ({page.hits(kw)} in {page.words} "
                        f"words), {'below' if below else 'above'} the {low:g}-{high:g}% range",
                    ),
                    item=item,
                    line=item.line_of("keyword"),
                    url=page.url,
                    help=self.say(
                        "在正文中多用几次关键词。", "Use the keyword more often in the body text."
                    )
                    if below
                    else self.say(
                        "少用几次关键词，改用同义词和相关词。",
                        "Use the keyword less often; write synonyms and related terms instead.",
                    ),
                )


class KeywordCannibalised(Rule):
    """Two or more published pages of the same language have the same primary keyword.

    **Why.** Pages that target the same search compete with each other: search engines pick one,
    often the wrong one, and split the links between them. Keywords are compared normalised, so
    隐私计算 and 隱私計算 (or `PoC` and `ＰＯＣ`) are the same keyword.

    **Fails:** `cases/bank-risk.md` and `cases/insurer-claims.md` both with `keyword: 隐私计算`.

    **Instead:** give each page its own, more specific keyword (隐私计算 联合风控, 隐私计算 保险理赔),
    and link the narrower page to the broader one.

    **Severity: warning.** Both pages stay online and findable; the cost is split ranking, which
    is fixed by editing, not by holding a release.
    """

    code = "KW006"
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "keyword-cannibalised"
    summary = (
        "同一语言的多个已发布页面使用了同一个主关键词",
        "Two or more published pages of the same language have the same primary keyword.",
    )
    severity = "warning"
    scope = "source"
    help = (
        "给每个页面一个自己的关键词，或者合并这些页面。",
        "Give each page its own keyword, or merge the pages.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        keyed = (((i.lang, text.normalise(kw)), i) for i in ctx.items if (kw := keyword(i)))
        for item, rest in each_with_others(keyed):
            names = others(self, [o.rel for o in rest])
            yield self.finding(
                self.say(
                    f"关键词“{keyword(item)}”也是 {names} 的关键词",
                    f"Keyword '{keyword(item)}' is also the keyword of {names}",
                ),
                item=item,
                line=item.line_of("keyword"),
            )


class KeywordMissingInSubheadings(_KeywordPlaced):
    """No H2 or H3 subheading of the page contains the keyword (warning).

    **Why.** Subheadings tell skimming readers and search engines what each section covers; one of
    them should say the page's topic in the words buyers search for. Pages without any H2/H3 are
    not checked (short pages need no subheadings).

    **Fails:** `keyword: 隐私计算` with subheadings 背景, 方案, 成效.

    **Instead:** 背景, 隐私计算方案, 成效.

    **Severity: warning.** A structure suggestion.
    """

    code = "KW007"
    name = "keyword-missing-in-subheadings"
    summary = (
        "没有一个二级或三级标题包含关键词",
        "No H2 or H3 subheading of the page contains the keyword.",
    )
    severity = "warning"
    scope = "site"
    help = (
        "至少在一个二级或三级标题中用上关键词。",
        "Use the keyword in at least one H2 or H3 subheading.",
    )

    def places(self, page: PageFacts) -> Iterable[str]:
        return [heading for _, heading in page.headings]

    def missing(self, kw: str) -> str:
        return self.say(
            f"没有一个二级或三级标题包含关键词“{kw}”",
            f"No H2/H3 subheading contains the keyword '{kw}'",
        )

    def line(self, item: Item) -> int:
        return body_line(item, _SUBHEADING)
