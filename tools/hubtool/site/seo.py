"""What the theme reads: site-wide data per language, page data for the head, and JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ..config import HubConfig, text
from ..content.items import Item
from ..content.load import Hub
from ..escape import safe_url
from . import badges, cta, landing

# BCP 47 tags for hreflang / inLanguage, and Open Graph locales, per configured language code.
LANG_TAGS = {"zh": "zh-CN", "zh-Hant": "zh-TW", "en": "en"}
OG_LOCALES = {"zh": "zh_CN", "zh-Hant": "zh_TW", "en": "en_US"}
SECTIONS = {"case": "cases/", "whitepaper": "whitepapers/", "news": "news/"}
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


def lang_tag(lang: str) -> str:
    return LANG_TAGS.get(lang, lang)


def _prefix(config: HubConfig, lang: str) -> str:
    """A language's URL prefix below the site root: '' for the default, 'en/' for English."""
    return "" if lang == config.default_lang else f"{lang}/"


def _site(config: HubConfig) -> str:
    return config.site_url.rstrip("/") + "/"


def absolute(config: HubConfig, path: str) -> str:
    """An absolute URL for a site path (`assets/logo.svg`, `/cases/x/`); URLs stay as they are,
    a script or data URL becomes ""."""
    path = safe_url(path)
    if not path or re.match(r"https?://", path):
        return path
    return _site(config) + path.lstrip("/")


def _translated(hub: Hub, url: str, lang: str) -> str | None:
    """The site path (no leading slash) of the `lang` version of the page at `url`, if published."""
    item = hub.by_url().get(url)
    if item is None:
        return None
    other = hub.translations(item).get(lang)
    return other.url.lstrip("/") if other else None


def organization(config: HubConfig, lang: str, today: dt.date) -> dict[str, Any]:
    """The company as schema.org `Organization`, with its valid certificates and awards."""
    company, d = config.hub["company"], config.default_lang
    site = _site(config)
    org: dict[str, Any] = {
        "@type": "Organization",
        "@id": site + "#organization",
        "name": text(company.get("name"), lang, d) or config.site_name,
        "url": safe_url(company.get("url")) or site,
    }
    if legal := text(company.get("legal_name"), lang, d):
        org["legalName"] = legal
    if company.get("logo"):
        org["logo"] = {
            "@type": "ImageObject",
            "@id": site + "#logo",
            "url": absolute(config, str(company["logo"])),
        }
    if company.get("same_as"):
        org["sameAs"] = [str(u) for u in company["same_as"] if safe_url(u)]
    if company.get("email"):
        org["email"] = str(company["email"])
    if company.get("phone"):
        org["telephone"] = str(company["phone"])
    if address := text(company.get("address"), lang, d):
        org["address"] = {"@type": "PostalAddress", "streetAddress": address}
    certs = badges.certifications(config, lang, today)
    if certs:
        org["hasCertification"] = [_certification(c) for c in certs]
    awards = [" ".join(filter(None, (a["name"], a["year"]))) for a in badges.awards(config, lang)]
    if awards:
        org["award"] = awards
    return org


