"""The lead receiver as an ASGI app: `create_app(settings)`; the lifespan opens the store and outbox."""

from __future__ import annotations

import asyncio
import html
import json
import logging
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..config import HubConfig
from ..content.gated import resolve_gated_file
from ..content.load import load_hub
from ..errors import HubError
from ..forms import (
    CONSENT,
    CONSENT_CROSSBORDER,
    HONEYPOT,
    FieldError,
    FormDef,
    clean_hidden,
    clean_text,
    is_true,
    localized_path,
    render_form,
    validate_submission,
)
from . import pages
from .outbox import Outbox
from .settings import Settings
from .signing import check_download, client_hash, download_path
from .store import CONTEXT_COLUMNS, NewLead, Store, StoreUnavailable
from .untrusted import for_log, strip_invisible

log = logging.getLogger("hubtool.leads")


class _TooLarge(Exception):
    pass


# How long a lead refused for a database reason keeps /healthz at 503 (unless a lead is stored
# meanwhile): what the tiny health write cannot see (a quota, a file size limit) a lead did.
REFUSAL_MEMORY_SECONDS = 30.0
_SCALAR = (str, int, float, bool, type(None))


class GatedAssets:
    """Gated whitepapers by content id (item.key) and language, re-read when an id is unknown.

    Every file goes through content.gated.resolve_gated_file: at start-up, where a file outside the
    gated folder stops the receiver, and again at each download (the receiver trusts no earlier
    check: a file may have been swapped for a symlink since)."""

    RELOAD_SECONDS = 5.0

    def __init__(self, config: HubConfig) -> None:
        self.config = config
        self._index: dict[tuple[str, str], tuple[str, Path, str]] = {}  # (page URL, source, file)
        self.titles: dict[tuple[str, str], str] = {}  # for the download confirmation
        self._loaded_at = -1e9

    def load(self, refuse: bool = False) -> None:
        """Index the published gated whitepapers. A file outside the gated folder is left out and
        logged; with `refuse` (start-up) it is a HubError naming file:line instead."""
        index, refused = {}, []
        for item in load_hub(self.config).items:
            name = item.meta.get("file")
            if (
                item.kind != "whitepaper"
                or item.status != "published"
                or item.meta.get("gated") is not True
                or not isinstance(name, str)
            ):
                continue
            _, reason = resolve_gated_file(self.config, item.path, name)
            if reason:
                refused.append(f"{item.rel}:{item.line_of('file')}: file: {reason}")
            elif item.published:
                index[(item.key, item.lang)] = (item.url, item.path, name)
                self.titles[(item.key, item.lang)] = str(item.title or "")
        if refused and refuse:
            more = f" (and {len(refused) - 1} more)" if len(refused) > 1 else ""
            raise HubError(
                f"{refused[0]}{more}: the lead receiver hands out no file outside "
                f"{self.config.hub['gated_dir']}/ and does not start"
            )
        for problem in refused:
            log.error("gated file refused: %s", problem)
        self._index = index
        self._loaded_at = time.monotonic()

    def find(self, content_id: str, lang: str) -> tuple[str, Path] | None:
        """(landing page URL, file) of a gated whitepaper, in `lang` or else any language."""
        for attempt in range(2):
            hit = self._index.get((content_id, lang)) or next(
                (v for (key, _), v in sorted(self._index.items()) if key == content_id), None
            )
            if hit:
                url, source, name = hit
                path, reason = resolve_gated_file(self.config, source, name)
                if path is None:
                    log.error("download refused: %s: file: %s", self.config.rel(source), reason)
                    return None
                if path.is_file():
                    return url, path
            if attempt or time.monotonic() - self._loaded_at < self.RELOAD_SECONDS:
                return None
            self.load()  # a whitepaper added while the receiver runs (`make serve`)
        return None


