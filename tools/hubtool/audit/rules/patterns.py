"""What a word-list pattern needs in a page before it can match there, read from its text.

Two cheap questions spare most pages most regex searches:

- `relaxed`: the pattern without its zero-width assertions. One search of a whole page (lines
  joined by newlines) tells whether any line may match.
- `required`: the literal strings every match contains (`"#" in page` runs at memory speed, while
  a pattern that opens with an alternation is tried at every position of the page).

Both read the pattern as text with a small reader of Python's regex syntax, never `re`'s private
parser. They are conservative: where the reader is not sure, it answers "nothing known" (None),
and the page is searched as before. The pattern was compiled already, so its syntax is valid.
"""

from __future__ import annotations

import re
from typing import TypeAlias

# What every match contains: a literal string, ("all", parts) or ("any", parts).
Need: TypeAlias = "str | tuple[str, tuple[Need, ...]]"

_LOOKAROUND = ("(?=", "(?!", "(?<=", "(?<!")
# Patterns whose text this module does not take apart: back-references and conditionals (group
# numbers would shift) and verbose mode (# starts a comment). Such a term is searched line by line.
_OPAQUE = re.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?\(|\(\?[aiLmsu]*x")
# A counted repeat: {m}, {m,}, {,n}, {m,n}; `{}` and anything else is a literal brace.
_REPEAT = re.compile(r"\{(\d*)(,\d*)?\}")
_ZERO_WIDTH_ESCAPES = "AZbB"
_CLASS_ESCAPES = "dDwWsS"
# A scoped flag group: (?flags:…) or (?flags-flags:…).
_SCOPED_FLAGS = re.compile(r"\(\?([aiLmsux]*)(?:-[imsx]+)?:")
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


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


# ---------------------------------------------------------------- relaxed: without assertions


def relaxed(pattern: str) -> re.Pattern[str] | None:
    """`pattern` without its zero-width assertions (lookarounds, ^ $ \\A \\Z \\b \\B).

    What is left matches at least wherever `pattern` matches, and no longer depends on the text
    around a match, so one search of a page's lines joined by newlines tells whether any line may
    match: a term that is nowhere in the page is not searched line by line. None when the pattern
    cannot be taken apart safely (then the term is searched on every line).
    """
    if _OPAQUE.search(pattern):
        return None
    out: list[str] = []
    i = 0
    while i < len(pattern):
        kept, i = _relaxed_step(pattern, i)
        if kept is None:  # an assertion was dropped
            if pattern[i : i + 1] in ("*", "+", "?", "{"):  # quantified: leave it whole
                return None
        else:
            out.append(kept)
    try:
        return re.compile("".join(out))
    except re.error:  # e.g. a quantifier that followed a lookaround
        return None


def _relaxed_step(pattern: str, i: int) -> tuple[str | None, int]:
    """The text kept of the piece at `i` ('' for a comment, None for a dropped assertion), and
    where the next piece starts."""
    char = pattern[i]
    if char == "\\":
        escape = pattern[i : i + 2]
        return (None if escape[1:] in ("A", "Z", "b", "B") else escape), i + 2
    if char == "[":
        end = _class_end(pattern, i)
        return pattern[i:end], end
    if char in "^$":
        return None, i + 1
    if pattern.startswith("(?#", i):  # a comment ends at the first ')'
        return "", pattern.find(")", i) + 1 or len(pattern)
    if pattern.startswith(_LOOKAROUND, i):
        return None, _group_end(pattern, i)
    return char, i + 1


# ---------------------------------------------------------------- required: literals of a match


class _Unknown(Exception):
    """A construct this reader does not take apart: nothing is known of the pattern."""


class _Reader:
    """A recursive reader of a (valid) Python regex that keeps only what every match contains.

    Each piece of a sequence is a literal character (joined into runs), a need, or nothing (an
    assertion, an optional piece, a class of characters)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.at = 0

    def alternation(self) -> Need | None:
        branches = [self.sequence()]
        while self.pattern[self.at : self.at + 1] == "|":
            self.at += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        if any(branch is None for branch in branches):
            return None
        return ("any", tuple(b for b in branches if b is not None))

    def sequence(self) -> Need | None:
        needs: list[Need] = []
        run: list[str] = []
        while self.at < len(self.pattern) and self.pattern[self.at] not in "|)":
            literal, need = self.atom()
            low = self.repeat()
            if literal is not None and low is None:
                run.append(literal)
                continue
            if run:
                needs.append("".join(run))
                run = []
            if low is None or low >= 1:
                piece = literal if literal is not None else need
                if piece is not None:
                    needs.append(piece)
        if run:
            needs.append("".join(run))
        return _all_of(needs)

    def atom(self) -> tuple[str | None, Need | None]:
        """(literal character, None) or (None, need) of the piece at the reading position."""
        pattern, i = self.pattern, self.at
        char = pattern[i]
        if char == "(":
            return None, self.group()
        if char == "[":
            self.at = _class_end(pattern, i)
            return None, _class_need(pattern[i + 1 : self.at - 1])
        if char == "\\":
            return self.escape()
        self.at = i + 1
        if char in ".^$":
            return None, None
        return char, None

    def escape(self) -> tuple[str | None, Need | None]:
        escaped = self.pattern[self.at + 1]
        self.at += 2
        if escaped in _ZERO_WIDTH_ESCAPES or escaped in _CLASS_ESCAPES:
            return None, None
        if escaped.isascii() and escaped.isalnum():  # \x41, \u4e00, \N{…}, \n, \0: not read
            raise _Unknown
        return escaped, None

    def group(self) -> Need | None:
        pattern, i = self.pattern, self.at
        if pattern.startswith("(?#", i):
            self.at = pattern.find(")", i) + 1
            return None
        if (flags := _GLOBAL_FLAGS.match(pattern, i)) is not None:
            self.at = flags.end()
            return None
        skip, keep = self._group_head(i)
        self.at = skip
        inner = self.alternation()
        self.at += 1  # the closing ')'
        return inner if keep else None

    def _group_head(self, i: int) -> tuple[int, bool]:
        """Where a group's body starts, and whether what it needs is needed by the whole."""
        pattern = self.pattern
        if pattern.startswith(_LOOKAROUND, i):  # zero width: nothing needed
            return i + (4 if pattern.startswith("(?<", i) else 3), False
        if pattern.startswith(("(?:", "(?>"), i):
            return i + 3, True
        if pattern.startswith("(?P<", i):
            return pattern.index(">", i) + 1, True
        if (scoped := _SCOPED_FLAGS.match(pattern, i)) is not None:
            return scoped.end(), "i" not in scoped.group(1)  # case-insensitive: not literal
        if pattern.startswith("(?", i):
            raise _Unknown
        return i + 1, True

    def repeat(self) -> int | None:
        """The least count of a quantifier at the reading position (None: no quantifier)."""
        pattern, i = self.pattern, self.at
        char = pattern[i : i + 1]
        if char in ("*", "?", "+"):
            low, self.at = (1 if char == "+" else 0), i + 1
        elif char == "{" and (counted := _REPEAT.match(pattern, i)) and counted.group() != "{}":
            low, self.at = int(counted.group(1) or 0), counted.end()
        else:
            return None
        if pattern[self.at : self.at + 1] in ("?", "+"):  # lazy or possessive
            self.at += 1
        return low


def _class_need(body: str) -> Need | None:
    """[#＃]: one of these characters. Negated classes, ranges and escapes: nothing known (a '-'
    first or last is a literal)."""
    if not body or body[0] == "^" or "-" in body[1:-1] or any(c in body for c in "\\[&~|"):
        return None
    return ("any", tuple(dict.fromkeys(body)))


def _all_of(needs: list[Need]) -> Need | None:
    # Plain strings first, longest (rarest) first: most pages fail on the first look.
    needs.sort(key=lambda n: (not isinstance(n, str), -len(n) if isinstance(n, str) else 0))
    if not needs:
        return None
    return needs[0] if len(needs) == 1 else ("all", tuple(needs))


def required(pattern: str) -> Need | None:
    """What every match of `pattern` contains: the runs of literal characters a match passes
    through, all of them for a sequence, any one for an alternation. None when nothing is known.
    """
    if _OPAQUE.search(pattern):
        return None
    try:
        if re.compile(pattern).flags & re.IGNORECASE:
            return None
        reader = _Reader(pattern)
        need = reader.alternation()
    except (_Unknown, re.error, IndexError, ValueError):
        return None
    return need if reader.at >= len(pattern) else None


def present(need: Need | None, page: str) -> bool:
    """Does `page` hold what `need` (from `required`) says every match contains?"""
    if need is None:
        return True
    if isinstance(need, str):
        return need in page
    kind, parts = need
    wanted = kind == "any"  # "any": one part present is enough; "all": one absent is too many
    for part in parts:
        if present(part, page) is wanted:
            return wanted
    return not wanted
