"""`hubtool serve`: the whole hub locally — the site with live reload and the lead receiver beside it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import click

from ..config import load_config


@click.command()
@click.option("--config-file", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, help="Port of the site.")
@click.option("--leads-port", default=8001, show_default=True, help="Port of the lead receiver.")
@click.option("--db", default=None, help="Lead store URL (default: SQLite under var/).")
def serve(config_file: str, host: str, port: int, leads_port: int, db: str | None) -> None:
    """Serve the site on HOST:PORT (live reload) and the lead receiver on HOST:LEADS-PORT."""
    config = load_config(config_file)  # fail early, with file:line, on a broken configuration
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    leads = [sys.executable, "-m", "hubtool.cli", "leads", "serve", "--config-file", str(config.path),
             "--host", host, "--port", str(leads_port)] + (["--db", db] if db else [])
    site = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config.path), "-a", f"{host}:{port}"]
    procs = [subprocess.Popen(leads, env=env, cwd=config.root),
             subprocess.Popen(site, env=env, cwd=config.root)]
    click.echo(f"hub: http://{host}:{port}/  (lead receiver: http://{host}:{leads_port}/)", err=True)
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(0.5)
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
