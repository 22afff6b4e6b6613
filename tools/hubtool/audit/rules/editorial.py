"""Editorial rules (ED001-ED005): taboo words, advertising claims, placeholders, sign-off, copies."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

try:  # CPython's regex parser (private, stable since 3.11): to read which literals a pattern needs
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - without it no shortcut: every page is searched
    sre = sre_parse = None  # type: ignore[assignment]

from ...config import HubConfig
from ...content.items import Item
from ...errors import HubError
from ...text import has_han, to_simplified
from ...yamlfile import YamlError, load_with_lines
from ..model import AuditContext, Finding, Rule

LEVELS = ("error", "warning")
LISTS = ("taboo", "advertising", "placeholders")
# Where a placeholder counts (`match:` of a `placeholders` entry). It always counts when it is all a
# line, table cell, heading, list item, bracketed note or front-matter value holds ("alone").
PLACES = ("alone", "lead", "start", "end", "number", "anywhere")
# Front-matter fields that are shown to readers, so they are read like the body.
TEXT_FIELDS: tuple[tuple[str | int, ...], ...] = (("title",), ("description",), ("quote", "text"))


# ---------------------------------------------------------------- word lists (data, not code)


@dataclass(frozen=True)
class Term:
    """One entry of a word list: what to match, and what to tell the writer."""

    term: str
    regex: re.Pattern[str]
    exceptions: tuple[str, ...] = ()  # normalised longer words that contain a match but are fine
    suggest: str = ""
    reason: str = ""
    level: str = ""  # "" = the rule's default
    case: bool = False  # match the text as written (TODO), not lower-cased
    # Placeholders only: where an occurrence counts (see PLACES); ("anywhere",) for other lists.
    match: tuple[str, ...] = ("anywhere",)

    @property
    def latin(self) -> bool:
        return not has_han(self.term)


# ---------------------------------------------------------------- matching a list on a page at once

_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")
# Patterns whose text this module does not take apart: back-references and conditionals (group
# numbers would shift) and verbose mode (# starts a comment). Such a term is searched line by line.
_OPAQUE = re.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?\(|\(\?[aiLmsu]*x")


def _class_end(pattern: str, at: int) -> int:
    """Index just after the character class that starts at `pattern[at]` ('[')."""
    i = at + 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":  # a ']' first is a literal
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _group_end(pattern: str, at: int) -> int:
    """Index just after the group that opens at `pattern[at]` ('(')."""
    depth, i = 0, at
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(pattern, i)
            continue
        if pattern.startswith("(?#", i):  # a comment: up to the next ')'
            i = pattern.find(")", i) + 1 or len(pattern)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return i


def relaxed(pattern: str) -> re.Pattern[str] | None:
    """`pattern` without its zero-width assertions (lookarounds, ^ $ \\A \\Z \\b \\B).

    What is left matches at least wherever `pattern` matches, and no longer depends on the text
    around a match, so one search of a page's lines joined by newlines tells whether any line may
    match: a term that is nowhere in the page is not searched line by line. None when the pattern
    cannot be taken apart safely (then the term is searched on every line).
    """
    if _OPAQUE.search(pattern):
        return None
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        start = i
        if char == "\\":
            i += 2
            if pattern[start + 1 : i] not in ("A", "Z", "b", "B"):
                out.append(pattern[start:i])
                continue
        elif char == "[":
            i = _class_end(pattern, i)
            out.append(pattern[start:i])
            continue
        elif char in "^$":
            i += 1
        elif pattern.startswith("(?#", i):  # a comment ends at the first ')'
            i = pattern.find(")", i) + 1 or len(pattern)
            continue
        elif pattern.startswith(_LOOKAROUND, i):
            i = _group_end(pattern, i)
        else:
            out.append(char)
            i += 1
            continue
        if pattern[i : i + 1] in ("*", "+", "?", "{"):  # a quantified assertion: leave it whole
            return None
    try:
        return re.compile("".join(out))
    except re.error:  # e.g. a quantifier that followed a lookaround
        return None


def required(pattern: str) -> Any:
    """What every match of `pattern` contains, read from the parsed regex: the runs of literal
    characters a match passes through, all of them for a sequence, any one for an alternation.

    `"#" in page` runs at memory speed, while a regex that opens with an alternation
    (`(?:is|the|our)\\s+#1`) is tried at every position of the page; most pages hold none of a
    term's strings, and are then not searched for it at all. None when nothing is known.
    """
    if sre_parse is None:
        return None
    try:
        tree = sre_parse.parse(pattern)
    except Exception:
        return None
    if tree.state.flags & re.IGNORECASE:
        return None
    return _required_in(tree.data)


def present(need: Any, page: str) -> bool:
    """Does `page` hold what `need` (from `required`) says every match contains?"""
    if need is None:
        return True
    if isinstance(need, str):
        return need in page
    kind, parts = need
    wanted = kind == "any"  # "any": one part present is enough; "all": one absent is too many
    for part in parts:
        if (part in page if isinstance(part, str) else present(part, page)) is wanted:
            return wanted
    return not wanted


def _required_in(items: Iterable[tuple[Any, Any]]) -> Any:
    needs: list[Any] = []
    run: list[str] = []
    for op, value in items:
        if op is sre.LITERAL:
            run.append(chr(value))
            continue
        if run:
            needs.append("".join(run))
            run = []
        if (need := _required_item(op, value)) is not None:
            needs.append(need)
    if run:
        needs.append("".join(run))
    # Plain strings first, longest (rarest) first: most pages fail on the first look.
    needs.sort(key=lambda n: (not isinstance(n, str), -len(n) if isinstance(n, str) else 0))
    return None if not needs else needs[0] if len(needs) == 1 else ("all", tuple(needs))


def _required_item(op: Any, value: Any) -> Any:
    if op is sre.SUBPATTERN:
        _, add_flags, _, sub = value
        return None if add_flags & re.IGNORECASE else _required_in(sub.data)
    if op is sre.BRANCH:
        options = [_required_in(branch.data) for branch in value[1]]
        return None if any(o is None for o in options) else ("any", tuple(options))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
        low, _, sub = value
        return _required_in(sub.data) if low >= 1 else None
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _required_in(value.data)
    if op is sre.IN and all(o is sre.LITERAL for o, _ in value):  # [#＃]: one of these
        return ("any", tuple(chr(v) for _, v in value)) if value else None
    return None  # any character, a category, an assertion (zero width): nothing required


@dataclass(frozen=True)
class _Group:
    """The terms of a list read on the same folding of a line (lower-cased, or as written)."""

    lower: bool
    terms: tuple[tuple[int, Term], ...]  # (position in the list, term)
    pages: tuple[re.Pattern[str] | None, ...]  # each term's relaxed pattern (see `relaxed`)
    needs: tuple[Any, ...]  # what a match of each term contains (see `required`)


@dataclass(frozen=True)
class TermList:
    """A word list compiled once per run. A page is first searched as a whole, once per term
    (C-speed, no Python per line); only the terms found there are then matched line by line."""

    terms: tuple[Term, ...]
    groups: tuple[_Group, ...] = ()

    @classmethod
    def of(cls, terms: Iterable[Term]) -> TermList:
        terms = tuple(terms)
        groups = []
        for lower in (True, False):
            mine = tuple((order, t) for order, t in enumerate(terms) if t.case == (not lower))
            if mine:
                groups.append(
                    _Group(
                        lower,
                        mine,
                        tuple(relaxed(t.regex.pattern) for _, t in mine),
                        tuple(required(t.regex.pattern) for _, t in mine),
                    )
                )
        return cls(terms, tuple(groups))

    def on(self, texts: Sequence[str]) -> TermList:
        """The terms that may occur in one of `texts` (the lines of one page)."""
        groups = []
        for group in self.groups:
            page = _page("\n".join(texts), group.lower)
            kept = tuple(
                entry
                for entry, relax, needs in zip(group.terms, group.pages, group.needs)
                if present(needs, page) and (relax is None or relax.search(page) is not None)
            )
            if kept:
                groups.append(_Group(group.lower, kept, (None,) * len(kept), (None,) * len(kept)))
        return TermList(self.terms, tuple(groups))

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)


@functools.lru_cache(maxsize=4096)  # the three lists read each page
def _page(text: str, lower: bool) -> str:
    """A page's lines joined by newlines, folded at once: folding is per character and no t2s
    phrase holds a newline, so this is the lines folded one by one, joined. The lower-cased form
    is the as-written one case-folded (t2s changes only Han characters, case folding none of
    them): Traditional text is converted once per page, not once per form."""
    return _page(text, False).casefold() if lower else _fold(text, False).text


@dataclass(frozen=True)
class Wordlists:
    taboo: TermList
    advertising: TermList
    placeholders: TermList


def _literal(term: str) -> str:
    """A literal term as a regex; Latin terms match whole words only ('use' is not in 'user')."""
    needle = fold(term).text
    left = r"(?<![\w])" if re.match(r"\w", needle) and not has_han(needle[:1]) else ""
    right = r"(?![\w])" if re.search(r"\w$", needle) and not has_han(needle[-1:]) else ""
    return left + re.escape(needle) + right


def _parse_list(entries: Any, name: str, where: str, lines: Mapping[tuple, int]) -> list[Term]:
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise HubError(
            f"{where}:{lines.get((name,), 1)}: {name}: must be a list of entries "
            "(term, suggest, reason, level)"
        )
    out = []
    for index, entry in enumerate(entries):
        line = lines.get((name, index), 1)
        if isinstance(entry, str):
            entry = {"term": entry}
        if not isinstance(entry, dict) or not str(entry.get("term") or "").strip():
            raise HubError(f"{where}:{line}: {name}[{index}]: needs a `term`")
        keys = {"term", "pattern", "except", "suggest", "reason", "level", "case"}
        if name == "placeholders":
            keys.add("match")
        unknown = set(entry) - keys
        if unknown:
            raise HubError(
                f"{where}:{line}: {name}[{index}]: unknown key '{min(unknown)}' "
                f"(known: {', '.join(sorted(keys))})"
            )
        match = entry.get("match") or ["anywhere"]
        match = [match] if isinstance(match, str) else match
        if not isinstance(match, list) or not set(map(str, match)) <= set(PLACES):
            raise HubError(
                f"{where}:{lines.get((name, index, 'match'), line)}: "
                f"{name}[{index}].match: must be one or more of {', '.join(PLACES)}"
            )
        level = str(entry.get("level") or "")
        if level and level not in LEVELS:
            raise HubError(
                f"{where}:{lines.get((name, index, 'level'), line)}: "
                f"{name}[{index}].level: must be error or warning"
            )
        term = str(entry["term"]).strip()
        case = bool(entry.get("case"))
        source = str(entry["pattern"]) if entry.get("pattern") else _literal(term)
        if case and not entry.get("pattern"):
            source = re.escape(unicodedata.normalize("NFKC", term))
            source = rf"(?<![\w]){source}(?![\w])" if re.match(r"\w", term) else source
        try:
            regex = re.compile(source)
        except re.error as exc:
            raise HubError(
                f"{where}:{lines.get((name, index, 'pattern'), line)}: "
                f"{name}[{index}].pattern: invalid regular expression ({exc})"
            ) from None
        exceptions = entry.get("except") or []
        if isinstance(exceptions, str):
            exceptions = [exceptions]
        out.append(
            Term(
                term=term,
                regex=regex,
                exceptions=tuple(fold(str(e)).text for e in exceptions),
                suggest=str(entry.get("suggest") or ""),
                reason=str(entry.get("reason") or ""),
                level=level,
                case=case,
                match=tuple(map(str, match)),
            )
        )
    return out


def _read(path: Path, where: str) -> tuple[dict, Mapping[tuple, int]]:
    try:
        data, lines = load_with_lines(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise HubError(f"{where}: cannot read the word list ({exc.strerror})") from None
    except YamlError as exc:
        raise HubError(f"{where}:{exc.line}: {exc.reason}") from None
    if data is None:
        return {}, lines
    if not isinstance(data, dict):
        raise HubError(
            f"{where}:1: a word list must be a mapping (taboo, advertising, "
            "placeholders, remove, defaults)"
        )
    unknown = set(data) - {*LISTS, "remove", "defaults"}
    if unknown:
        key = min(unknown)
        raise HubError(
            f"{where}:{lines.get((key,), 1)}: unknown key '{key}' "
            "(known: taboo, advertising, placeholders, remove, defaults)"
        )
    return data, lines


@functools.lru_cache(maxsize=8)
def _load(custom: str, mtime: float) -> Wordlists:
    lists: dict[str, dict[str, Term]] = {name: {} for name in LISTS}
    packaged = resources.files("hubtool") / "data" / "wordlists"
    user: dict = {}
    user_lines: Mapping[tuple, int] = {}
    if custom:
        user, user_lines = _read(Path(custom), custom)
    if user.get("defaults", True) is not False:
        for file in ("taboo.yaml", "advertising.yaml"):
            with resources.as_file(packaged / file) as path:
                data, lines = _read(path, f"hubtool/data/wordlists/{file}")
            for name in LISTS:
                for term in _parse_list(data.get(name), name, file, lines):
                    lists[name][term.term] = term
    remove = user.get("remove") or []
    if not isinstance(remove, list):
        line = user_lines.get(("remove",), 1)
        raise HubError(f"{custom}:{line}: remove: must be a list of terms")
    for name in LISTS:
        for term in _parse_list(user.get(name), name, custom, user_lines):
            lists[name][term.term] = term
        for gone in remove:
            lists[name].pop(str(gone), None)
    return Wordlists(*(TermList.of(lists[name].values()) for name in LISTS))


def wordlists(config: HubConfig) -> Wordlists:
    """The packaged lists, extended or trimmed by the file `extra.hub.audit.wordlists` names."""
    name = str((config.hub.get("audit") or {}).get("wordlists") or "")
    if not name:
        return _load("", 0.0)
    path = (config.root / name).resolve()
    if not path.is_file():
        line = config.line_of("audit", "wordlists")
        raise HubError(
            f"{config.path.name}:{line}: extra.hub.audit.wordlists: no such file '{name}'"
        )
    return _load(str(path), path.stat().st_mtime)


# ---------------------------------------------------------------- text as writers see it


class Folded:
    """Normalised text (NFKC per character, optionally lower case, Simplified) that can tell each
    character's index in the original, so a match is reported at the writer's column."""

    __slots__ = ("_lower", "_origin", "_raw", "text")

    def __init__(self, text: str, raw: str | None = None, lower: bool = True):
        self.text = text
        self._raw = raw  # set only when a character folded into several (… -> ...)
        self._lower = lower
        self._origin: tuple[int, ...] | None = None

    def at(self, index: int) -> int:
        """Index in the original of the folded character at `index`."""
        if self._raw is None:
            return index
        if self._origin is None:  # worked out only when a match is reported on such a line
            table = _TABLES[self._lower]
            self._origin = tuple(i for i, c in enumerate(self._raw) for _ in table[ord(c)])
        return self._origin[index]


class _Table(dict):
    """Character code -> its NFKC (lower-cased) form, for str.translate, filled in as characters
    are first seen: translate looks each character up in C, and asks here only about new ones."""

    def __init__(self, lower: bool):
        super().__init__()
        self.lower = lower

    def __missing__(self, code: int) -> str:
        norm = unicodedata.normalize("NFKC", chr(code))
        self[code] = norm = norm.casefold() if self.lower else norm
        return norm


_TABLES = {True: _Table(True), False: _Table(False)}
# Full-width punctuation that Chinese text is full of, and the ellipsis, with their NFKC forms.
# str.replace removes them at C speed; the text is then usually NFKC already, which a C quick
# check confirms. translate, a dictionary lookup per character, is 5x slower on Chinese text.
_COMMON = tuple((c, unicodedata.normalize("NFKC", c)) for c in "，：；（）！？％　…")


def _nfkc(raw: str) -> str:
    """NFKC character by character (each character replaced by its own NFKC form)."""
    # Text that is NFKC as a whole holds no character that NFKC changes on its own.
    if unicodedata.is_normalized("NFKC", raw):
        return raw
    text = raw
    for wide, narrow in _COMMON:
        if wide in text:
            text = text.replace(wide, narrow)
    if unicodedata.is_normalized("NFKC", text):
        return text
    return raw.translate(_TABLES[False])


def _fold(raw: str, lower: bool = True) -> Folded:
    if raw.isascii():  # NFKC leaves ASCII alone
        return Folded(raw.casefold() if lower else raw)
    text = _nfkc(raw)
    if lower:
        text = text.casefold()  # case folding is per character too
    # No character maps to nothing, so equal lengths mean one character for one.
    folded = Folded(text) if len(text) == len(raw) else Folded(text, raw, lower)
    if has_han(text):
        # OpenCC's t2s tables keep the length of every entry, so positions stay right.
        converted = to_simplified(text)
        if len(converted) != len(text):  # only if a future table broke that: char by char
            converted = "".join(c if len(c) == 1 else t for t in text for c in [to_simplified(t)])
        folded.text = converted
    return folded


# The text rules read the same pages and lines: fold each once.
fold = functools.lru_cache(maxsize=65536)(_fold)


def matches(raw: str, terms: TermList | Iterable[Term]) -> Iterator[tuple[Term, int]]:
    """(term, 1-based column) of every occurrence of `terms` in `raw`, exceptions left out.

    Overlapping matches of several entries (行业最高 and 最高级 in 行业最高级别) are one claim: the
    earliest (then longest) is reported.
    """
    if not isinstance(terms, TermList):
        terms = TermList.of(terms)
    found: list[tuple[int, int, int, Term]] = []
    for group in terms.groups:
        folded = fold(raw, group.lower)
        text = folded.text
        for order, term in group.terms:
            for match in term.regex.finditer(text):
                start, end = match.span()
                if start == end or _excepted(text, start, end, term.exceptions):
                    continue
                found.append((folded.at(start), -(folded.at(end - 1) + 1), order, term))
    if not found:
        return
    reached = -1
    for first, neg_last, _, term in sorted(found, key=lambda f: f[:3]):
        if first >= reached:
            reached = -neg_last
            yield term, first + 1


def _excepted(text: str, start: int, end: int, exceptions: tuple[str, ...]) -> bool:
    for word in exceptions:
        at = text.find(word, max(0, end - len(word)))
        while at != -1 and at <= start:
            if at + len(word) >= end:
                return True
            at = text.find(word, at + 1)
    return False


_FENCE = re.compile(r"^\s*(```|~~~)")
# Parts of a Markdown line that are not prose: inline code, link/image targets, HTML tags, bare URLs
# and attribute lists, and a whole link definition. They are blanked (same length) so columns stay
# right. Two regexes: a branch anchored with ^ among the others keeps sre from skipping ahead to
# the characters that can start one (2.4x slower on a line of prose).
_NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]*>|https?://\S+|\{[:#.][^}]*\}")
_LINK_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")


_COMMENT = re.compile(r"<!--.*?-->")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def prose_lines(item: Item) -> tuple[tuple[int, str], ...]:
    """(file line, text) of the body's prose: fenced code and HTML comments left out, inline code,
    link targets, URLs and tags blanked."""
    return _prose(item.body, item.body_line)


@functools.lru_cache(maxsize=4096)
def _prose(body: str, body_line: int) -> tuple[tuple[int, str], ...]:
    return tuple(_prose_lines(body, body_line))


def _prose_lines(body: str, body_line: int) -> Iterator[tuple[int, str]]:
    fence = ""
    comment = False
    for index, line in enumerate(body.splitlines()):
        number = body_line + index
        if fence:
            if line.strip().startswith(fence):
                fence = ""
            continue
        if (opened := _FENCE.match(line)) is not None:
            fence = opened.group(1)
            continue
        text = line
        if comment:
            end = text.find("-->")
            if end == -1:
                continue
            text = " " * (end + 3) + text[end + 3 :]
            comment = False
        if "<!--" in text:
            text = _COMMENT.sub(_blank, text)
            if (start := text.find("<!--")) != -1:
                text, comment = text[:start], True
        if text.lstrip().startswith("["):
            text = _LINK_DEF.sub(_blank, text)
        text = _NOT_PROSE.sub(_blank, text)
        if text.strip():
            yield number, text


def _field(meta: Mapping[str, Any], path: tuple[str | int, ...]) -> str:
    value: Any = meta
    for part in path:
        if isinstance(value, Mapping):
            value = value.get(part)
        else:
            return ""
    return value if isinstance(value, str) else ""


def scan(
    item: Item, terms: TermList | Iterable[Term]
) -> Iterator[tuple[Term, int, int | None, str]]:
    """(term, file line, column, where) of each occurrence in the shown front-matter fields and the
    body. `where` names the field ('quote.text') or is '' for the body."""
    if not isinstance(terms, TermList):
        terms = TermList.of(terms)
    fields = [(path, value) for path in TEXT_FIELDS if (value := _field(item.meta, path))]
    lines = prose_lines(item)
    terms = terms.on([value for _, value in fields] + [text for _, text in lines])
    if not terms.groups:
        return  # the usual case: no term of the list anywhere on the page
    raw_lines: list[str] | None = None
    for path, value in fields:
        line = item.line_of(*path)
        for term, column in matches(value, terms):
            if raw_lines is None:
                try:
                    raw_lines = item.path.read_text(encoding="utf-8").splitlines()
                except OSError:
                    raw_lines = []
            where = ".".join(map(str, path))
            yield term, line, _column_in_file(raw_lines, line, value, column), where
    for line, text in lines:
        for term, column in matches(text, terms):
            yield term, line, column, ""


def _column_in_file(raw_lines: list[str], line: int, value: str, column: int) -> int | None:
    """Where a front-matter value's column falls in its file line (None if the value is folded
    over several lines or escaped, so its text is not on that line as written)."""
    if not 0 < line <= len(raw_lines):
        return None
    raw = raw_lines[line - 1]
    at = raw.find(value, raw.find(":") + 1)
    if at != -1:
        return at + column
    head = value[: column - 1]  # the text before the match, when the value is quoted differently
    at = raw.find(head, raw.find(":") + 1) if head else -1
    return at + column if at != -1 and head else None


# ---------------------------------------------------------------- the rules


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
    head = head[_LINE_MARKUP.match(head).end() :] if unit[0] == 0 else head
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
    for group in terms.groups:
        folded = fold(raw, group.lower)
        text = folded.text
        units = list(_units(text))
        for _, term in group.terms:
            for match in term.regex.finditer(text):
                start, end = match.span()
                if start == end or _excepted(text, start, end, term.exceptions):
                    continue
                unit = next(u for u in units if u[0] <= start <= u[1])
                if _placed(term, text, start, end, unit):
                    yield term, folded.at(start) + 1


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
                        raw_lines = _read_lines(item)
                    line = item.line_of(*path)
                    yield self._found(
                        term, item, line, _column_in_file(raw_lines, line, value, column)
                    )
            for line, text in lines:
                if "$" in text or "\\(" in text:  # a formula's letters are symbols, not text
                    text = _INLINE_MATH.sub(_blank, text)
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


def _read_lines(item: Item) -> list[str]:
    try:
        return item.path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []


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


_SENTENCE_END = re.compile(r"[。！？!?；;|]+|\.(?=\s|$)")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s?|!!!|\?\?\?)|[*_`~\[\]]")
# What is not prose, read on the raw Markdown line (prose_lines has blanked tags and link targets).
_INLINE_MATH = re.compile(r"\$[^$\n]+\$|\\\(.+?\\\)")
_MATH_BLOCK = re.compile(r"^\s*(?:\$\$|\\\[|\\\]|\\begin\{|\\end\{)")
_HTML_BLOCK = re.compile(r"^\s*</?[A-Za-z][\w-]*(?:\s|>|/>|$)")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_LINK = re.compile(
    r"!?\[([^\]]*)\]\([^)]*\)|!?\[([^\]]*)\]\[[^\]]*\]|<https?://[^>]+>|https?://\S+"
)
_FOOTNOTE = re.compile(r"^\s*\[\^[^\]]+\]:")
_REFERENCES = re.compile(
    r"^\s*#{1,6}\s+(?:参考|延伸阅读|相关阅读|推荐阅读|相关链接|扩展阅读|相关文章|"
    r"references?\b|see also\b|further reading\b|related\b)",
    re.I,
)
_LETTER = re.compile(r"[^\W\d_]")
_META_LINE = re.compile(r"^[A-Za-z][\w-]*:\s*\S")


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _link_line(raw: str) -> bool:
    """A line that is mostly links (a link list, a row of buttons): not prose of its own."""
    inside = sum(_letters(m.group(1) or m.group(2) or m.group(0)) for m in _LINK.finditer(raw))
    return inside > 0 and inside * 2 >= _letters(
        _LINK.sub(lambda m: m.group(1) or m.group(2) or m.group(0), raw)
    )


def compared_lines(item: Item) -> list[tuple[int, str]]:
    """(file line, text) of the body's prose that ED005 compares: prose_lines without math
    (`$…$`, `$$…$$`, `\\(…\\)`, LaTeX environments), raw HTML blocks, table rows, lines that are
    mostly links, footnote definitions and reference sections."""
    raw_lines = item.body.splitlines()
    skip: set[int] = set()
    # MultiMarkdown-style metadata (`author: …` lines at the top of a file without YAML front
    # matter): MkDocs reads it as meta, never shows it.
    for index, raw in enumerate(raw_lines):
        if item.body_line != 1 or not _META_LINE.match(raw):
            break
        skip.add(index)
    closing = ""  # inside a math block: what ends it ($$, \], \end{)
    html = refs = False
    fence = ""
    for index, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if fence:  # code: prose_lines leaves it out; its $$ and | are not math or tables
            fence = "" if stripped.startswith(fence) else fence
            continue
        if (opened := _FENCE.match(raw)) is not None:
            fence = opened.group(1)
            continue
        if not stripped:
            html = False  # an HTML block ends at a blank line
        elif stripped.startswith("#"):
            refs = _REFERENCES.match(raw) is not None
        if closing:
            skip.add(index)
            if closing in raw and (closing != "$$" or raw.count("$$") % 2 == 1):
                closing = ""
            continue
        if "$$" in raw or _MATH_BLOCK.match(raw):
            skip.add(index)
            if "$$" in raw:
                closing = "$$" if raw.count("$$") % 2 == 1 else ""
            elif stripped.startswith("\\[") and "\\]" not in stripped:
                closing = "\\]"
            elif stripped.startswith("\\begin{") and "\\end{" not in stripped:
                closing = "\\end{"
            continue
        if _HTML_BLOCK.match(raw):
            html = True
        if (
            refs
            or html
            or stripped.startswith("|")
            or stripped.count("|") >= 2
            or _TABLE_RULE.match(raw)
            or _FOOTNOTE.match(raw)
            or _link_line(raw)
        ):
            skip.add(index)
    out = []
    for number, text in prose_lines(item):
        index = number - item.body_line
        if index in skip:
            continue
        raw = raw_lines[index] if 0 <= index < len(raw_lines) else ""
        if "$" in raw or "\\(" in raw:  # inline math: blank it where it stands in the prose line
            for match in _INLINE_MATH.finditer(raw):
                a, b = match.span()
                if b <= len(text):
                    text = text[:a] + " " * (b - a) + text[b:]
        if text.strip():
            out.append((number, text))
    return out


class SentenceCache:
    """Each file's sentences from an earlier `hubtool check`, keyed by its text: the pre-commit
    check reads every page for ED005, and splitting prose is most of its time (0.9 s of 1.7 s for
    one file of a 1,000-file hub). A JSON file (never pickle: the folder is the writer's checkout),
    one entry per file seen in the last run, so it never grows past the hub; entries of another
    version of this module never match. No folder (seo-audit): no cache."""

    _NAME = "sentences.json"

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / self._NAME if folder is not None else None
        self.old: dict[str, Any] = {}
        self.new: dict[str, list[list[Any]]] = {}
        self.stamp = ""
        if self.path is None:
            return
        here = Path(__file__).stat()
        self.stamp = f"{here.st_mtime_ns}:{here.st_size}"
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(data, dict) and data.get("stamp") == self.stamp:
            files = data.get("files")
            self.old = files if isinstance(files, dict) else {}

    def sentences(self, item: Item, minimum: int) -> Iterable[tuple[int, str, str]]:
        """The sentences ED005 compares: at least `minimum` characters, and words, not symbols."""
        if self.path is None:
            return _compared(item, minimum)
        text = f"{minimum}\0{item.body_line}\0{item.body}"
        key = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
        found = self.old.get(key)
        if not (isinstance(found, list) and all(_cached_sentence(s) for s in found)):
            found = [list(s) for s in _compared(item, minimum)]
        self.new[key] = found
        return [tuple(s) for s in found]

    def save(self) -> None:
        """Written whole to a temporary file, then renamed: a crash never leaves half a cache."""
        if self.path is None or self.new.keys() == self.old.keys():
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            ignore = self.path.parent / ".gitignore"  # never committed, whatever the hub ignores
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            data = {"stamp": self.stamp, "files": self.new}
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            pass  # a read-only checkout: the next run splits the sentences again


def _compared(item: Item, minimum: int) -> list[tuple[int, str, str]]:
    return [s for s in sentences(item, minimum) if len(s[1]) >= minimum and _wordy(s[1])]


def _cached_sentence(value: Any) -> bool:
    return (
        isinstance(value, list)
        and len(value) == 3
        and type(value[0]) is int
        and isinstance(value[1], str)
        and isinstance(value[2], str)
    )


def sentences(item: Item, minimum: int = 0) -> Iterator[tuple[int, str, str]]:
    """(file line, normalised sentence, sentence as written) of the body's prose (see
    `compared_lines`)."""
    return _sentences(compared_lines(item), minimum)


def _sentences(
    lines: Sequence[tuple[int, str]], minimum: int = 0
) -> Iterator[tuple[int, str, str]]:
    """(line, normalised sentence, sentence as written) of `lines`; a gap in line numbers ends a
    paragraph.

    Normalised: NFKC, lower case, Simplified, without whitespace and emphasis marks; so a sentence
    copied with different spacing, width or script is still the same sentence. A sentence whose
    normalised form is certainly shorter than `minimum` may be left out.
    """
    # The page's paragraphs (runs of consecutive lines) as one text: each line followed by a space,
    # so a paragraph reads as its lines joined by spaces. `cuts`: where each paragraph ends (a
    # sentence never runs on into the next one); `offsets`: where each line starts.
    pieces: list[str] = []
    offsets: list[int] = []
    numbers: list[int] = []
    cuts: list[int] = []
    at, last = 0, None
    for number, line in lines:
        if last is not None and number != last + 1:
            cuts.append(at)
        last = number
        part = _MARKUP.sub(" ", line) + " "
        offsets.append(at)
        numbers.append(number)
        pieces.append(part)
        at += len(part)
    if not pieces:
        return
    cuts.append(at)
    text = "".join(pieces)
    # No sentence end is a space, so none reaches a paragraph's end: the ends and cuts never meet.
    ends = sorted([*(match.end() for match in _SENTENCE_END.finditer(text)), *cuts])
    # The page folded once (uncached: only this rule reads sentences). When each character folded
    # into one, a sentence's folding is its slice of it (no t2s phrase holds a space or a sentence
    # end); otherwise (… -> ...) each sentence is folded on its own.
    whole = _fold(text).text
    sliced = len(whole) == len(text)
    position = 0
    for end in ends:
        chunk = text[position:end]
        raw = chunk.strip()
        if raw and (len(raw) >= minimum or not sliced):  # sliced: normalised is no longer than raw
            # the sentence starts on the line holding its first non-space character
            lead = position + len(chunk) - len(chunk.lstrip())
            line = numbers[bisect.bisect_right(offsets, lead) - 1]
            norm = whole[lead : lead + len(raw)] if sliced else _fold(raw).text
            yield line, "".join(norm.split()), raw
        position = end


def _wordy(norm: str) -> bool:
    """A sentence of words, not of symbols: most of its characters are letters (a formula or an
    identifier list that survived as text is not a sentence a reader would call copied)."""
    return _letters(norm) * 10 >= len(norm) * 6


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
        out = set()
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

    return _S2T(opencc).convert(text)


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
            words = [(("keyword",), item.meta.get("keyword"))]
            related = item.meta.get("related_keywords")
            if isinstance(related, list):
                words += [(("related_keywords", i), w) for i, w in enumerate(related)]
            words = [(path, w) for path, w in words if isinstance(w, str) and has_han(w)]
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
