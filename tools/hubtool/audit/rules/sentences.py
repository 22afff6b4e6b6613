"""The sentences ED005 compares: a page's prose without math, HTML blocks, tables, link lists,
footnotes and reference sections, split into sentences and normalised, kept between runs of
`hubtool check` in a small JSON cache."""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ... import text as folding  # its module time is part of the cache stamp
from ...content.cachefile import read_json, write_json
from ...content.items import Item
from ...text import fold_once
from . import matching, prose
from .prose import FENCE, INLINE_MATH, prose_lines

_SENTENCE_END = re.compile(r"[。！？!?；;|]+|\.(?=\s|$)")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s?|!!!|\?\?\?)|[*_`~\[\]]")
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


def _metadata(raw_lines: list[str]) -> set[int]:
    """MultiMarkdown-style metadata (`author: …` lines at the top of a file without YAML front
    matter): MkDocs reads it as meta, never shows it."""
    skip: set[int] = set()
    for index, raw in enumerate(raw_lines):
        if not _META_LINE.match(raw):
            break
        skip.add(index)
    return skip


def _math_closing(raw: str, stripped: str) -> str:
    """What ends the math block that opens on this line ('' when it closes on the line)."""
    if "$$" in raw:
        return "$$" if raw.count("$$") % 2 == 1 else ""
    if stripped.startswith("\\[") and "\\]" not in stripped:
        return "\\]"
    if stripped.startswith("\\begin{") and "\\end{" not in stripped:
        return "\\end{"
    return ""


def _not_prose(raw: str, stripped: str) -> bool:
    """A table row or rule, a footnote definition or a line that is mostly links."""
    return bool(
        stripped.startswith("|")
        or stripped.count("|") >= 2
        or _TABLE_RULE.match(raw)
        or _FOOTNOTE.match(raw)
        or _link_line(raw)
    )


class _Blocks:
    """Reads a body line by line and says which lines ED005 leaves out: math blocks, raw HTML
    blocks (up to a blank line), reference sections (up to the next heading) and table, footnote
    and link lines. Fenced code is left to prose_lines (its $$ and | are not math or tables)."""

    def __init__(self) -> None:
        self.fence = ""
        self.closing = ""  # inside a math block: what ends it ($$, \], \end{)
        self.html = False
        self.refs = False

    def skips(self, raw: str) -> bool:
        stripped = raw.strip()
        if self.fence:
            self.fence = "" if stripped.startswith(self.fence) else self.fence
            return False
        if (opened := FENCE.match(raw)) is not None:
            self.fence = opened.group(1)
            return False
        if not stripped:
            self.html = False  # an HTML block ends at a blank line
        elif stripped.startswith("#"):
            self.refs = _REFERENCES.match(raw) is not None
        if self.closing:
            if self.closing in raw and (self.closing != "$$" or raw.count("$$") % 2 == 1):
                self.closing = ""
            return True
        if "$$" in raw or _MATH_BLOCK.match(raw):
            self.closing = _math_closing(raw, stripped)
            return True
        if _HTML_BLOCK.match(raw):
            self.html = True
        return self.refs or self.html or _not_prose(raw, stripped)


def _blank_inline_math(raw: str, text: str) -> str:
    """`text` (the prose form of `raw`) with the inline math of `raw` blanked where it stands."""
    for match in INLINE_MATH.finditer(raw):
        a, b = match.span()
        if b <= len(text):
            text = text[:a] + " " * (b - a) + text[b:]
    return text


def compared_lines(item: Item) -> list[tuple[int, str]]:
    """(file line, text) of the body's prose that ED005 compares: prose_lines without math
    (`$…$`, `$$…$$`, `\\(…\\)`, LaTeX environments), raw HTML blocks, table rows, lines that are
    mostly links, footnote definitions and reference sections."""
    raw_lines = item.body.splitlines()
    skip = _metadata(raw_lines) if item.body_line == 1 else set()
    blocks = _Blocks()
    skip.update(index for index, raw in enumerate(raw_lines) if blocks.skips(raw))
    out = []
    for number, text in prose_lines(item):
        index = number - item.body_line
        if index in skip:
            continue
        raw = raw_lines[index] if 0 <= index < len(raw_lines) else ""
        if "$" in raw or "\\(" in raw:  # inline math: blank it where it stands in the prose line
            text = _blank_inline_math(raw, text)
        if text.strip():
            out.append((number, text))
    return out


def _version() -> str:
    """The version of the code that splits sentences: its modules' times and sizes."""
    stats = [
        Path(name).stat()
        for name in (__file__, prose.__file__, matching.__file__, folding.__file__)
    ]
    return ";".join(f"{s.st_mtime_ns}:{s.st_size}" for s in stats)


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
        self.stamp = _version()
        data = read_json(self.path)  # None when missing or damaged
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
        """Written whole, with a checksum (content.cachefile); where it cannot be written (a
        read-only checkout) the next run splits the sentences again."""
        if self.path is None or self.new.keys() == self.old.keys():
            return
        write_json(self.path, {"stamp": self.stamp, "files": self.new})


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
    for number, text_line in lines:
        if last is not None and number != last + 1:
            cuts.append(at)
        last = number
        part = _MARKUP.sub(" ", text_line) + " "
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
    whole = fold_once(text).text
    sliced = len(whole) == len(text)
    position = 0
    for end in ends:
        chunk = text[position:end]
        raw = chunk.strip()
        if raw and (len(raw) >= minimum or not sliced):  # sliced: normalised is no longer than raw
            # the sentence starts on the line holding its first non-space character
            lead = position + len(chunk) - len(chunk.lstrip())
            line = numbers[bisect.bisect_right(offsets, lead) - 1]
            norm = whole[lead : lead + len(raw)] if sliced else fold_once(raw).text
            yield line, "".join(norm.split()), raw
        position = end


def _wordy(norm: str) -> bool:
    """A sentence of words, not of symbols: most of its characters are letters (a formula or an
    identifier list that survived as text is not a sentence a reader would call copied)."""
    return _letters(norm) * 10 >= len(norm) * 6
