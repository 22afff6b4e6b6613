"""Validated front matter kept between runs of `hubtool check` (the YAML of every file of the hub).

`hubtool check` of one file loads the whole hub (cross-page rules need every page); parsing and
validating 1,000 front matters is a third of its time. An entry is keyed by a digest of everything
its result depends on: the front-matter text itself (read anyway for the body, so an edit of any
size or time is seen), the file's name, kind and language, the vocabulary of mkdocs.yml, and the
code that parses and validates (another copy or version of hubtool never matches). The file is
JSON, never pickle (the folder is the writer's checkout), written whole to a temporary file and
renamed; a missing, damaged or foreign file, or an entry of the wrong shape, is a miss, never an
error. Values JSON cannot spell exactly (bytes, sets, non-text keys, `!!python/name`) are not kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem
from ..yamlfile import Path_
from .cachefile import read_json, write_json

_NAME = "frontmatter.json"
# The modules whose code decides the parsed and validated result (messages included).
_CODE = (
    "schema.py",
    "load.py",
    "fmcache.py",
    "../yamlfile.py",
    "../messages.py",
    "../escape.py",
    "../errors.py",
)

Entry = tuple[dict[str, Any], dict[Path_, int], list[Problem]]


class _Unfit(Exception):
    """A value this cache cannot write, or an entry it cannot trust."""


def _code_stamp() -> str:
    """A digest of the code that parses and validates, and of the YAML library (read each run:
    an editable install changes without a version number)."""
    here = Path(__file__).parent
    digest = hashlib.sha1(f"{yaml.__version__}:{hasattr(yaml, 'CSafeLoader')}".encode())
    for name in _CODE:
        try:
            digest.update((here / name).read_bytes())
        except OSError:
            digest.update(b"?")
    return digest.hexdigest()


class FrontMatterCache:
    """Entries of the last run, read once; `save` keeps only the entries this run used, so the file
    never grows past the hub. No folder: every call computes (what the build and seo-audit do)."""

    def __init__(self, folder: Path | None, context: Any = None) -> None:
        self.path = folder / _NAME if folder is not None else None
        self.stamp = ""
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
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
        try:
            entry = _decode_entry(self.old[key])
            self.new[key] = self.old[key]
            return entry
        except (KeyError, _Unfit, TypeError, ValueError, IndexError, RecursionError):
            pass
        entry = compute()
        self.changed = True
        try:
            self.new[key] = _encode_entry(entry)
        except (_Unfit, RecursionError):
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


def _decode_entry(raw: Any) -> Entry:
    if not (isinstance(raw, list) and len(raw) == 3):
        raise _Unfit
    meta = _decode(raw[0])
    if not isinstance(meta, dict):
        raise _Unfit
    lines: dict[Path_, int] = {}
    for path, line in raw[1]:
        if not (isinstance(path, list) and _is_int(line)):
            raise _Unfit
        if not all(isinstance(part, str) or _is_int(part) for part in path):
            raise _Unfit
        lines[tuple(path)] = line
    problems = []
    for where, line, field, message, severity in raw[2]:
        if not (_is_int(line) and all(type(s) is str for s in (where, field, message, severity))):
            raise _Unfit
        problems.append(Problem(where, line, field, message, severity))
    return meta, lines, problems


def _is_int(value: Any) -> bool:
    return type(value) is int


# A value is written as itself when JSON keeps its type (text, whole and real numbers, booleans,
# null), and as a tagged list otherwise: ["l", …] a list, ["m", k, v, …] a mapping with text keys,
# ["d", "2026-05-12"] a date, ["t", "2026-05-12T09:00:00+08:00"] a date and time.
def _encode(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return value
    if kind is list:
        return ["l", *(_encode(v) for v in value)]
    if kind is dict:
        out: list[Any] = ["m"]
        for key, item in value.items():
            if type(key) is not str:
                raise _Unfit
            out += [key, _encode(item)]
        return out
    if kind is dt.datetime:
        if value.tzinfo is not None and not isinstance(value.tzinfo, dt.timezone):
            raise _Unfit
        return ["t", value.isoformat()]
    if kind is dt.date:
        return ["d", value.isoformat()]
    raise _Unfit  # bytes, sets, tuples, str subclasses (`!!python/name`), …


def _decode(raw: Any) -> Any:
    if raw is None or type(raw) in (str, int, float, bool):
        return raw
    if type(raw) is not list or not raw:
        raise _Unfit
    tag, rest = raw[0], raw[1:]
    if tag == "l":
        return [_decode(v) for v in rest]
    if tag == "m" and len(rest) % 2 == 0:
        keys = rest[0::2]
        if not all(type(k) is str for k in keys):
            raise _Unfit
        return {k: _decode(v) for k, v in zip(keys, rest[1::2])}
    if tag == "d" and len(rest) == 1 and type(rest[0]) is str:
        return dt.date.fromisoformat(rest[0])
    if tag == "t" and len(rest) == 1 and type(rest[0]) is str:
        return dt.datetime.fromisoformat(rest[0])
    raise _Unfit
