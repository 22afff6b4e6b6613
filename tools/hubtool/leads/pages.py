"""The receiver's few HTML pages (a form re-shown with its errors, a refusal, the download
confirmation): small and accessible, in the visitor's language, in the site's own chrome — the
header with logo, name and call to action, and the footer with phone, e-mail, address and legal
lines, mirrored from the theme (partials/header.html, partials/copyright.html) because these pages
come from the receiver's origin, without the built site. Every value is escaped here."""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import ui
from ..config import HubConfig, text
from ..escape import safe_url

CSS = Path(__file__).resolve().parent.parent / "theme" / "assets" / "stylesheets" / "hub-form.css"
# The site's look without its stylesheet (which lives on another origin, under a fingerprinted
# name): material's indigo header, the system CJK font stack, the dark footer.
_BASE_CSS = (
    "body{font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'PingFang SC',"
    "'Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC',sans-serif;line-height:1.6;margin:0;"
    "color:#1a1a1a;background:#fff;display:flex;flex-direction:column;min-height:100vh}"
    "a{color:#1a47b8}.hub-r-header{background:#3f51b5;color:#fff}"
    ".hub-r-bar{max-width:61rem;margin:0 auto;padding:.5rem 1rem;display:flex;align-items:center;"
    "gap:.75rem}.hub-r-brand{display:flex;align-items:center;gap:.6rem;color:#fff;"
    "text-decoration:none;font-weight:700;font-size:1.1rem;margin-right:auto}"
    ".hub-r-brand img{width:2rem;height:2rem}.hub-r-cta{color:#fff;border:1px solid #fff;"
    "border-radius:.2rem;padding:.35rem .9rem;text-decoration:none;font-weight:600;"
    "white-space:nowrap}.hub-r-cta:hover,.hub-r-cta:focus-visible{background:#fff;color:#283593}"
    "main{flex:1;width:100%;max-width:40rem;margin:0 auto;padding:1rem;box-sizing:border-box}"
    "h1{font-size:1.6rem;line-height:1.3;color:#1a1a1a}"
    ".hub-r-footer{background:#000000de;color:#ffffffde;font-size:.85rem}"
    ".hub-r-footer div{max-width:61rem;margin:0 auto;padding:1rem}.hub-r-footer a{color:#fff}"
    ".hub-r-footer ul{list-style:none;margin:.4rem 0 0;padding:0;display:flex;flex-wrap:wrap;"
    "gap:.3rem 1.2rem}.hub-r-done{border-left:4px solid #2e7d32;padding:.25rem 1rem;"
    "background:#f1f8f1}.hub-r-download{display:inline-block;margin:.5rem 0;padding:.6rem 1.2rem;"
    "background:#283593;color:#fff;border-radius:.25rem;font-weight:600;text-decoration:none}"
    "a:focus-visible{outline:3px solid #1a47b8;outline-offset:2px}"
)

FORM_ANCHOR = "#lead-form"  # the theme's section holding a page's lead form (partials/hub-cta.html)


@lru_cache(maxsize=1)
def _form_css() -> str:
    try:
        return CSS.read_text(encoding="utf-8")
    except OSError:
        return ""


def e(value: Any) -> str:
    """Text as HTML (attribute-safe)."""
    return html.escape(str(value), quote=True)


def t(key: str, lang: str) -> str:
    """The receiver's words (section `receiver` of data/ui/<lang>.yaml)."""
    return ui.say(f"receiver.{key}", lang)


def site_path(config: HubConfig, path: str, lang: str) -> str:
    """A root-relative site path in `lang` (`/privacy/` → `/en/privacy/`; `` → the home)."""
    path = "/" + path.strip("/") + ("/" if path.strip("/") else "")
    if lang == config.default_lang or path.startswith(f"/{lang}/"):
        return path
    return f"/{lang}{path}"


def _tel(phone: str) -> str:
    digits = re.sub(r"[^\d+]", "", phone)
    return f"tel:{digits}" if re.fullmatch(r"\+?\d{3,20}", digits) else ""


def _header(config: HubConfig, lang: str, site_origin: str) -> str:
    company = config.hub["company"]
    name = text(company.get("name"), lang, config.default_lang) or config.site_name
    home = site_origin + site_path(config, "", lang)
    logo = safe_url(str(company.get("logo") or ""))
    if logo and not re.match(r"https?://", logo):
        logo = site_origin + "/" + logo.lstrip("/")
    image = f'<img src="{e(logo)}" alt="" width="32" height="32">' if logo else ""
    cta = ""
    settings = config.hub.get("header_cta") or {}
    form = (config.hub.get("forms") or {}).get(str(settings.get("form") or ""))
    if isinstance(form, dict):
        label = text(settings.get("label"), lang, config.default_lang) or text(
            form.get("title"), lang, config.default_lang
        )
        page = safe_url(str(settings.get("page") or "")).strip()
        target = (
            page
            if re.match(r"https?://", page)
            else (site_origin + site_path(config, page, lang) + FORM_ANCHOR)
        )
        cta = f'<a class="hub-r-cta" href="{e(target)}" data-hub-cta="header">{e(label)}</a>'
    return (
        f'<header class="hub-r-header"><nav class="hub-r-bar" aria-label="{e(t("header", lang))}">'
        f'<a class="hub-r-brand" href="{e(home)}">{image}<span>{e(name)}</span></a>{cta}'
        f"</nav></header>"
    )


