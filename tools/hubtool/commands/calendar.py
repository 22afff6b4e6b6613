"""`hubtool calendar`: what is planned, what is overdue, and when the cadence rules will fire."""

from __future__ import annotations

import datetime as dt
import json

import click

from .options import config_file_option, today_option


@click.command("calendar")
@click.option("--weeks", type=click.IntRange(1, 104), default=12, show_default=True)
@today_option("Start from this date (YYYY-MM-DD). Default: today.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@config_file_option()
def calendar(weeks: int, today: dt.date | None, fmt: str, config_file: str) -> None:
    """The editorial calendar, week by week, for news, whitepapers and cases.

    Planned pieces are drafts (status: draft or review) dated today or later; the same with a past
    date are overdue. Deadlines are the days the cadence rules (CAD001-CAD004, thresholds from
    extra.hub.cadence) will fire if nothing more is published. The quarter's topics come from
    extra.hub.calendar.topics.
    """
    from ..config import load_config
    from ..content.load import load_hub
    from ..workflow.calendar import build_calendar, render_text

    config = load_config(config_file)
    cal = build_calendar(config, load_hub(config), today or dt.date.today(), weeks)
    if fmt == "json":
        click.echo(json.dumps(cal.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_text(cal), nl=False)