def _certification(cert: dict[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "@type": "Certification",
        "name": cert["name"],
        "certificationIdentification": cert["number"],
        "certificationStatus": "CertificationActive",
        "expires": cert["valid_until"],
    }
    if cert["issuer"]:
        out["issuedBy"] = {"@type": "Organization", "name": cert["issuer"]}
    if cert["valid_from"]:
        out["validFrom"] = cert["valid_from"]
    if cert["verify_url"]:
        out["url"] = cert["verify_url"]
    return out


def site_data(config: HubConfig, hub: Hub, today: dt.date) -> dict[str, Any]:
    """Per language: names, home, privacy page, footer, and the site-wide JSON-LD nodes.

    The hook stores this as `config.extra.hub_site`, so every page (404 and blog archives too)
    can use it; the templates pick the page's language.
    """
    company, d = config.hub["company"], config.default_lang
    privacy = safe_url(config.hub["leads"].get("privacy_url"))
    out: dict[str, Any] = {"default": d, "languages": {}}
    for lang in config.languages:
        home = _prefix(config, lang)
        name = text(company.get("name"), lang, d) or config.site_name
        nav = {}
        for item in hub.published:
            if item.lang == d and (other := hub.translations(item).get(lang)):
                nav[item.url.lstrip("/")] = other.url.lstrip("/")
        privacy_page = ""
        if privacy and not re.match(r"https?://", privacy):
            privacy_page = _translated(hub, "/" + privacy.strip("/") + "/", lang) or privacy.lstrip(
                "/"
            )
        out["languages"][lang] = {
            "code": lang,
            "tag": lang_tag(lang),
            "locale": OG_LOCALES.get(lang, lang),
            "name": name,
            "legal_name": text(company.get("legal_name"), lang, d),
            "address": text(company.get("address"), lang, d),
            "email": str(company.get("email") or ""),
            "phone": str(company.get("phone") or ""),
            "tel": tel_url(company.get("phone")),
            "header_cta": landing.header_cta(config, hub, lang),
            "icp": _filing(company.get("icp")),
            "psb": _filing(company.get("psb")),
            "home": home,
            "privacy": privacy_page,
            "privacy_external": privacy if re.match(r"https?://", privacy) else "",
            "logo": absolute(config, str(company.get("logo") or "")),
            "year": today.year,
            "nav": nav,
            # JSON-LD of this language's pages the hub does not know (blog archives, categories)
            "jsonld": SiteGraph(organization(config, lang, today), website(config, lang)),
        }
    return out


def tel_url(phone: Any) -> str:
    """A `tel:` link for a phone number as people write it (+86 10 8888 6000 → tel:+861088886000)."""
    digits = re.sub(r"[^\d+]", "", str(phone or ""))
    return f"tel:{digits}" if re.fullmatch(r"\+?\d{3,20}", digits) else ""


def _filing(value: Any) -> dict[str, str]:
    """A filing number for the footer ({number, url}); the link only if it is a safe one."""
    value = value if isinstance(value, dict) else {}
    return {"number": str(value.get("number") or ""), "url": safe_url(value.get("url"))}


def page_title(item: Item, config: HubConfig) -> str:
    """The page's own title: `title` in front matter, else the body's first H1, else the site."""
    if item.title:
        return item.title
    match = _H1.search(item.body)
    return (
        match.group(1)
        if match
        else text(config.hub["company"].get("name"), item.lang, config.default_lang)
        or config.site_name
    )


def page_image(config: HubConfig, item: Item) -> str:
    """Absolute URL of the page's social image: its `image`, else the company logo."""
    image = item.meta.get("image")
    if image:
        return absolute(config, badges.site_path(config, item.path.parent, image))
    return absolute(config, str(config.hub["company"].get("logo") or ""))


def breadcrumbs(config: HubConfig, hub: Hub, item: Item, title: str) -> list[tuple[str, str]]:
    """(name, absolute URL) from the language home to the page."""
    site, home = _site(config), _prefix(config, item.lang)
    by_url = hub.by_url()
    trail: list[tuple[str, str]] = []
    home_name = text(config.hub["company"].get("name"), item.lang, config.default_lang)
    trail.append((home_name or config.site_name, site + home))
    if item.url == "/" + home:
        return trail
    section = SECTIONS.get(item.kind)
    if section is None:
        parts = item.url.strip("/").split("/")
        parts = parts[1:] if home else parts
        section = parts[0] + "/" if len(parts) > 1 else None
    if section and "/" + home + section != item.url:
        index = by_url.get("/" + home + section)
        if index is not None:
            trail.append((page_title(index, config), site + home + section))
    trail.append((title, site + item.url.lstrip("/")))
    return trail


def graph(config: HubConfig, hub: Hub, item: Item, today: dt.date) -> dict[str, Any]:
    """The page's JSON-LD: one @graph with Organization, WebSite, WebPage, BreadcrumbList and,
    for content, the NewsArticle / Article / Report itself."""
    canonical = _site(config) + item.url.lstrip("/")
    title = page_title(item, config)
    site_node = website(config, item.lang)
    data = page_graph(
        _PER_LANGUAGE.get("organization", config, hub, item.lang, today),
        site_node,
        canonical,
        title,
        breadcrumbs(config, hub, item, title),
    )
    webpage = data["@graph"][2]
    description = str(item.meta.get("description") or "")
    if description:
        webpage["description"] = description
    if item.date:
        webpage["datePublished"] = item.date.isoformat()
    if item.updated:
        webpage["dateModified"] = item.updated.isoformat()
    article = _article(config, item, canonical, title, site_node["@id"])
    if article:
        data["@graph"].append(article)
        webpage["mainEntity"] = {"@id": article["@id"]}
    return data


def page_graph(
    org: dict[str, Any],
    site_node: dict[str, Any],
    url: str,
    name: str,
    trail: list[tuple[str, str]],
) -> dict[str, Any]:
    """The JSON-LD every page has: the company, the website of the page's language, the WebPage
    at `url` named `name`, and its breadcrumbs (`trail`: (name, absolute URL) from the home)."""
    webpage: dict[str, Any] = {
        "@type": "WebPage",
        "@id": url + "#webpage",
        "url": url,
        "name": name,
        "inLanguage": site_node["inLanguage"],
        "isPartOf": {"@id": site_node["@id"]},
        "breadcrumb": {"@id": url + "#breadcrumb"},
    }
    crumbs = {
        "@type": "BreadcrumbList",
        "@id": url + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": crumb, "item": href}
            for n, (crumb, href) in enumerate(trail, start=1)
        ],
    }
    return {"@context": "https://schema.org", "@graph": [org, site_node, webpage, crumbs]}


