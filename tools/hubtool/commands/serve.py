"""`hubtool serve`: the whole hub locally — the site with live reload and the lead receiver beside it.

A saved page shows in the browser within a second, whatever the hub's size: it is rendered alone
with MkDocs' own machinery while a full build catches up in the background (`site/devserver.py`).
`--mkdocs` runs plain `mkdocs serve` instead (a full rebuild on every save).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import click

from ..config import load_config
from .options import config_file_option


@click.command()
@config_file_option()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, help="Port of the site.")
@click.option("--leads-port", default=8001, show_default=True, help="Port of the lead receiver.")
@click.option("--db", default=None, help="Lead store URL (default: SQLite under var/).")
@click.option("--no-leads", is_flag=True, help="Serve the site only, without the lead receiver.")
@click.option(
    "--mkdocs",
    "plain",
    is_flag=True,
    help="Plain `mkdocs serve`: rebuild the whole site on every save.",
)
def serve(
    config_file: str,
    host: str,
    port: int,
    leads_port: int,
    db: str | None,
    no_leads: bool,
    plain: bool,
) -> None:
    """Serve the site on HOST:PORT (live reload) and the lead receiver on HOST:LEADS-PORT."""
    config = load_config(config_file)  # fail early, with file:line, on a broken configuration
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    procs = []
    if not no_leads:
        leads = [
            sys.executable,
            "-m",
            "hubtool.cli",
            "leads",
            "serve",
            "--config-file",
            str(config.path),
            "--host",
            host,
            "--port",
            str(leads_port),
        ] + (["--db", db] if db else [])
        procs.append(subprocess.Popen(leads, env=env, cwd=config.root))
        click.echo(f"lead receiver: http://{host}:{leads_port}/", err=True)
    try:
        if plain:
            # SIGTERM (a test, a process manager) stops as Ctrl-C does: the children are ended.
            signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
            site = [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "-f",
                str(config.path),
                "-a",
                f"{host}:{port}",
            ]
            procs.append(subprocess.Popen(site, env=env, cwd=config.root))
            click.echo(f"hub: http://{host}:{port}/", err=True)
            while all(p.poll() is None for p in procs):
                time.sleep(0.5)
        else:
            from ..site.devserver import Preview

            os.environ["NO_MKDOCS_2_WARNING"] = "1"
            Preview(
                config.path,
                host,
                port,
                config.default_lang,
                echo=lambda text: click.echo(text, err=True),
            ).run()
    except KeyboardInterrupt:
        pass
    finally:
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGINT)
        for p in procs:
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
    failed = [p.returncode for p in procs if p.returncode not in (0, -signal.SIGINT, None)]
    if failed:
        raise SystemExit(failed[0])
