"""The gated whitepapers the receiver hands out, each file checked again at every download."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from ..config import HubConfig
from ..content.gated import resolve_gated_file
from ..content.load import load_hub
from ..errors import HubError

log = logging.getLogger("hubtool.leads")


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
