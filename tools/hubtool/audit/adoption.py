"""What the audited site adopted of the hub: its language, and which hub features its mkdocs.yml configures.

The audit runs on the hub and on any MkDocs site (`hubtool seo-audit -f other/mkdocs.yml`). Rules that
judge what the hub's own theme writes (JSON-LD, forms, CTA defaults, trust badges) ask here first, so a
plain site is told about its real problems and nothing about features it never configured.
"""

from __future__ import annotations

from typing import Any

from ..config import HubConfig, is_hub, user_hub, writers_lang  # re-exported: rules ask here

LANGS = ("zh", "en")


def configured(config: HubConfig, *path: str) -> bool:
    """True when mkdocs.yml itself sets `extra.hub.<path>` to a non-empty value (defaults do not count)."""
    value: Any = user_hub(config)
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return False
        value = value[key]
    return value not in (None, "", [], {})


__all__ = ["LANGS", "configured", "is_hub", "user_hub", "writers_lang"]
