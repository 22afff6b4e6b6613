"""Forwarding: deliver queued leads to the webhook, signed, with exponential backoff and a dead list."""

from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from .settings import Settings
from .signing import sign_body
from .store import CONTEXT_COLUMNS, Delivery, Store, StoreUnavailable

log = logging.getLogger("hubtool.leads")

LEASE_SECONDS = 60.0  # a claimed delivery is retried by anyone after this (its sender died)
TIMEOUT_SECONDS = 10.0
SIGNATURE_HEADER = "X-Hub-Signature-256"

RunDb = Callable[..., Awaitable[Any]]


def payload(lead: dict[str, Any]) -> bytes:
    """The webhook body: the lead as the CRM needs it (JSON, UTF-8, stable key order)."""
    body = {
        "event": "lead",
        "id": lead["id"],
        "form_id": lead["form_id"],
        "created_at": lead["created_at"],
        "fields": lead["fields"],
        "context": {key: lead[key] for key in CONTEXT_COLUMNS},
        "consent": {
            "given": lead["consent"],
            "version": lead["consent_version"],
            "crossborder": lead["consent_crossborder"],
            "at": lead["created_at"],
        },
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")


def backoff(settings: Settings, attempts: int) -> float:
    """Seconds before the next try after `attempts` failures: base·2^(n-1), capped, with jitter."""
    delay = min(
        settings.retry_base_seconds * 2.0 ** max(attempts - 1, 0), settings.retry_max_seconds
    )
    return delay * random.uniform(1.0, 1.25)  # jitter: receivers restarted together do not stampede


class Outbox:
    """The background task of the app: sends due deliveries until told to stop."""

    def __init__(self, settings: Settings, store: Store, run_db: RunDb) -> None:
        self.settings = settings
        self.store = store
        self.run_db = run_db
        self._wake = asyncio.Event()
        self._stop = False

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self._stop = True
        self._wake.set()

    async def run(self) -> None:
        async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
            while not self._stop:
                busy = False
                try:
                    busy = await self.deliver_due(client)
                except StoreUnavailable as exc:
                    log.warning("outbox: database unavailable (%s); will retry", exc)
                except Exception:
                    log.exception("outbox: unexpected error; will retry")
                if busy:
                    continue
                try:
                    await asyncio.wait_for(self._wake.wait(), self.settings.poll_seconds)
                except TimeoutError:
                    pass
                self._wake.clear()

    async def deliver_due(self, client: httpx.AsyncClient) -> bool:
        claimed: list[Delivery] = await self.run_db(
            self.store.claim_deliveries, time.time(), LEASE_SECONDS
        )
        if claimed:
            await asyncio.gather(*(self._send(client, d) for d in claimed))
        return bool(claimed)

    async def _send(self, client: httpx.AsyncClient, delivery: Delivery) -> None:
        body = payload(delivery.lead)
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "hubtool-leads",
            "X-Hub-Lead-Id": str(delivery.lead_id),
            "X-Hub-Delivery": str(delivery.outbox_id),
        }
        if self.settings.webhook_secret:
            headers[SIGNATURE_HEADER] = sign_body(self.settings.webhook_secret, body)
        try:
            response = await client.post(self.settings.webhook_url, content=body, headers=headers)
            error = "" if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"[:300]
        attempts = delivery.attempts + 1
        if not error:
            await self.run_db(self.store.delivered, delivery.outbox_id)
            log.info("lead %d delivered to the webhook (attempt %d)", delivery.lead_id, attempts)
        elif attempts >= self.settings.webhook_max_attempts:
            await self.run_db(self.store.failed, delivery.outbox_id, error, None)
            log.error(
                "lead %d: delivery dead after %d attempts (%s)", delivery.lead_id, attempts, error
            )
        else:
            retry_at = time.time() + backoff(self.settings, attempts)
            await self.run_db(self.store.failed, delivery.outbox_id, error, retry_at)
            log.warning(
                "lead %d: delivery attempt %d failed (%s); retrying",
                delivery.lead_id,
                attempts,
                error,
            )
