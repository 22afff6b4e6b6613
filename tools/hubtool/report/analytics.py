"""Analytics CSV import: views and visitors per site URL from GA4, Baidu Tongji or a mapped export."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..errors import HubError

FIELDS = ("url", "views", "visitors", "sessions")


@dataclass(frozen=True)
class Layout:
    """A known export: the header names of each of our fields (any one of them may appear)."""

    name: str
    columns: Mapping[str, tuple[str, ...]]


# Two real exports, with the header names each tool writes (in its English and Chinese UI).
LAYOUTS: tuple[Layout, ...] = (
    # Google Analytics 4: Reports > Engagement > Pages and screens > Share this report > Download CSV.
    # The file opens with '#' comment lines (account, property, start and end date) before the header.
    Layout(
        "ga4",
        {
            "url": (
                "Page path and screen class",
                "Page path + query string and screen class",
                "Page path",
                "Page location",
                "Landing page",
                "Landing page + query string",
                "网页路径和屏幕类",
                "网页路径 + 查询字符串和屏幕类",
                "网页路径",
                "网页位置",
                "着陆页",
            ),
            "views": ("Views", "Screen page views", "浏览次数", "浏览量"),
            "visitors": ("Active users", "Users", "Total users", "活跃用户", "用户", "总用户数"),
            "sessions": ("Sessions", "会话次数", "会话数"),
        },
    ),
    # Baidu Tongji (百度统计): 访问分析 > 受访页面 > 下载 CSV. Often GB18030, sometimes with a title
    # line and a date-range line above the header, and a 汇总 row.
    Layout(
        "baidu",
        {
            "url": ("页面URL", "页面url", "受访页面", "页面地址", "URL"),
            "views": ("浏览量(PV)", "浏览量（PV）", "浏览量", "PV"),
            "visitors": ("访客数(UV)", "访客数（UV）", "访客数", "UV"),
            "sessions": ("访问次数",),
        },
    ),
)

# First-column values of total rows that tools add to the table: not pages.
_TOTAL_ROWS = {"grand total", "total", "totals", "总计", "合计", "汇总", "当页汇总", "全部汇总"}
_NUMBER = re.compile(r"^[+]?\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class PageStats:
    """Views and visitors of one site URL (rows of the export that map to it are added up)."""

    url: str
    views: int = 0
    visitors: int = 0
    sessions: int = 0  # 0 when the export has no sessions column (see Analytics.has_sessions)


@dataclass(frozen=True)
class Analytics:
    """One imported export: rows per site URL, and which file, layout and encoding it was."""

    file: str
    layout: str
    encoding: str
    rows: int  # data rows read (total rows excluded)
    pages: Mapping[str, PageStats] = field(default_factory=dict)
    columns: Mapping[str, str] = field(default_factory=dict)  # our field -> header used

    @property
    def has_sessions(self) -> bool:
        return "sessions" in self.columns

    def views(self, url: str) -> int | None:
        stats = self.pages.get(url)
        return stats.views if stats else None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Text and encoding of an export: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            # Baidu Tongji and Excel on Chinese Windows write GBK/GB18030 (GB18030 is a superset).
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            line = data[: utf8_error.start].count(b"\n") + 1
            raise HubError(f"{name}:{line}: the file is neither UTF-8 nor GB18030 text") from None


def _bare(host: str) -> str:
    return host.lower().removeprefix("www.")


def site_url_path(value: str, base: str = "/", host: str = "") -> str | None:
    """The hub URL of an exported page address: `/cases/x/`. None when it is not a page path,
    or when it names another host than `host` (www. aside): such rows are not the hub's pages.

    Query string and fragment are dropped; `index.html` and a missing trailing slash are
    folded into the directory URL; the site's base path (from `site_url`) is removed.
    """
    value = value.strip()
    if not value or value.startswith("("):  # GA4's "(not set)", "(other)"
        return None
    parts = urlsplit(value if "://" in value or value.startswith("/") else "/" + value)
    if host and parts.hostname and _bare(parts.hostname) != _bare(host):
        return None
    path = unquote(parts.path or "/")
    if not path.startswith("/"):
        return None
    if base != "/" and (path + "/").startswith(base):
        path = "/" + path[len(base) :]
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    elif path.endswith(".html") and path != "/404.html":
        path = path[: -len(".html")] + "/"  # /cases/x.html (use_directory_urls: false) -> /cases/x/
    last = path.rsplit("/", 1)[-1]
    if last and "." not in last:
        path += "/"
    return re.sub(r"/{2,}", "/", path)


def _find(headers: Sequence[str], names: Sequence[str]) -> int | None:
    wanted = [n.strip().casefold() for n in names]
    cleaned = [h.strip().strip("\ufeff").casefold() for h in headers]
    for name in wanted:  # the first name in the list wins (a GA4 export has both path and title)
        if name in cleaned:
            return cleaned.index(name)
    return None


def mapping_from_config(
    config: Mapping[str, Any],
    source: str = "mkdocs.yml",
    line_of: Callable[[str], int] | None = None,
) -> dict[str, tuple[str, ...]]:
    """`extra.hub.analytics` -> {field: header names}. Keys: url, views, visitors, sessions (text or list)."""
    out: dict[str, tuple[str, ...]] = {}
    for key, value in (config or {}).items():
        where = f"{source}:{line_of(key)}" if line_of else source
        if key not in FIELDS:
            raise HubError(
                f"{where}: extra.hub.analytics.{key}: unknown column (known: {', '.join(FIELDS)})"
            )
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise HubError(
                f"{where}: extra.hub.analytics.{key}: must be a column name "
                "or a list of column names"
            )
        out[key] = tuple(names)
    return out


def _layouts(mapping: Mapping[str, tuple[str, ...]]) -> list[Layout]:
    if not mapping:
        return list(LAYOUTS)
    # A configured mapping is tried first; fields it leaves out fall back to every known name.
    known = {f: tuple(n for layout in LAYOUTS for n in layout.columns[f]) for f in FIELDS}
    return [Layout("configured", {f: mapping.get(f, known[f]) for f in FIELDS}), *LAYOUTS]


def _number(cell: str) -> int | None:
    """'1,234' / '1 234' / '1234.0' -> 1234; '--' and '' -> 0; anything else None."""
    text = cell.strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if text in ("", "-", "--", "—"):
        return 0
    return int(float(text)) if _NUMBER.match(text) else None


@dataclass
class _Table:
    """The export's table as it is read row by row: which layout its header is, and the rows so
    far, added up per site URL."""

    name: str  # the file, for error messages
    base: str
    host: str
    layouts: list[Layout]
    header_line: int = 0
    layout: str = ""
    index: dict[str, int] = field(default_factory=dict)  # our field -> column number
    columns: dict[str, str] = field(default_factory=dict)  # our field -> header used
    totals: dict[str, PageStats] = field(default_factory=dict)
    rows: int = 0

    def feed(self, row: list[str], line: int) -> bool:
        """Take one CSV row; False once the table has ended (a blank or comment line after it:
        GA4 may append further tables)."""
        if not row or not any(c.strip() for c in row) or row[0].lstrip("\ufeff").startswith("#"):
            return not (self.header_line and self.rows)
        if not self.header_line:
            self._header(row, line)  # title and date-range lines above the header are skipped
        else:
            self._data(row, line)
        return True

    def _header(self, row: list[str], line: int) -> None:
        for layout in self.layouts:
            found = {f: _find(row, layout.columns[f]) for f in FIELDS}
            if found["url"] is not None and found["views"] is not None:
                self.index = {f: i for f, i in found.items() if i is not None}
                self.layout, self.header_line = layout.name, line
                self.columns = {f: row[i].strip() for f, i in self.index.items()}
                return

    def _number(self, row: list[str], line: int, key: str) -> int:
        if key not in self.index:
            return 0
        cell = row[self.index[key]]
        number = _number(cell)
        if number is None:
            raise HubError(
                f"{self.name}:{line}: column '{self.columns[key]}': '{cell.strip()}' is not a number"
            )
        return number

    def _data(self, row: list[str], line: int) -> None:
        need = max(self.index.values()) + 1
        if len(row) < need:
            raise HubError(
                f"{self.name}:{line}: expected at least {need} columns, found {len(row)}"
            )
        url_cell = row[self.index["url"]].strip()
        if url_cell.casefold() in _TOTAL_ROWS:
            return
        views, visitors, sessions = (
            self._number(row, line, key) for key in ("views", "visitors", "sessions")
        )
        self.rows += 1
        if not url_cell:
            raise HubError(
                f"{self.name}:{line}: column '{self.columns['url']}': the page address is empty"
            )
        # Rows that are no page address ("(not set)") keep their text: reported, never dropped.
        url = site_url_path(url_cell, self.base, self.host) or url_cell
        old = self.totals.get(url, PageStats(url))
        self.totals[url] = PageStats(
            url, old.views + views, old.visitors + visitors, old.sessions + sessions
        )


def _read(path: Path) -> tuple[str, str]:
    """The export's text and encoding."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise HubError(f"{path}: cannot read the analytics export ({exc.strerror})") from None
    return decode(data, str(path))


def load_analytics(
    path: str | Path,
    mapping: Mapping[str, tuple[str, ...]] | None = None,
    base: str = "/",
    host: str = "",
) -> Analytics:
    """Read one export. Bad input raises HubError naming the file and line."""
    path = Path(path)
    text, encoding = _read(path)
    sample = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    table = _Table(str(path), base, host, _layouts(mapping or {}))
    try:
        for row in reader:
            if not table.feed(row, reader.line_num):
                break
    except csv.Error as exc:
        raise HubError(f"{path}:{reader.line_num}: malformed CSV ({exc})") from None
    if not table.header_line:
        wanted = sorted({n for layout in table.layouts for n in layout.columns["url"]})[:6]
        raise HubError(
            f"{path}:1: no header row with a page URL and a views column "
            f"(looked for e.g. {', '.join(wanted)}; map yours in extra.hub.analytics)"
        )
    return Analytics(
        file=path.name,
        layout=table.layout,
        encoding=encoding,
        rows=table.rows,
        pages=dict(sorted(table.totals.items())),
        columns=table.columns,
    )
