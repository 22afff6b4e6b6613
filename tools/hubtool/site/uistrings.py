"""material's interface strings (`lang.t(key)`) looked up once per language and key in a build.

material's partials/languages/<code>.html answers `t(key)` by building its whole table (a hundred
entries) as a Jinja dict literal on every call, and every page calls it about thirty times. Its answer
depends on nothing but the language and the key, so partials/language.html hands the templates this
memo (the `hub_t` global) instead of a macro; the words printed are the same.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class UiStrings:
    """One per Jinja environment: `hub_t(code, strings, fallback)` is the page's `lang.t`."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str], str] = {}

    def __call__(self, code: Any, strings: Any, fallback: Any) -> Callable[[Any], str]:
        known = self._known
        language = str(code)

        def t(key: Any) -> str:
            """`strings.t(key) or fallback.t(key) or key`, as the macro printed it."""
            memo = (language, str(key))
            if memo not in known:
                known[memo] = str(strings.t(key) or fallback.t(key) or key)
            return known[memo]

        return t
