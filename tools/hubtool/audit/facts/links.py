"""Link resolution: an href of a built page to the site URL it names, and whether the build has it."""

from __future__ import annotations

import functools
import posixpath
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

_SKIP = ("mailto:", "tel:", "javascript:", "data:", "sms:")
# (site URL, fragment, target file exists, target is an .html page), or None for an external link.
Target = tuple[str, str, bool, bool] | None
Exists = Callable[[str], bool]  # is this file (relative to the build's root) in the build?


def base_path(site_url: str) -> str:
    """The path the site is served under (`/docs/` for https://x.example/docs/)."""
    path = urlsplit(site_url or "").path or "/"
    return path if path.endswith("/") else path + "/"


def site_path(href: str, page_url: str, site_url: str) -> tuple[str, str] | None:
    """Resolve a link to (site URL, fragment), both decoded; None for external or non-HTTP links."""
    href = href.strip()
    if not href or href.startswith(_SKIP):
        return None
    if ":" not in href and not href.startswith("//"):
        return _relative(href, page_url, site_url)
    try:
        return _absolute(href, page_url, site_url)
    except ValueError:  # unparsable (`http://[::1`): not a link anyone can follow to this site
        return None


def _absolute(href: str, page_url: str, site_url: str) -> tuple[str, str] | None:
    parts = urlsplit(href)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    base = base_path(site_url)
    if parts.scheme or parts.netloc:
        site = urlsplit(site_url or "")
        if not site.netloc or parts.netloc.lower() != site.netloc.lower():
            return None
        path = parts.path or "/"
    elif href.startswith("/"):
        path = parts.path
    else:
        path = urlsplit(urljoin("http://h" + page_url, href)).path if parts.path else page_url
        return unquote(path), unquote(parts.fragment)
    path = urlsplit(urljoin("http://h/", path)).path  # resolves '.' and '..' segments
    # Absolute paths are under the served base; map them to site-relative URLs.
    if not path.startswith(base):
        return unquote(path), unquote(parts.fragment)  # outside the site's base: will not exist
    return "/" + unquote(path[len(base) :]), unquote(parts.fragment)


def _relative(href: str, page_url: str, site_url: str) -> tuple[str, str]:
    """Fast path of `site_path` for scheme-less links (nearly all links of a built site)."""
    rest, _, fragment = href.partition("#")
    path = rest.partition("?")[0]
    if not path:
        return page_url, unquote(fragment)
    if path.startswith("/"):
        return _join("", path, base_path(site_url)), unquote(fragment)
    folder = _folder(page_url)
    # Climb `../` here so that the cache key is shared: every page one level down links to
    # `../cases/` as the same (folder, path) pair, and navigation links repeat on every page.
    while path.startswith("../") and folder != "/":
        folder = _parent(folder)
        path = path[3:]
    return _join(folder, path, "/"), unquote(fragment)


def _folder(url: str) -> str:
    """The folder a page's relative links start from: /a/b/ for /a/b/ and for /a/b/x.html."""
    return url if url.endswith("/") else url.rsplit("/", 1)[0] + "/"


def _parent(folder: str) -> str:
    """/a/b/ -> /a/ (the root is its own parent: `..` never climbs above the site)."""
    return folder[: folder.rstrip("/").rfind("/") + 1] if folder != "/" else folder


def _climbed(folder: str, href: str) -> tuple[str, str]:
    """`_relative` after its climb: `href` (its `../` steps taken) joined to `folder`."""
    rest, _, fragment = href.partition("#")
    return _join(folder, rest.partition("?")[0], "/"), unquote(fragment)


@functools.lru_cache(maxsize=1 << 16)
def _join(folder: str, path: str, base: str) -> str:
    """`folder` + `path`, with dot segments resolved, decoded, relative to the site's base."""
    joined = folder + path
    directory = path.endswith("/") or path.rsplit("/", 1)[-1] in (".", "..")
    joined = posixpath.normpath(joined).replace("//", "/")
    if directory and not joined.endswith("/"):
        joined += "/"
    if base != "/":
        if not joined.startswith(base):
            return unquote(joined)
        joined = "/" + joined[len(base) :]
    return sys.intern(unquote(joined))


