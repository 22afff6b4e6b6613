"""Untrusted text into HTML, Markdown and URLs: the few helpers every writer of markup uses.

Front matter, the configuration and lead data are text. Templates print them autoescaped; code that
writes Markdown (listings, the report) or picks a link target goes through these functions.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

# Schemes that run code or carry a document of their own when a browser follows or loads them.
UNSAFE_SCHEMES = ("javascript", "data", "vbscript")
# Browsers drop C0 controls and spaces around a URL and tabs/newlines inside it before reading
# the scheme: `java\tscript:` and ` javascript:` are still javascript.
_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.I)
# Inline Markdown syntax (Python-Markdown's and CommonMark's): emphasis, code, links and images,
# attribute lists ({: onclick=…}), table pipes, strike-through.
_MD_SYNTAX = re.compile(r"([\\`*_{}\[\]!|~])")
# Characters a Markdown link target keeps as they are; everything else is percent-encoded, so a
# target cannot end the link `)`, start an attribute list `{`, or carry markup `<"`.
_URL_SAFE = "/-._~%#?&=+,;:@$"


def unsafe_scheme(value: Any) -> str:
    """The scheme of `value` if a browser would run it (javascript:, data:, vbscript:), else ""."""
    match = _SCHEME.match(_IGNORED.sub("", str(value or "")))
    scheme = match.group(1).lower() if match else ""
    return scheme if scheme in UNSAFE_SCHEMES else ""


def safe_url(value: Any) -> str:
    """`value` as a link target, or "" when it would run code (the caller then shows no link)."""
    text = str(value or "")
    return "" if unsafe_scheme(text) else text


def md_text(value: Any) -> str:
    """Text shown as itself in Markdown: no HTML, no link, image, emphasis or attribute list,
    on one line (a newline could start a new block)."""
    text = html.escape(str(value if value is not None else ""), quote=False)
    return _MD_SYNTAX.sub(r"\\\1", re.sub(r"\s*[\r\n]+\s*", " ", text))


def md_url(value: Any) -> str:
    """A link target for `[text](…)` / `![alt](…)`: percent-encoded so it stays one target
    (MkDocs decodes it again to find the file); "" for a script or data URL."""
    url = safe_url(value)
    return quote(url, safe=_URL_SAFE) if url else ""
