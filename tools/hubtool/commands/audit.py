"""`hubtool seo-audit`: a thin Click wrapper around the audit engine (`hubtool rules`: rules.py)."""

from __future__ import annotations

import datetime as dt
import sys

import click

from .options import config_file_option, lang_option, report_options, today_option


@click.command("seo-audit")
@config_file_option()
@click.option(
    "--site-dir",
    "-d",
    type=click.Path(file_okay=False),
    help="Audit this build folder (with --no-build: audit it as it is).",
)
@click.option("--no-build", is_flag=True, help="Do not run MkDocs; audit --site-dir (or site_dir).")
@report_options
@click.option("--select", help="Only these rule codes or prefixes, comma-separated (KW,TEC007).")
@click.option("--ignore", help="Not these rule codes or prefixes, comma-separated.")
@today_option()
@lang_option
def seo_audit(
    config_file: str,
    site_dir: str | None,
    no_build: bool,
    fmt: str,
    output: str | None,
    select: str | None,
    ignore: str | None,
    fail_on: str,
    today: dt.date | None,
    lang: str | None,
) -> None:
    """Audit the built site and its sources: keyword, technical, positioning, cadence rules.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 tool error.
    """
    from ..audit.adoption import writers_lang
    from ..audit.engine import parse_codes, run_audit
    from ..config import load_config
    from ..output import write_report

    config = load_config(config_file)
    result = run_audit(
        config,
        site_dir=site_dir,
        build=not no_build,
        today=today,
        select=parse_codes(select),
        ignore=parse_codes(ignore),
        lang=lang,
    )
    write_report(result, fmt, output, config.root, lang=lang or writers_lang(config))
    if result.failed(fail_on):
        sys.exit(1)
