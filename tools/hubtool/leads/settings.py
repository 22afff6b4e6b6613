"""The receiver's settings: read once from `extra.hub.leads`, the environment and the command line."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import HubConfig
from ..errors import HubError
from ..forms import FormDef, form_definitions
from .signing import load_secret

DB_ENV = "HUBTOOL_LEADS_DB"
PROXY_ENV = "FORWARDED_ALLOW_IPS"  # uvicorn's name for it
MAX_BODY = 16 * 1024


@dataclass(frozen=True)
class Settings:
    """Everything `create_app` needs; tests build one with overrides via `dataclasses.replace`."""

    config: HubConfig
    db_url: str
    secret: bytes = field(repr=False)
    forms: dict[str, FormDef]
    site_origins: tuple[str, ...]
    min_fill_seconds: float
    rate_per_minute: int
    download_ttl_seconds: int
    crossborder: bool
    consent_version: str
    webhook_url: str
    webhook_secret: bytes | None = field(repr=False)
    webhook_max_attempts: int
    retry_base_seconds: float = 2.0  # first retry after 2 s, then 4, 8, … capped below
    retry_max_seconds: float = 3600.0
    poll_seconds: float = 1.0
    max_body: int = MAX_BODY
    retry_after_seconds: int = 5  # told to clients when the database is unavailable
    # /healthz answers 503 below this much free space beside a SQLite database: a lead may no
    # longer fit (the WAL must grow and the checkpoint must extend the file).
    disk_headroom_bytes: int = 4 * 1024 * 1024
    # Addresses of the proxies whose X-Forwarded-For / -Proto are believed ($FORWARDED_ALLOW_IPS,
    # e.g. "127.0.0.1" or "10.0.0.0/8"; "*" for any). Empty: none, the peer address is the client.
    forwarded_allow_ips: str = ""

    @property
    def var_dir(self) -> Path:
        return self.config.root / "var"


def default_db_url(
    config: HubConfig, db: str | None = None, env: Mapping[str, str] | None = None
) -> str:
    """--db, else $HUBTOOL_LEADS_DB, else var/leads.sqlite3 beside mkdocs.yml (git ignores var/)."""
    url = db or (os.environ if env is None else env).get(DB_ENV) or ""
    if not url:
        return "sqlite:///" + str(config.root / "var" / "leads.sqlite3")
    if url.startswith(("postgresql://", "postgres://", "sqlite:")):
        return url
    return "sqlite:///" + str(Path(url).resolve())  # a bare path is a SQLite file


def load_settings(
    config: HubConfig, db: str | None = None, env: Mapping[str, str] | None = None
) -> Settings:
    """The receiver's settings; `env` (default: the process environment) holds the secrets."""
    env = os.environ if env is None else env
    leads: dict[str, Any] = config.hub["leads"]
    origins = tuple(str(o).rstrip("/") for o in leads.get("site_origins") or ())
    if not origins:
        raise HubError(
            f"{config.path.name}:{config.line_of('leads', 'site_origins')}: "
            "extra.hub.leads.site_origins: list at least one site origin"
        )
    webhook = leads.get("webhook") or {}
    secret_env = str(webhook.get("secret_env") or "")
    webhook_secret = env.get(secret_env, "").encode("utf-8") if secret_env else b""
    numbers = {}
    for key, value in (
        ("min_fill_seconds", leads.get("min_fill_seconds", 2)),
        ("rate_limit.per_minute", (leads.get("rate_limit") or {}).get("per_minute", 20)),
        ("download_ttl_hours", leads.get("download_ttl_hours", 72)),
        ("webhook.max_attempts", webhook.get("max_attempts", 8)),
    ):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            path = key.split(".")
            raise HubError(
                f"{config.path.name}:{config.line_of('leads', *path)}: "
                f"extra.hub.leads.{key}: must be a number ≥ 0 (got {value!r})"
            )
        numbers[key] = value
    return Settings(
        config=config,
        db_url=default_db_url(config, db, env),
        secret=load_secret(config.root / "var", env),
        forms=form_definitions(config),
        site_origins=origins,
        min_fill_seconds=float(numbers["min_fill_seconds"]),
        rate_per_minute=int(numbers["rate_limit.per_minute"]),
        download_ttl_seconds=int(numbers["download_ttl_hours"] * 3600),
        crossborder=bool(leads.get("crossborder")),
        consent_version=str(leads.get("consent_version") or ""),
        webhook_url=str(webhook.get("url") or ""),
        webhook_secret=webhook_secret or None,
        webhook_max_attempts=max(1, int(numbers["webhook.max_attempts"])),
        forwarded_allow_ips=env.get(PROXY_ENV, "").strip(),
    )
