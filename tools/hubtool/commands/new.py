"""`hubtool new`: start a case, whitepaper or news item from its template, or translate one."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..content.schema import CONTENT_KINDS
from ..workflow.scaffold import NEWS_TEMPLATES
from .options import config_file_option, parse_date, today_option

if TYPE_CHECKING:
    from ..config import HubConfig
    from ..workflow.scaffold import Created


@click.command("new")
@click.argument("kind", type=click.Choice(CONTENT_KINDS), required=False)
@click.argument("title", required=False)
@click.option(
    "--template",
    type=click.Choice(NEWS_TEMPLATES),
    help="News only: the outline of the piece. Default: standard.",
)
@click.option("--lang", help="Language of the new file (zh or en). Default: the hub's default.")
@click.option(
    "--slug",
    help="The file name and URL slug, shared by both language versions. "
    "Default: proposed from the title (pinyin for a Chinese title); asked "
    "for in a terminal, where Enter accepts the proposal.",
)
@click.option(
    "--date",
    "date",
    callback=parse_date,
    help="Planned publication date (YYYY-MM-DD). "
    "A draft with a future date shows on `hubtool calendar`. Default: today.",
)
@click.option(
    "--translate",
    "source",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Create the other-language counterpart of this file instead.",
)
@today_option("Today's date (YYYY-MM-DD), for scripts and tests.")
@config_file_option(path_type=Path)
def new(
    kind: str | None,
    title: str | None,
    template: str | None,
    lang: str | None,
    slug: str | None,
    date: dt.date | None,
    source: Path | None,
    today: dt.date | None,
    config_file: Path,
) -> None:
    """Create a new piece from its template, as a draft, and print its path.

    \b
      hubtool new case "某银行联合风控建模实践"       (slug proposed: yinhang-lianhe-fengkong-jianmo-shijian)
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
        with _refusals():
            click.echo(scaffold.translate(config, source, lang).rel)
        return
    if not kind or not title:
        raise HubError('give the kind and the title: hubtool new case|whitepaper|news "Title"')
    proposed = None
    if not slug:
        slug = scaffold.proposed_slug(title, kind, date or today or dt.date.today())
        if slug != scaffold.slugify(title):  # not spelled from the title's own Latin words:
            proposed = slug  # a Chinese title (pinyin) or a dated fallback
            slug = _ask_slug(proposed, config.default_lang) if _interactive() else proposed
    with _refusals():
        created = scaffold.new_piece(
            config, kind, title, template=template, lang=lang, slug=slug, date=date, today=today
        )
    click.echo(created.rel)
    if proposed is not None and slug == proposed:
        click.echo(_slug_note(config, created, kind, title, proposed), err=True)


@contextmanager
def _refusals() -> Iterator[None]:
    """A file that exists already is a refusal (exit 1), not a tool error."""
    from ..workflow.scaffold import Exists

    try:
        yield
    except Exists as exc:
        raise click.ClickException(str(exc)) from None


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _ask_slug(proposed: str, lang: str) -> str:
    """In a terminal the writer sees the proposal and accepts it with Enter or types another."""
    from ..errors import HubError
    from ..workflow import scaffold

    def valid(value: str) -> str:
        try:
            return scaffold.check_slug(value.strip())
        except HubError as exc:
            raise click.UsageError(str(exc)) from None

    prompt = (
        "网址别名（slug，回车采用建议）" if lang == "zh" else "Slug (Enter accepts the proposal)"
    )
    return click.prompt(prompt, default=proposed, value_proc=valid, err=True)


def _slug_note(config: HubConfig, created: Created, kind: str, title: str, slug: str) -> str:
    """Where the slug came from, the page's address, and how to change it, in the hub's language."""
    import shlex

    from ..content.load import load_item
    from ..text import has_han
    from ..workflow import scaffold

    url = load_item(created.path, config).url
    dated = not (scaffold.pinyin_slug(title) if has_han(title) else scaffold.slugify(title))
    origin_zh = "标题里没有可转成拼音或英文的文字，暂用日期" if dated else "取自标题拼音"
    origin_en = (
        "the title has nothing to spell in pinyin or English: dated"
        if dated
        else "from the title's pinyin"
    )
    example = f"hubtool new {kind} --slug bank-joint-risk {shlex.quote(title)}"
    if config.default_lang == "zh":
        return (
            f"网址别名（slug）：{slug}（{origin_zh}），页面网址 {url}。"
            f"要换一个：删除 {created.rel}，再加 --slug 重新运行，例如 {example}。"
            "中英文两个版本共用这个别名，简短的英文单词最好读。"
        )
    return (
        f"slug: {slug} ({origin_en}); the page's URL is {url}. To change it, delete "
        f"{created.rel} and run again with --slug, e.g. {example}. Both language versions "
        "share the slug: short English words read best."
    )
