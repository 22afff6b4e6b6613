"""Reading a build folder that may not be trusted: its files, a page's bytes and encoding, the sitemap,
the documents it offers for download."""

from __future__ import annotations

import codecs
import functools
import hashlib
import os
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .links import base_path
from .records import PageFacts

# A page larger than this is not read (TEC015 says so): one 5 MiB page is already ten times the
# largest mkdocs-material page with a full navigation; a build folder is not always trusted.
MAX_PAGE_BYTES = 5 * 1024 * 1024


class PageSkipped(Exception):
    """A built file that is not read: `kind` as in `PageFacts.error`, `detail` for the message."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind, detail)
        self.kind, self.detail = kind, detail


_FILE_TYPES = {
    stat.S_IFIFO: "FIFO",
    stat.S_IFCHR: "character device",
    stat.S_IFBLK: "block device",
    stat.S_IFSOCK: "socket",
    stat.S_IFDIR: "directory",
}
# Non-blocking: opening a FIFO for reading would otherwise wait for a writer forever. No follow:
# a link is resolved (and confined to the site folder) before it is opened.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


@functools.lru_cache(maxsize=8)
def _real(root: str) -> str:
    return os.path.realpath(root)


def read_page(root: str, file: str, limit: int = MAX_PAGE_BYTES) -> bytes:
    """The bytes of the built file `file` under `root`, or PageSkipped saying why not.

    A build folder may be untrusted (`seo-audit --site-dir X --no-build`): only regular files
    inside it are read (a symbolic link is followed only when it stays inside), never more than
    `limit` bytes, and nothing here waits (a FIFO named `x.html` is skipped, not opened for good).
    """
    path = os.path.join(root, file)
    try:
        if stat.S_ISLNK(os.lstat(path).st_mode):
            real, base = os.path.realpath(path), _real(root)
            if real != base and not real.startswith(base.rstrip(os.sep) + os.sep):
                raise PageSkipped("outside", real)
            path = real
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise PageSkipped("unreadable", exc.strerror or type(exc).__name__) from None
    with open(fd, "rb", buffering=0, closefd=True) as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PageSkipped("special", _FILE_TYPES.get(stat.S_IFMT(info.st_mode), "special file"))
        if info.st_size > limit:
            raise PageSkipped("too-large", str(info.st_size))
        try:
            want = info.st_size + 1  # one byte more: a file that grew since fstat is noticed
            data = fh.read(want) or b""
            if len(data) == want:
                data += fh.read(limit + 1 - len(data)) or b""
        except OSError as exc:
            raise PageSkipped("unreadable", exc.strerror or type(exc).__name__) from None
    if len(data) > limit:
        raise PageSkipped("too-large", f"{limit + 1}+")  # grew past the limit while read
    return data


# The HTML standard's prescan looks at the first 1024 bytes for a declared encoding.
PRESCAN_BYTES = 1024
_CHARSET = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.IGNORECASE)
# Labels the WHATWG Encoding Standard decodes differently from Python's codec of the same name.
_CHARSET_LABELS = {
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "x-gbk": "gb18030",
    "csgb2312": "gb18030",
    "chinese": "gb18030",
    "gb_2312-80": "gb18030",
    "iso-ir-58": "gb18030",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "sjis": "cp932",
    "euc-kr": "cp949",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    # A UTF-16 label read by an ASCII prescan cannot be true (the standard then means UTF-8).
    "utf-16": "utf-8",
    "utf-16le": "utf-8",
    "utf-16be": "utf-8",
}
# Python codecs that are web encodings (others, like rot13 or unicode_escape, are not honoured).
_WEB_CODECS = {
    "utf-8",
    "gb18030",
    "big5hkscs",
    "cp932",
    "cp949",
    "euc_jp",
    "iso2022_jp",
    "koi8-r",
    "koi8-u",
    "mac-roman",
    "cp866",
    "cp874",
    "tis-620",
}


@functools.lru_cache(maxsize=64)
def _codec(label: bytes) -> str:
    """The Python codec of a declared charset label; UTF-8 for an unknown or non-web one."""
    name = label.decode("ascii", "replace").strip().lower()
    if name in _CHARSET_LABELS:
        return _CHARSET_LABELS[name]
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return "utf-8"
    web = codec in _WEB_CODECS or codec.startswith(("iso8859", "cp125"))
    return codec if web else "utf-8"


def decode_page(data: bytes) -> str:
    """A page's text in its declared encoding: a byte-order mark first, then `<meta charset>`
    (or `http-equiv` Content-Type) in the first 1024 bytes, else UTF-8. Never raises."""
    if data[:3] == codecs.BOM_UTF8:
        return data[3:].decode("utf-8", "replace")
    if data[:2] == codecs.BOM_UTF16_LE:
        return data[2:].decode("utf-16-le", "replace")
    if data[:2] == codecs.BOM_UTF16_BE:
        return data[2:].decode("utf-16-be", "replace")
    head = data[:PRESCAN_BYTES]
    if b"\0" in head:  # UTF-16 without a mark: every other byte of ASCII markup is zero
        odd, even = head[1::2].count(0), head[0::2].count(0)
        if max(odd, even) > len(head) // 4:
            return data.decode("utf-16-le" if odd > even else "utf-16-be", "replace")
    found = _CHARSET.search(head)
    codec = _codec(found.group(1)) if found else "utf-8"
    return data.decode(codec, "replace")


def list_files(root: Path) -> frozenset[str]:
    """Every file of the build, relative to its root, with forward slashes."""
    out = []
    for folder, _dirs, names in os.walk(root):
        rel = os.path.relpath(folder, root)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        out += [prefix + n for n in names]
    return frozenset(out)


def read_sitemap(
    root: Path, site_url: str, limit: int = MAX_PAGE_BYTES
) -> tuple[frozenset[str] | None, PageFacts | None]:
    """URLs of sitemap.xml as site URLs (decoded), None when the build has no sitemap; and the
    reason it was not read (a FIFO, a link out of the folder, too large), if so."""
    if not os.path.lexists(root / "sitemap.xml"):
        return None, None
    try:
        data = read_page(str(root), "sitemap.xml", limit)
    except PageSkipped as skip:
        return None, PageFacts(
            "/sitemap.xml", "sitemap.xml", error=skip.kind, error_detail=skip.detail
        )
    try:
        tree = ET.ElementTree(ET.fromstring(data))  # expat bounds entity expansion itself
    except ET.ParseError:
        return frozenset(), None
    base = base_path(site_url)
    urls = set()
    for loc in tree.iter():
        if loc.tag.endswith("loc") and loc.text:
            path_ = unquote(urlsplit(loc.text.strip()).path or "/")
            urls.add("/" + path_[len(base) :] if path_.startswith(base) else path_)
    return frozenset(urls), None


# Downloadable documents: what a gated whitepaper's file is (TEC017 looks for copies of it).
DOCUMENT_TYPES = (
    ".pdf",
    ".doc",
    ".docx",
    ".ppt",
    ".pptx",
    ".xls",
    ".xlsx",
    ".epub",
    ".zip",
    ".key",
)


def documents(root: Path, files: frozenset[str]) -> dict[str, str]:
    """SHA-256 of each downloadable document of the build (regular files inside it only), so a
    copy of a gated file under another name is found after the build folder is gone."""
    out = {}
    for rel in sorted(f for f in files if f.lower().endswith(DOCUMENT_TYPES)):
        path = root / rel
        try:
            if path.is_symlink() or not path.is_file():
                continue
            with open(path, "rb") as handle:
                out[rel] = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            continue
    return out
