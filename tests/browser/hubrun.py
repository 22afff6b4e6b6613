"""The real hub on loopback for the browser tests and the Lighthouse bench: site + lead receiver."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import hubfactory

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling Google's hosts, which this
# machine's closed network refuses (and which would break the "no third-party request" test).
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
    "--mute-audio",
)
NODE_MODULES = HERE / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LIGHTHOUSE_JS = NODE_MODULES / "lighthouse" / "core" / "index.js"
SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
# A known secret, so tests can sign a link that is authentic but expired.
SECRET = "browser-tests-secret-not-for-production"
MIN_FILL_SECONDS = 1
COPIED = ("docs", "cases", "whitepapers")  # the content; write_hub adds mkdocs.yml and hooks/


def missing_browser() -> str:
    """Why browser tests cannot run here ('' when they can)."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not installed (run tests/browser/setup.sh as root)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed (pip install -e '.[test]')"
    return ""


def missing_node_tool(path: Path) -> str:
    if shutil.which("node") is None:
        return "node not on PATH"
    if not path.exists():
        return f"{path} missing (run tests/browser/setup.sh)"
    return ""


def unavailable(reason: str) -> NoReturn:
    """A tool this machine lacks: skip, saying why; but fail under CI=true (CI systems set it), where
    a skipped browser test would be a hole in the run that looks like a pass."""
    import pytest

    if os.environ.get("CI", "").strip().lower() in ("true", "1", "yes"):
        pytest.fail(f"{reason}; CI=true, so this is a failure, not a skip", pytrace=False)
    pytest.skip(reason)


def need(hub: Hub, key: str) -> str:
    """The path of the demo's page of type `key` (see page_types); the demo content is ours, so a
    missing page type is a regression and fails the test instead of letting it pass unrun."""
    if key not in hub.pages:
        fail(f"the demo content has no {key} page: a test that cannot run is not a pass")
    return hub.pages[key]


def fail(message: str) -> NoReturn:
    """Fail the current test with `message` and no traceback (the demo lacks what it needs)."""
    import pytest

    pytest.fail(message, pytrace=False)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Hub:
    """A running hub: the built site at `site` (an origin), the receiver at `leads`, its store."""

    root: Path
    site_dir: Path
    site: str
    leads: str
    db_path: Path
    secret: bytes
    pages: dict[str, str] = field(default_factory=dict)  # page type -> path, see page_types()

    def url(self, path: str) -> str:
        return self.site + path


def loopback_config(site: str, leads: str) -> dict[str, Any]:
    """What changes in the repo's mkdocs.yml for a copy served at `site`, posting to the receiver
    at `leads`, as data for `hubfactory.write_hub`.

    site_url is the served origin, so canonical, hreflang, the sitemap and the forms' page_url
    name pages that exist in the test (the journeys assert page_url). Measured: Lighthouse 12 still
    scores SEO 100 with the production site_url on loopback (its canonical audit accepts another
    host), so this is about testing real links, not about pleasing Lighthouse.
    min_fill_seconds: the bot check stays on, at 1 s, so a scripted visitor passes as a person
    after a short pause instead of 2 s per submission (the receiver's own tests cover the rule).
    """
    return {
        "config": {"site_url": f"{site}/"},
        "hub": {
            "leads": {
                "endpoint": leads,
                "site_origins": [site],
                "min_fill_seconds": MIN_FILL_SECONDS,
            }
        },
    }


