"""What a landing page (`template: landing.html`) and the site chrome show beyond the Markdown:
the hero, key figures, featured cases by industry, latest news, the header's call to action.

Values are text for the theme to print autoescaped; link targets are resolved here (a `.md`
path to its page in the page's language) and script or data URLs are dropped.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Mapping
from typing import Any

from babel.dates import format_date

from .. import ui
from ..config import HubConfig, text
from ..content.items import Item
from ..content.load import Hub
from ..escape import safe_url
from . import badges, cta
from .listings import by_tier, industry, same_lang

FORM_ANCHOR = "#lead-form"  # partials/hub-cta.html: the section holding a page's lead form


def is_landing(item: Item) -> bool:
    return str(item.meta.get("template") or "") == "landing.html"


def local_date(value: dt.date | None, lang: str) -> str:
    """A date as readers of `lang` write it: 2026年11月12日, 12 November 2026."""
    if value is None:
        return ""
    locale = {"zh": "zh_Hans_CN", "zh-Hant": "zh_Hant_TW"}.get(lang, lang)
    try:
        return format_date(value, "long", locale=locale)
    except (ValueError, LookupError):
        return value.isoformat()


def resolve_link(config: HubConfig, hub: Hub, page: Item, href: Any) -> str:
    """A link target from front matter, as the theme prints it: `#anchor` and http(s) URLs as
    they are, site paths without the leading slash (the theme's `url` filter makes them relative),
    a `.md` file (relative to the page's source) as its page in the page's language; "" if unsafe."""
    target = safe_url(href).strip()
    if not target or target.startswith("#") or re.match(r"https?://", target):
        return target
    path, _, anchor = target.partition("#")
    if path.endswith(".md"):
        base = posixpath.dirname(page.src_uri) if not path.startswith("/") else ""
        src = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
        found = next((i for i in hub.published if i.src_uri == src), None)
        if found is None:  # written as the default-language file from a translation
            found = next((i for i in hub.published if i.src_uri == path.lstrip("/")), None)
        if found is None:
            return ""
        found = hub.translations(found).get(page.lang, found)
        path = found.url
    return path.lstrip("/") + (f"#{anchor}" if anchor else "")


def _form_label(config: HubConfig, form: str, lang: str) -> str:
    definition = (config.hub.get("forms") or {}).get(form) or {}
    return text(definition.get("title"), lang, config.default_lang) if definition else ""


def hero(config: HubConfig, hub: Hub, item: Item) -> dict[str, Any]:
    """The first screen: heading (default: the page's H1), who it is for, what they get, buttons."""
    meta = item.meta.get("hero") or {}
    form = cta.form_id(item, config)
    primary = meta.get("primary") or {}
    primary_href = resolve_link(config, hub, item, primary.get("href")) or (
        FORM_ANCHOR if form else ""
    )
    primary_label = str(primary.get("label") or _form_label(config, form, item.lang))
    secondary = meta.get("secondary") or {}
    buttons = []
    if primary_href and primary_label:
        buttons.append({"label": primary_label, "href": primary_href, "primary": True})
    if (href := resolve_link(config, hub, item, secondary.get("href"))) and secondary.get("label"):
        buttons.append({"label": str(secondary["label"]), "href": href, "primary": False})
    return {
        "eyebrow": str(meta.get("eyebrow") or ""),
        "title": str(meta.get("title") or ""),
        "lead": str(meta.get("lead") or ""),
        "buttons": buttons,
    }


def figures(item: Item) -> list[dict[str, str]]:
    return [
        {
            "value": str(f.get("value") or ""),
            "label": str(f.get("label") or ""),
            "note": str(f.get("note") or ""),
        }
        for f in item.meta.get("figures") or []
        if isinstance(f, dict)
    ]


def cases_by_industry(config: HubConfig, hub: Hub, lang: str, limit: int = 6) -> list[dict]:
    """One case per industry of the vocabulary (its most important customer, then the newest),
    in the vocabulary's order: a buyer finds a peer from their own industry."""
    vocabulary = config.hub["vocabulary"]["industries"]
    cases = by_tier(same_lang(hub, lang, "case"))
    out = []
    for slug in vocabulary:
        case = next((c for c in cases if industry(c) == slug), None)
        if case is None:
            continue
        customer = case.meta.get("customer") or {}
        logo = badges.site_path(config, case.path.parent, customer.get("logo"))
        result = (case.meta.get("results") or [{}])[0] or {}
        out.append(
            {
                "industry": text(vocabulary[slug], lang, config.default_lang),
                "title": case.title,
                "url": case.url.lstrip("/"),
                "customer": str(customer.get("name") or ""),
                "logo": logo if logo and safe_url(logo) else "",
                "value": str(result.get("value") or ""),
                "label": str(result.get("label") or ""),
            }
        )
        if len(out) == limit:
            break
    return out


def latest_news(hub: Hub, lang: str, limit: int = 3) -> list[dict[str, str]]:
    return [
        {
            "title": p.title,
            "url": p.url.lstrip("/"),
            "date": local_date(p.date, lang),
            "iso": p.date.isoformat() if p.date else "",
            "description": str(p.meta.get("description") or ""),
        }
        for p in same_lang(hub, lang, "news")[:limit]
    ]


def landing_data(config: HubConfig, hub: Hub, item: Item) -> dict[str, Any] | None:
    """`page.meta.hub.landing` for a landing page; None for other pages."""
    if not is_landing(item):
        return None
    prefix = "" if item.lang == config.default_lang else f"{item.lang}/"
    return {
        "hero": hero(config, hub, item),
        "figures": figures(item),
        "cases": cases_by_industry(config, hub, item.lang),
        "news": latest_news(hub, item.lang),
        "cases_url": prefix + "cases/",
        "news_url": prefix + "news/",
        "labels": ui.table(item.lang)["landing"],  # the words of data/ui/<lang>.yaml
    }


def header_cta(config: HubConfig, hub: Hub, lang: str) -> dict[str, str]:
    """The header button in `lang`: {form, label, page, anchor}; {} when no form is configured.

    `page` is the site path of the page showing the form (default: the language's home), `anchor`
    the form's; a page already showing that form links to its own anchor (the theme decides).
    """
    settings = config.hub.get("header_cta") or {}
    form = str(settings.get("form") or "")
    if form not in (config.hub.get("forms") or {}):
        return {}
    label = text(settings.get("label"), lang, config.default_lang) or _form_label(
        config, form, lang
    )
    page = safe_url(settings.get("page")).strip()
    if page and not re.match(r"https?://", page):
        item = hub.by_url().get("/" + page.strip("/") + "/" if page.strip("/") else "/")
        if item is not None:
            item = hub.translations(item).get(lang, item)
        page = item.url.lstrip("/") if item else page.lstrip("/")
    elif not page:
        page = "" if lang == config.default_lang else f"{lang}/"
    return {"form": form, "label": label, "page": page, "anchor": FORM_ANCHOR}


def header_cta_problems(config: HubConfig) -> list[str]:
    """A header button naming a form that does not exist: one line for the build's log."""
    form = str((config.hub.get("header_cta") or {}).get("form") or "")
    if form and form not in (config.hub.get("forms") or {}):
        known = ", ".join(config.hub.get("forms") or {}) or "none configured"
        return [
            f"{config.path.name}:{config.line_of('header_cta', 'form')}: "
            f"extra.hub.header_cta.form: '{form}' is not a form of extra.hub.forms ({known})"
        ]
    return []


def page_lang(context: Any) -> str:
    """The language of the page a template renders: the hub's page data, else its URL prefix
    (blog archives and categories), else the site's default; "" when unknown."""
    page = context.get("page")
    config = context.get("config")
    hub_site = (config.extra.get("hub_site") if config is not None else None) or {}
    meta = getattr(page, "meta", None) or {}
    if isinstance(meta.get("hub"), Mapping) and meta["hub"].get("lang"):
        return str(meta["hub"]["lang"])
    url = str(getattr(page, "url", "") or "")
    for code in hub_site.get("languages") or {}:
        if code != hub_site.get("default") and url.startswith(f"{code}/"):
            return str(code)
    return str(hub_site.get("default") or "")


def _format(value: Any, lang: str, own: bool, original: Any) -> Any:
    if own:
        return local_date(value, lang)
    return original(value) if original is not None else value


def localized_date_filter(original: Any) -> Any:
    """Wrap the blog's `date` filter (it formats in theme.language, so English posts showed
    2026年11月12日): pages in another language get their own language's long date."""
    from jinja2 import pass_context

    # Babel takes ~0.1 ms a date and a listing prints the same dates on every page: each date is
    # formatted once per language for the filter's life (one build).
    formatted: dict[tuple[str, Any], Any] = {}

    @pass_context
    def date(context: Any, value: Any) -> Any:
        lang = page_lang(context)
        config = context.get("config")
        default = (
            (config.extra.get("hub_site") or {}).get("default") if config is not None else None
        )
        own = bool(lang and default and lang != default and isinstance(value, dt.date))
        key = (lang if own else "", value)
        if not isinstance(value, (dt.date, str)):  # anything else: formatted every time
            return _format(value, lang, own, original)
        if key not in formatted:
            formatted[key] = _format(value, lang, own, original)
        return formatted[key]

    return date
