"""Section listings (cases by industry, whitepapers, news) written as Markdown, placed by `<!-- hub:… -->` markers."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable

from .. import ui
from ..config import HubConfig, text
from ..content.items import Item
from ..content.load import Hub
from ..content.schema import TIERS  # in order of importance: S first
from ..escape import md_text, md_url

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MARKER = re.compile(r"^<!--\s*hub:([a-z-]+)\s*-->[ \t]*$", re.MULTILINE)


def expand_markers(markdown: str, page: Item, config: HubConfig, hub: Hub) -> str:
    """Replace each `<!-- hub:NAME -->` line with its listing; an unknown name is left as is."""
    builders: dict[str, Callable[[Item, HubConfig, Hub], str]] = {
        "cases": cases_by_industry,
        "whitepapers": whitepaper_list,
        "featured-cases": featured_cases,
        "latest-whitepapers": latest_whitepapers,
        "latest-news": latest_news,
    }

    def replace(match: re.Match) -> str:
        build = builders.get(match.group(1))
        return build(page, config, hub) if build else match.group(0)

    return MARKER.sub(replace, markdown)


def same_lang(hub: Hub, lang: str, kind: str) -> list[Item]:
    """The published items of `kind` in `lang`, newest first (undated last)."""
    items = [i for i in hub.published if i.kind == kind and i.lang == lang]
    return sorted(items, key=lambda i: (i.date is None, i.date), reverse=True)


def industry(case: Item) -> str:
    """A case's industry: its customer's, else the first it is tagged with ("" if none)."""
    return str(
        (case.meta.get("customer") or {}).get("industry")
        or next(iter(case.meta.get("industries") or []), "")
    )


def by_tier(cases: list[Item]) -> list[Item]:
    """Cases by their customer's tier, S first; a stable sort keeps the order within a tier."""
    return sorted(
        cases, key=lambda c: TIERS.index(str((c.meta.get("customer") or {}).get("tier") or "C"))
    )


def _link(page: Item, target: str) -> str:
    """A relative link from `page` to a docs-relative path (Markdown file or asset), as MkDocs
    expects; percent-encoded, so a path from front matter stays one link target."""
    return md_url(posixpath.relpath(target, posixpath.dirname(page.src_uri) or "."))


def _headline(item: Item) -> str:
    results = item.meta.get("results") or []
    if not results:
        return ""
    first = results[0]
    return f"**{md_text(first.get('value', ''))}** {md_text(first.get('label', ''))}"


def _case_card(page: Item, case: Item) -> str:
    customer = case.meta.get("customer") or {}
    lines = []
    if customer.get("logo") and md_url(customer["logo"]):
        logo = _link(page, str(customer["logo"]))
        lines.append(
            f'![{md_text(customer.get("name", ""))}]({logo}){{ width="160" height="48" '
            f'loading="lazy" decoding="async" }}\n'
        )
    lines.append(f"**[{md_text(case.title)}]({_link(page, case.src_uri)})**\n")
    lines.append(" · ".join(filter(None, [md_text(customer.get("name", "")), _headline(case)])))
    return "-   " + "\n\n    ".join(line.rstrip("\n") for line in lines)


def _cards(cards: list[str]) -> str:
    if not cards:
        return ""
    return '<div class="grid cards hub-cards" markdown>\n\n' + "\n\n".join(cards) + "\n\n</div>\n"


def cases_by_industry(page: Item, config: HubConfig, hub: Hub) -> str:
    vocabulary = config.hub["vocabulary"]["industries"]
    groups: dict[str, list[Item]] = {}
    for case in same_lang(hub, page.lang, "case"):
        slug = industry(case)
        groups.setdefault(slug if slug in vocabulary else "", []).append(case)
    out = []
    for slug in [*vocabulary, ""]:
        if slug not in groups:
            continue
        label = text(vocabulary[slug], page.lang) if slug else ui.say("listings.other", page.lang)
        anchor = f" {{ #{slug} }}" if _SLUG.match(slug) else ""  # a configured key, not markup
        out.append(
            f"## {md_text(label)}{anchor}\n\n" + _cards([_case_card(page, c) for c in groups[slug]])
        )
    return "\n".join(out)


def _whitepaper_card(page: Item, paper: Item) -> str:
    access = ui.say("listings." + ("gated" if paper.meta.get("gated") else "free"), page.lang)
    description = md_text(str(paper.meta.get("description", "")))
    return (
        f"-   **[{md_text(paper.title)}]({_link(page, paper.src_uri)})**\n\n"
        f"    {description}\n\n    *{access}*"
    )


def whitepaper_list(page: Item, config: HubConfig, hub: Hub) -> str:
    return _cards([_whitepaper_card(page, p) for p in same_lang(hub, page.lang, "whitepaper")])


def featured_cases(page: Item, config: HubConfig, hub: Hub) -> str:
    cases = by_tier(same_lang(hub, page.lang, "case"))[:3]  # within a tier, the newest first
    cards = _cards([_case_card(page, c) for c in cases])
    return _section(page, "featured", cards, "all_cases", "cases/index.md")


def latest_whitepapers(page: Item, config: HubConfig, hub: Hub) -> str:
    papers = same_lang(hub, page.lang, "whitepaper")[:3]
    cards = _cards([_whitepaper_card(page, p) for p in papers])
    return _section(page, "latest_whitepapers", cards, "all_whitepapers", "whitepapers/index.md")


def _section(page: Item, heading: str, body: str, more: str, index: str) -> str:
    """A home-page section: its heading, `body`, and a link to the section's index page."""
    link = f"[{ui.say(f'listings.{more}', page.lang)}]({_link(page, index)})"
    return f"## {ui.say(f'listings.{heading}', page.lang)}\n\n{body}\n{link}\n"


def latest_news(page: Item, config: HubConfig, hub: Hub) -> str:
    posts = same_lang(hub, page.lang, "news")[:5]
    rows = [
        f"- {p.date.isoformat() if p.date else ''} · [{md_text(p.title)}]({_link(page, p.src_uri)})"
        for p in posts
    ]
    return _section(page, "latest_news", "\n".join(rows) + "\n", "all_news", "news/index.md")


_ANY_H1 = re.compile(r"^(?:#[ \t]+\S|[^\n]+\n=+[ \t]*$)", re.MULTILINE)


def title_heading(markdown: str, item: Item) -> str:
    """A page without an H1 of its own gets its front-matter title as one, escaped.

    Otherwise two mkdocs-material plugins put the raw title where it is read as markup: the blog
    writes `# {title}` into the Markdown of a news excerpt, and the search index takes the title
    of a page's first section (HTML, shown with innerHTML in the results) from `page.meta.title`.
    """
    if not item.title or _ANY_H1.search(markdown):
        return markdown
    return f"# {md_text(item.title)}\n\n{markdown}"
