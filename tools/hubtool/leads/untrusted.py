"""Visitors' text at the receiver's edges: invisible controls stripped on the way in, escaped on the
way out to a log line or a terminal."""

from __future__ import annotations

import re
from typing import Any

# C0 controls (tab, LF and CR excepted: `clean_text` turns them into spaces or newlines), DEL, the
# C1 controls (U+0080–U+009F: some terminals obey them) and the bidirectional embeddings, overrides
# and isolates (U+202A–U+202E, U+2066–U+2069) that make a reader see text in another order than it
# is stored ("Trojan Source"). None of them belongs in a name, an address or a URL.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# For display, also the line breaks and tabs that would forge a new line or column.
_SHOWN_ESCAPED = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_invisible(value: Any) -> Any:
    """A submitted value without invisible controls (strings only; other values as they are)."""
    return INVISIBLE.sub("", value) if isinstance(value, str) else value


def shown(value: Any) -> str:
    """A stored value for a terminal or a CSV cell read by people: controls as visible escapes
    (`\\x1b`, `\\u202e`); Chinese and other printable text unchanged."""
    return _SHOWN_ESCAPED.sub(lambda m: repr(m.group())[1:-1], "" if value is None else str(value))


def for_log(value: Any, limit: int = 200) -> str:
    """An untrusted string in a log line: `repr`-escaped (no ESC, CR, NUL or bidi control reaches
    the log or the terminal reading it) and cut to `limit` characters."""
    text = "" if value is None else str(value)
    return repr(text[:limit]) + ("…" if len(text) > limit else "")
