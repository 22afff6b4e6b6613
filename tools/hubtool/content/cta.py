"""A page's call to action: its own `cta` or its kind's default, and the lead form it shows.

One definition for the build (site/, which places the form) and the audit (POS002 asks whether there is
one): content logic, below both layers.
"""

from __future__ import annotations

from ..config import HubConfig
from .items import Item


def is_link(cta: str) -> bool:
    """A link CTA (shown as a button) rather than a form id (partials/hub-cta.html tells them apart so)."""
    return cta.startswith(("/", "http")) or cta.endswith(("/", ".md"))


def effective_cta(item: Item, config: HubConfig) -> str:
    """The page's own `cta`, else its kind's default in `extra.hub.defaults`."""
    own = item.meta.get("cta")
    default = (config.hub.get("defaults") or {}).get(item.kind) or {}
    return str(own or (default.get("cta") if isinstance(default, dict) else "") or "")


def form_id(item: Item, config: HubConfig) -> str:
    """The configured form the page shows, or "" (a link CTA, or a form id that does not exist).

    A whitepaper shows the form that gates its file (`form:`) before its CTA.
    A gated form (one that hands out a file) shows only on a gated whitepaper with a file: anywhere
    else it would store a lead and promise a download that never comes (no form then; POS002 asks
    for a call to action).
    """
    cta = effective_cta(item, config)
    wanted = str(item.meta.get("form") or cta) if item.kind == "whitepaper" else cta
    forms = config.hub.get("forms") or {}
    if wanted not in forms:
        return ""
    gated_form = isinstance(forms[wanted], dict) and forms[wanted].get("gated") is True
    if gated_form and not (
        item.kind == "whitepaper" and item.meta.get("gated") is True and item.meta.get("file")
    ):
        return ""
    return wanted
