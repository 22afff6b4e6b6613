"""What the audited site adopted of the hub: its language, and which hub features its mkdocs.yml configures.

The audit runs on the hub and on any MkDocs site (`hubtool seo-audit -f other/mkdocs.yml`). Rules that
judge what the hub's own theme writes (JSON-LD, forms, CTA defaults, trust badges) ask here first, so a
plain site is told about its real problems and nothing about features it never configured.
"""

from __future__ import annotations

from typing import Any

from ..config import HubConfig

LANGS = ("zh", "en")


def user_hub(config: HubConfig) -> dict[str, Any] | None:
    """`extra.hub` as written in mkdocs.yml (without the embedded defaults); None when absent."""
    extra = config.mkdocs.get("extra") if isinstance(config.mkdocs, dict) else None
    hub = extra.get("hub") if isinstance(extra, dict) else None
    return hub if isinstance(hub, dict) else None


def is_hub(config: HubConfig) -> bool:
    """True when mkdocs.yml has an `extra.hub` section: the site uses the hub's theme and content model."""
    return user_hub(config) is not None


def configured(config: HubConfig, *path: str) -> bool:
    """True when mkdocs.yml itself sets `extra.hub.<path>` to a non-empty value (defaults do not count)."""
    value: Any = user_hub(config)
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return False
        value = value[key]
    return value not in (None, "", [], {})


def writers_lang(config: HubConfig) -> str:
    """The language of findings: "zh" for a Chinese hub, "en" otherwise.

    A hub's `languages.default` (zh unless set); for a plain MkDocs site (no `extra.hub`), the
    theme's language (`theme.language: zh`, `zh-Hant`…; MkDocs' default is en), since the hub's
    embedded default says nothing about a site that never adopted the hub.
    """
    if is_hub(config):
        lang = config.default_lang
    else:
        theme = config.mkdocs.get("theme") if isinstance(config.mkdocs, dict) else None
        lang = str(theme.get("language") or "en") if isinstance(theme, dict) else "en"
    return "zh" if lang.lower().startswith("zh") else "en"
