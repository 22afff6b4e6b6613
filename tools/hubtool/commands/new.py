"""`hubtool new`: start a case, whitepaper or news item from its template, or translate one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..content.schema import CONTENT_KINDS
from ..workflow.scaffold import NEWS_TEMPLATES
from .audit import _date


@click.command("new")
@click.argument("kind", type=click.Choice(CONTENT_KINDS), required=False)
@click.argument("title", required=False)
@click.option("--template", type=click.Choice(NEWS_TEMPLATES),
              help="News only: the outline of the piece. Default: standard.")
@click.option("--lang", help="Language of the new file (zh or en). Default: the hub's default.")
@click.option("--slug", help="The file name and URL slug. Required for Chinese titles: the slug is "
                             "shared by both language versions, so make it English.")
@click.option("--date", "date", callback=_date, help="Planned publication date (YYYY-MM-DD). "
              "A draft with a future date shows on `hubtool calendar`. Default: today.")
@click.option("--translate", "source", type=click.Path(dir_okay=False, path_type=Path),
              help="Create the other-language counterpart of this file instead.")
@click.option("--today", callback=_date, help="Today's date (YYYY-MM-DD), for scripts and tests.")
@click.option("--config-file", "-f", default="mkdocs.yml", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="The hub's mkdocs.yml.")
def new(kind: str | None, title: str | None, template: str | None, lang: str | None,
        slug: str | None, date: dt.date | None, source: Path | None, today: dt.date | None,
        config_file: Path) -> None:
    """Create a new piece from its template, as a draft, and print its path.

    \b
      hubtool new case --slug bank-joint-risk "某银行联合风控建模实践"
      hubtool new news --template event --lang en "Meet us at the Finance Data Summit"
      hubtool new --translate cases/bank-joint-risk.md

    Every front-matter field is in the file with its allowed values as comments; the body has the
    outline of that kind of piece. Replace every 待补充 / TODO: `hubtool check` reports those left in
    a published page (ED003). Never overwrites a file (exit 1).
    """
    from ..config import load_config
    from ..errors import HubError
    from ..workflow import scaffold

    config = load_config(config_file)
    if source is not None:
        if kind or title or template or slug or date:
            raise HubError("--translate takes only the file (and --lang)")
        run = lambda: scaffold.translate(config, source, lang)  # noqa: E731
    else:
        if not kind or not title:
            raise HubError('give the kind and the title: hubtool new case|whitepaper|news "Title"')
        run = lambda: scaffold.new_piece(config, kind, title, template=template, lang=lang,  # noqa: E731
                                         slug=slug, date=date, today=today)
    try:
        created = run()
    except scaffold.Exists as exc:
        raise click.ClickException(str(exc)) from None  # exit 1: a refusal, not a tool error
    click.echo(created.rel)