def file_of(url: str, exists: Exists) -> str | None:
    """The built file that serves `url`, or None (directory URLs serve index.html)."""
    rel = url.lstrip("/")
    candidates = [rel + "index.html"] if url.endswith("/") else [rel, rel + "/index.html"]
    for candidate in candidates:
        if exists(candidate):
            return candidate
    return None


def _ups(href: str) -> int:
    """How many `../` steps `href` starts with."""
    steps = 0
    while href.startswith("../", 3 * steps):
        steps += 1
    return steps


class Resolver:
    """`site_path` + `file_of` for the pages of one build, with results shared across pages.

    An href is resolved once per worker for all the pages it means the same on: `../cases/x/`
    for every page with the same parent folder, `/cases/x/` for every page, anything else for
    its own page. A page carries hundreds of navigation links, repeated on every page, and
    in-text links repeat across pages too. Behind that, a relative link is also keyed by the
    folder it climbs to and the rest of the href (`../../x/` one level deeper is `../x/`).
    """

    def __init__(self, root: Path, site_url: str, exists: Exists) -> None:
        self.root, self.site_url, self.exists = root, site_url, exists
        self._hrefs: dict[tuple[str, str], Target] = {}
        self._climbed: dict[tuple[str, str], tuple[str, str]] = {}
        self._files: dict[str, tuple[bool, bool]] = {}

    def page(self, url: str) -> Callable[[str], Target]:
        """A function href -> Target for the page at `url`."""
        ancestors = [_folder(url)]
        while ancestors[-1] != "/":  # as `_relative` climbs `../`: never above the site's root
            ancestors.append(_parent(ancestors[-1]))
        # `../x` from any page of a folder climbs to the same place (urljoin, too, for `../a:b`).
        parent = ancestors[1] if len(ancestors) > 1 else "/"
        hrefs = self._hrefs
        if len(hrefs) > 200_000:  # bound the memory of a worker on a huge site
            hrefs.clear()
            self._climbed.clear()
        own: dict[str, Target] = {}  # what only this page means: #anchors, sibling files
        resolve = self._resolve

        def target(href: str) -> Target:
            if href.startswith("../"):
                key = (parent, href)
            elif href.startswith("/") and not href.startswith("//"):
                key = ("", href)  # site-absolute: the same on every page
            else:
                try:
                    return own[href]
                except KeyError:
                    found = own[href] = resolve(href, url, ancestors)
                    return found
            try:
                return hrefs[key]
            except KeyError:
                found = hrefs[key] = resolve(href, url, ancestors)
                return found

        return target

    def _resolve(self, href: str, url: str, ancestors: list[str]) -> Target:
        resolved = self._site_path(href.strip(), url, ancestors)
        if resolved is None:
            return None
        path, fragment = resolved
        state = self._files.get(path)
        if state is None:
            file = file_of(path, self.exists)
            state = self._files[path] = (file is not None, (file or "").endswith(".html"))
        return (path, fragment, *state)

    def _site_path(self, h: str, url: str, ancestors: list[str]) -> tuple[str, str] | None:
        """`site_path`, with relative links keyed by the folder they climb to."""
        if not h or h.startswith(_SKIP):
            return None
        if ":" in h or h.startswith("//"):
            return site_path(h, url, self.site_url)
        if h[0] in "#?":  # this page itself
            return url, unquote(h.partition("#")[2])
        up = min(_ups(h), len(ancestors) - 1)
        key = (ancestors[up], h[3 * up :]) if h[0] != "/" else ("", h)
        resolved = self._climbed.get(key)
        if resolved is None:
            resolved = self._climbed[key] = (
                _relative(h, "/", self.site_url) if not key[0] else _climbed(*key)
            )
        return resolved