def build_site(root: Path, site: str, leads: str) -> Path:
    """Copy the repo's hub into `root`, point it at the loopback servers, run `mkdocs build`."""
    root.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        if (REPO / name).is_dir():
            shutil.copytree(
                REPO / name,
                root / name,
                dirs_exist_ok=True,
                ignore=shutil.ignore_patterns("__pycache__"),
            )
    hubfactory.write_hub(root, **loopback_config(site, leads))
    site_dir = root / "site"
    done = hubfactory.build(root, "-q", site_dir=site_dir)
    if done.returncode != 0:
        raise RuntimeError(f"mkdocs build failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return site_dir


_COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


class _SiteHandler(SimpleHTTPRequestHandler):
    """Static files as a CDN serves them: gzip, long cache for fingerprinted bundles, 404.html."""

    cache: dict[Path, bytes] = {}

    def log_message(self, format: str, *args) -> None:
        pass

    def end_headers(self) -> None:
        path = urlsplit(self.path).path
        # mkdocs-material fingerprints its bundles (main.<hash>.min.js): safe to cache for a year.
        if re.search(r"\.[0-9a-f]{8,}\.min\.(js|css)$", path):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self) -> None:
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                super().do_GET()  # the base class redirects to the slash form
                return
            target = target / "index.html"
        if not target.is_file():
            # As a host is configured for the hub: a language's own "not found" page under its
            # prefix (en/404.html for /en/…), else the default language's.
            first = urlsplit(self.path).path.strip("/").split("/")[0]
            local = Path(self.directory) / first / "404.html"
            self._send_file(
                local if first and local.is_file() else Path(self.directory) / "404.html", 404
            )
            return
        self._send_file(target, 200)

    def _send_file(self, path: Path, status: int) -> None:
        if not path.is_file():
            self.send_error(status)
            return
        body = path.read_bytes()
        encoding = ""
        if path.suffix in _COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            if path not in self.cache:
                self.cache[path] = gzip.compress(body, 6)
            body, encoding = self.cache[path], "gzip"
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve_static(site_dir: Path, port: int) -> ThreadingHTTPServer:
    handler = partial(_SiteHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="hub-static", daemon=True).start()
    return server


def _wait_for_port(port: int, proc: subprocess.Popen, log: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"lead receiver exited with {proc.returncode}:\n"
                f"{log.read_text(errors='replace')[-4000:]}"
            )
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.1)
    raise RuntimeError(
        f"lead receiver not listening on {port} after {timeout:.0f} s:\n"
        f"{log.read_text(errors='replace')[-4000:]}"
    )


