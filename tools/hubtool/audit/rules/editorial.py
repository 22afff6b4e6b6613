"""Editorial rules (ED001, ED003-ED008): taboo words, placeholders, sign-off, copied sentences and
what the front matter promises. ED002 (advertising claims) is in `claims.py`; the word lists are
read by `wordlists.py`, matched by `matching.py`, on the prose `prose.py` and `sentences.py` find."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, ClassVar, cast

from ...content.items import Item
from ...errors import HubError
from ...text import has_han, to_simplified
from ..model import AuditContext, Finding, Rule
from .matching import Term, TermList, occurrences
from .prose import INLINE_MATH, blank, column_in_file, prose_lines, read_lines, scan
from .sentences import SentenceCache, _sentences
from .wordlists import wordlists


class _Listed(Rule):
    """A rule driven by a word list; a configured severity overrides each entry's level."""

    list_name = "taboo"

    def severity_of(self, term: Term) -> str:
        return self.configured or term.level or self.level


class TabooWord(_Listed):
    """A word or phrase from the company's taboo list is used.

    **Why.** Every company has words it does not say: outdated product names, jargon that tells
    the reader nothing, phrases legal has struck before. The list is data (like Vale's substitution
    rules): each entry has the term, an optional suggested substitute, a reason and a level.
    Reported with line and column in the source file, in the body and in `title`, `description` and
    a case's `quote`. Matching is on normalised text: Traditional matches Simplified (賦能 = 赋能),
    full width = half width, Latin terms are case-insensitive whole words. Fenced code, inline code,
    link targets and HTML comments are not read.

    **Fails:** `我们用隐私计算赋能城商行风控。` (default list: 赋能 → 帮助).

    **Instead:** `我们用隐私计算帮助城商行做联合风控建模。`

    **Options:** the list lives in `tools/hubtool/data/wordlists/taboo.yaml`; a company extends or
    trims it in its own file named by `extra.hub.audit.wordlists` (path relative to mkdocs.yml):

        taboo:
          - {term: 数据中台, suggest: 数据平台, reason: 产品已更名, level: error}
        remove: [赋能]

    **Severity: each entry's `level`; warning when it names none.** Most taboo words are style
    (赋能, 抓手): worth a rewrite, not a blocked release. An entry the company cannot publish
    (a retired product name, a phrase legal struck) says `level: error`.
    """

    code = "ED001"
    name = "taboo-word"
    summary = (
        "用了公司禁用词表中的词语",
        "A word or phrase from the company's taboo list is used.",
    )
    severity = "warning"  # each entry's `level` decides; warning when it names none
    scope = "source"
    help = (
        "换用建议的说法，或改写成具体的事实。",
        "Use the suggested word, or rephrase with a concrete fact.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        terms = wordlists(ctx.config).taboo
        for item in ctx.items:
            for term, line, column, _ in scan(item, terms):
                swap = (
                    self.say(f"；请改用“{term.suggest}”", f"; use '{term.suggest}' instead")
                    if term.suggest
                    else ""
                )
                why = self.say(f"（{term.reason}）", f" ({term.reason})") if term.reason else ""
                yield self.finding(
                    self.say(
                        f"“{term.term}”在禁用词表中{swap}{why}",
                        f"'{term.term}' is on the taboo list{swap}{why}",
                    ),
                    item=item,
                    line=line,
                    column=column,
                    severity=self.severity_of(term),
                )


# ---------------------------------------------------------------- where a placeholder stands

# Markup that opens a Markdown line: headings, list items (with task boxes), quotes, admonitions.
_LINE_MARKUP = re.compile(
    r"^\s*(?:#{1,6}\s+|[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+|>\s*"
    r"|(?:!!!|\?\?\?\+?)\s*[\w-]*\s*)*"
)
# Characters around a placeholder that do not make it part of a sentence (folded forms: NFKC).
_FRAME = set(" \t*_~#>|-+=[](){}<>【】「」『』〔〕\"'“”‘’:;,.!?。、…/\\")
_OPENERS = set('([{<【「『〔"“‘')
_CLOSERS = set(')]}>】」』〔"”’')
_CLAUSE_BEFORE = set('。;!?,:([【「『"“、')
_CLAUSE_AFTER = set('。;!?,.)]】」』"”、')
_COLON = re.compile(r"\s*(?:\([^)]{0,30}\))?\s*:")
_MEASURE = re.compile(
    r"\s*(?:家|个|位|名|项|款|条|篇|次|人|万|亿|元|倍|%|年|月|日|天|周|小时|分钟|秒)"
)
_EMPHASIS = " \t*_~"


def _units(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the parts of a line read on their own: the cells of a table row, or the line."""
    stripped = text.strip()
    if stripped.startswith("|") or stripped.count("|") >= 2:
        start = 0
        for at, char in enumerate(text):
            if char == "|":
                yield start, at
                start = at + 1
        yield start, len(text)
    else:
        yield 0, len(text)


def _placed(term: Term, text: str, start: int, end: int, unit: tuple[int, int]) -> bool:
    """Does the occurrence text[start:end] stand where `term` counts as a placeholder?"""
    places = term.match
    if "anywhere" in places:
        return True
    head = text[unit[0] : start]
    if unit[0] == 0 and (markup := _LINE_MARKUP.match(head)) is not None:
        head = head[markup.end() :]
    tail = text[end : unit[1]]
    if all(c in _FRAME for c in head) and all(c in _FRAME for c in tail):
        return True  # alone: the line, cell, heading, list item or field is only the placeholder
    before, after = head.rstrip(_EMPHASIS), tail.lstrip(_EMPHASIS)
    if before[-1:] in _OPENERS and after[:1] in _CLOSERS:
        return True  # a bracketed note: 【待补充】, (TODO)
    if "start" in places and not before:
        return True
    opens = not before or before[-1] in _CLAUSE_BEFORE
    if "lead" in places and opens and _COLON.match(tail):
        return True  # TODO: …, 待补充：…
    if "end" in places and (not after or after[0] in _CLAUSE_AFTER):
        return True  # 客户名称待补充。
    return "number" in places and _MEASURE.match(tail) is not None  # 在 TODO 家银行上线


def placeholders_in(raw: str, terms: TermList) -> Iterator[tuple[Term, int]]:
    """(term, 1-based column) of each placeholder that stands as one in `raw` (a line or a value)."""
    units: list[tuple[int, int]] = []
    text = ""
    for hit in occurrences(raw, terms):
        if hit.folded.text is not text:  # the terms of another group: another folding
            text = hit.folded.text
            units = list(_units(text))
        unit = next(u for u in units if u[0] <= hit.start <= u[1])
        if _placed(hit.term, text, hit.start, hit.end, unit):
            yield hit.term, hit.first + 1


# Front-matter values that are not text shown to readers (paths, ids, settings).
_NOT_SHOWN = frozenset(
    {
        "translate",
        "audit",
        "file",
        "image",
        "logo",
        "cta",
        "form",
        "status",
        "template",
        "icon",
        "url",
        "hreflang",
        "robots",
        "reviewers",
        "date",
        "updated",
        "slug",
        "website",
        "approvals",
    }
)


def _shown_values(
    meta: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, value) of every string in front matter a reader may see (titles, names, results)."""
    if isinstance(meta, str):
        yield path, meta
    elif isinstance(meta, Mapping):
        for key, value in meta.items():
            if str(key) not in _NOT_SHOWN:
                yield from _shown_values(value, (*path, key))
    elif isinstance(meta, list):
        for index, value in enumerate(meta):
            yield from _shown_values(value, (*path, index))


class PlaceholderText(_Listed):
    """Placeholder text left in a published page.

    **Why.** "TODO", "TBD", "待补充" on a live page tell buyers the company publishes unfinished
    work. A word counts as a placeholder where it stands as one, not wherever it appears:

    - alone: a line, table cell, heading, list item, bracketed note (`【待补充】`) or front-matter
      value that holds nothing else (`| 上线时间 | 待定 |`, `## TODO`);
    - opening a clause with a colon: `TODO: 补充客户原话`, `FIXME：数字待核实`;
    - `待补充`, `待填写` and `TBD` also closing a clause (`客户名称待补充。`), and `TODO` also in place
      of a number (`已在 TODO 家银行上线`);
    - "lorem ipsum" anywhere.

    So TODO as an ordinary noun ("把它放进 TODO 清单", "这件事还在 TODO 里"), XXX inside an
    identifier (`fooXXXBar`) or as a named stand-in ("用 XXX 指代任意框架"), 待定系数法 and a
    masked phone number ("138xxxx") are not reported. TODO, TBD, FIXME and XXX match in upper case
    only. Read in the body and in every front-matter value shown to readers (title, description,
    customer name, results, quote); fenced and inline code and HTML comments are not read (sample
    code may carry TODO comments).

    **Fails:** `本方案已在 TODO 家银行上线，客户名称待补充。`

    **Instead:** `本方案已在 12 家银行上线。` — or keep the file at `status: draft` until it is
    done.

    **Options:** the list is `placeholders:` in `tools/hubtool/data/wordlists/taboo.yaml`, each entry
    with `match:` — where it counts: `alone` (always), `lead` (before a colon at a clause's
    start), `start` (at a line's start), `end` (closing a clause), `number` (before a measure word
    such as 家 or 个), `anywhere` (the default for a company's own entries). Extend or trim it in
    the file named by `extra.hub.audit.wordlists`.
    """

    code = "ED003"
    name = "placeholder-text"
    scope = "source"
    help = (
        "写上缺少的内容，或在写完前保持 `status: draft`。",
        "Write the missing text, or set `status: draft` until it is ready.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        terms = wordlists(ctx.config).placeholders
        for item in ctx.items:
            fields = list(_shown_values(item.meta))
            lines = prose_lines(item)
            found = terms.on([value for _, value in fields] + [text for _, text in lines])
            if not found.groups:
                continue
            raw_lines: list[str] | None = None
            for path, value in fields:
                for term, column in placeholders_in(value, found):
                    if raw_lines is None:
                        raw_lines = read_lines(item)
                    line = item.line_of(*path)
                    yield self._found(
                        term, item, line, column_in_file(raw_lines, line, value, column)
                    )
            for line, text in lines:
                if "$" in text or "\\(" in text:  # a formula's letters are symbols, not text
                    text = INLINE_MATH.sub(blank, text)
                for term, column in placeholders_in(text, found):
                    yield self._found(term, item, line, column)

    def _found(self, term: Term, item: Item, line: int, column: int | None) -> Finding:
        return self.finding(
            self.say(
                f"已发布的页面中留有占位文字“{term.term}”",
                f"Placeholder '{term.term}' in a published page",
            ),
            item=item,
            line=line,
            column=column,
            severity=self.severity_of(term),
        )


class PublishedWithoutSignOff(Rule):
    """A case study or whitepaper is published without its sign-off.

    **Why.** A case study names a customer: publishing it without their approval breaks trust and
    often the contract. A whitepaper makes claims the company must stand behind: it needs the
    configured number of internal approvals (legal, product, …) recorded in `approvals`.

    **Fails:**

        customer: {name: 某城商行, approved: false}

    **Instead:** get written approval, then `customer: {name: 某城商行, approved: true}`; for a
    whitepaper, list each sign-off: `approvals: [{by: 王敏, role: legal, date: 2026-09-01}, …]`.

    **Options:** `extra.hub.approvals.whitepaper` (default 2): approvals a whitepaper needs.

    **Severity: error.** Publishing a customer's name without consent breaks the contract and the
    relationship; a whitepaper without its sign-offs publishes claims nobody stood behind. Block.
    """

    code = "ED004"
    name = "published-without-sign-off"
    summary = (
        "客户案例或白皮书未经签字确认就已发布",
        "A case study or whitepaper is published without its sign-off.",
    )
    scope = "source"
    help = (
        "在 front matter 中记录签字确认，或让文件保持 `status: review`。",
        "Record the sign-off in front matter, or keep the file at `status: review`.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        needed = int((ctx.config.hub.get("approvals") or {}).get("whitepaper", 2) or 0)
        for item in ctx.items:
            if item.kind == "case":
                customer = item.meta.get("customer") or {}
                if customer.get("approved") is not True:
                    who = customer.get("name") or item.title
                    yield self.finding(
                        self.say(
                            f"关于“{who}”的客户案例未经客户同意就已发布（customer.approved 不是 true）",
                            f"Case study about '{who}' is published "
                            "without the customer's approval (customer.approved is not true)",
                        ),
                        item=item,
                        line=item.line_of("customer", "approved"),
                    )
            elif item.kind == "whitepaper":
                approvals = item.meta.get("approvals") or []
                if len(approvals) < needed:
                    yield self.finding(
                        self.say(
                            f"白皮书发布时只有 {len(approvals)} 个签字，需要 {needed} 个",
                            f"Whitepaper is published with {len(approvals)} of {needed} required "
                            "approvals",
                        ),
                        item=item,
                        line=item.line_of("approvals") if approvals else item.line_of("title"),
                    )


class DuplicateSentence(Rule):
    """The same sentence of 30 or more characters is published on two or more pages.

    **Why.** Copy-pasted paragraphs make pages compete for the same searches and tell search
    engines one of them is a duplicate; readers who open both see boilerplate. Compared within one
    language, on published pages, in prose only: fenced and inline code, math (`$…$`, `$$…$$`,
    LaTeX environments), raw HTML blocks, table rows, lines that are mostly links (link lists,
    button rows), footnote definitions and reference sections (参考资料, References) are not
    read. A sentence ends at 。！？；!? or a full stop followed by a space; its length is counted
    in characters of normalised text (NFKC, lower case, Traditional converted to Simplified,
    whitespace and emphasis marks removed): a Chinese character counts 1, so 30 characters is a
    short Chinese sentence or about six English words.

    One finding per repeated sentence, at its newest copy (latest `date`, then last path), naming
    every page it appears on with its line. Text a hub repeats on purpose — the "about the company"
    paragraph of press releases, a series' standard intro — is declared once as `boilerplate`.

    **Fails:** two case studies both containing
    `通过隐私计算平台，双方在原始数据不出域的前提下完成了联合建模。`

    **Instead:** say it once and link, or write what is specific to each customer; or, for a
    paragraph every press release carries, declare it as boilerplate.

    **Options:** `min_chars` (default 30): shortest sentence compared. `boilerplate`: sentences or
    paragraphs that may repeat (each is split into sentences as pages are); `boilerplate_file`:
    a Markdown or text file (path relative to mkdocs.yml) whose sentences may all repeat:

        extra:
          hub:
            audit:
              rules:
                ED005:
                  boilerplate:
                    - 关于星衡数据：星衡数据成立于 2019 年，为金融、医疗和制造企业提供隐私计算平台。
                  boilerplate_file: docs/snippets/about-company.md
    """

    code = "ED005"
    cross_page = True  # compares pages: `check PATHS` reads the whole hub for it
    name = "duplicate-sentence"
    severity = "warning"
    scope = "source"
    options: ClassVar[dict[str, Any]] = {"min_chars": 30, "boilerplate": [], "boilerplate_file": ""}
    help = (
        "为这个页面改写这句话，或只在一个页面保留它并链接过去；有意重复的固定段落请在配置中声明为 "
        "boilerplate。",
        "Rewrite the sentence for this page, or keep it on one page and link to it; declare "
        "text repeated on purpose as `boilerplate`.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        minimum = int(self.opts["min_chars"])
        allowed = self._boilerplate(ctx)
        # Each sentence's first place; the places of a sentence only once it is seen on a second
        # page (most sentences are on one page: no dictionary for each).
        first: dict[tuple[str, str], tuple[str, Item, int, str]] = {}
        where: dict[tuple[str, str], dict[str, tuple[Item, int, str]]] = {}
        cache = SentenceCache(ctx.cache_dir)
        for item in ctx.items:
            for line, norm, raw in cache.sentences(item, minimum):
                if norm in allowed:
                    continue
                key = (item.lang, norm)
                seen = first.setdefault(key, (item.rel, item, line, raw))
                if seen[0] != item.rel:
                    places = where.setdefault(key, {seen[0]: seen[1:]})
                    places.setdefault(item.rel, (item, line, raw))
        cache.save()
        for places in where.values():
            ordered = sorted(places.values(), key=lambda p: (p[0].date or dt.date.min, p[0].rel))
            item, line, raw = ordered[-1]
            short = raw if len(raw) <= 40 else raw[:39] + "…"
            others = [f"{other.rel}:{at}" for other, at, _ in ordered[:-1]]
            yield self.finding(
                self.say(
                    f"句子“{short}”在 {len(ordered)} 个页面上重复：本页和 {'、'.join(others)}",
                    f"Sentence '{short}' is repeated on {len(ordered)} pages: this one and "
                    f"{', '.join(others)}",
                ),
                item=item,
                line=line,
            )

    def _boilerplate(self, ctx: AuditContext) -> frozenset[str]:
        """Normalised sentences the hub declared as text that may repeat."""
        texts = [str(t) for t in self.opts["boilerplate"] or []]
        name = str(self.opts["boilerplate_file"] or "")
        if name:
            path = ctx.config.root / name
            try:
                texts.append(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                line = ctx.config.line_of("audit", "rules", self.code, "boilerplate_file")
                raise HubError(
                    f"{ctx.config.path.name}:{line}: extra.hub.audit.rules.{self.code}."
                    f"boilerplate_file: cannot read '{name}'"
                ) from None
        out: set[str] = set()
        for text in texts:
            lines = [(n, t) for n, t in enumerate(text.splitlines()) if t.strip()]
            out.update(norm for _, norm, _ in _sentences(lines))
        return frozenset(out)


# ---------------------------------------------------------------- what the front matter promises


class TranslationPendingOnPublishedPage(Rule):
    """A published page still says `translate: todo`: its translation was never finished.

    **Why.** `hubtool new --translate` starts a counterpart as a draft with `translate: todo` and the
    source text still in place; the field is removed once the text is translated. Published with the
    field, the page shows readers the other language's text (or half of it) under this language's
    navigation.

    **Fails:**

        status: published
        translate: todo  # delete this line once translated

    **Instead:** finish the translation and delete the `translate` line, or keep `status: draft`.
    """

    code = "ED006"
    name = "translation-pending-on-published-page"
    scope = "source"
    help = (
        "译完后删除 front matter 中的 `translate` 一行；没译完就保持 `status: draft`。",
        "Finish the translation and delete the `translate` line, or keep `status: draft`.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for item in ctx.items:
            value = item.meta.get("translate")
            if value not in (None, "", False, "done"):
                yield self.finding(
                    self.say(
                        f"页面已发布，但 front matter 仍写着 translate: {value}（译文未完成）",
                        f"Published page still says translate: {value} (translation not finished)",
                    ),
                    item=item,
                    line=item.line_of("translate"),
                )


class ReviewWithoutReviewers(Rule):
    """A piece is in `status: review` but names no `reviewers`.

    **Why.** `hubtool review` lists what waits for whom; a piece in review with nobody named waits
    for no one, and quietly misses its date.

    **Fails:** `status: review` with no `reviewers:` line.

    **Instead:** `reviewers: [王敏, 法务部]`.
    """

    code = "ED007"
    name = "review-without-reviewers"
    severity = "warning"
    scope = "source"
    help = (
        "在 `reviewers` 中写明由谁审阅，例如 `reviewers: [王敏, 法务部]`。",
        "Name who reviews it: `reviewers: [王敏, legal]`.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for item in ctx.sources:
            if item.status == "review" and not item.meta.get("reviewers"):
                yield self.finding(
                    self.say(
                        "status 是 review，但没有写 reviewers（审阅人）",
                        "status is review, but no reviewers are named",
                    ),
                    item=item,
                    line=item.line_of("status"),
                )


_TRADITIONAL_PAGE = 0.08  # share of a page's Han characters that Simplified conversion changes


def _s2t(text: str) -> str:
    import opencc  # the same dictionaries as text.to_simplified, the other way

    return cast(str, _S2T(opencc).convert(text))  # opencc is untyped


@functools.lru_cache(maxsize=1)
def _S2T(opencc: Any) -> Any:
    return opencc.OpenCC("s2t")


def _han_count(text: str) -> int:
    return sum(1 for c in text if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")


def traditional_share(text: str) -> float:
    """Share of the Han characters of `text` that Simplified conversion changes (0 for Simplified
    text; about 0.2-0.4 for Traditional prose)."""
    han = _han_count(text)
    if not han:
        return 0.0
    converted = to_simplified(text)
    changed = sum(1 for a, b in zip(text, converted) if a != b)
    return changed / han


def _han_keywords(item: Item) -> list[tuple[tuple[str | int, ...], str]]:
    """(front-matter path, word) of the page's `keyword` and `related_keywords` written in Han."""
    words: list[tuple[tuple[str | int, ...], Any]] = [(("keyword",), item.meta.get("keyword"))]
    related = item.meta.get("related_keywords")
    if isinstance(related, list):
        words += [(("related_keywords", i), w) for i, w in enumerate(related)]
    return [(path, w) for path, w in words if isinstance(w, str) and has_han(w)]


class KeywordInOtherScript(Rule):
    """A keyword is written in Traditional characters on a Simplified page, or the reverse.

    **Why.** Searchers type in the script they read: a buyer on the Simplified page searches
    隐私计算, not 隱私計算. A keyword in the other script is never the phrase the page is found by,
    and KW rules that match both scripts would not notice. The page's script is read from its text
    (a page whose Han characters change by more than 8 % under Simplified conversion is
    Traditional); `keyword` and `related_keywords` are checked.

    **Fails:** `keyword: 隱私計算` on a page written in Simplified Chinese.

    **Instead:** `keyword: 隐私计算`.
    """

    code = "ED008"
    name = "keyword-in-other-script"
    severity = "warning"
    scope = "source"
    help = (
        "用页面所用的字形写关键词（简体页面写简体，繁体页面写繁体）。",
        "Write the keyword in the page's script (Simplified on a Simplified page).",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for item in ctx.items:
            words = _han_keywords(item)
            if not words:
                continue
            body = " ".join(text for _, text in prose_lines(item)) or item.title
            traditional = traditional_share(body) > _TRADITIONAL_PAGE
            for path, word in words:
                if traditional and _s2t(word) != word:
                    other = self.say("简体", "Simplified")
                    page = self.say("繁体", "Traditional")
                    swap = _s2t(word)
                elif not traditional and to_simplified(word) != word:
                    other = self.say("繁体", "Traditional")
                    page = self.say("简体", "Simplified")
                    swap = to_simplified(word)
                else:
                    continue
                yield self.finding(
                    self.say(
                        f"关键词“{word}”用的是{other}字，而页面是{page}：搜索者会输入“{swap}”",
                        f"Keyword '{word}' is written in {other} characters on a {page} "
                        f"page: searchers type '{swap}'",
                    ),
                    item=item,
                    line=item.line_of(*path),
                )
