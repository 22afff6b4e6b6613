"""`hubtool schema`: write JSON Schemas of the front matter, for editors and other tools."""

from __future__ import annotations

from pathlib import Path

import click

from ..content.schema import CONTENT_KINDS
from .options import config_file_option


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
    help="Folder to write <kind>.schema.json into. Default: schemas/ beside mkdocs.yml.",
)
@config_file_option(path_type=Path)
def schema(kinds: tuple[str, ...], output: Path | None, config_file: Path) -> None:
    """Write JSON Schemas (draft-07) of the front matter of each content kind.

    The schemas carry every field with its description, allowed values (including the configured
    audience and industry vocabularies) and required fields. Editors use them to complete field
    names and values and to flag a wrong value while the writer types.
    """
    from ..config import load_config
    from ..workflow.jsonschema import write_schemas

    config = load_config(config_file)
    for path in write_schemas(
        config, kinds or CONTENT_KINDS, output or config.root / ".vscode" / "schemas"
    ):
        click.echo(path)
