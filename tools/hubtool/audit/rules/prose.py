"""Markdown as prose: the lines of a page's body a reader reads (code, comments, link targets and
tags left out or blanked, columns kept), the front-matter fields shown to readers, and scanning both
for a word list with file line and column."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ...content.items import Item
from .matching import Term, TermList, matches

# Front-matter fields that are shown to readers, so they are read like the body.
TEXT_FIELDS: tuple[tuple[str | int, ...], ...] = (("title",), ("description",), ("quote", "text"))
# Inline math: a formula's letters are symbols, not text.
INLINE_MATH = re.compile(r"\$[^$\n]+\$|\\\(.+?\\\)")


FENCE = re.compile(r"^\s*(```|~~~)")
# Parts of a Markdown line that are not prose: inline code, link/image targets, HTML tags, bare URLs
# and attribute lists, and a whole link definition. They are blanked (same length) so columns stay
# right. Two regexes: a branch anchored with ^ among the others keeps sre from skipping ahead to
# the characters that can start one (2.4x slower on a line of prose).
_NOT_PROSE = re.compile(r"`[^`]*`|\]\([^)]*\)|<[^>]*>|https?://\S+|\{[:#.][^}]*\}")
_LINK_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")


_COMMENT = re.compile(r"<!--.*?-->")


def blank(match: re.Match[str]) -> str:
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
        if (opened := FENCE.match(line)) is not None:
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
            text = _COMMENT.sub(blank, text)
            if (start := text.find("<!--")) != -1:
                text, comment = text[:start], True
        if text.lstrip().startswith("["):
            text = _LINK_DEF.sub(blank, text)
        text = _NOT_PROSE.sub(blank, text)
        if text.strip():
            yield number, text


def field_value(meta: Mapping[str, Any], path: tuple[str | int, ...]) -> str:
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
    fields = [(path, value) for path in TEXT_FIELDS if (value := field_value(item.meta, path))]
    lines = prose_lines(item)
    terms = terms.on([value for _, value in fields] + [text for _, text in lines])
    if not terms.groups:
        return  # the usual case: no term of the list anywhere on the page
    raw_lines: list[str] | None = None
    for path, value in fields:
        line = item.line_of(*path)
        for term, column in matches(value, terms):
            if raw_lines is None:
                raw_lines = read_lines(item)
            where = ".".join(map(str, path))
            yield term, line, column_in_file(raw_lines, line, value, column), where
    for line, text in lines:
        for term, column in matches(text, terms):
            yield term, line, column, ""


def column_in_file(raw_lines: list[str], line: int, value: str, column: int) -> int | None:
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


def read_lines(item: Item) -> list[str]:
    """The lines of the item's file as written (none when it cannot be read)."""
    try:
        return item.path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
