"""`hubtool serve`'s preview: a saved page visible within a second, the whole site caught up behind it.

Three parts, one thread each, talking through one queue:
- the watcher (watchdog, inotify where the system has it) reports saved, created, moved and deleted
  files of the docs folder, the configuration and `watch:` folders;
- the HTTP server serves the current worker's site folder and injects a live-reload script, the same
  long poll as `mkdocs serve` (`/livereload/<epoch>/<id>` answers when the site changes);
- the main loop gives an edited page to the serving worker (`preview.py`: renders it alone into the
  served folder, ~20-50 ms), reloads the browsers, and schedules a full build in a new worker once the
  writer pauses. When that build is done, pages edited while it ran are rendered into it again, the
  server switches to its folder, the old worker stops, and the terminal says so.
"""

from __future__ import annotations

import html
import json
import mimetypes
import os
import posixpath
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

from .. import messages
from ..errors import HubError

QUIET_SECONDS = 1.0  # a background build starts once the writer has not saved for this long
SETTLE_SECONDS = 0.03  # saves arrive as several events (truncate, write, close): wait for the last
_EVENTS = {"created", "modified", "moved", "deleted", "closed"}  # not opened / closed_no_write
_SCRIPT = """
(function (epoch) {
  var poll = function () {
    var req = new XMLHttpRequest();
    req.onloadend = function () {
      if (parseFloat(this.responseText) > epoch) { location.reload(); }
      else { setTimeout(poll, this.status === 200 ? 0 : 3000); }
    };
    req.open("GET", "/livereload/" + epoch + "/" + Date.now());
    req.send();
  };
  window.addEventListener("load", poll);
})(%d);
"""


def _now() -> str:
    return time.strftime("[%H:%M:%S]")