class GroupCommit:
    """SQLite's single writer, batched: submissions that arrive while one commit is being synced
    go into the next transaction together, so one fsync acknowledges many leads."""

    MAX_BATCH = 64

    def __init__(self, store: Store, run_db: Any) -> None:
        self.store = store
        self.run_db = run_db
        self.queue: asyncio.Queue = asyncio.Queue()

    async def submit(self, *job: Any) -> Any:
        future = asyncio.get_running_loop().create_future()
        await self.queue.put((job, future))
        return await future

    async def run(self) -> None:
        try:
            await self._loop()
        finally:  # shutting down: whoever still waits gets a 503, never a silent hang
            while not self.queue.empty():
                _, future = self.queue.get_nowait()
                if not future.done():
                    future.set_exception(StoreUnavailable("the receiver is shutting down"))

    async def _loop(self) -> None:
        while True:
            batch = [await self.queue.get()]
            while len(batch) < self.MAX_BATCH and not self.queue.empty():
                batch.append(self.queue.get_nowait())
            try:
                results = await self.run_db(self.store.submit_many, [job for job, _ in batch])
            except Exception as exc:
                results = [exc] * len(batch)
            for (_, future), result in zip(batch, results):
                if future.done():
                    continue
                if isinstance(result, BaseException):
                    future.set_exception(result)
                else:
                    future.set_result(result)