_ARTICLE_TYPES = {"news": "NewsArticle", "case": "Article", "whitepaper": "Report"}


def _article(
    config: HubConfig, item: Item, canonical: str, title: str, website_id: str
) -> dict[str, Any] | None:
    """The content itself (NewsArticle, Article for a case, Report for a whitepaper), or None."""
    article_type = _ARTICLE_TYPES.get(item.kind)
    if not article_type:
        return None
    org_id = {"@id": _site(config) + "#organization"}
    article: dict[str, Any] = {
        "@type": article_type,
        "@id": canonical + "#article",
        "headline": title[:110],  # Google truncates longer headlines
        "description": str(item.meta.get("description") or ""),
        "datePublished": item.date.isoformat() if item.date else "",
        "dateModified": (item.updated or item.date).isoformat() if item.date else "",
        "author": org_id,
        "publisher": org_id,
        "image": [page_image(config, item)],
        "inLanguage": lang_tag(item.lang),
        "mainEntityOfPage": {"@id": canonical + "#webpage"},
        "isPartOf": {"@id": website_id},
    }
    if item.meta.get("keyword"):
        article["keywords"] = [
            str(item.meta["keyword"]),
            *map(str, item.meta.get("related_keywords") or []),
        ]
    if item.kind == "case":
        article["articleSection"] = "客户案例" if item.lang == "zh" else "Case study"
        article["about"] = _customer(config, item)
    if item.kind == "whitepaper":
        article["isAccessibleForFree"] = not item.meta.get("gated")
        if item.meta.get("pages"):
            article["numberOfPages"] = int(item.meta["pages"])
    return article


def script_json(data: object) -> Markup:
    """JSON for a `<script type="application/ld+json">`: UTF-8 kept (not \\uXXXX), keys sorted,
    and < > & ' escaped as \\u003c … so no text in it can close the script or open a comment."""
    return htmlsafe_json_dumps(data, dumps=json.dumps, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True)
