"""Link targets as a line of Markdown writes them: SEC002 checks their scheme, TEC007 quotes them."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Targets of Markdown links and images, link definitions, and URL attributes of raw HTML.
_TARGET = re.compile(
    r"\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?([^\s>]+)"
    r"|\b(?:href|src|action|formaction|xlink:href|data)\s*=\s*[\"']?\s*([^\"'\s>]+)",
    re.I,
)


def link_targets(line: str) -> Iterator[tuple[int, int, str]]:
    """(where the link starts, where its target starts, the target) of each target on `line`,
    0-based."""
    for match in _TARGET.finditer(line):
        group = next(n for n in (1, 2, 3) if match.group(n) is not None)
        yield match.start(), match.start(group), match.group(group)
