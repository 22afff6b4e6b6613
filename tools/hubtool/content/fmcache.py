"""Validated front matter kept between runs of `hubtool check` (the YAML of every file of the hub).

`hubtool check` of one file loads the whole hub (cross-page rules need every page); parsing and
validating 1,000 front matters is a third of its time. An entry is keyed by a digest of everything
its result depends on: the front-matter text itself (read anyway for the body, so an edit of any
size or time is seen), the file's name, kind and language, the vocabulary of mkdocs.yml, and the
files of hubtool itself (after any change of them, or in another checkout, nothing matches). The
file is JSON, never pickle (the folder is the writer's checkout), with a checksum, written whole
(cachefile); a missing, damaged or foreign file, or an entry of the wrong shape, is a miss, never
an error. Values JSON cannot spell exactly (bytes, sets, non-text keys, `!!python/name`) are not
kept: those files are parsed every run.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from ..yamlfile import Path_
from .cachefile import read_json, write_json

_NAME = "frontmatter.json"
Entry = tuple[dict[str, Any], dict[Path_, int], list[Problem]]


class _Unfit(Exception):
    """A value this cache cannot write, or an entry it cannot trust."""


def _code_stamp() -> str:
    """The YAML library, and the name, time and size of every file of the hubtool package (its
    code and its message tables): any change of hubtool, and a copy of it checked out elsewhere,
    gives another stamp. About 300 files, a few milliseconds."""
    package = Path(__file__).resolve().parent.parent
    parts = [yaml.__version__, str(hasattr(yaml, "CSafeLoader"))]
    stack = [package]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as found:
                entries = sorted(found, key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith((".", "__pycache__")):
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            parts.append(f"{entry.path}:{info.st_mtime_ns}:{info.st_size}")
    return hashlib.sha1("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class FrontMatterCache:
    """Entries of the last run, read once; `save` keeps only the entries this run used, so the file
    never grows past the hub. No folder: every call computes (what the build and seo-audit do).
    Each entry is kept as its own JSON text: decoded only when used, written back unchanged."""

    def __init__(self, folder: Path | None, context: Any = None) -> None:
        self.path = folder / _NAME if folder is not None else None
        self.stamp = ""
        self.old: dict[str, Any] = {}
        self.new: dict[str, str] = {}
        self.changed = False  # an entry was computed: the file is rewritten
        if self.path is None:
            return
        self.stamp = hashlib.sha1(
            json.dumps([_code_stamp(), context], ensure_ascii=False, default=str).encode()
        ).hexdigest()
        data = read_json(self.path)
        if isinstance(data, dict) and data.get("stamp") == self.stamp:
            files = data.get("files")
            self.old = files if isinstance(files, dict) else {}

    def get(self, key_parts: tuple[str, ...], compute: Callable[[], Entry]) -> Entry:
        """The cached entry for these inputs (the front-matter text among them), else `compute()`."""
        if self.path is None:
            return compute()
        key = hashlib.sha1("\0".join(key_parts).encode("utf-8", "surrogatepass")).hexdigest()
        kept = self.old.get(key)
        if isinstance(kept, str):
            try:
                entry = _decode_entry(kept)
                self.new[key] = kept
                return entry
            except (_Unfit, TypeError, ValueError, RecursionError):
                pass
        entry = compute()
        self.changed = True
        try:
            text = json.dumps(_encode_entry(entry), ensure_ascii=False)
            text.encode("utf-8")  # a lone surrogate (a YAML escape) cannot be written
            self.new[key] = text
        except (_Unfit, ValueError, RecursionError):
            pass  # recomputed next time
        return entry

    def save(self) -> None:
        """Written whole (cachefile): a crash or a second `check` at the same time never leaves
        half a cache; a read-only checkout is parsed again next time."""
        if self.path is None or not (self.changed or self.new.keys() != self.old.keys()):
            return
        write_json(self.path, {"stamp": self.stamp, "files": self.new})


def _encode_entry(entry: Entry) -> list[Any]:
    meta, lines, problems = entry
    return [
        _encode(meta),
        [[list(path), line] for path, line in lines.items()],
        [[p.path, p.line, p.field, p.message, p.severity] for p in problems],
    ]


def _decode_entry(text: str) -> Entry:
    meta, lines, problems = json.loads(text, object_hook=_tagged)
    if type(meta) is not dict:
        raise _Unfit
    line_map: dict[Path_, int] = {tuple(path): line for path, line in lines}
    return meta, line_map, [Problem(*problem) for problem in problems]


# A value is written as itself when JSON keeps its type (text, whole and real numbers, booleans,
# null, lists, mappings with text keys), a date or a date and time as {"\0": "d" or "t", "v":
# ISO text}: no mapping of the writer's has the key "\0" (it is not kept), so none is misread.
_TAG = "\0"


def _encode(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is list:
        return [_encode(v) for v in value]
    if kind is dict:
        if _TAG in value or not all(type(key) is str for key in value):
            raise _Unfit
        return {key: _encode(item) for key, item in value.items()}
    if kind is dt.datetime:
        if value.tzinfo is not None and not isinstance(value.tzinfo, dt.timezone):
            raise _Unfit
        return {_TAG: "t", "v": value.isoformat()}
    if kind is dt.date:
        return {_TAG: "d", "v": value.isoformat()}
    raise _Unfit  # bytes, sets, tuples, str subclasses (`!!python/name`), …


def _tagged(mapping: dict[str, Any]) -> Any:
    tag = mapping.get(_TAG)
    if tag is None:
        return mapping
    if tag == "d":
        return dt.date.fromisoformat(mapping["v"])
    if tag == "t":
        return dt.datetime.fromisoformat(mapping["v"])
    raise _Unfit
