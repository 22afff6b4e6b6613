"""CJK-aware text: normalising, keyword matching, word counts and display widths for zh (Hans/Hant) and en."""

from __future__ import annotations

import functools
import hashlib
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

# Han ideographs (basic, extension A, compatibility). Segmenting is needed only when one is present.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A counted word holds a letter, digit or ideograph; punctuation and spaces are not words.
_WORDY = re.compile(r"[^\W_]", re.UNICODE)
_SPACES = re.compile(r"\s+")
# Full-width ASCII, the ideographic space and half-width forms, with their NFKC equivalents.

_lock = threading.Lock()
_tables: (
    tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str], re.Pattern[str]] | None
) = None
_segment: Callable[[str], list[str]] | None = None  # text -> list of words
_add_word: Callable[[str], object] | None = None
_known_words: set[str] = set()
_pending: set[str] = set()  # registered keywords, added to the segmenter when it loads


def _t2s_tables() -> tuple[
    re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str], re.Pattern[str]
]:
    """OpenCC's t2s dictionaries (phrases, then characters), read once from the opencc package.

    Applied with two regex passes, which give OpenCC's t2s result ~100x faster than its pure-Python
    converter (which took 0.3 s on a long page). `trigger` finds a character that a phrase or a
    character entry changes; text without one is returned as it is. Its class holds BMP characters
    only: one character above U+FFFF in a regex class makes every search of it ~70x slower (a 4,000
    member list instead of a bitmap), so those are caught by one range and looked up.
    """
    global _tables
    if _tables is None:
        with _lock:
            if _tables is None:
                import opencc  # opencc-python-reimplemented ships the dictionaries

                folder = Path(opencc.__file__).parent / "dictionary"
                phrases, chars = (
                    _read_dict(folder / "TSPhrases.txt"),
                    _read_dict(folder / "TSCharacters.txt"),
                )
                chars = {k: v for k, v in chars.items() if v != k}
                keys = sorted(phrases, key=len, reverse=True)  # longest match first, as OpenCC
                phrase_re = (
                    re.compile("|".join(map(re.escape, keys))) if keys else re.compile("(?!)")
                )
                starts = {
                    k[0] for k, v in phrases.items() if v != k
                }  # 沈船 -> 沉船: 沈 alone stays

                def bmp_class(members: set[str]) -> str:
                    return (
                        "["
                        + re.escape("".join(sorted(c for c in members if ord(c) <= 0xFFFF)))
                        + "]"
                    )

                trigger = re.compile(bmp_class({*chars, *starts}) + "|[\U00010000-\U0010ffff]")
                # What the character pass replaces: not the phrases' first characters (不, 明),
                # which alone stay as they are; one callback for each would be wasted.
                # A group, for `re.split`: the characters to convert come back at odd positions.
                changed = re.compile("(" + bmp_class(set(chars)) + "|[\U00010000-\U0010ffff])")
                _tables = (trigger, phrases, phrase_re, chars, changed)
    return _tables


def _read_dict(path: Path) -> dict[str, str]:
    out = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values:
                out[key] = values.split(" ")[0]  # the first candidate, as OpenCC picks
    return out


