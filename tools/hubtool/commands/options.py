"""Options several commands share, declared once as decorators (as pip-tools' scripts/options.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

import click

LANGS = ("zh", "en")

F = TypeVar("F", bound=Callable[..., Any])

lang_option = click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of findings and help: zh or en. Default: the hub's default language "
    "(a plain MkDocs site: its theme language).",
)


def config_file_option(
    help: str = "The hub's mkdocs.yml.", path_type: type | None = None
) -> Callable[[F], F]:
    """`--config-file/-f`, the hub's mkdocs.yml (default: the one in the current folder)."""
    return click.option(
        "--config-file",
        "-f",
        default="mkdocs.yml",
        show_default=True,
        type=click.Path(dir_okay=False, path_type=path_type),
        help=help,
    )


def parse_date(
    ctx: click.Context | None, param: click.Parameter | None, value: str | dt.date | None
) -> dt.date | None:
    """A YYYY-MM-DD option value as a date; a usage error (exit 2) naming option and value otherwise."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        name = param.opts[0] if param is not None and param.opts else "date"
        raise click.UsageError(f"{name}: '{value}' is not a date (YYYY-MM-DD)", ctx) from None


def today_option(
    help: str = "Date that date-based rules measure from (YYYY-MM-DD).",
) -> Callable[[F], F]:
    """`--today`: the date a command takes as today (scripts, tests, reruns of a past day)."""
    return click.option("--today", callback=parse_date, metavar="YYYY-MM-DD", help=help)


FORMATS = ("text", "concise", "json", "sarif", "junit", "github")  # as output.FORMATS
FAIL_ON = ("error", "warning", "never")


def report_options(command: F) -> F:
    """`--format`, `--output/-o` and `--fail-on`: how findings are written and when they fail the
    run (seo-audit and check, which report the same findings)."""
    command = click.option(
        "--fail-on",
        type=click.Choice(FAIL_ON),
        default="error",
        show_default=True,
        help="Exit 1 when a finding is at or above this severity.",
    )(command)
    command = click.option(
        "--output", "-o", type=click.Path(dir_okay=False), help="Write the report here."
    )(command)
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True
    )(command)


__all__ = [
    "FAIL_ON",
    "FORMATS",
    "LANGS",
    "config_file_option",
    "lang_option",
    "parse_date",
    "report_options",
    "today_option",
]
