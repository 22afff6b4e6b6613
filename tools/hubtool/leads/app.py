"""The lead receiver as an ASGI app: `create_app(settings)`; the lifespan opens the store and outbox.

A form post goes through four steps, one method each: reading the request (`intake`), validation
(`_validate`: fields, hidden context, the spam verdict), storage (`_store_post`: the lead and its
rate-limit hit in one transaction) and the answer (`_answer`, `_invalid`, `_unavailable`)."""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import AsyncIterator, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

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
from . import intake, pages
from .assets import GatedAssets
from .groupcommit import GroupCommit
from .intake import origin_of, origin_of_url, wants_json
from .outbox import Outbox
from .settings import Settings
from .signing import check_download, client_hash, download_path
from .store import CONTEXT_COLUMNS, NewLead, Outcome, Store, StoreUnavailable, Submission
from .untrusted import for_log

log = logging.getLogger("hubtool.leads")
T = TypeVar("T")

# How long a lead refused for a database reason keeps /healthz at 503 (unless a lead is stored
# meanwhile): what the tiny health write cannot see (a quota, a file size limit) a lead did.
REFUSAL_MEMORY_SECONDS = 30.0
_PRIVATE = {"X-Robots-Tag": "noindex, nofollow", "Cache-Control": "private, no-store"}


