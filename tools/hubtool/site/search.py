"""One search index per language, without the pages search engines are told to skip.

mkdocs-material builds a single `search/search_index.json` for the whole site (one `mkdocs.yml`,
one index: its docs say a multi-language site is one project per language). The hub is one project
with a folder per language, so after the build the index is split: the default language keeps
`search/search_index.json`, every other language gets `<lang>/search/search_index.json` with its
locations relative to `<lang>/`, and main.html points that language's pages at it (the search
script fetches `<base>/search/search_index.json` and resolves results against the same base).
Pages marked `robots: noindex` (thank-you pages) and the writers' guides (not built at all) are in
neither. Each language's page then loads about half the index it used to.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from ..config import HubConfig
from ..content.load import Hub

INDEX = Path("search") / "search_index.json"


def split_search_index(config: HubConfig, hub: Hub, site_dir: str | Path) -> dict[str, int]:
    """Rewrite the built index per language; {language: entries}. Nothing to do without one."""
    site_dir = Path(site_dir)
    path = site_dir / INDEX
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    hidden = {
        item.url.lstrip("/")
        for item in hub.published
        if "noindex" in str(item.meta.get("robots") or "").lower()
    }
    others = [lang for lang in config.languages if lang != config.default_lang]
    indexes: dict[str, list[dict]] = {lang: [] for lang in config.languages}
    entries = data.get("docs") or []
    titles = {
        e.get("location"): e.get("title") for e in entries if "#" not in str(e.get("location"))
    }
    for doc in entries:
        location = str(doc.get("location") or "")
        page = location.split("#", 1)[0]
        if page in hidden:
            continue
        doc = _escaped_fallback_title(doc, titles.get(page))
        lang = next(
            (code for code in others if page == f"{code}/" or page.startswith(f"{code}/")),
            config.default_lang,
        )
        if lang != config.default_lang:
            doc = {**doc, "location": location[len(lang) + 1 :]}
        indexes[lang].append(doc)
    counts = {}
    for lang, docs in indexes.items():
        target = path if lang == config.default_lang else site_dir / lang / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        body = {"config": data.get("config") or {}, "docs": docs}
        target.write_text(
            json.dumps(body, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
        counts[lang] = len(docs)
    return counts


def _escaped_fallback_title(doc: dict, page_title: object) -> dict:
    """A section without heading text (`##`, or a heading that is only an image) is titled by
    material with the page's raw title, which its search shows as HTML; the page's own entry has
    it escaped. Such a section gets the escaped title too."""
    title = doc.get("title")
    if (
        isinstance(page_title, str)
        and isinstance(title, str)
        and title != page_title
        and html.unescape(page_title) == title
    ):
        return {**doc, "title": page_title}
    return doc
