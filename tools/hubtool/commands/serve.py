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
from functools import partial

import click

from ..config import HubConfig, load_config
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
    procs = [] if no_leads else [_start_receiver(config, host, leads_port, db, env)]
    try:
        if plain:
            _run_mkdocs_serve(config, host, port, env, procs)
        else:
            _run_preview(config, host, port)
    except KeyboardInterrupt:
        pass
    finally:
        _stop(procs)
    failed = [p.returncode for p in procs if p.returncode not in (0, -signal.SIGINT, None)]
    if failed:
        raise SystemExit(failed[0])


def _start_receiver(
    config: HubConfig, host: str, port: int, db: str | None, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    """`hubtool leads serve` in its own process, beside the site."""
    command = [sys.executable, "-m", "hubtool.cli", "leads", "serve"]
    command += ["--config-file", str(config.path), "--host", host, "--port", str(port)]
    command += ["--db", db] if db else []
    proc = subprocess.Popen(command, env=env, cwd=config.root)
    click.echo(f"lead receiver: http://{host}:{port}/", err=True)
    return proc


def _run_mkdocs_serve(
    config: HubConfig,
    host: str,
    port: int,
    env: dict[str, str],
    procs: list[subprocess.Popen[bytes]],
) -> None:
    """Plain `mkdocs serve` in its own process, until it or the receiver ends (or Ctrl-C)."""

    def interrupt(*_: object) -> None:
        raise KeyboardInterrupt

    # SIGTERM (a test, a process manager) stops as Ctrl-C does: the children are ended.
    signal.signal(signal.SIGTERM, interrupt)
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config.path)]
    procs.append(subprocess.Popen([*command, "-a", f"{host}:{port}"], env=env, cwd=config.root))
    click.echo(f"hub: http://{host}:{port}/", err=True)
    while all(p.poll() is None for p in procs):
        time.sleep(0.5)


def _run_preview(config: HubConfig, host: str, port: int) -> None:
    """The preview (site/devserver.py): a saved page shows at once, full builds catch up behind."""
    from ..site.devserver import Preview

    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    echo = partial(click.echo, err=True)
    Preview(config.path, host, port, config.default_lang, echo=echo).run()


def _stop(procs: list[subprocess.Popen[bytes]]) -> None:
    """Ctrl-C to each child still running, then a kill for any that does not end in 10 s."""
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGINT)
    for p in procs:
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