class Worker:
    """A `preview.py` process: builds a site into its own folder, then renders single pages."""

    def __init__(
        self, config_file: Path, serve_url: str, events: queue.Queue[tuple[Any, ...]], under: str
    ) -> None:
        # One folder per worker: the site it builds, and its own temporary files (the blog plugin
        # makes some), so removing the folder leaves nothing behind even if the worker was killed.
        self.folder = tempfile.mkdtemp(prefix="worker-", dir=under)
        self.site_dir = os.path.join(self.folder, "site")
        os.makedirs(os.path.join(self.folder, "tmp"))
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": os.path.join(self.folder, "tmp")}
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "hubtool.site.preview",
                str(config_file),
                self.site_dir,
                serve_url,
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            cwd=config_file.parent,
            env=env,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.replies: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._asked = 0
        self.stopped: float | None = None
        self._events = events
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        first = True
        for line in self.proc.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue  # not the protocol (the worker sends its own prints to stderr)
            if first:  # the build's outcome goes to the main loop
                self._events.put(("built", self, message))
                first = False
            else:
                self.replies.put(message)
        if first:
            self._events.put(("built", self, {"failed": f"exit status {self.proc.wait()}"}))
        self.replies.put(None)

    def render(self, paths: list[str], timeout: float = 120) -> dict[str, Any] | None:
        """The worker's answer, or None if it is gone or too slow (a late answer is dropped later)."""
        assert self.proc.stdin is not None
        self._asked += 1
        deadline = time.monotonic() + timeout
        try:
            self.proc.stdin.write(
                json.dumps({"id": self._asked, "render": paths}, ensure_ascii=False) + "\n"
            )
            self.proc.stdin.flush()
            while True:
                reply = self.replies.get(timeout=max(0.0, deadline - time.monotonic()))
                if reply is None or reply.get("id") == self._asked:
                    return reply
        except (OSError, ValueError, queue.Empty):
            return None

    def stop(self) -> None:
        """End the process; its folder goes a little later (a browser may still be reading it)."""
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()
        self.stopped = time.monotonic()

    def remove_now(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass
class Site:
    """What the HTTP threads read: the folder being served, and the version browsers reload to."""

    root: str | None = None
    error: str = ""
    epoch: int = field(default_factory=lambda: round(time.monotonic() * 1000))
    changed: threading.Condition = field(default_factory=threading.Condition)

    def bump(self) -> None:
        with self.changed:
            self.epoch = max(self.epoch + 1, round(time.monotonic() * 1000))
            self.changed.notify_all()


class _Handler(BaseHTTPRequestHandler):
    """The preview's HTTP routes: `/livereload/<epoch>/…` (the long poll), and files of the site
    folder being served (HTML with the reload script), or a 503 page saying why there is none yet.
    `_handler(site)` makes one bound to the site it serves."""

    protocol_version = "HTTP/1.1"
    site: Site  # set on the subclass `_handler` makes

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for the writer: edits, rebuilds, errors

    def do_HEAD(self) -> None:
        self._route(head=True)

    def do_GET(self) -> None:
        self._route(head=False)

    def _route(self, head: bool) -> None:
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path, errors="replace")
        if "\x00" in path or not path.startswith("/"):
            self._send(400, b"bad request", "text/plain", head)
        elif path.startswith("/livereload/"):
            self._livereload(path, head)
        elif self.site.root is None:
            self._not_built(head)
        else:
            self._file(self.site.root, path, head)

    def _send(
        self,
        status: int,
        body: bytes,
        content_type: str,
        head: bool,
        extra: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _not_built(self, head: bool) -> None:
        """No site yet: why (the first build's error, or "…" while it runs); reloads when there is."""
        message = html.escape(self.site.error or "…")
        body = (
            f"<!doctype html><meta charset=utf-8><title>hubtool serve</title><pre>{message}</pre>"
        ).encode()
        page = self._inject(body)
        self._send(503, page, "text/html; charset=utf-8", head, {"Retry-After": "2"})

    def _file(self, root: str, path: str, head: bool) -> None:
        """A file of the site folder (a folder's index.html; 404.html when there is none)."""
        rel = posixpath.normpath("/" + path).lstrip("/")  # no way above the site folder
        file = os.path.join(root, "" if rel == "." else rel)
        if os.path.isdir(file):
            if not path.endswith("/"):
                location = {"Location": urllib.parse.quote(path) + "/"}
                return self._send(302, b"", "text/plain", head, location)
            file = os.path.join(file, "index.html")
        status = 200
        if not os.path.isfile(file):
            status, file = 404, os.path.join(root, "404.html")
        try:
            with open(file, "rb") as handle:
                body = handle.read()
        except OSError:
            return self._send(404, b"404 Not Found", "text/plain", head)
        content_type = mimetypes.guess_type(file)[0] or "application/octet-stream"
        if content_type == "text/html":
            body, content_type = self._inject(body), "text/html; charset=utf-8"
        elif content_type.startswith("text/") or content_type.endswith(("xml", "json")):
            content_type += "; charset=utf-8"
        self._send(status, body, content_type, head)

    def _inject(self, body: bytes) -> bytes:
        script = b"<script>" + (_SCRIPT % self.site.epoch).encode() + b"</script>"
        at = body.rfind(b"</body>")
        return body + script if at < 0 else body[:at] + script + body[at:]

    def _livereload(self, path: str, head: bool) -> None:
        try:
            known = int(path.split("/")[2])
        except (IndexError, ValueError):
            return self._send(400, b"bad request", "text/plain", head)
        site = self.site
        with site.changed:  # answer when the site changes, or after a minute anyway
            site.changed.wait_for(lambda: site.epoch > known, timeout=60)
            epoch = site.epoch
        self._send(200, str(epoch).encode(), "text/plain", head)


def _handler(site: Site) -> type[_Handler]:
    """The handler class ThreadingHTTPServer instantiates per request, bound to `site`."""
    return type("Handler", (_Handler,), {"site": site})


class Preview:
    """The main loop: edits to renders, pauses to background builds, finished builds to swaps."""

    def __init__(
        self,
        config_file: Path,
        host: str,
        port: int,
        lang: str,
        echo: Callable[[str], None] | None = None,
    ) -> None:
        from mkdocs.config import load_config

        self.config_file = config_file.resolve()
        self.lang = lang
        self.echo = echo or (lambda text: print(text, file=sys.stderr, flush=True))
        mk = load_config(config_file=str(self.config_file))
        self.watched = sorted(
            {
                os.path.realpath(p)
                for p in [mk.docs_dir, str(self.config_file), *mk.watch]
                if os.path.exists(p)
            }
        )
        mk.plugins.on_shutdown()  # loaded only to read the folders: plugins remove what they made
        self.events: queue.Queue[tuple[Any, ...]] = queue.Queue()
        self.site = Site()
        try:
            self.server = ThreadingHTTPServer((host, port), _handler(self.site))
        except OSError as exc:
            raise HubError(
                f"cannot serve on {host}:{port} ({exc.strerror}): choose another --port"
            ) from None
        self.server.daemon_threads = True
        self.url = f"http://{host}:{self.server.server_address[1]}/"
        self.current: Worker | None = None
        self.building: Worker | None = None
        self.edited_while_building: set[str] = set()
        self.rebuild_at: float | None = None
        self.again = False
        self.drafts_seen: set[str] = set()
        self.retired: list[Worker] = []
        self.folder = ""  # every worker's folder is in here; removed when serve stops
        self._stop = threading.Event()

    def say(self, key: str, **values: Any) -> None:
        self.echo(f"{_now()} " + messages.say(f"serve_{key}", self.lang, **values))

    # -- watching ------------------------------------------------------------------------------

    def _watch(self) -> BaseObserver:
        observer = Observer()
        for path in self.watched:
            if os.path.isdir(path):
                observer.schedule(_Changes(self.events), path, recursive=True)
            else:  # a file (mkdocs.yml): watch its folder, keep only its events
                handler = _OnlyFile(_Changes(self.events), path)
                observer.schedule(handler, os.path.dirname(path), recursive=False)
        observer.start()
        return observer

    # -- the loop ------------------------------------------------------------------------------

    def run(self) -> None:
        """Serve until Ctrl-C or SIGTERM; then stop the workers and remove every folder made."""
        for signum in (signal.SIGINT, signal.SIGTERM):  # handled between steps, never inside one
            signal.signal(signum, lambda *_: self._stop.set())
        self.folder = tempfile.mkdtemp(prefix="hubtool-preview-")
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        observer = self._watch()
        self.say("building", url=self.url)
        self.building = Worker(self.config_file, self.url, self.events, self.folder)
        try:
            while not self._stop.is_set():
                wait = 0.5 if self.rebuild_at is None else self.rebuild_at - time.monotonic()
                try:
                    kind, *rest = self.events.get(timeout=min(0.5, max(0.0, wait)))
                except queue.Empty:
                    self._maybe_rebuild()
                    self._sweep()
                    continue
                if kind == "change":
                    self._changes({rest[0]: rest[1]})
                elif kind == "built":
                    self._built(*rest)
                self._maybe_rebuild()
                self._sweep()
        finally:
            observer.stop()
            self.server.shutdown()
            self.server.server_close()
            for worker in (self.current, self.building, *self.retired):
                if worker is not None:
                    worker.remove_now()
            shutil.rmtree(self.folder, ignore_errors=True)

    def stop(self) -> None:
        self._stop.set()

    def _sweep(self) -> None:
        """Folders of replaced workers go once no browser can still be reading them."""
        for worker in [w for w in self.retired if w.stopped and time.monotonic() - w.stopped > 10]:
            worker.remove_now()
            self.retired.remove(worker)

    def _changes(self, changed: dict[str, str]) -> None:
        # Saves arrive as bursts of events: collect the burst before rendering.
        deadline = time.monotonic() + SETTLE_SECONDS
        while (left := deadline - time.monotonic()) > 0:
            try:
                kind, *rest = self.events.get(timeout=left)
            except queue.Empty:
                break
            if kind == "change":
                changed[rest[0]] = rest[1]
                deadline = time.monotonic() + SETTLE_SECONDS
            else:
                self.events.put((kind, *rest))  # a finished build: handled after this burst
                break
        # An editor's temporary file, gone once renamed over the page, is not a change of the site
        # (a removed image is not either: it is left in the site until the next full build).
        changed = {
            p: event for p, event in changed.items() if p.endswith(".md") or os.path.exists(p)
        }
        pages = sorted(
            p
            for p, event in changed.items()
            if p.endswith(".md") and event != "deleted" and os.path.isfile(p)
        )
        rebuild = len(pages) < len(changed)  # configuration, theme, assets, deletions
        if pages and self.current is not None:
            reply = self.current.render(pages)
            # Rendered pages: listings, navigation and feeds of other pages catch up in a full build.
            # A page with errors alone needs none: it would fail the same way (they are printed).
            rebuild |= True if reply is None else self._report(reply)
        elif pages:
            rebuild = True
        if self.building is not None:
            self.edited_while_building.update(pages)
        if rebuild:
            self.rebuild_at = time.monotonic() + QUIET_SECONDS
            if self.building is not None:
                self.again = True

    def _report(self, reply: dict[str, Any]) -> bool:
        """Say what the render did; True when something needs a full build to show."""
        for message in reply["errors"] + reply["warnings"]:
            self.say("error", message=message)
        if reply["errors"]:  # every time, whatever the error: the writer is looking at the page
            self.say("kept")
        for url in reply["rendered"]:
            self.say("updated", url="/" + url, seconds=reply["seconds"])
        for rel in reply["rebuild"]:
            self.say("later", rel=rel)
        for rel in reply["drafts"]:
            if rel not in self.drafts_seen:
                self.drafts_seen.add(rel)
                self.say("draft", rel=rel)
        if reply["rendered"]:
            self.site.bump()
        return bool(reply["rebuild"]) or bool(reply["rendered"])

    def _maybe_rebuild(self) -> None:
        if (
            self.rebuild_at is None
            or time.monotonic() < self.rebuild_at
            or self.building is not None
        ):
            return
        self.rebuild_at = None
        self.again = False
        self.edited_while_building = set()
        self.building = Worker(self.config_file, self.url, self.events, self.folder)

    def _built(self, worker: Worker, message: dict[str, Any]) -> None:
        if worker is not self.building:
            return
        self.building = None
        if "failed" in message:
            worker.remove_now()
            if self.current is None:
                self.site.error = message["failed"]
                self.say("failed_first", error=message["failed"])
                self.site.bump()
            else:
                self.say("failed", error=message["failed"])
            return
        # It read some sources before they were saved again: render those into it before the swap.
        edited = sorted(p for p in self.edited_while_building if os.path.isfile(p))
        if edited:
            worker.render(edited)
        first = self.current is None
        old, self.current = self.current, worker
        self.site.root, self.site.error = worker.site_dir, ""
        self.site.bump()
        if old is not None:
            old.stop()
            self.retired.append(old)
        if first:
            self.say("ready", url=self.url, pages=message["built"], seconds=message["seconds"])
        else:
            self.say("rebuilt", pages=message["built"], seconds=message["seconds"])
        if self.again:
            self.rebuild_at = time.monotonic() + QUIET_SECONDS


class _Changes(FileSystemEventHandler):
    """Puts ("change", path, event type) on the main loop's queue for each file saved, created,
    moved or deleted, except editors' temporary and backup files."""

    def __init__(self, events: queue.Queue[tuple[Any, ...]]) -> None:
        self.events = events

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type not in _EVENTS:
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = os.fsdecode(raw)
            name = os.path.basename(path)
            if (
                path
                and not name.startswith((".", "~"))
                and not name.endswith(("~", ".swp", ".swx", ".tmp"))
                and name != "4913"
            ):
                self.events.put(("change", path, event.event_type))


class _OnlyFile(FileSystemEventHandler):
    """A watchdog handler that passes on events of one file of a watched folder."""

    def __init__(self, handler: FileSystemEventHandler, path: str) -> None:
        self.handler, self.path = handler, path

    def dispatch(self, event: FileSystemEvent) -> None:
        if self.path in (
            os.path.realpath(os.fsdecode(event.src_path)),
            os.path.realpath(os.fsdecode(getattr(event, "dest_path", "") or "/")),
        ):
            self.handler.dispatch(event)
