"""Options several commands share, declared once as decorators (as pip-tools' scripts/options.py)."""

from __future__ import annotations

import click

LANGS = ("zh", "en")

lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of findings and help: zh or en. Default: the hub's default language "
    "(a plain MkDocs site: its theme language).",
)