@dataclass
class _Post:
    """A form post once validated: what the answer and the stored lead are made of."""

    formdef: FormDef
    lang: str
    values: dict[str, str]
    errors: list[FieldError]
    hidden: dict[str, str]  # the context the page sent, cleaned
    spam: str  # why it looks like a bot ("honeypot", "too-fast"), or ""
    wants_json: bool
    site_origin: str  # where the visitor goes back to


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

    async def submit_lead(self, job: Submission) -> Outcome:
        """Store one submission (see Store.submit): group-committed on SQLite, pooled on PostgreSQL."""
        if self.group is not None:
            return await self.group.submit(job)
        return await self.run_db(self.store.submit_one, job)

    def _submission(self, request: Request, key: str, lead: NewLead | None = None) -> Submission:
        """A hit against the sender's rate limit for `key` (a form id, "~download") this minute,
        with the lead if there is one."""
        queue_outbox = lead is not None and bool(self.settings.webhook_url)
        rate_key = self._rate_key(request, key)
        window = int(time.time() // 60)
        return Submission(rate_key, window, self.settings.rate_per_minute, lead, queue_outbox)

    async def run_db(self, fn: Callable[..., T], *args: Any) -> T:
        """Store calls run on the store's own threads (one for SQLite: its single writer)."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, partial(fn, *args))

    @asynccontextmanager
    async def lifespan(self, app: Starlette) -> AsyncIterator[None]:
        await self._migrate()
        tasks = self._start_tasks()
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

    async def _migrate(self) -> None:
        try:
            await self.run_db(self.store.migrate)
        except StoreUnavailable as exc:
            # Start anyway: answer 503 until the database is back, then migrate on first use.
            log.error(
                "lead database unavailable at start (%s); answering 503 until it is back", exc
            )
        for exposed in self.store.exposed_files():
            log.warning("%s: other users can read these leads; chmod 600 it", exposed)

    def _start_tasks(self) -> list[asyncio.Task[None]]:
        """Maintenance, the group commit (SQLite) and the webhook outbox (when configured)."""
        tasks = [asyncio.create_task(self._maintenance())]
        if self.store.dialect == "sqlite":
            self.group = GroupCommit(self.store, self.run_db)
            tasks.append(asyncio.create_task(self.group.run()))
        if self.settings.webhook_url:
            if not self.settings.webhook_secret:
                log.warning("webhook secret not set: deliveries go unsigned")
            self.outbox = Outbox(self.settings, self.store, self.run_db)
            tasks.append(asyncio.create_task(self.outbox.run()))
        return tasks

    async def _maintenance(self) -> None:
        while True:
            await asyncio.sleep(60)
            try:
                await self.run_db(self.store.prune_rate_limits, int(time.time() // 60) - 1)
            except StoreUnavailable:
                pass

    # -- where the visitor comes from and goes back to -----------------------------------------

    def _lang(self, value: Any, request: Request | None = None) -> str:
        if isinstance(value, str) and value in self.config.languages:
            return value
        if request is not None:
            wanted = request.headers.get("accept-language", "").lower()
            for lang in self.config.languages:
                if wanted.startswith(lang):
                    return lang
        return self.config.default_lang

    def _form_of(self, request: Request) -> tuple[FormDef | None, str]:
        """The form a /forms/<id>… request names (None: no such form) and the visitor's language."""
        lang = self._lang(request.query_params.get("lang"), request)
        return self.settings.forms.get(request.path_params["form_id"]), lang

    def _from_our_site(self, request: Request) -> bool:
        """A post from a site origin or the receiver's own (its re-shown form, 422 and 503 posts
        from there); a client that sends neither Origin nor Referer is not refused for it."""
        origin = origin_of(request)
        endpoint = str(self.config.hub["leads"].get("endpoint") or "")
        own = {f"{request.url.scheme}://{request.url.netloc}", origin_of_url(endpoint)}
        return origin is None or origin in self.settings.site_origins or origin in own

    def _site_origin(self, request: Request, page_url: str = "") -> str:
        """Where to send the visitor back: the posting page's site, else the page_url's, else the
        first configured origin."""
        for origin in (origin_of(request), origin_of_url(page_url)):
            if origin in self.settings.site_origins:
                return str(origin)
        return self.settings.site_origins[0]

    def _visitor_page(self, request: Request, page_url: str) -> str:
        """`page_url` on the site the visitor posted from: a page built for site_url but served
        elsewhere (`make serve`, staging) sends the production URL when no script corrects it."""
        parts = urlsplit(page_url)
        origin = origin_of(request)
        if origin_of_url(page_url) in self.settings.site_origins and (
            origin in self.settings.site_origins
        ):
            scheme, _, netloc = str(origin).partition("://")
            return urlunsplit((scheme, netloc, parts.path, parts.query, ""))
        return page_url

    def _back_url(self, page_url: str) -> str:
        return page_url if origin_of_url(page_url) in self.settings.site_origins else ""

    # -- answers ---------------------------------------------------------------------------------

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
        if wants_json(request):
            return _json_errors([FieldError(field or "", key, pages.t(key, lang))], status, headers)
        return HTMLResponse(
            pages.message_page(self.config, lang, key, site_origin=self._site_origin(request)),
            status,
            headers=headers,
        )

    def _limited(self, request: Request, lang: str) -> Response:
        retry = str(60 - int(time.time()) % 60)
        log.info("rate limit reached (form %s)", request.path_params.get("form_id"))
        return self._error(request, 429, "too_many", lang, headers={"Retry-After": retry})

    async def _count_hit(self, request: Request, key: str, lang: str) -> Response | None:
        """Count one hit against the sender's rate limit for `key` (a malformed or invalid post, a
        bad download link): the 429 answer once over the limit, else None (also when the database
        is down: what is refused is refused anyway)."""
        try:
            counted = await self.submit_lead(self._submission(request, key))
        except StoreUnavailable:
            return None
        return self._limited(request, lang) if counted.status == "limited" else None

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
        limited = await self._count_hit(request, form_id, lang)
        return limited if limited is not None else self._error(request, status, key, lang, field)

    def _form_page(
        self,
        lang: str,
        title: str,
        form: str,
        site_origin: str,
        status: int = 200,
        back_url: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        """A form alone on a page of the site's chrome, under its title."""
        body = f'<h1 class="hub-form-page__title">{html.escape(title)}</h1>\n{form}'
        document = pages.page(
            self.config, lang, title, body, back_url=back_url, site_origin=site_origin
        )
        return HTMLResponse(document, status, headers=headers)

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
        formdef, lang = self._form_of(request)
        if formdef is None:
            return self._error(request, 404, "not_found", lang)
        hidden = {k: v for k, v in request.query_params.items() if k in CONTEXT_COLUMNS}
        site_origin = self._site_origin(request, str(hidden.get("page_url", "")))
        form = render_form(self.config, formdef.id, lang, hidden=hidden, site_origin=site_origin)
        return self._form_page(lang, pages.text(formdef.title, lang), form, site_origin)

    async def submit(self, request: Request) -> Response:
        """POST /forms/<id>: a lead, from the site's form (urlencoded) or its script (JSON)."""
        formdef, lang = self._form_of(request)
        if formdef is None:
            return self._error(request, 404, "not_found", lang)
        form_id = formdef.id
        if not self._from_our_site(request):
            log.info("form %s: refused a post from a foreign origin", form_id)
            return self._error(request, 403, "forbidden", lang)
        try:
            body = await intake.read_body(request, self.settings.max_body)
            data = intake.parse_fields(intake.content_type(request), body)
        except intake.TooLarge:
            return await self._refuse(request, form_id, lang, 413, "too_large")
        except ClientDisconnect:  # nobody to answer: one line, no traceback
            log.info("form %s: the client went away before sending the whole body", form_id)
            return Response(status_code=400)
        except intake.UnsupportedType:
            return await self._refuse(request, form_id, lang, 415, "bad_type")
        except intake.Unreadable:
            return await self._refuse(request, form_id, lang, 400, "bad_type")
        return await self._accept(request, formdef, data, self._lang(data.get("lang"), request))

    # -- a form post: validation, storage, answer ----------------------------------------------

    async def _accept(
        self, request: Request, formdef: FormDef, data: dict[str, Any], lang: str
    ) -> Response:
        post = self._validate(request, formdef, data, lang)
        if post is None:
            return await self._refuse(request, formdef.id, lang, 400, "bad_type", "started_at")
        if post.errors and not post.spam:  # an invalid post still counts against the sender
            limited = await self._count_hit(request, formdef.id, lang)
            return (
                limited if limited is not None else self._invalid(request, post, post.errors, 422)
            )
        try:
            outcome = await self._store_post(request, post)
        except StoreUnavailable as exc:
            return self._unavailable(request, post, exc)
        return self._answer(request, post, outcome)

    def _validate(
        self, request: Request, formdef: FormDef, data: dict[str, Any], lang: str
    ) -> _Post | None:
        """The fields checked, the hidden context cleaned, the spam verdict; None when the form's
        start time is forged (our script writes milliseconds in ASCII digits)."""
        values, errors = validate_submission(
            formdef, data, lang, crossborder=self.settings.crossborder
        )
        hidden = {**clean_hidden(data), "lang": lang}
        started = hidden["started_at"]
        if started and not (started.isascii() and started.isdigit()):
            return None  # `²³` passes isdigit() but not int()
        spam = self._spam_reason(data, started)
        if spam:  # bots get the ordinary answer; what they sent is kept only as text
            values = {
                k: v[: spec.max] if (spec := formdef.field(k)) else v[:10]
                for k, v in values.items()
            }
        site_origin = self._site_origin(request, hidden["page_url"])
        return _Post(formdef, lang, values, errors, hidden, spam, wants_json(request), site_origin)

    def _spam_reason(self, data: dict[str, Any], started: str) -> str:
        if clean_text(data.get(HONEYPOT)):
            return "honeypot"
        if started:
            elapsed = time.time() * 1000 - int(started)
            # Only a non-negative elapsed time is evidence: a visitor's clock may run ahead.
            if 0 <= elapsed < self.settings.min_fill_seconds * 1000:
                return "too-fast"
        return ""

    async def _store_post(self, request: Request, post: _Post) -> Outcome:
        """The lead and the sender's rate-limit hit, in one transaction."""
        settings = self.settings
        formdef, values, hidden = post.formdef, post.values, post.hidden
        result = await self._result(formdef, hidden, post.lang, post.site_origin, post.spam)
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
            spam_reason=post.spam,
            client_hash=client_hash(settings.secret, request.client.host if request.client else ""),
            result=result,
        )
        return await self.submit_lead(self._submission(request, formdef.id, lead))

    async def _result(
        self, formdef: FormDef, hidden: dict[str, str], lang: str, site_origin: str, spam: str
    ) -> dict[str, str]:
        """Where the visitor goes next: the thank-you page, or the signed download of a gated file."""
        result = {"location": site_origin + localized_path(formdef.thank_you, lang, self.config)}
        content_id = hidden["content_id"]
        # _find may re-read the content: a whitepaper added while the receiver runs
        if formdef.gated and not spam and content_id and await self._find(content_id, lang):
            expires = int(time.time()) + self.settings.download_ttl_seconds
            result["download_path"] = download_path(self.settings.secret, content_id, lang, expires)
        if formdef.gated:  # its thank-you page is the receiver's: it holds the signed link
            done = f"/forms/{quote(formdef.id)}/done"
            if result.get("download_path"):
                done += result["download_path"][len("/download") :] + "&"
            else:
                done += f"?lang={quote(lang)}&"
            result["done_path"] = done + urlencode({"site": site_origin})
        return result

    def _answer(self, request: Request, post: _Post, outcome: Outcome) -> Response:
        """A stored (or repeated) lead: 201 to a script, a redirect to a browser."""
        if outcome.status == "limited":
            return self._limited(request, post.lang)
        self.refused_at = None  # a lead was committed: the database takes writes again
        if outcome.status == "stored":
            spam = f", spam: {post.spam}" if post.spam else ""
            log.info("lead %d stored (form %s%s)", outcome.lead_id, post.formdef.id, spam)
            if self.outbox and not post.spam:
                self.outbox.wake()
        else:
            log.info("lead %d: repeated submission answered with the first result", outcome.lead_id)
        base = str(request.base_url).rstrip("/")
        result = outcome.result
        download = base + result["download_path"] if result.get("download_path") else ""
        if post.wants_json:
            body: dict[str, Any] = {"ok": True, "id": outcome.lead_id}
            if download:
                body["download_url"] = download
            return JSONResponse(body, 201)
        if result.get("done_path"):  # a gated form: the confirmation holding the link
            return RedirectResponse(base + result["done_path"], 303)
        return RedirectResponse(download or result["location"], 303)

    def _unavailable(self, request: Request, post: _Post, exc: StoreUnavailable) -> Response:
        """The database cannot take the lead now: 503, the form re-shown with what was typed."""
        self.refused_at = time.monotonic()
        log.warning(
            "form %s: database unavailable, answered 503 (%s)",
            post.formdef.id,
            type(exc.__cause__).__name__ if exc.__cause__ else exc,
        )
        error = FieldError("", "unavailable", pages.t("unavailable", post.lang))
        retry = {"Retry-After": str(self.settings.retry_after_seconds)}
        return self._invalid(request, post, [error], 503, retry)

    def _invalid(
        self,
        request: Request,
        post: _Post,
        errors: list[FieldError],
        status: int,
        headers: dict[str, str] | None = None,
    ) -> Response:
        """The errors to a script; to a browser, the form again with what was typed and why."""
        if post.wants_json:
            return _json_errors(errors, status, headers)
        page_url = self._visitor_page(request, post.hidden.get("page_url", ""))
        form = render_form(
            self.config,
            post.formdef.id,
            post.lang,
            values=post.values,
            errors=errors,
            hidden={**post.hidden, "page_url": page_url},
            site_origin=post.site_origin,
        )
        title = pages.t("fix" if status == 422 else "error", post.lang)
        return self._form_page(
            post.lang,
            title,
            form,
            post.site_origin,
            status,
            back_url=self._back_url(page_url),
            headers=headers,
        )

    # -- downloads -----------------------------------------------------------------------------

    async def _find(self, content_id: str, lang: str) -> tuple[str, Path] | None:
        """GatedAssets.find off the event loop (it may re-read the content)."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(None, self.assets.find, content_id, lang)

    def _link_problem(self, content_id: str, query: Mapping[str, str]) -> str:
        """ "" for an authentic, unexpired download link; else "malformed", "invalid", "expired"."""
        return check_download(
            self.settings.secret,
            content_id,
            query.get("lang", ""),
            query.get("exp", ""),
            query.get("sig", ""),
        )

    async def download(self, request: Request) -> Response:
        content_id = request.path_params["content_id"]
        lang = self._lang(request.query_params.get("lang"), request)
        problem = self._link_problem(content_id, request.query_params)
        if problem in ("malformed", "invalid"):  # guessing signatures costs like posting forms
            limited = await self._count_hit(request, "~download", lang)
            if limited is not None:
                return limited
        found = await self._find(content_id, lang)
        if problem:
            log.info("download of %s refused: %s link", for_log(content_id), problem)
            return self._link_refused(request, problem, found, lang)
        if not found:
            page = pages.message_page(
                self.config, lang, "no_file", site_origin=self._site_origin(request)
            )
            return HTMLResponse(page, 404, headers={"X-Robots-Tag": "noindex"})
        return FileResponse(
            found[1],
            filename=found[1].name,
            content_disposition_type="attachment",
            headers=_PRIVATE,
        )

    def _link_refused(
        self, request: Request, problem: str, found: tuple[str, Path] | None, lang: str
    ) -> Response:
        """A broken (400) or forged or expired (403) link: why, and the form for a new one."""
        again = ""
        if found:
            url = self.settings.site_origins[0] + found[0]
            again = (
                f"<p>{html.escape(pages.t('link_again', lang))} "
                f'<a href="{html.escape(url, quote=True)}">{html.escape(url)}</a></p>'
            )
        key = "link_invalid" if problem == "malformed" else f"link_{problem}"
        page = pages.message_page(
            self.config, lang, key, again, site_origin=self._site_origin(request)
        )
        status = 400 if problem == "malformed" else 403
        return HTMLResponse(page, status, headers={"X-Robots-Tag": "noindex"})

    async def done(self, request: Request) -> Response:
        """GET /forms/<id>/done[/<content-id>?lang&exp&sig]&site=: a gated form's thank-you page,
        holding the signed link (the download starts by itself). Only an authentic link is shown;
        `site` (where the header, footer and back links lead) only if it is a site origin."""
        formdef, lang = self._form_of(request)
        query = request.query_params
        if formdef is None or not formdef.gated:
            return self._error(request, 404, "not_found", lang)
        site = query.get("site", "")
        site = site if site in self.settings.site_origins else self.settings.site_origins[0]
        content_id = request.path_params.get("content_id", "")
        download_url = page_url = title = ""
        if content_id:
            if self._link_problem(content_id, query):
                return await self.download(request)  # the refusal, counted like a bad download
            found = await self._find(content_id, lang)
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
        return HTMLResponse(document, headers={**_PRIVATE, "Referrer-Policy": "no-referrer"})


def _json_errors(
    errors: list[FieldError], status: int, headers: Mapping[str, str] | None = None
) -> Response:
    """The one error shape for scripts: {ok: false, status, errors: [{field, code, message}]}."""
    body = {
        "ok": False,
        "status": status,
        "errors": [
            {"field": e.field or None, "code": e.code, "message": e.message} for e in errors
        ],
    }
    return JSONResponse(body, status, headers=headers)


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