def _footer(config: HubConfig, lang: str, site_origin: str) -> str:
    company, d = config.hub["company"], config.default_lang
    legal = text(company.get("legal_name"), lang, d) or text(company.get("name"), lang, d)
    contact = []
    phone = str(company.get("phone") or "")
    if phone:
        tel = _tel(phone)
        words = e(t("phone", lang) + phone)
        contact.append(f'<li><a href="{e(tel)}">{words}</a></li>' if tel else f"<li>{words}</li>")
    email = str(company.get("email") or "")
    if email:
        contact.append(f'<li><a href="mailto:{e(email)}">{e(t("email", lang) + email)}</a></li>')
    address = text(company.get("address"), lang, d)
    if address:
        contact.append(f"<li>{e(t('address', lang) + address)}</li>")
    legal_lines = []
    privacy = safe_url(str(config.hub["leads"].get("privacy_url") or ""))
    if privacy:
        href = (
            privacy
            if re.match(r"https?://", privacy)
            else (site_origin + site_path(config, privacy, lang))
        )
        legal_lines.append(f'<li><a href="{e(href)}">{e(t("privacy", lang))}</a></li>')
    for key in ("icp", "psb"):
        filing = company.get(key) if isinstance(company.get(key), dict) else {}
        number, url = str(filing.get("number") or ""), safe_url(filing.get("url"))
        if number:
            legal_lines.append(
                f'<li><a href="{e(url)}" rel="noopener">{e(number)}</a></li>'
                if url
                else f"<li>{e(number)}</li>"
            )
    year = dt.date.today().year
    return (
        f'<footer class="hub-r-footer"><div><p>© {year} {e(legal)} {e(t("rights", lang))}</p>'
        f'<ul class="hub-r-contact">{"".join(contact)}</ul><ul>{"".join(legal_lines)}</ul>'
        f"</div></footer>"
    )


def page(
    config: HubConfig,
    lang: str,
    title: str,
    body: str,
    back_url: str = "",
    *,
    site_origin: str = "",
    head: str = "",
) -> str:
    """A whole HTML document in the site's chrome; `body` and `head` are already-escaped HTML,
    `title`, `back_url` and `site_origin` are text (the origin the header and footer link to)."""
    site = html.escape(
        text(config.hub["company"]["name"], lang, config.default_lang) or config.site_name
    )
    origin = safe_url(site_origin or (config.hub["leads"].get("site_origins") or [""])[0])
    origin = str(origin).rstrip("/")
    back_url = safe_url(back_url)  # the caller checks its origin; never a javascript: link anyway
    back = (
        f'<p><a href="{html.escape(back_url, quote=True)}">{html.escape(t("back", lang))}</a></p>'
        if back_url
        else ""
    )
    # The stylesheet is inlined: this page comes from the receiver's origin, not the site's.
    return (
        f'<!doctype html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="robots" content="noindex">\n{head}'
        f"<title>{html.escape(title)} · {site}</title>\n"
        f"<style>{_BASE_CSS}\n{_form_css()}</style>\n</head>\n<body>\n"
        f"{_header(config, lang, origin)}\n<main>\n"
        f"{back}{body}\n</main>\n{_footer(config, lang, origin)}\n</body>\n</html>\n"
    )


def message_page(
    config: HubConfig, lang: str, key: str, extra_html: str = "", *, site_origin: str = ""
) -> str:
    title = t("error", lang)
    body = (
        f'<h1>{html.escape(title)}</h1>\n<p role="alert">{html.escape(t(key, lang))}</p>'
        f"{extra_html}"
    )
    return page(config, lang, title, body, site_origin=site_origin)


def download_page(
    config: HubConfig,
    lang: str,
    *,
    success: Any,
    download_url: str,
    title: str,
    page_url: str,
    hours: int,
    site_origin: str = "",
) -> str:
    """The gated form's thank-you page: the form's success message, the signed link (the download
    starts by itself), back to the whitepaper, on to the cases. Without a link (the
    file went missing) it says so instead of promising a download."""
    heading = text(success, lang, config.default_lang) or t("received", lang)
    origin = str(safe_url(site_origin or config.hub["leads"]["site_origins"][0])).rstrip("/")
    download_url = safe_url(download_url)
    head = ""
    if download_url:
        # at once (axe meta-refresh: a delayed refresh is a timing the visitor cannot control); a
        # file sent as an attachment leaves this page in place
        head = f'<meta http-equiv="refresh" content="0;url={e(download_url)}">\n'
        what = f"{t('download', lang)}{'《' + title + '》' if lang == 'zh' and title else ''}"
        if lang != "zh" and title:
            what = f"{what} “{title}”"
        detail = (
            f"<p>{e(t('download_note', lang).format(hours=hours))}</p>\n"
            f'<p><a class="hub-r-download" href="{e(download_url)}" data-hub-download>'
            f"{e(what)}</a></p>"
        )
    else:
        heading = t("received", lang)
        detail = f"<p>{e(t('download_missing', lang))}</p>"
    links = []
    page_url = safe_url(page_url)
    if page_url:
        links.append(f'<li><a href="{e(page_url)}">{e(t("back", lang))}</a></li>')
    links.append(
        f'<li><a href="{e(origin + site_path(config, "cases", lang))}">'
        f"{e(t('next', lang))}</a></li>"
    )
    body = (
        f'<div class="hub-r-done" role="status"><h1>{e(heading)}</h1>\n{detail}</div>\n'
        f"<ul>{''.join(links)}</ul>"
    )
    return page(config, lang, heading, body, site_origin=origin, head=head)
