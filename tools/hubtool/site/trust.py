"""The trust strip, rendered once per language and printed on every page that shows it.

partials/hub-badges-strip.html is the same on every page of a language except for its links into the
site, which are relative to the page. It is rendered once per (language, badge data) with a marker
for each such link; where a page prints it (partials/hub-badges.html, the `hub_badges` global),
every marker becomes the page's relative URL through the environment's own `url` filter, escaped as
the template would have. A thousand pages cost one rendering and a thousand substitutions instead of
a thousand renderings of a hundred escapes each.
"""

from __future__ import annotations

import json
import re
from typing import Any

from jinja2 import Environment, TemplateNotFound, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

STRIP = "partials/hub-badges-strip.html"
_MARK = re.compile("\x00hub-link:(\\d+)\x00")  # YAML text cannot hold NUL: no collision with data


class TrustStrip:
    """One per Jinja environment (the build's, or `hubtool check`'s): `env.globals["hub_badges"] =
    TrustStrip(env).render`."""

    def __init__(self, env: Environment) -> None:
        self._env = env
        self._rendered: dict[tuple[str, str], tuple[str, list[str]]] = {}
        self._seen: dict[int, tuple[Any, tuple[str, str]]] = {}

    @pass_context
    def render(self, context: Context, code: Any, badges: Any) -> Markup:
        """The strip for a page of language `code` (nothing without badge data)."""
        if not badges:
            return Markup("")
        key = self._key(code, badges)
        if key not in self._rendered:
            self._rendered[key] = self._render(code, badges)
        html, targets = self._rendered[key]
        if not targets:
            return Markup(html)
        url = self._env.filters["url"]
        return Markup(_MARK.sub(lambda m: escape(url(context, targets[int(m.group(1))])), html))

    def _key(self, code: Any, badges: Any) -> tuple[str, str]:
        """The language and the data as JSON; the pages of a language share one badge object
        (hubtool.site.seo), so that JSON is written once per object, which is kept alive here."""
        seen = self._seen.get(id(badges))
        if seen is not None and seen[0] is badges and seen[1][0] == str(code):
            return seen[1]
        key = (str(code), json.dumps(badges, sort_keys=True, default=str, ensure_ascii=False))
        self._seen[id(badges)] = (badges, key)
        return key

    def _render(self, code: Any, badges: Any) -> tuple[str, list[str]]:
        targets: list[str] = []

        def link(value: Any) -> Markup:
            targets.append(str(value))
            return Markup(f"\x00hub-link:{len(targets) - 1}\x00")

        try:
            template = self._env.get_template(STRIP)
        except TemplateNotFound:  # a theme without the partial shows nothing there
            return "", []
        return template.render(b=badges, code=code, link=link), targets
