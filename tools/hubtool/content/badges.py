"""Trust badges: customers (from case studies), certificates, patents, awards, analyst mentions.

Content logic, not MkDocs integration: the build shows the strip (site/) and POS003/POS006 judge it (audit/).
"""

from __future__ import annotations

import datetime as dt
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import HubConfig, text
from ..escape import safe_url, unsafe_scheme
from .items import Item
from .load import Hub

LOGO_HEIGHT = 40  # px; every logo is scaled to this height so the strip has no layout shift
MAX_CUSTOMERS = 12
_TIER_ORDER = {"S": 0, "A": 1, "B": 2, "C": 3}


@dataclass
class _Strips:
    """Customer logos per language, for the hub of the current build only (every page shows the
    same strip)."""

    hub: Hub | None = None
    by_lang: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


_CUSTOMERS = _Strips()


def shows_badges(item: Item) -> bool:
    """The strip appears on the landing pages, every case study and decision-stage pages.

    `badges: false` in front matter hides it; `badges: true` shows it on any other page.
    """
    setting = item.meta.get("badges")
    if setting is not None:
        return bool(setting)
    return item.kind == "case" or item.key == "index" or item.meta.get("stage") == "decision"


def as_date(value: Any) -> dt.date | None:
    """A configured date (YAML date, datetime or ISO text); None when it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def valid_certifications(config: HubConfig, today: dt.date) -> list[tuple[int, dict[str, Any]]]:
    """(index in the configuration, entry) of each certificate valid on `today`."""
    out = []
    for index, cert in enumerate(config.hub["badges"].get("certifications") or []):
        if not isinstance(cert, dict):
            continue
        start, end = as_date(cert.get("valid_from")), as_date(cert.get("valid_until"))
        if end is None or end < today or (start is not None and start > today):
            continue
        out.append((index, cert))
    return out


def expired_warnings(config: HubConfig, today: dt.date) -> list[str]:
    """One line per certificate the site hides: expired, or with no readable `valid_until`.

    The hook logs these at on_config so that `mkdocs build --strict` fails on them.
    """
    file = config.path.name
    warnings = []
    for index, cert in enumerate(config.hub["badges"].get("certifications") or []):
        where = ("badges", "certifications", index)
        if not isinstance(cert, dict):
            warnings.append(
                f"{file}:{config.line_of(*where)}: extra.hub.badges.certifications"
                f"[{index}]: must be a mapping (name, issuer, number, valid_until, …)"
            )
            continue
        name = text(cert.get("name"), config.default_lang) or f"#{index + 1}"
        end = as_date(cert.get("valid_until"))
        line = config.line_of(*where, "valid_until")
        field = f"extra.hub.badges.certifications[{index}].valid_until"
        if end is None:
            warnings.append(
                f"{file}:{line}: {field}: certificate '{name}' has no valid date "
                f"(YYYY-MM-DD); it is hidden from the site"
            )
        elif end < today:
            warnings.append(
                f"{file}:{line}: {field}: certificate '{name}' expired on "
                f"{end.isoformat()}; it is hidden from the site (renew or remove it)"
            )
    return warnings


def certifications(config: HubConfig, lang: str, today: dt.date) -> list[dict[str, str]]:
    """Valid certificates, in the page language, as the badge partial and JSON-LD need them."""
    d = config.default_lang
    out = []
    for _, cert in valid_certifications(config, today):
        start, end = as_date(cert.get("valid_from")), as_date(cert.get("valid_until"))
        out.append(
            {
                "name": text(cert.get("name"), lang, d),
                "issuer": text(cert.get("issuer"), lang, d),
                "number": str(cert.get("number") or ""),
                "valid_from": start.isoformat() if start else "",
                "valid_until": end.isoformat() if end else "",
                "verify_url": safe_url(cert.get("verify_url")),
            }
        )
    return out


def _entries(
    config: HubConfig, group: str, lang: str, keys: tuple[str, ...]
) -> list[dict[str, str]]:
    d = config.default_lang
    out = []
    for entry in config.hub["badges"].get(group) or []:
        if isinstance(entry, dict):
            row = {k: text(entry.get(k), lang, d) for k in keys}
            if "url" in row:
                row["url"] = safe_url(row["url"])  # a javascript: link is shown as no link
            out.append(row)
    return out


def awards(config: HubConfig, lang: str) -> list[dict[str, str]]:
    return _entries(config, "awards", lang, ("name", "issuer", "year", "url"))


def customers(config: HubConfig, hub: Hub, lang: str) -> list[dict[str, Any]]:
    """Customer logos: one per customer with a published case study (in `lang` where translated),
    then the configured extras, at most MAX_CUSTOMERS (so page size stays flat as cases grow).

    Each links to its case study, which is the evidence behind the logo.
    """
    if _CUSTOMERS.hub is not hub:
        _CUSTOMERS.hub, _CUSTOMERS.by_lang = hub, {}
    if lang not in _CUSTOMERS.by_lang:
        _CUSTOMERS.by_lang[lang] = _customers(config, hub, lang)
    return _CUSTOMERS.by_lang[lang]


def _customers(config: HubConfig, hub: Hub, lang: str) -> list[dict[str, Any]]:
    best: dict[str, Item] = {}
    for item in hub.published:
        if item.kind != "case" or not isinstance(item.meta.get("customer"), dict):
            continue
        if item.meta["customer"].get("approved") is False:
            continue  # a logo needs the customer's permission
        if item.key not in best or item.lang == lang:
            best[item.key] = item
    cases = sorted(
        best.values(),
        key=lambda i: (
            _TIER_ORDER.get(str(i.meta["customer"].get("tier") or ""), 9),
            -(i.date or dt.date.min).toordinal(),
            i.key,
        ),
    )
    out = []
    seen = set()
    for item in cases:
        customer = item.meta["customer"]
        name = str(customer.get("name") or "")
        if name in seen:
            continue  # one logo per customer, linking to its most important (then newest) case
        seen.add(name)
        logo = site_path(config, item.path.parent, customer.get("logo"))
        out.append(
            {
                "name": name,
                "url": item.url.lstrip("/"),
                "website": safe_url(customer.get("url")),
                **_logo(config, logo),
            }
        )
    for extra in config.hub["badges"].get("customers") or []:
        if not isinstance(extra, dict):
            continue
        logo = site_path(config, config.docs_dir, extra.get("logo"))
        link = safe_url(extra.get("url"))
        out.append(
            {
                "name": text(extra.get("name"), lang, config.default_lang),
                "url": link if re.match(r"https?://", link) else link.lstrip("/"),
                "website": "",
                **_logo(config, logo),
            }
        )
    return out[:MAX_CUSTOMERS]


def badge_data(config: HubConfig, hub: Hub, lang: str, today: dt.date) -> dict[str, Any]:
    """Everything the trust-badge partial shows, in one language."""
    return {
        "customers": customers(config, hub, lang),
        "certifications": certifications(config, lang, today),
        "patents": _entries(config, "patents", lang, ("number", "title", "url")),
        "awards": awards(config, lang),
        "analysts": _entries(
            config, "analysts", lang, ("firm", "report", "mention", "year", "url")
        ),
    }


def site_path(config: HubConfig, base: Path, value: Any) -> str:
    """A logo's path relative to docs/ (how the theme links it); written relative to the source
    file or to docs/. An external URL is kept as is; a script or data URL is dropped."""
    if not value or unsafe_scheme(value):
        return ""
    written = str(value)
    if re.match(r"https?://", written):
        return written
    docs = config.docs_dir.resolve()
    for candidate in (base / written, docs / written.lstrip("/")):
        resolved = candidate.resolve()
        if resolved.is_file():
            try:
                return resolved.relative_to(docs).as_posix()
            except ValueError:
                try:  # cases/ and whitepapers/ are published at their own path
                    return resolved.relative_to(config.root.resolve()).as_posix()
                except ValueError:
                    continue
    return written.lstrip("/")


def _logo(config: HubConfig, logo: str) -> dict[str, Any]:
    """The logo and its display size (fixed height, width from the image's own proportions)."""
    width, height = 3 * LOGO_HEIGHT, LOGO_HEIGHT
    for root in (config.docs_dir, config.root):
        size = image_size(root / logo) if logo and not logo.startswith("http") else None
        if size:
            width = max(1, round(LOGO_HEIGHT * size[0] / size[1]))
            break
    return {"logo": logo, "width": width, "height": height}


def image_size(path: Path) -> tuple[float, float] | None:
    """Intrinsic (width, height) of an SVG (viewBox or width/height) or PNG; None if unknown."""
    try:
        if path.suffix.lower() == ".svg":
            head = path.read_text(encoding="utf-8", errors="replace")[:4000]
            tag = re.search(r"<svg\b[^>]*>", head, re.S)
            if not tag:
                return None
            box = re.search(
                r'viewBox\s*=\s*["\']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+'
                r"([\d.]+)[\s,]+([\d.]+)",
                tag.group(0),
            )
            if box:
                w, h = float(box.group(1)), float(box.group(2))
            else:
                sizes = [
                    re.search(rf'\b{a}\s*=\s*["\']([\d.]+)(px)?["\']', tag.group(0))
                    for a in ("width", "height")
                ]
                if not all(sizes):
                    return None
                w, h = (float(m.group(1)) for m in sizes)  # type: ignore[union-attr]
            return (w, h) if w > 0 and h > 0 else None
        if path.suffix.lower() == ".png":
            with path.open("rb") as f:
                png = f.read(24)
            if png[:8] == b"\x89PNG\r\n\x1a\n":
                w, h = struct.unpack(">II", png[16:24])
                return (w, h) if w and h else None
    except OSError:
        return None
    return None
