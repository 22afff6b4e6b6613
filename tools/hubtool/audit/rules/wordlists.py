"""The editorial word lists (taboo words, advertising claims, placeholders): data, not code.

The packaged lists in `hubtool/data/wordlists/`, extended or trimmed by the hub's own file
(`extra.hub.audit.wordlists`), each entry checked with file:line and compiled once per run."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from ...config import HubConfig
from ...errors import HubError
from ...text import has_han
from ...yamlfile import Path_, YamlError, load_with_lines
from .matching import Term, TermList, fold

LEVELS = ("error", "warning")
LISTS = ("taboo", "advertising", "placeholders")
# Where a placeholder counts (`match:` of a `placeholders` entry). It always counts when it is all a
# line, table cell, heading, list item, bracketed note or front-matter value holds ("alone").
PLACES = ("alone", "lead", "start", "end", "number", "anywhere")
_KEYS = frozenset({"term", "pattern", "except", "suggest", "reason", "level", "case"})

Lines = Mapping[Path_, int]


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


@dataclass(frozen=True)
class _Entry:
    """One entry of a list being read, with where to point an error about it."""

    data: dict[str, Any]
    name: str
    index: int
    where: str
    lines: Lines

    def line(self, key: str | None = None) -> int:
        entry = self.lines.get((self.name, self.index), 1)
        return self.lines.get((self.name, self.index, key), entry) if key else entry

    def error(self, key: str | None, reason: str) -> HubError:
        field = f"{self.name}[{self.index}]" + (f".{key}" if key else "")
        return HubError(f"{self.where}:{self.line(key)}: {field}: {reason}")


def _parse_list(entries: Any, name: str, where: str, lines: Lines) -> list[Term]:
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise HubError(
            f"{where}:{lines.get((name,), 1)}: {name}: must be a list of entries "
            "(term, suggest, reason, level)"
        )
    out = []
    for index, data in enumerate(entries):
        if isinstance(data, str):
            data = {"term": data}
        entry = _Entry(data if isinstance(data, dict) else {}, name, index, where, lines)
        if not isinstance(data, dict) or not str(data.get("term") or "").strip():
            raise entry.error(None, "needs a `term`")
        out.append(_term(entry))
    return out


def _term(entry: _Entry) -> Term:
    data = entry.data
    keys = _KEYS | {"match"} if entry.name == "placeholders" else _KEYS
    if unknown := set(data) - keys:
        raise entry.error(None, f"unknown key '{min(unknown)}' (known: {', '.join(sorted(keys))})")
    match = data.get("match") or ["anywhere"]
    match = [match] if isinstance(match, str) else match
    if not isinstance(match, list) or not set(map(str, match)) <= set(PLACES):
        raise entry.error("match", f"must be one or more of {', '.join(PLACES)}")
    level = str(data.get("level") or "")
    if level and level not in LEVELS:
        raise entry.error("level", "must be error or warning")
    exceptions = data.get("except") or []
    if isinstance(exceptions, str):
        exceptions = [exceptions]
    term = str(data["term"]).strip()
    return Term(
        term=term,
        regex=_regex(entry, term),
        exceptions=tuple(fold(str(e)).text for e in exceptions),
        suggest=str(data.get("suggest") or ""),
        reason=str(data.get("reason") or ""),
        level=level,
        case=bool(data.get("case")),
        match=tuple(map(str, match)),
    )


def _regex(entry: _Entry, term: str) -> re.Pattern[str]:
    """The entry's `pattern`, or its term as a literal (as written when `case`, else folded)."""
    data = entry.data
    source = str(data["pattern"]) if data.get("pattern") else _literal(term)
    if data.get("case") and not data.get("pattern"):
        source = re.escape(unicodedata.normalize("NFKC", term))
        source = rf"(?<![\w]){source}(?![\w])" if re.match(r"\w", term) else source
    try:
        return re.compile(source)
    except re.error as exc:
        raise entry.error("pattern", f"invalid regular expression ({exc})") from None


def _read(path: Path, where: str) -> tuple[dict[str, Any], Lines]:
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
    user: dict[str, Any] = {}
    user_lines: Lines = {}
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
