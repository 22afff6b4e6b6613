"""Tiny real MkDocs sites for the audit tests: a plain mkdocs-material config, given files, a real build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hubfactory import write_hub

from hubtool.audit.engine import AuditResult, run_audit
from hubtool.config import load_config

TODAY = dt.date(2026, 11, 23)

# Plain mkdocs-material (no hub hooks): the rules must work on any MkDocs site. The override adds
# per-page hreflang and robots from front matter, which mkdocs-material itself does not write.
PLAIN_SITE: dict[str, Any] = {
    "site_name": "测试站点",
    "site_url": "https://example.test/",
    "theme": {"name": "material", "language": "zh", "custom_dir": "overrides"},
    "plugins": [],
    "markdown_extensions": ["attr_list", "md_in_html", "toc"],
}
OVERRIDE = """\
{% extends "base.html" %}
{% block extrahead %}
  {% for code, href in ((page.meta.hreflang or {}) if page and page.meta else {}).items() %}
    <link rel="alternate" hreflang="{{ code }}" href="{{ href }}">
  {% endfor %}
  {% if page and page.meta and page.meta.robots %}
    <meta name="robots" content="{{ page.meta.robots }}">
  {% endif %}
{% endblock %}
"""


def write_site(root: Path, files: dict[str, str], config: dict[str, Any] | None = None) -> Path:
    """A plain MkDocs site in `root`: PLAIN_SITE with `config` merged into it as data; `files` may
    replace the theme override."""
    return write_hub(
        root, {"overrides/main.html": OVERRIDE, **files}, base=PLAIN_SITE, config=config
    )


def hub_rules(rules: dict[str, Any]) -> dict[str, Any]:
    """The configuration that sets audit rules' options: {"TEC014": {"min_words": 2}}."""
    return {"extra": {"hub": {"audit": {"rules": rules}}}}


def audit(root: Path, **kwargs) -> AuditResult:
    """Build the site with the real MkDocs and audit it, as `hubtool seo-audit` does."""
    kwargs.setdefault("today", TODAY)
    return run_audit(load_config(root / "mkdocs.yml"), **kwargs)


def located(result: AuditResult) -> list[tuple[str, str | None, int | None]]:
    return [(f.rule, f.path, f.line) for f in result.findings]
