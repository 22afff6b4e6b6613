"""CJK-aware text: normalising, keyword matching, word counts and display widths for zh (Hans/Hant) and en."""

from __future__ import annotations

import functools
import hashlib
import re
import threading
import unicodedata
from collections.abc import Iterable

# Han ideographs (basic, extension A, compatibility). Segmenting is needed only when one is present.
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A counted word holds a letter, digit or ideograph; punctuation and spaces are not words.
_WORDY = re.compile(r"[^\W_]", re.UNICODE)
# Runs of non-Han text are split on whitespace; each Han run goes to the segmenter.
_RUNS = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3007]+)")
_SPACES = re.compile(r"\s+")

_lock = threading.Lock()
_converter = None
_jieba = None
_known_words: set[str] = set()


def _t2s():
    """OpenCC's Traditional -> Simplified converter, built on first use (it reads dictionaries)."""
    global _converter
    if _converter is None:
        with _lock:
            if _converter is None:
                import opencc  # opencc-python-reimplemented: pure Python, no native build

                _converter = opencc.OpenCC("t2s")
    return _converter


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


@functools.lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """NFKC (full/half width alike), casefolded, Traditional converted to Simplified, spaces collapsed.

    Two strings that a reader takes for the same words normalise to the same string:
    `ＰＯＣ 製造企業` and `poc 制造企业`.
    """
    value = unicodedata.normalize("NFKC", text or "").casefold()
    if has_han(value):
        value = _t2s().convert(value)
    return _SPACES.sub(" ", value).strip()


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
    if has_han(needle) and not re.search(r"[a-z0-9]", needle[:1] + needle[-1:]):
        return haystack.count(needle)
    # Word boundaries only where the keyword starts/ends with a Latin letter or digit.
    left = r"(?<![a-z0-9])" if re.match(r"[a-z0-9]", needle) else ""
    right = r"(?![a-z0-9])" if re.search(r"[a-z0-9]$", needle) else ""
    return len(re.findall(left + re.escape(needle) + right, haystack))


def _segmenter(words: Iterable[str]):
    """jieba, imported on first use (it loads a dictionary in ~0.6 s), with `words` kept whole."""
    global _jieba
    with _lock:
        if _jieba is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)  # it prints "Building prefix dict..." otherwise
            jieba.initialize()
            _jieba = jieba
        for word in words:
            word = normalise(word)
            if word and has_han(word) and word not in _known_words:
                _jieba.add_word(word, freq=100_000)  # a high frequency keeps the keyword one token
                _known_words.add(word)
    return _jieba


def tokens(text: str, keywords: Iterable[str] = ()) -> list[str]:
    """Words of `text`: space-separated scripts split on spaces, Chinese segmented by jieba."""
    value = normalise(text)
    out: list[str] = []
    if not has_han(value):
        return [w for w in value.split() if _WORDY.search(w)]
    jieba = _segmenter(keywords)
    for index, run in enumerate(_RUNS.split(value)):
        if index % 2:  # a Han run
            out += [w for w in jieba.cut(run, HMM=True) if _WORDY.search(w)]
        else:
            out += [w for w in re.split(r"[\s\W]+", run) if w and _WORDY.search(w)]
    return out


_counts: dict[tuple[str, tuple[str, ...]], int] = {}


def word_count(text: str, keywords: Iterable[str] = ()) -> int:
    """Number of words; cached by content hash (a page is segmented once per process)."""
    keys = tuple(sorted({k for k in keywords if k}))
    digest = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
    cached = _counts.get((digest, keys))
    if cached is None:
        cached = len(tokens(text, keys))
        if len(_counts) > 20_000:  # bound the cache; a hub rarely has more pages than this
            _counts.clear()
        _counts[(digest, keys)] = cached
    return cached


def char_width(char: str) -> int:
    """Display units: East Asian wide/full-width characters count 2, everything else 1."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Width of a title or description: a CJK character counts 2 units, a Latin character 1."""
    return sum(char_width(c) for c in _SPACES.sub(" ", text or "").strip())
