"""`hubtool check`: the pre-commit check for writers (front matter, source rules, and the page rules
on the checked pages rendered as the build renders them), no site build."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from .options import config_file_option, lang_option, report_options, today_option


@click.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@report_options
@today_option()
@config_file_option()
@lang_option
def check(
    paths: tuple[Path, ...],
    fmt: str,
    output: str | None,
    fail_on: str,
    today: dt.date | None,
    config_file: str,
    lang: str | None,
) -> None:
    """Validate front matter and run every rule that needs no full site build, without building.

    Without PATHS the whole hub is checked; with PATHS (files or folders; what pre-commit passes)
    only findings in those files are reported, and mkdocs.yml among them means everything.
    Drafts are checked for their front matter; the content rules judge published pages only.
    Page rules (title, description, headings, links, images) judge the checked pages rendered as
    the build renders them; the summary names the rules only `hubtool seo-audit` runs.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 tool error (same as seo-audit).
    """
    from ..audit.adoption import writers_lang
    from ..config import load_config
    from ..output import write_report
    from ..site import source_pages
    from ..workflow.check import run_check

    config = load_config(config_file)
    result, skipped = run_check(config, paths, today, lang=lang, pages_from=source_pages)
    lang = lang or writers_lang(config)
    for path in skipped:
        click.echo(
            f"{path}：不是本站的内容文件（已跳过）"
            if lang == "zh"
            else f"{path}: not a content file of this hub (skipped)",
            err=True,
        )
    write_report(result, fmt, output, config.root, lang=lang)
    if result.failed(fail_on):
        sys.exit(1)
