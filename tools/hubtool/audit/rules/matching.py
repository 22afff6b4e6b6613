"""Matching word lists on text as writers see it: one normalised form of each line (NFKC, lower
case, Simplified) that still knows each character's column in the original, and lists compiled
once per run that skip the pages holding none of their terms."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ...text import Folded, fold, fold_once, has_han
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
