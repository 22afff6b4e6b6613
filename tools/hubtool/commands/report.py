"""`hubtool report`: the monthly content-operations report as one HTML file, Markdown or JSON."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from ..errors import HubError
from .options import config_file_option, today_option


@click.command()
@click.option(
    "--month",
    default=None,
    metavar="YYYY-MM|current",
    help="Month to report on. Default: the last complete month before today; "
    "'current' for the month to date (as of today).",
)
@click.option(
    "--analytics",
    "analytics_file",
    default=None,
    metavar="FILE.csv",
    type=click.Path(dir_okay=False),
    help="Page views per URL: a GA4 or Baidu Tongji export, or any CSV mapped in "
    "extra.hub.analytics.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["html", "json", "md"]), default="html", show_default=True
)
@click.option(
    "--output",
    "-o",
    default=None,
    type=click.Path(dir_okay=False),
    help="Write to this file (default: stdout).",
)
@config_file_option()
@click.option("--db", default=None, help="Lead store URL (default: SQLite under var/).")
@today_option("Take this day as today.")
@click.option(
    "--history",
    default=None,
    type=click.Path(file_okay=False),
    help="Folder of earlier months' JSON summaries (default: var/reports/).",
)
@click.option("--no-history", is_flag=True, help="Do not record this month in the history folder.")
@click.option(
    "--by-campaign",
    is_flag=True,
    help="Leads per piece × utm_source / utm_medium / utm_campaign (default: source / medium).",
)
@click.option(
    "--site-audit",
    is_flag=True,
    help="Build the site and count every audit rule (default: source rules, no build).",
)
def report(
    month: str | None,
    analytics_file: str | None,
    fmt: str,
    output: str | None,
    config_file: str,
    db: str | None,
    today: dt.date | None,
    history: str | None,
    no_history: bool,
    by_campaign: bool,
    site_audit: bool,
) -> None:
    """The monthly report: publishing against targets, leads per piece and channel, month over
    month, what to write next, keywords, staleness and the audit.

    Every section is taken as of one day: the month's last day (or today, for the running
    month); a piece dated later does not exist for the report. By default the report covers the
    last complete month; `--month current` gives the month to date.
    """
    from ..atomic import write_text
    from ..config import load_config
    from ..report import data
    from ..report.render import render

    config = load_config(config_file)
    numbers = data.gather(
        config,
        month=month,
        today=today,
        analytics_file=analytics_file,
        db=db,
        history=history,
        site_audit=site_audit,
        campaign=by_campaign,
    )
    content = render(numbers, fmt)
    if output:
        dest = Path(output)
        if not dest.parent.is_dir():
            raise HubError(f"--output: folder {dest.parent} does not exist")
        write_text(dest.resolve(), content)
        click.echo(f"report {numbers['report']['month']} written to {output}", err=True)
    else:
        sys.stdout.write(content)
    if not no_history:
        data.write_history(data.history_dir(config, history), numbers)