class SiteGraph:
    """The JSON-LD of one language's pages that the hub does not know (blog archives and
    categories): the theme calls it with the page's canonical URL and title and prints the
    result, as it prints `jsonld_html` on the hub's own pages."""

    organization: dict[str, Any]
    website: dict[str, Any]

    def __call__(self, url: str, name: str) -> Markup:
        home = (self.website["name"], self.website["url"])
        trail = [home] if url == self.website["url"] else [home, (name, url)]
        return script_json(page_graph(self.organization, self.website, url, name, trail))


def website(config: HubConfig, lang: str) -> dict[str, Any]:
    site, home = _site(config), _prefix(config, lang)
    return {
        "@type": "WebSite",
        "@id": site + home + "#website",
        "url": site + home,
        "name": text(config.hub["company"].get("name"), lang, config.default_lang)
        or config.site_name,
        "inLanguage": lang_tag(lang),
        "publisher": {"@id": site + "#organization"},
    }


def _customer(config: HubConfig, item: Item) -> dict[str, Any]:
    customer = item.meta.get("customer") or {}
    out: dict[str, Any] = {"@type": "Organization", "name": str(customer.get("name") or "")}
    if safe_url(customer.get("url")):
        out["url"] = str(customer["url"])
    if customer.get("logo"):
        out["logo"] = absolute(config, badges.site_path(config, item.path.parent, customer["logo"]))
    industry = customer.get("industry")
    if industry:
        label = config.hub["vocabulary"]["industries"].get(industry, industry)
        out["description"] = text(label, item.lang, config.default_lang)
    return out


def page_data(config: HubConfig, hub: Hub, item: Item, today: dt.date) -> dict[str, Any]:
    """Fields the theme reads from `page.meta.hub` on top of the hook's own (merged by the hook).

    `today` is the build's date: certificates are shown as of that day."""
    jsonld = graph(config, hub, item, today)
    return {
        "title": page_title(item, config),
        "description": str(item.meta.get("description") or ""),
        "image": page_image(config, item),
        "og_type": "article" if item.kind in SECTIONS else "website",
        "x_default": _x_default(config, hub, item),
        # site paths (no leading slash) of this page's published versions, for the language selector
        "translations": {
            lang: other.url.lstrip("/") for lang, other in sorted(hub.translations(item).items())
        },
        "jsonld": jsonld,  # the data (`hubtool check` renders pages from it too)
        "jsonld_html": script_json(jsonld),  # what the theme prints in the page's head
        "form_id": cta.form_id(item, config),
        "landing": landing.landing_data(config, hub, item),
        "badges": _PER_LANGUAGE.get("badges", config, hub, item.lang, today)
        if badges.shows_badges(item)
        else None,
    }


class _PerLanguage:
    """The company's Organization node and the trust strip's data are the same on every page of a
    language in one build: made once per language for the latest (config, hub, day), shared by
    every page's data (nothing changes them after) instead of made again for each of a thousand."""

    def __init__(self) -> None:
        self._owner: tuple[HubConfig, Hub, dt.date] | None = None
        self._made: dict[tuple[str, str], Any] = {}

    def get(self, what: str, config: HubConfig, hub: Hub, lang: str, today: dt.date) -> Any:
        owner = self._owner
        if owner is None or owner[0] is not config or owner[1] is not hub or owner[2] != today:
            self._owner, self._made = (config, hub, today), {}  # a new build: forget the last one
        if (what, lang) not in self._made:
            self._made[what, lang] = (
                organization(config, lang, today)
                if what == "organization"
                else badges.badge_data(config, hub, lang, today)
            )
        return self._made[what, lang]


_PER_LANGUAGE = _PerLanguage()


def _x_default(config: HubConfig, hub: Hub, item: Item) -> str:
    """hreflang x-default: the default-language version (the page itself if there is none)."""
    version = hub.translations(item).get(config.default_lang) or item
    return _site(config) + version.url.lstrip("/")
