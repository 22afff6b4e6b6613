"""Running the receiver: blocking (`hubtool leads serve`, `hubtool serve`) or in a thread (tests, bench)."""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass

import uvicorn

from ..config import HubConfig
from ..errors import HubError
from .app import create_app
from .settings import Settings, load_settings


def _uvicorn_config(settings: Settings, host: str, port: int, log_level: str) -> uvicorn.Config:
    # No access log: it would write every visitor's address; our own log names lead ids only.
    # The rate limit counts posts per form and client address. The address is the TCP peer's,
    # unless FORWARDED_ALLOW_IPS names the proxies (CDN, nginx) whose X-Forwarded-For is believed.
    # uvicorn would believe 127.0.0.1 by default: then anything on the host could claim any
    # address and never be limited; so no proxy headers at all unless the variable is set.
    trusted = settings.forwarded_allow_ips
    return uvicorn.Config(
        create_app(settings),
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        lifespan="on",
        server_header=False,
        proxy_headers=bool(trusted),
        forwarded_allow_ips=trusted or None,
    )


def _configure_logging(level: int) -> None:
    logger = logging.getLogger("hubtool.leads")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(level)


def run(
    config: HubConfig,
    host: str = "127.0.0.1",
    port: int = 8001,
    db_url: str | None = None,
    settings: Settings | None = None,
) -> None:
    """Serve until interrupted (Ctrl-C / SIGTERM). `db_url` None: $HUBTOOL_LEADS_DB or var/."""
    settings = settings or load_settings(config, db_url)
    _configure_logging(logging.INFO)
    server = uvicorn.Server(_uvicorn_config(settings, host, port, "info"))
    try:
        server.run()
    except SystemExit:  # uvicorn exits on a failed bind; we answer with a tool error (exit 2)
        if server.started:
            raise
    if not server.started:
        raise HubError(f"the lead receiver could not start on {host}:{port} (port in use?)")


@dataclass
class RunningReceiver:
    """A receiver serving from a background thread; `url` is its base URL."""

    server: uvicorn.Server
    thread: threading.Thread
    url: str

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start_in_thread(
    settings: Settings, host: str = "127.0.0.1", port: int = 0, log_level: str = "warning"
) -> RunningReceiver:
    """Start on `port` (0: any free one) and return once it accepts connections."""
    server = uvicorn.Server(_uvicorn_config(settings, host, port, log_level))
    thread = threading.Thread(target=server.run, name="hub-leads-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise HubError(f"the lead receiver did not start on {host}:{port}")
        time.sleep(0.01)
    bound = server.servers[0].sockets[0].getsockname()[1]
    return RunningReceiver(server, thread, f"http://{host}:{bound}")
