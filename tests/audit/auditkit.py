"""Tiny real MkDocs sites for the audit tests: a plain mkdocs-material config, given files, a real build."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from hubtool.audit.engine import AuditResult, run_audit
from hubtool.config import load_config

TODAY = dt.date(2026, 11, 23)

# Plain mkdocs-material (no hub hooks): the rules must work on any MkDocs site. The override adds
# per-page hreflang and robots from front matter, which mkdocs-material itself does not write.
BASE_CONFIG = """\
site_name: 测试站点
site_url: https://example.test/
theme:
  name: material
  language: zh
  custom_dir: overrides
plugins: []
markdown_extensions: [attr_list, md_in_html, toc]
"""
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


def write_site(root: Path, files: dict[str, str], config: str = BASE_CONFIG) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(textwrap.dedent(config), encoding="utf-8")
    (root / "overrides").mkdir(exist_ok=True)
    (root / "overrides" / "main.html").write_text(OVERRIDE, encoding="utf-8")
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def audit(root: Path, **kwargs) -> AuditResult:
    """Build the site with the real MkDocs and audit it, as `hubtool seo-audit` does."""
    kwargs.setdefault("today", TODAY)
    return run_audit(load_config(root / "mkdocs.yml"), **kwargs)


def located(result: AuditResult) -> list[tuple[str, str | None, int | None]]:
    return [(f.rule, f.path, f.line) for f in result.findings]
