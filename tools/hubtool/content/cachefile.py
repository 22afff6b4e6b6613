"""Files in the hub's `.cache/hubtool/` folder: JSON read whole or not at all, written whole.

What `hubtool check` keeps between runs (validated front matter, ED005's sentences) is a help,
never a source of truth: a missing, unreadable or damaged file reads as nothing, and a file that
cannot be written is not written. The first line is a checksum of the rest, so a file damaged
after it was written (a bit flipped, an editor's save, a truncation) is never half-believed. A
write goes to a temporary file renamed over the old one, so a crash or a second run at the same
time never leaves half a file. The folder gets a `.gitignore` of its own: it is never committed,
whatever the hub ignores.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ..atomic import write_text

_HEAD = "hubtool-cache sha1:"


def read_json(path: Path) -> Any:
    """The file's data, or None when it is missing, unreadable, damaged or not JSON."""
    try:
        head, _, text = path.read_text(encoding="utf-8").partition("\n")
        if head != _HEAD + hashlib.sha1(text.encode("utf-8")).hexdigest():
            return None
        return json.loads(text)
    except (OSError, ValueError, RecursionError):  # ValueError: not UTF-8, or not JSON
        return None


def write_json(path: Path, data: Any) -> bool:
    """Write `data` whole (temporary file, then rename); False when it could not be written."""
    try:
        text = json.dumps(data, ensure_ascii=False)
        checksum = hashlib.sha1(text.encode("utf-8")).hexdigest()
    except (ValueError, TypeError, RecursionError):  # an integer too long to write, say
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        write_text(path, f"{_HEAD}{checksum}\n{text}")
    except (OSError, UnicodeEncodeError):  # UnicodeEncodeError: a lone surrogate in the data
        return False  # a read-only checkout: the next run computes again
    return True