def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese (OpenCC t2s dictionaries); other text is unchanged.

    Phrases first (leftmost, longest), then single characters between them: a phrase's own
    conversion is kept as it is (乾隆 stays 乾隆, 於菟 stays 於菟, where the character table alone
    would give 干隆, 于菟), as OpenCC does.
    """
    trigger, phrases, phrase_re, chars, changed = _t2s_tables()
    if not trigger.search(text):
        return text

    def convert(part: str) -> str:
        # Split, not `sub` with a callback: a Traditional page has a thousand characters to
        # convert, and a Python call for each cost more than the scan itself.
        pieces = changed.split(part)
        if len(pieces) > 1:
            pieces[1::2] = [chars.get(c, c) for c in pieces[1::2]]
        return "".join(pieces)

    out: list[str] = []
    last = 0
    for match in phrase_re.finditer(text):
        out += (convert(text[last : match.start()]), phrases[match.group(0)])
        last = match.end()
    out.append(convert(text[last:]))
    return "".join(out)


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
    """`raw` normalised character by character (NFKC, case-folded when `lower`, Simplified), with
    each character's column in `raw` kept: the one normaliser of the project (`normalise` is this
    plus spacing, for keys and comparisons)."""
    if raw.isascii():  # NFKC leaves ASCII alone
        return Folded(raw.casefold() if lower else raw)
    text = _nfkc(raw)
    if lower:
        text = text.casefold()  # case folding is per character too
    # No character maps to nothing, so equal lengths mean one character for one.
    folded = Folded(text) if len(text) == len(raw) else Folded(text, raw, lower)
    # Not `has_han`: its class is the BMP only, and Traditional characters above U+FFFF (𤪺 -> 㻘)
    # convert too; `to_simplified` returns at once when nothing converts. OpenCC's t2s tables keep
    # the length of every entry, so positions stay right.
    converted = to_simplified(text)
    if len(converted) != len(text):  # only if a future table broke that: char by char
        converted = "".join(c if len(c) == 1 else t for t in text for c in [to_simplified(t)])
    folded.text = converted
    return folded


# The text rules read the same pages and lines: fold each once.
fold = functools.lru_cache(maxsize=65536)(fold_once)


def has_han(text: str) -> bool:
    return not text.isascii() and _HAN.search(text) is not None  # isascii: a C-speed first look


_last: tuple[str, str] = ("", "")


def normalise(text: str) -> str:
    """NFKC (full/half width alike), casefolded, Traditional converted to Simplified, spaces collapsed.

    Short strings (titles, keywords) are cached; of long ones (a page body, normalised once for its
    word count and again for keyword occurrences) only the last, so workers do not hoard pages.
    """
    global _last
    if len(text or "") <= 512:
        return _normalise_short(text)
    if _last[0] == text:
        return _last[1]
    value = _normalise(text)
    _last = (text, value)
    return value


@functools.lru_cache(maxsize=8192)
def _normalise_short(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    """`fold_once`, then spacing: two strings that a reader takes for the same words normalise to
    the same string: `ＰＯＣ 製造企業`, `poc 制造企业` and `poc制造企业`."""
    value = fold_once(text or "").text
    if not unicodedata.is_normalized("NFKC", value):  # e + combining accent: composed, as NFKC does
        value = unicodedata.normalize("NFKC", value)
    if not value.isascii():
        # A space between Chinese and Latin is the writer's taste (隐私计算 PoC = 隐私计算PoC):
        # none is kept beside a Han character, so both spellings are the same keyword.
        value = _SPACE_BY_HAN.sub("", value)
    return " ".join(value.split())


_SPACE_BY_HAN = re.compile(
    r"(?<=[\u3400-\u9fff\uf900-\ufaff])\s+|\s+(?=[\u3400-\u9fff\uf900-\ufaff])"
)


def contains_keyword(text: str, keyword: str) -> bool:
    """Is `keyword` in `text`? A substring test on normalised text (Chinese has no spaces to split on).

    Latin keywords must not match inside a longer word: 'rag' is not in 'storage'.
    """
    return count_occurrences(text, keyword) > 0


def count_occurrences(text: str, keyword: str) -> int:
    """Non-overlapping occurrences of `keyword` in `text`, after normalising both."""
    needle = normalise(keyword)
    if not needle:
        return 0
    haystack = normalise(text)
    pattern = _needle(needle)
    return haystack.count(needle) if pattern is None else len(pattern.findall(haystack))


@functools.lru_cache(maxsize=8192)
def _needle(needle: str) -> re.Pattern[str] | None:
    """The pattern that finds a normalised keyword; None when a plain substring count does.

    Compiled once per keyword: every page has its own keyword, more than `re`'s own cache holds,
    so the audit recompiled one pattern per page and rule.
    """
    if has_han(needle) and not re.search(r"[a-z0-9]", needle[:1] + needle[-1:]):
        return None
    # Word boundaries only where the keyword starts/ends with a Latin letter or digit. The left one
    # is checked after the keyword (`(?<![a-z0-9]keyword)`, the same test): a pattern that starts
    # with the keyword itself is searched for as a literal, ~20x faster on a long page.
    literal = re.escape(needle)
    left = r"(?<![a-z0-9]" + literal + ")" if re.match(r"[a-z0-9]", needle) else ""
    right = r"(?![a-z0-9])" if re.search(r"[a-z0-9]$", needle) else ""
    return re.compile(literal + left + right)


def register_keywords(words: Iterable[str]) -> None:
    """Keywords the segmenter keeps whole, declared before any text is segmented.

    Every page's keywords are registered up front (not page by page), so a page's word count does not
    depend on which pages a worker happened to segment before it. Loads nothing by itself.
    """
    with _lock:
        _pending.update(words)


def _segmenter(words: Iterable[str]) -> Callable[[str], list[str]]:
    """The Chinese segmenter, loaded on first use, with `words` (keywords) kept whole.

    rjieba (jieba's dictionary and algorithm in Rust, ~30x faster, no 0.6 s dictionary load) when it
    is installed; jieba itself otherwise. Both give the same words.
    """
    global _segment, _add_word
    with _lock:
        if _segment is None:
            try:
                import rjieba

                _segment = lambda text: rjieba.cut(text, True)
                _add_word = lambda word: rjieba.add_word(word, 100_000, None)
            except ImportError:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)  # it prints "Building prefix dict..." otherwise
                jieba.initialize()
                _segment = lambda text: jieba.lcut(text, HMM=True)
                _add_word = lambda word: jieba.add_word(word, freq=100_000)
        assert _segment is not None and _add_word is not None  # set just above, under the lock
        for word in (*_pending, *words):
            word = normalise(word)
            if word and has_han(word) and word not in _known_words:
                _add_word(word)  # a high frequency keeps the keyword one token
                _known_words.add(word)
    return _segment


def tokens(text: str, keywords: Iterable[str] = ()) -> list[str]:
    """Words of `text`: space-separated scripts split on spaces, Chinese segmented (rjieba/jieba)."""
    value = normalise(text)
    if not has_han(value):
        return [w for w in value.split() if _is_word(w)]
    # One call for the whole text: the segmenter passes Latin words and numbers through as tokens.
    return [w for w in _segmenter(keywords)(value) if _is_word(w)]


def _count(text: str, keywords: tuple[str, ...]) -> int:
    """len(tokens(text)) without a Python call per token (pages have tens of thousands)."""
    value = normalise(text)
    raw = _segmenter(keywords)(value) if has_han(value) else value.split()
    # Each distinct token looked at once: a page's tokens repeat (的, 数据, punctuation, "the").
    return sum(n for token, n in Counter(raw).items() if token.isalnum() or _WORDY.search(token))


def _is_word(token: str) -> bool:
    return token.isalnum() or _WORDY.search(token) is not None  # isalnum: the fast common case


_counts: dict[tuple[str, tuple[str, ...]], int] = {}


def word_count(text: str, keywords: Iterable[str] = ()) -> int:
    """Number of words; cached by content hash (a page is segmented once per process)."""
    keys = tuple(sorted({k for k in keywords if k}))
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    cached = _counts.get((digest, keys))
    if cached is None:
        cached = _count(text, keys)
        if len(_counts) > 20_000:  # bound the cache; a hub rarely has more pages than this
            _counts.clear()
        _counts[(digest, keys)] = cached
    return cached


_OTHER_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


def writing_length(text: str) -> int:
    """A text's length as writers count it (and word processors' 字数): each Han character counts
    1 (字), each word of other scripts counts 1 (a run of letters or digits: `data-driven`, `2026`).
    So a Chinese page is measured in characters and an English one in words, by one count."""
    # subn counts without building a list of matches: a fifth faster on long pages
    if text.isascii():
        return _OTHER_WORD.subn("", text)[1]
    rest, han = _HAN.subn(" ", text)
    return han + _OTHER_WORD.subn("", rest)[1]


def char_width(char: str) -> int:
    """Display units: East Asian wide/full-width characters count 2, everything else 1."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Width of a title or description: a CJK character counts 2 units, a Latin character 1."""
    return sum(char_width(c) for c in _SPACES.sub(" ", text or "").strip())
