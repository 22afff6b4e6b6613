"""Files in the hub's `.cache/hubtool/` folder: JSON read whole or not at all, written whole.

What `hubtool check` keeps between runs (validated front matter, ED005's sentences) is a help,
never a source of truth: a missing, unreadable or damaged file reads as nothing, and a file that
cannot be written is not written. A write goes to a temporary file renamed over the old one, so a
crash or a second run at the same time never leaves half a file. The folder gets a `.gitignore`
of its own: it is never committed, whatever the hub ignores.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def read_json(path: Path) -> Any:
    """The file's data, or None when it is missing, unreadable or not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # ValueError: not UTF-8, or not JSON
        return None


def write_json(path: Path, data: Any) -> bool:
    """Write `data` whole (temporary file, then rename); False when it could not be written."""
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (ValueError, TypeError, RecursionError):  # an integer too long to write, say
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ignore = path.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("*\n", encoding="utf-8")
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError:
        return False  # a read-only checkout: the next run computes again
    return True
