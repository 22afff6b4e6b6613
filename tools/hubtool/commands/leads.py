"""`hubtool leads …`: run the receiver, and the only ways leads leave it (export, stats, delete)."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from ..atomic import write_text
from ..errors import HubError
from .options import config_file_option, parse_date

config_option = config_file_option()
db_option = click.option(
    "--db",
    default=None,
    metavar="URL",
    help="postgresql://… or a SQLite file (default: $HUBTOOL_LEADS_DB, "
    "else var/leads.sqlite3 beside mkdocs.yml).",
)


@contextmanager
def _open_store(config_file: str, db: str | None) -> Iterator[tuple[Any, Any]]:
    """(config, store) for one command; an unreachable database is a one-line tool error (exit 2)."""
    from ..config import load_config
    from ..leads.settings import default_db_url
    from ..leads.store import Store, StoreUnavailable

    config = load_config(config_file)
    store = Store(default_db_url(config, db))
    try:
        yield config, store
    except StoreUnavailable as exc:
        raise HubError(f"lead database unavailable: {exc}") from None
    finally:
        store.close()


@click.group()
def leads() -> None:
    """The lead receiver and its data (personal information: handle with care)."""


@leads.command()
@config_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=int)
@db_option
def serve(config_file: str, host: str, port: int, db: str | None) -> None:
    """Run the lead receiver (forms, gated downloads, health check).

    Routes: POST /forms/<id>, GET /forms/<id>, GET /download/<content-id>, GET /healthz.
    The rate limit counts posts per form and client address. X-Forwarded-For is ignored unless
    FORWARDED_ALLOW_IPS lists the proxies to believe: set it behind a proxy or CDN (e.g.
    FORWARDED_ALLOW_IPS=127.0.0.1 behind nginx on the same host), never otherwise.
    """
    from ..config import load_config
    from ..leads.server import run

    config = load_config(config_file)
    run(config, host, port, db)


@leads.command()
@config_option
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True
)
@click.option(
    "--since",
    callback=parse_date,
    metavar="YYYY-MM-DD",
    help="Only leads from this day on (YYYY-MM-DD, UTC).",
)
@click.option("--form", "form_id", help="Only this form's leads.")
@click.option("--include-spam", is_flag=True, help="Also leads flagged as spam (with the reason).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here, not to stdout.")
def export(
    config_file: str,
    db: str | None,
    fmt: str,
    since: dt.date | None,
    form_id: str | None,
    include_spam: bool,
    output: str | None,
) -> None:
    """Write leads as CSV (UTF-8 with BOM, formula-safe) or JSON."""
    from ..forms import form_definitions
    from ..leads.export import to_csv, to_json

    with _open_store(config_file, db) as (config, store):
        rows = store.leads(
            since=since.isoformat() if since else "",
            form_id=form_id or "",
            include_spam=include_spam,
        )
    text = (
        to_csv(rows, form_definitions(config), include_spam)
        if fmt == "csv"
        else to_json(rows, include_spam)
    )
    if output:
        # all or nothing, and private: a half-written export of personal data is worse than none
        write_text(Path(output).resolve(), text, mode=0o600)
        click.echo(f"{len(rows)} lead(s) written to {output}", err=True)
    else:
        # UTF-8 whatever the terminal's locale: the CSV carries a BOM saying so.
        stdout = sys.stdout
        stdout.flush()
        stdout.buffer.write(text.encode("utf-8"))
        stdout.buffer.flush()


@leads.command()
@config_option
@db_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def stats(config_file: str, db: str | None, fmt: str) -> None:
    """Counts per form, page and UTM source, and the webhook deliveries."""
    from ..leads.untrusted import shown

    with _open_store(config_file, db) as (_, store):
        data = store.stats()
    if fmt == "json":  # json.dumps escapes C0 controls; C1 and bidi ones too, below
        text = json.dumps(data, ensure_ascii=False, indent=2)
        click.echo(
            re.sub(
                "[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text
            )
        )
        return
    # Pages and sources came from visitors: controls are shown escaped, never sent to the terminal.
    lines = ["leads per form (spam in brackets):"]
    lines += [
        f"  {shown(form)}: {int(ok or 0)} ({int(spam or 0)})" for form, ok, spam in data["forms"]
    ]
    lines.append("leads per page:")
    lines += [f"  {shown(page) or '(unknown)'}: {n}" for page, n in data["pages"]]
    lines.append("leads per UTM source:")
    lines += [f"  {shown(source) or '(none)'}: {n}" for source, n in data["utm_sources"]]
    box = data["outbox"]
    lines.append(
        f"webhook deliveries: {box.get('pending', 0)} pending, "
        f"{box.get('delivered', 0)} delivered, {box.get('dead', 0)} dead"
    )
    lines += [
        f"  dead: lead {lead} after {attempts} attempts ({shown(error)})"
        for _, lead, attempts, error in data["dead"]
    ]
    click.echo("\n".join(lines))


@leads.command()
@config_option
@db_option
@click.option("--email", required=True, help="The address whose leads are erased.")
def delete(config_file: str, db: str | None, email: str) -> None:
    """Erase every lead of one email address, on the person's request.

    The right to deletion: PIPL art. 47, GDPR art. 17. Queued deliveries go too.
    """
    with _open_store(config_file, db) as (_, store):
        count = store.delete_email(email)
    click.echo(f"deleted {count} lead(s) of {email.strip()}")
    if count:
        click.echo("leads already delivered to the webhook must also be erased there", err=True)


@leads.command("retry-dead")
@config_option
@db_option
def retry_dead(config_file: str, db: str | None) -> None:
    """Queue dead webhook deliveries again, once the webhook is fixed."""
    with _open_store(config_file, db) as (_, store):
        count = store.retry_dead()
    click.echo(f"{count} delivery(ies) queued again")
