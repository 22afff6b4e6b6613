"""A build's lead forms: each rendered once per (form, language) and reused on every page that
shows it, with the page's own hidden context filled in.

`forms.render_form` takes a few milliseconds; a 1,000-page hub shows a form on nearly every page,
and the pages differ only in their hidden context (the page's URL and content id). The form is
rendered once with placeholders in those fields, and a page's values replace the placeholders.
Only values that no HTML escaper changes are filled in this way (the five characters `& < > " '`
are escaped differently by html.escape and by Jinja), so the result is the renderer's own, byte
for byte; the first page of each form checks that against a direct rendering, and any other value
is rendered directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from ..config import HubConfig
from ..forms import render_form  # the receiver's form definition: one source of the markup

_MARK = "hubtool-form-placeholder-"
_PLACEHOLDER = _MARK + "{}-7c1e"  # letters, digits, dashes and field names: never escaped
_VERBATIM = re.compile(r"[^&<>\"'\x00-\x1f]{0,200}")  # what every escaper prints as it is


class FormCache:
    """Lead-form HTML for one build (a new build reads the configuration again, so a new cache)."""

    def __init__(self, config: HubConfig) -> None:
        self.config = config
        # (form, language) -> the form with placeholders, or None when filling them in does not
        # give what the renderer gives (then every page of that form is rendered directly)
        self._templates: dict[tuple[str, str], str | None] = {}

    def render(self, form: str, lang: str, page: Mapping[str, str]) -> str:
        """The HTML of `form` in `lang` with the hidden context `page` (field name -> value)."""
        direct: Callable[[], str] = lambda: render_form(self.config, form, lang, hidden=page)
        if not all(_VERBATIM.fullmatch(value) and _MARK not in value for value in page.values()):
            return direct()
        key = (form, lang)
        if key not in self._templates:
            html = direct()
            placeholders = {name: _PLACEHOLDER.format(name) for name in page}
            template = render_form(self.config, form, lang, hidden=placeholders)
            self._templates[key] = template if _fill(template, page) == html else None
            return html
        kept = self._templates[key]
        return _fill(kept, page) if kept is not None else direct()


def _fill(template: str, page: Mapping[str, str]) -> str:
    for name, value in page.items():
        template = template.replace(_PLACEHOLDER.format(name), value)
    return template
