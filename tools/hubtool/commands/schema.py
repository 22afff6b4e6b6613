"""`hubtool schema`: write the editor schemas (front matter, mkdocs.yml) and the configuration
guide's tables of settings."""

from __future__ import annotations

from pathlib import Path

import click

from ..content.schema import CONTENT_KINDS
from .options import config_file_option

GUIDE = Path("docs/guide/configuration.md")


@click.command("schema")
@click.option(
    "--kind",
    "kinds",
    type=click.Choice(CONTENT_KINDS),
    multiple=True,
    help="Only this content kind (repeatable). Default: case, whitepaper and news.",
)
@click.option(
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write the schemas into. Default: .vscode/schemas/ beside mkdocs.yml.",
)
@config_file_option(path_type=Path)
def schema(kinds: tuple[str, ...], output: Path | None, config_file: Path) -> None:
    """Write JSON Schemas (draft-07) of the front matter of each content kind, and of mkdocs.yml.

    The front-matter schemas carry every field with its description, allowed values (including the
    configured audience and industry vocabularies) and required fields; mkdocs.schema.json adds
    every `extra.hub` setting to mkdocs-material's own schema. Editors use them to complete names
    and values and to flag a wrong value while you type. The tables of settings in
    docs/guide/configuration.md, when the hub has that guide, are rewritten from the same schema.
    """
    from ..config import load_config
    from ..workflow.configdoc import refresh_file
    from ..workflow.jsonschema import write_schemas

    config = load_config(config_file)
    for path in write_schemas(
        config, kinds or CONTENT_KINDS, output or config.root / ".vscode" / "schemas"
    ):
        click.echo(path)
    guide = config.root / GUIDE
    if guide.is_file() and refresh_file(guide):
        click.echo(guide)
