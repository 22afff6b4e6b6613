"""The navigation in the page's language, for partials/hub-nav.html (the theme's `hub_nav` global).

mkdocs.yml's `nav` lists the default-language pages. On a page in another language, an entry whose
page has a translation (`config.extra.hub_site.languages[lang].nav`, set by the hook) links to it,
under the label from `extra.nav_titles.<lang>` (or its own). The nav partials ask three questions of
every entry on every page (its link, its label, whether it is active); as Jinja macros that was tens
of thousands of macro calls per build, as dictionary look-ups here it is next to nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import escape


def _get(obj: Any, name: str) -> Any:
    """`obj.name` as Jinja reads it: the attribute, else the item, else None."""
    value = getattr(obj, name, None)
    if value is None and isinstance(obj, Mapping):
        value = obj.get(name)
    return value


class PageNav:
    """The entries' links, labels and active state for one page (`lang` is the theme's `lang`
    module: lang.code, lang.site; `page` the page being rendered or None)."""

    def __init__(self, lang: Any, page: Any, config: Any) -> None:
        extra = _get(config, "extra") or {}
        hub_site = _get(extra, "hub_site") or {}
        self._code = _get(lang, "code") if lang else None
        site = _get(lang, "site") if lang else None
        # Only a page in a language other than the default has anything to translate.
        self._site = site if site and _get(hub_site, "default") != self._code else None
        self._nav: dict[str, str] = _get(self._site, "nav") or {} if self._site else {}
        titles = _get(extra, "nav_titles") or {}
        self._titles: dict[Any, Any] = (
            (titles.get(self._code) if isinstance(titles, Mapping) else None) or {} if lang else {}
        )
        self._page_url = _get(page, "url") if page else None

    def _translated(self, nav_item: Any) -> str:
        url = getattr(nav_item, "url", None)
        if self._site is None or url is None:
            return ""
        other = self._nav.get(url)
        return "" if other is None else str(other)

    def url(self, nav_item: Any) -> str:
        """The entry's link: its translation's, else its own (printed as Jinja prints it)."""
        other = self._translated(nav_item)
        if other:
            return other
        if not hasattr(nav_item, "url"):
            return ""  # a section: Jinja prints an undefined attribute as nothing
        return str(nav_item.url)

    def title(self, nav_item: Any) -> str:
        """The entry's label, escaped: the language's label where the entry is translated (or is
        a section), else its own."""
        title = getattr(nav_item, "title", None)
        if (
            self._site is not None
            and (self._translated(nav_item) or not getattr(nav_item, "url", None))
            and title in self._titles
        ):
            return str(escape(self._titles[title]))
        return str(escape(title))

    def active(self, nav_item: Any) -> str:
        """ "active" for the current page's entry (or its translation's, or a section above it)."""
        if getattr(nav_item, "active", False):
            return "active"
        other = self._translated(nav_item)
        page_url = self._page_url
        if not other or page_url is None:
            return ""
        home = _get(self._site, "home")
        if page_url == other or (other != home and str(page_url).startswith(other)):
            return "active"
        return ""