def start_receiver(root: Path, port: int, db_path: Path) -> subprocess.Popen:
    """The real `hubtool leads serve`, in its own process, with a temporary SQLite store."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "HUBTOOL_SECRET": SECRET}
    env.pop("HUBTOOL_LEADS_DB", None)
    log = root / "receiver.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "hubtool.cli",
                "leads",
                "serve",
                "--config-file",
                str(root / "mkdocs.yml"),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--db",
                f"sqlite:///{db_path}",
            ],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_for_port(port, proc, log)
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    return proc


def page_types(root: Path) -> dict[str, str]:
    """One site path per page type and language, found through the content model (never guessed).

    Keys: landing, cases-index, case, whitepaper, news-index, news-post, each suffixed ':zh' or
    ':en'. Items published in both languages are preferred, so both languages test the same page;
    a type the demo content does not have is absent.
    """
    from hubtool.config import load_config
    from hubtool.content.load import load_hub

    hub = load_hub(load_config(root / "mkdocs.yml"))
    out: dict[str, str] = {}
    indexes = {"/": "landing", "/cases/": "cases-index", "/news/": "news-index"}
    items = sorted(hub.published, key=lambda i: i.url)
    for item in items:
        bare = item.url[3:] if item.url.startswith("/en/") else item.url
        if item.kind == "page" and bare in indexes:
            out[f"{indexes[bare]}:{item.lang}"] = item.url
    for kind, name in (("case", "case"), ("whitepaper", "whitepaper"), ("news", "news-post")):
        of_kind = [i for i in items if i.kind == kind]
        if kind == "whitepaper":  # the gated ones are what the form scenario needs
            of_kind = sorted(of_kind, key=lambda i: i.meta.get("gated") is not True)
        for item in of_kind:
            versions = hub.translations(item)
            if {"zh", "en"} <= set(versions):
                out[f"{name}:zh"], out[f"{name}:en"] = versions["zh"].url, versions["en"].url
                break
        else:
            for item in of_kind[:1]:
                out[f"{name}:{item.lang}"] = item.url
    out.setdefault("landing:zh", "/")
    return out


@contextlib.contextmanager
def running_hub(root: Path, *, leads: bool = True) -> Iterator[Hub]:
    """Build the demo hub into `root` and serve it; with `leads`, run the receiver beside it."""
    site_port, leads_port = free_port(), free_port()
    site, leads_origin = f"http://127.0.0.1:{site_port}", f"http://127.0.0.1:{leads_port}"
    site_dir = build_site(root, site, leads_origin)
    server = serve_static(site_dir, site_port)
    db_path = root / "var" / "leads-test.sqlite3"
    db_path.parent.mkdir(parents=True, exist_ok=True)
    proc = None
    try:
        if leads:
            proc = start_receiver(root, leads_port, db_path)
        yield Hub(
            root=root,
            site_dir=site_dir,
            site=site,
            leads=leads_origin,
            db_path=db_path,
            secret=SECRET.encode(),
            pages=page_types(root),
        )
    finally:
        server.shutdown()
        server.server_close()
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


ALL_CATEGORIES = ("performance", "best-practices", "seo", "accessibility")


def lighthouse_many(
    urls: list[str],
    out_dir: Path,
    *,
    form_factor: str = "mobile",
    categories: tuple[str, ...] = ALL_CATEGORIES,
) -> list[dict]:
    """Lighthouse 12 on each URL in turn, with one Debian chromium (lighthouse_run.mjs); the parsed
    reports in order. A page Lighthouse could not load has `runtimeError` set (see `lighthouse`).

    Fewer categories run a little faster (without performance there is no trace to analyse)."""
    run_dir = out_dir / f"run-{time.monotonic_ns()}"
    run_dir.mkdir(parents=True)
    env = {
        **os.environ,
        "CHROME_PATH": str(CHROMIUM),
        # chrome-launcher makes a fresh --user-data-dir itself; headless comes from our flags.
        "CHROME_FLAGS": " ".join(CHROMIUM_FLAGS),
    }
    command = [
        "node",
        str(HERE / "lighthouse_run.mjs"),
        str(run_dir),
        ",".join(categories),
        form_factor,
        *urls,
    ]
    done = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120 + 90 * len(urls)
    )
    reports = []
    for index, url in enumerate(urls):
        path = run_dir / f"{index}.json"
        if not path.exists():
            raise RuntimeError(
                f"lighthouse wrote no report for {url} ({done.returncode}):\n{done.stderr[-3000:]}"
            )
        reports.append(json.loads(path.read_text(encoding="utf-8")))
    shutil.rmtree(run_dir, ignore_errors=True)
    return reports


def lighthouse(
    url: str,
    out_dir: Path,
    *,
    form_factor: str = "mobile",
    categories: tuple[str, ...] = ALL_CATEGORIES,
) -> dict:
    """Lighthouse on one URL; RuntimeError when it could not load the page."""
    found = lighthouse_many([url], out_dir, form_factor=form_factor, categories=categories)
    return checked(found[0])


def checked(lhr: dict) -> dict:
    """The report itself, or RuntimeError when Lighthouse could not load the page."""
    if lhr.get("runtimeError"):
        error = lhr["runtimeError"]
        raise RuntimeError(
            f"lighthouse on {lhr.get('requestedUrl')}: {error.get('code')} {error.get('message')}"
        )
    return lhr


def scores(lhr: dict) -> dict[str, int]:
    """Category scores as Lighthouse shows them (0-100)."""
    return {key: round((cat.get("score") or 0) * 100) for key, cat in lhr["categories"].items()}


def failed_audits(lhr: dict, category: str) -> list[str]:
    """Audits of a category that lost points: 'id: title [first failing element or URL]'."""
    out = []
    for ref in lhr["categories"][category]["auditRefs"]:
        audit = lhr["audits"][ref["id"]]
        if ref.get("weight", 0) and audit.get("score") is not None and audit["score"] < 1:
            items = (audit.get("details") or {}).get("items") or []
            where = ""
            if items:
                node = items[0].get("node") or {}
                where = node.get("selector") or items[0].get("url") or items[0].get("source") or ""
            out.append(f"{ref['id']}: {audit.get('title')}" + (f" [{where}]" if where else ""))
    return out


def total_bytes(lhr: dict) -> int:
    return int(lhr["audits"]["total-byte-weight"].get("numericValue") or 0)


def leads_where(hub: Hub, email: str) -> list[dict]:
    """Leads stored by the receiver for `email` (read straight from its SQLite file)."""
    with contextlib.closing(sqlite3.connect(f"file:{hub.db_path}?mode=ro", uri=True)) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT * FROM leads WHERE email = ? ORDER BY id", (email,))
        return [dict(row) for row in rows]


def wait_for_lead(hub: Hub, email: str, timeout: float = 10.0) -> list[dict]:
    """Leads for `email`, waiting briefly: a download response may reach the test before the
    browser has finished the redirect chain (the receiver itself answers only after commit)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = leads_where(hub, email)
        if rows or time.monotonic() > deadline:
            return rows
        time.sleep(0.1)
