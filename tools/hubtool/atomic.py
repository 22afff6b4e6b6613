"""Files written whole or not at all: reports, exports, editor schemas, the guide's tables."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text(path: Path, text: str, *, mode: int | None = None) -> None:
    """Write `text` (UTF-8, as given) to a temporary file beside `path`, then rename it over `path`:
    a crash or a full disk never leaves half a file. `mode`: the file's permissions (0o600 for
    personal data); by default what the umask gives an ordinary file (mkstemp alone makes 0600)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
