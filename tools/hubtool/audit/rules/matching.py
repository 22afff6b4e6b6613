"""Matching word lists on text as writers see it: one normalised form of each line (NFKC, lower
case, Simplified) that still knows each character's column in the original, and lists compiled
once per run that skip the pages holding none of their terms."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ...text import has_han, to_simplified
from .patterns import Need, present, relaxed, required


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


def fold_once(raw: str, lower: bool = True) -> Folded:
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
fold = functools.lru_cache(maxsize=65536)(fold_once)


@dataclass(frozen=True)
class Occurrence:
    """One match of a term in a line's folded form: folded.text[start:end]."""

    term: Term
    order: int  # the term's place in its list: the first entry wins a tie
    folded: Folded
    start: int
    end: int

    @property
    def first(self) -> int:
        """0-based index of the match's first character in the line as written."""
        return self.folded.at(self.start)

    @property
    def last(self) -> int:
        """Index just after the match's last character in the line as written."""
        return self.folded.at(self.end - 1) + 1


def occurrences(raw: str, terms: TermList) -> Iterator[Occurrence]:
    """Every non-empty match of `terms` in `raw` (folded as each term reads), exceptions left out."""
    for group in terms.groups:
        folded = fold(raw, group.lower)
        text = folded.text
        for order, term in group.terms:
            for match in term.regex.finditer(text):
                start, end = match.span()
                if start != end and not excepted(text, start, end, term.exceptions):
                    yield Occurrence(term, order, folded, start, end)


def earliest_longest(found: Iterable[Occurrence]) -> Iterator[Occurrence]:
    """Overlapping matches of several entries (行业最高 and 最高级 in 行业最高级别) as one: the
    earliest, then longest, then first-listed."""
    reached = -1
    for occurrence in sorted(found, key=lambda o: (o.first, -o.last, o.order)):
        if occurrence.first >= reached:
            reached = occurrence.last
            yield occurrence


def matches(raw: str, terms: TermList | Iterable[Term]) -> Iterator[tuple[Term, int]]:
    """(term, 1-based column) of every occurrence of `terms` in `raw`, exceptions left out.

    Overlapping matches of several entries (行业最高 and 最高级 in 行业最高级别) are one claim: the
    earliest (then longest) is reported.
    """
    if not isinstance(terms, TermList):
        terms = TermList.of(terms)
    for occurrence in earliest_longest(occurrences(raw, terms)):
        yield occurrence.term, occurrence.first + 1


def excepted(text: str, start: int, end: int, exceptions: tuple[str, ...]) -> bool:
    for word in exceptions:
        at = text.find(word, max(0, end - len(word)))
        while at != -1 and at <= start:
            if at + len(word) >= end:
                return True
            at = text.find(word, at + 1)
    return False


# ---------------------------------------------------------------- matching a list on a page at once


@dataclass(frozen=True)
class _Group:
    """The terms of a list read on the same folding of a line (lower-cased, or as written)."""

    lower: bool
    terms: tuple[tuple[int, Term], ...]  # (position in the list, term)
    pages: tuple[re.Pattern[str] | None, ...]  # each term's relaxed pattern (see `relaxed`)
    needs: tuple[Need | None, ...]  # what a match of each term contains (see `required`)


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
    return _page(text, False).casefold() if lower else fold_once(text, False).text
