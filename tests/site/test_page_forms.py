"""Lead forms on the built demo site: each page's form names that page, whatever other pages show
the same form (the build renders a form once per language and fills in each page's context)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import lxml.html


def _forms(site: Path) -> list[tuple[str, str, dict[str, str]]]:
    """(page's canonical URL, <html lang>, hidden fields of its lead form) of every page with one."""
    found = []
    for path in sorted(site.rglob("index.html")):
        tree = lxml.html.parse(str(path))
        forms = tree.xpath("//form[@data-hub-form]")
        if not forms:
            continue
        canonical = tree.xpath('//link[@rel="canonical"]/@href')
        hidden = {
            str(field.get("name")): str(field.get("value"))
            for field in forms[0].xpath('.//input[@type="hidden"]')
        }
        found.append((canonical[0], tree.getroot().get("lang"), hidden))
    return found


def test_a_form_on_many_pages_names_each_page_it_is_on(demo_site: Path) -> None:
    forms = _forms(demo_site)
    shared = Counter((hidden["form_id"], lang) for _, lang, hidden in forms)
    # the demo shows one form on several pages of each language: the reuse is exercised
    assert {lang for (_, lang), pages in shared.items() if pages >= 3} == {"zh", "en"}
    for canonical, lang, hidden in forms:
        assert hidden["page_url"] == canonical
        assert hidden["lang"] == lang
    for lang in ("zh", "en"):
        ids = [hidden["content_id"] for _, page_lang, hidden in forms if page_lang == lang]
        assert len(ids) == len(set(ids)) and all(ids)  # every page its own content id


def test_a_translation_carries_the_content_id_of_its_original(demo_site: Path) -> None:
    by_url = {canonical: hidden for canonical, _, hidden in _forms(demo_site)}
    english = "https://www.xingheng.example/en/cases/bank-joint-risk/"
    chinese = "https://www.xingheng.example/cases/bank-joint-risk/"
    assert by_url[english]["content_id"] == by_url[chinese]["content_id"] == "cases/bank-joint-risk"