class Receiver:
    """Routes and the state they share; one per app."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.config = settings.config
        self.assets = GatedAssets(settings.config)
        self.assets.load(refuse=True)  # first: a gated file outside its folder stops the start
        self.store = Store(settings.db_url)
        self.executor = ThreadPoolExecutor(
            max_workers=self.store.pool_size, thread_name_prefix="hub-leads-db"
        )
        self.outbox: Outbox | None = None
        self.group: GroupCommit | None = None
        self.refused_at: float | None = None  # monotonic time of the last lead refused (503)

    async def submit_lead(self, *job: Any) -> Any:
        """Store one submission (see Store.submit): group-committed on SQLite, pooled on PostgreSQL."""
        if self.group is not None:
            return await self.group.submit(*job)
        return await self.run_db(self.store.submit, *job)

    async def run_db(self, fn: Any, *args: Any) -> Any:
        """Store calls run on the store's own threads (one for SQLite: its single writer)."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, partial(fn, *args))

    @asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        try:
            await self.run_db(self.store.migrate)
        except StoreUnavailable as exc:
            # Start anyway: answer 503 until the database is back, then migrate on first use.
            log.error(
                "lead database unavailable at start (%s); answering 503 until it is back", exc
            )
        for exposed in self.store.exposed_files():
            log.warning("%s: other users can read these leads; chmod 600 it", exposed)
        tasks = [asyncio.create_task(self._maintenance())]
        if self.store.dialect == "sqlite":
            self.group = GroupCommit(self.store, self.run_db)
            tasks.append(asyncio.create_task(self.group.run()))
        if self.settings.webhook_url:
            if not self.settings.webhook_secret:
                log.warning("webhook secret not set: deliveries go unsigned")
            self.outbox = Outbox(self.settings, self.store, self.run_db)
            tasks.append(asyncio.create_task(self.outbox.run()))
        try:
            yield
        finally:
            if self.outbox:
                self.outbox.stop()
            for task in tasks:  # a delivery cut short stays leased and is retried: at least once
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self.executor.shutdown(wait=True)
            self.store.close()

    async def _maintenance(self) -> None:
        while True:
            await asyncio.sleep(60)
            try:
                await self.run_db(self.store.prune_rate_limits, int(time.time() // 60) - 1)
            except StoreUnavailable:
                pass

    # -- helpers -----------------------------------------------------------------------------

    def _lang(self, value: Any, request: Request | None = None) -> str:
        if isinstance(value, str) and value in self.config.languages:
            return value
        if request is not None:
            wanted = request.headers.get("accept-language", "").lower()
            for lang in self.config.languages:
                if wanted.startswith(lang):
                    return lang
        return self.config.default_lang

    def _origin_of(self, request: Request) -> str | None:
        """The posting page's origin: Origin, else Referer's; None when the client sent neither."""
        origin = request.headers.get("origin")
        if origin:
            return origin.rstrip("/")
        referer = request.headers.get("referer")
        if referer:
            parts = urlsplit(referer)
            return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else "null"
        return None

    def _own_origins(self, request: Request) -> set[str]:
        """The receiver's own origins: its re-shown form (422, 503) posts from there."""
        endpoint = urlsplit(str(self.config.hub["leads"].get("endpoint") or ""))
        return {
            f"{request.url.scheme}://{request.url.netloc}",
            f"{endpoint.scheme}://{endpoint.netloc}",
        }

    def _site_origin(self, request: Request, page_url: str = "") -> str:
        """Where to send the visitor back: the posting page's site, else the page_url's, else the
        first configured origin."""
        origin = self._origin_of(request)
        if origin in self.settings.site_origins:
            return origin
        parts = urlsplit(page_url)
        page_origin = f"{parts.scheme}://{parts.netloc}"
        if page_origin in self.settings.site_origins:
            return page_origin
        return self.settings.site_origins[0]

    def _visitor_page(self, request: Request, page_url: str) -> str:
        """`page_url` on the site the visitor posted from: a page built for site_url but served
        elsewhere (`make serve`, staging) sends the production URL when no script corrects it."""
        parts = urlsplit(page_url)
        origin = self._origin_of(request)
        if (
            f"{parts.scheme}://{parts.netloc}" in self.settings.site_origins
            and origin in self.settings.site_origins
        ):
            scheme, _, netloc = str(origin).partition("://")
            return urlunsplit((scheme, netloc, parts.path, parts.query, ""))
        return page_url

    def _back_url(self, page_url: str) -> str:
        parts = urlsplit(page_url)
        origin = f"{parts.scheme}://{parts.netloc}"
        return page_url if origin in self.settings.site_origins else ""

    @staticmethod
    def _wants_json(request: Request) -> bool:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        accept = request.headers.get("accept", "").lower()
        return ctype == "application/json" or (
            "application/json" in accept and "text/html" not in accept
        )

    def _error(
        self,
        request: Request,
        status: int,
        key: str,
        lang: str,
        field: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """The one error shape: JSON {ok, status, errors: [{field, code, message}]} or a small page."""
        if self._wants_json(request):
            body = {
                "ok": False,
                "status": status,
                "errors": [{"field": field, "code": key, "message": pages.t(key, lang)}],
            }
            return JSONResponse(body, status, headers=headers)
        return HTMLResponse(
            pages.message_page(self.config, lang, key, site_origin=self._site_origin(request)),
            status,
            headers=headers,
        )

    async def _read_body(self, request: Request) -> bytes:
        limit = self.settings.max_body
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _TooLarge
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise _TooLarge
            chunks.append(chunk)
        return b"".join(chunks)

    # -- routes ------------------------------------------------------------------------------

    async def health(self, request: Request) -> Response:
        """200 only when a lead can be committed now: a real write succeeds, the SQLite disk has
        room for more than that tiny write, and no lead was refused for a database reason lately."""
        retry = {"Retry-After": str(self.settings.retry_after_seconds)}
        try:
            version = await self.run_db(self.store.ping)
        except StoreUnavailable:
            return JSONResponse({"ok": False, "db": "unavailable"}, 503, headers=retry)
        free = self.store.free_bytes()
        if free is not None and free < self.settings.disk_headroom_bytes:
            log.warning("healthz: %d bytes free beside the lead database: answering 503", free)
            return JSONResponse({"ok": False, "db": "disk_full"}, 503, headers=retry)
        refused = self.refused_at
        if refused is not None and time.monotonic() - refused < REFUSAL_MEMORY_SECONDS:
            return JSONResponse({"ok": False, "db": "refusing_leads"}, 503, headers=retry)
        return JSONResponse({"ok": True, "db": self.store.dialect, "schema_version": version})

    async def show_form(self, request: Request) -> Response:
        """GET /forms/<id>: the form alone (a link target when a page cannot embed it)."""
        form_id = request.path_params["form_id"]
        lang = self._lang(request.query_params.get("lang"), request)
        formdef = self.settings.forms.get(form_id)
        if formdef is None:
            return self._error(request, 404, "not_found", lang)
        hidden = {k: v for k, v in request.query_params.items() if k in CONTEXT_COLUMNS}
        site_origin = self._site_origin(request, str(hidden.get("page_url", "")))
        form = render_form(self.config, form_id, lang, hidden=hidden, site_origin=site_origin)
        title = pages.text(formdef.title, lang)
        body = f'<h1 class="hub-form-page__title">{html.escape(title)}</h1>\n{form}'
        return HTMLResponse(pages.page(self.config, lang, title, body, site_origin=site_origin))

    async def submit(self, request: Request) -> Response:
        form_id = request.path_params["form_id"]
        settings = self.settings
        lang = self._lang(request.query_params.get("lang"), request)
        formdef = settings.forms.get(form_id)
        if formdef is None:
            return self._error(request, 404, "not_found", lang)
        origin = self._origin_of(request)
        if (
            origin is not None
            and origin not in settings.site_origins
            and origin not in self._own_origins(request)
        ):
            log.info("form %s: refused a post from a foreign origin", form_id)
            return self._error(request, 403, "forbidden", lang)
        try:
            body = await self._read_body(request)
        except _TooLarge:
            return await self._refuse(request, form_id, lang, 413, "too_large")
        except ClientDisconnect:  # nobody to answer: one line, no traceback
            log.info("form %s: the client went away before sending the whole body", form_id)
            return Response(status_code=400)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        try:
            if ctype == "application/json":
                data = json.loads(body.decode("utf-8"))
                # An object of plain values; nested objects and lists are no form's fields.
                if not isinstance(data, dict) or not all(
                    isinstance(v, _SCALAR) for v in data.values()
                ):
                    raise ValueError("not an object of plain values")
            elif ctype in ("application/x-www-form-urlencoded", ""):
                data = {}
                for key, value in parse_qsl(
                    body.decode("utf-8", errors="replace"), keep_blank_values=True
                ):
                    data.setdefault(key, value)  # a repeated name keeps its first value
            else:
                return await self._refuse(request, form_id, lang, 415, "bad_type")
        except (ValueError, RecursionError):  # RecursionError: JSON nested thousands deep
            return await self._refuse(request, form_id, lang, 400, "bad_type")
        # Invisible controls (C0, C1, bidi overrides) go at the boundary: never stored or shown.
        data = {key: strip_invisible(value) for key, value in data.items()}
        lang = self._lang(data.get("lang"), request)
        return await self._accept(request, formdef, data, lang)

    def _rate_key(self, request: Request, form_id: str) -> str:
        """What the rate limit counts: posts per form and client address (the TCP peer, or the
        X-Forwarded-For of a proxy listed in FORWARDED_ALLOW_IPS), the address keyed-hashed."""
        client = request.client.host if request.client else ""
        return f"{form_id}|{client_hash(self.settings.secret, client)}"

    async def _refuse(
        self,
        request: Request,
        form_id: str,
        lang: str,
        status: int,
        key: str,
        field: str | None = None,
    ) -> Response:
        """A malformed request: it costs the sender a hit like any post (429 once over the limit),
        then gets the one error shape."""
        try:
            counted = await self.submit_lead(
                self._rate_key(request, form_id),
                int(time.time() // 60),
                self.settings.rate_per_minute,
                None,
                False,
            )
            if counted.status == "limited":
                return self._limited(request, lang)
        except StoreUnavailable:
            pass  # refused anyway
        return self._error(request, status, key, lang, field)

    async def _accept(
        self, request: Request, formdef: FormDef, data: dict[str, Any], lang: str
    ) -> Response:
        settings = self.settings
        values, errors = validate_submission(formdef, data, lang, crossborder=settings.crossborder)
        hidden = clean_hidden(data)
        hidden["lang"] = lang
        started = hidden["started_at"]
        if started and not (started.isascii() and started.isdigit()):
            # Our script writes milliseconds in ASCII digits; `²³` passes isdigit() but not int().
            return await self._refuse(request, formdef.id, lang, 400, "bad_type", "started_at")
        spam = ""
        if clean_text(data.get(HONEYPOT)):
            spam = "honeypot"
        elif started:
            elapsed = time.time() * 1000 - int(hidden["started_at"])
            # Only a non-negative elapsed time is evidence: a visitor's clock may run ahead.
            if 0 <= elapsed < settings.min_fill_seconds * 1000:
                spam = "too-fast"
        client = request.client.host if request.client else ""
        rate_key = self._rate_key(request, formdef.id)
        window = int(time.time() // 60)
        wants_json = self._wants_json(request)
        site_origin = self._site_origin(request, hidden["page_url"])
        if errors and not spam:
            try:  # an invalid post still counts against the sender's rate limit
                counted = await self.submit_lead(
                    rate_key, window, settings.rate_per_minute, None, False
                )
                if counted.status == "limited":
                    return self._limited(request, lang)
            except StoreUnavailable:
                pass  # the visitor's mistakes can be shown without the database
            return self._invalid(
                request, formdef, lang, values, hidden, errors, wants_json, site_origin, 422
            )
        try:
            if spam:  # bots get the ordinary answer; what they sent is kept only as text
                values = {
                    k: v[: spec.max] if (spec := formdef.field(k)) else v[:10]
                    for k, v in values.items()
                }
            result = await self._result(formdef, hidden, lang, site_origin, spam)
            email_field = next((f.name for f in formdef.fields if f.type == "email"), "")
            lead = NewLead(
                form_id=formdef.id,
                fields={k: v for k, v in values.items() if k not in (CONSENT, CONSENT_CROSSBORDER)},
                context={c: hidden.get(c, "") for c in CONTEXT_COLUMNS},
                email=values.get(email_field, "").casefold(),
                submission_id=hidden["submission_id"],
                consent=is_true(values.get(CONSENT)),
                consent_version=hidden["consent_version"] or settings.consent_version,
                consent_crossborder=is_true(values.get(CONSENT_CROSSBORDER)),
                spam_reason=spam,
                client_hash=client_hash(settings.secret, client),
                result=result,
            )
            outcome = await self.submit_lead(
                rate_key, window, settings.rate_per_minute, lead, bool(settings.webhook_url)
            )
        except StoreUnavailable as exc:
            self.refused_at = time.monotonic()
            log.warning(
                "form %s: database unavailable, answered 503 (%s)",
                formdef.id,
                type(exc.__cause__).__name__ if exc.__cause__ else exc,
            )
            message = pages.t("unavailable", lang)
            return self._invalid(
                request,
                formdef,
                lang,
                values,
                hidden,
                [FieldError("", "unavailable", message)],
                wants_json,
                site_origin,
                503,
                {"Retry-After": str(settings.retry_after_seconds)},
            )
        if outcome.status == "limited":
            return self._limited(request, lang)
        self.refused_at = None  # a lead was committed: the database takes writes again
        if outcome.status == "stored":
            log.info(
                "lead %d stored (form %s%s)",
                outcome.lead_id,
                formdef.id,
                f", spam: {spam}" if spam else "",
            )
            if self.outbox and not spam:
                self.outbox.wake()
        else:
            log.info("lead %d: repeated submission answered with the first result", outcome.lead_id)
        return self._success(request, outcome.lead_id, outcome.result, wants_json)

    async def _result(
        self, formdef: FormDef, hidden: dict[str, str], lang: str, site_origin: str, spam: str
    ) -> dict[str, str]:
        """Where the visitor goes next: the thank-you page, or the signed download of a gated file."""
        result = {"location": site_origin + localized_path(formdef.thank_you, lang, self.config)}
        if formdef.gated and not spam and hidden["content_id"]:
            found = await asyncio.get_running_loop().run_in_executor(
                None, self.assets.find, hidden["content_id"], lang
            )  # may re-read the content
            if found:
                expires = int(time.time()) + self.settings.download_ttl_seconds
                path = download_path(self.settings.secret, hidden["content_id"], lang, expires)
                result["download_path"] = path
        if formdef.gated:  # its thank-you page is the receiver's: it holds the signed link
            done = f"/forms/{quote(formdef.id)}/done"
            if result.get("download_path"):
                done += result["download_path"][len("/download") :] + "&"
            else:
                done += f"?lang={quote(lang)}&"
            result["done_path"] = done + urlencode({"site": site_origin})
        return result

    def _success(
        self, request: Request, lead_id: int | None, result: dict[str, str], wants_json: bool
    ) -> Response:
        download = (
            str(request.base_url).rstrip("/") + result["download_path"]
            if result.get("download_path")
            else ""
        )
        if wants_json:
            body: dict[str, Any] = {"ok": True, "id": lead_id}
            if download:
                body["download_url"] = download
            return JSONResponse(body, 201)
        if result.get("done_path"):  # a gated form: the confirmation holding the link
            return RedirectResponse(str(request.base_url).rstrip("/") + result["done_path"], 303)
        return RedirectResponse(download or result["location"], 303)

    def _limited(self, request: Request, lang: str) -> Response:
        retry = str(60 - int(time.time()) % 60)
        log.info("rate limit reached (form %s)", request.path_params.get("form_id"))
        return self._error(request, 429, "too_many", lang, headers={"Retry-After": retry})

    def _invalid(
        self,
        request: Request,
        formdef: FormDef,
        lang: str,
        values: dict[str, str],
        hidden: dict[str, str],
        errors: list[FieldError],
        wants_json: bool,
        site_origin: str,
        status: int,
        headers: dict[str, str] | None = None,
    ) -> Response:
        if wants_json:
            body = {
                "ok": False,
                "status": status,
                "errors": [
                    {"field": e.field or None, "code": e.code, "message": e.message} for e in errors
                ],
            }
            return JSONResponse(body, status, headers=headers)
        hidden = {**hidden, "page_url": self._visitor_page(request, hidden.get("page_url", ""))}
        form = render_form(
            self.config,
            formdef.id,
            lang,
            values=values,
            errors=errors,
            hidden=hidden,
            site_origin=site_origin,
        )
        title = pages.t("fix", lang) if status == 422 else pages.t("error", lang)
        body = f'<h1 class="hub-form-page__title">{html.escape(title)}</h1>\n{form}'
        document = pages.page(
            self.config,
            lang,
            title,
            body,
            back_url=self._back_url(hidden.get("page_url", "")),
            site_origin=site_origin,
        )
        return HTMLResponse(document, status, headers=headers)

    async def download(self, request: Request) -> Response:
        content_id = request.path_params["content_id"]
        query = request.query_params
        lang = self._lang(query.get("lang"), request)
        problem = check_download(
            self.settings.secret,
            content_id,
            query.get("lang", ""),
            query.get("exp", ""),
            query.get("sig", ""),
        )
        if problem in ("malformed", "invalid"):  # guessing signatures costs like posting forms
            try:
                counted = await self.submit_lead(
                    self._rate_key(request, "~download"),
                    int(time.time() // 60),
                    self.settings.rate_per_minute,
                    None,
                    False,
                )
                if counted.status == "limited":
                    return self._limited(request, lang)
            except StoreUnavailable:
                pass
        found = await asyncio.get_running_loop().run_in_executor(
            None, self.assets.find, content_id, lang
        )
        if problem:
            again = ""
            if found:
                url = self.settings.site_origins[0] + found[0]
                again = (
                    f"<p>{html.escape(pages.t('link_again', lang))} "
                    f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a></p>'
                )
            log.info("download of %s refused: %s link", for_log(content_id), problem)
            status = 400 if problem == "malformed" else 403
            key = "link_invalid" if problem == "malformed" else f"link_{problem}"
            return HTMLResponse(
                pages.message_page(
                    self.config, lang, key, again, site_origin=self._site_origin(request)
                ),
                status,
                headers={"X-Robots-Tag": "noindex"},
            )
        if not found:
            return HTMLResponse(
                pages.message_page(
                    self.config, lang, "no_file", site_origin=self._site_origin(request)
                ),
                404,
                headers={"X-Robots-Tag": "noindex"},
            )
        return FileResponse(
            found[1],
            filename=found[1].name,
            content_disposition_type="attachment",
            headers={"X-Robots-Tag": "noindex, nofollow", "Cache-Control": "private, no-store"},
        )

    async def done(self, request: Request) -> Response:
        """GET /forms/<id>/done[/<content-id>?lang&exp&sig]&site=: a gated form's thank-you page,
        holding the signed link (the download starts by itself). Only an authentic link is shown;
        `site` (where the header, footer and back links lead) only if it is a site origin."""
        formdef = self.settings.forms.get(request.path_params["form_id"])
        query = request.query_params
        lang = self._lang(query.get("lang"), request)
        if formdef is None or not formdef.gated:
            return self._error(request, 404, "not_found", lang)
        site = query.get("site", "")
        site = site if site in self.settings.site_origins else self.settings.site_origins[0]
        content_id = request.path_params.get("content_id", "")
        download_url = page_url = title = ""
        if content_id:
            if check_download(
                self.settings.secret,
                content_id,
                query.get("lang", ""),
                query.get("exp", ""),
                query.get("sig", ""),
            ):
                return await self.download(request)  # the refusal, counted like a bad download
            found = await asyncio.get_running_loop().run_in_executor(
                None, self.assets.find, content_id, lang
            )
            if found:
                page_url = site + found[0]
                title = self.assets.titles.get((content_id, lang), "")
                download_url = (
                    str(request.base_url).rstrip("/")
                    + f"/download/{quote(content_id)}?"
                    + urlencode({k: query.get(k, "") for k in ("lang", "exp", "sig")})
                )
        document = pages.download_page(
            self.config,
            lang,
            success=formdef.success,
            download_url=download_url,
            title=title,
            page_url=page_url,
            hours=max(1, self.settings.download_ttl_seconds // 3600),
            site_origin=site,
        )
        return HTMLResponse(
            document,
            headers={
                "X-Robots-Tag": "noindex, nofollow",
                "Cache-Control": "private, no-store",
                "Referrer-Policy": "no-referrer",
            },
        )


def create_app(settings: Settings) -> Starlette:
    """The receiver. Run it with uvicorn (`hubtool leads serve`), or in tests on loopback."""
    receiver = Receiver(settings)
    routes = [
        Route("/healthz", receiver.health, methods=["GET"]),
        Route("/forms/{form_id}", receiver.submit, methods=["POST"]),
        Route("/forms/{form_id}", receiver.show_form, methods=["GET"]),
        Route("/forms/{form_id}/done", receiver.done, methods=["GET"]),
        Route("/forms/{form_id}/done/{content_id:path}", receiver.done, methods=["GET"]),
        Route("/download/{content_id:path}", receiver.download, methods=["GET", "HEAD"]),
    ]
    # CORS lets the site's script post with fetch; the Origin check in `submit` refuses the rest.
    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.site_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", "Accept"],
            max_age=600,
        )
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=receiver.lifespan)
    app.state.receiver = receiver
    return app
