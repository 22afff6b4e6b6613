"""The hub's one configuration: `mkdocs.yml`, with hubtool's settings under `extra.hub`."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from . import hubschema
from .errors import HubError, Problem
from .yamlfile import YamlError, dotted, load_with_lines

# Embedded defaults, from the one schema of `extra.hub` (hubschema.py): a hub (or any MkDocs site
# being audited) works without an `extra.hub` section.
DEFAULT_HUB: dict[str, Any] = hubschema.defaults()


@dataclass(frozen=True)
class HubConfig:
    """Everything hubtool reads from `mkdocs.yml`."""

    path: Path
    root: Path
    docs_dir: Path
    site_dir: Path
    site_name: str
    site_url: str
    hub: dict[str, Any]
    mkdocs: dict[str, Any] = field(repr=False)
    lines: dict[tuple, int] = field(repr=False, default_factory=dict)

    @property
    def default_lang(self) -> str:
        return str(self.hub["languages"]["default"])

    @property
    def gated_dir(self) -> Path:
        """The folder gated files must live in (`extra.hub.gated_dir`); see content/gated.py."""
        return self.root / str(self.hub["gated_dir"])

    @property
    def languages(self) -> list[str]:
        return [self.default_lang, *self.hub["languages"]["others"]]

    @property
    def blogs(self) -> list[dict[str, Any]]:
        """The blog plugin instances of mkdocs.yml (mkdocs-material's `blog`), with their settings."""
        out = []
        for entry in self.mkdocs.get("plugins") or []:
            name, options = (
                next(iter(entry.items())) if isinstance(entry, dict) and entry else (entry, None)
            )
            if isinstance(name, str) and name.split("/")[-1] == "blog":
                out.append(options if isinstance(options, dict) else {})
        return out

    def line_of(self, *path: str | int) -> int:
        """The mkdocs.yml line of `extra.hub.<path>`, or of its nearest parent."""
        full: tuple = ("extra", "hub", *path)
        while full and full not in self.lines:
            full = full[:-1]
        return self.lines.get(full, 1)

    def rel(self, path: Path) -> str:
        """A path relative to the hub root, with forward slashes (how findings name files)."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


def text(value: Any, lang: str, default_lang: str = "zh") -> str:
    """A configured string, either plain or per language (`{zh: …, en: …}`)."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get(default_lang) or next(iter(value.values()), ""))
    return "" if value is None else str(value)


def load_config(path: str | Path = "mkdocs.yml") -> HubConfig:
    """Read and validate `mkdocs.yml`; raise HubError naming file, line and key on bad input."""
    path = Path(path).resolve()
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise HubError(f"{path}: cannot read the configuration ({exc.strerror})") from None
    try:
        data, lines = load_with_lines(source)
    except YamlError as exc:
        raise HubError(f"{path.name}:{exc.line}: {exc.reason}") from None
    if not isinstance(data, dict):
        raise HubError(f"{path.name}:1: the configuration must be a mapping of settings")
    extra = data.get("extra") or {}
    user_hub = extra.get("hub") if isinstance(extra, dict) else None
    if user_hub is not None and not isinstance(user_hub, dict):
        line = lines.get(("extra", "hub"), 1)
        raise HubError(f"{path.name}:{line}: extra.hub: must be a mapping of hubtool's settings")
    problems = hubschema.check(user_hub, lines, path.name)
    problems += _check_gated_dir(
        (user_hub or {}).get("gated_dir", DEFAULT_HUB["gated_dir"]), lines, path.name
    )
    if problems:  # every problem at once, one per line
        raise HubError("\n".join(str(p) for p in problems))
    root = path.parent
    return HubConfig(
        path=path,
        root=root,
        docs_dir=(root / str(data.get("docs_dir") or "docs")).resolve(),
        site_dir=(root / str(data.get("site_dir") or "site")).resolve(),
        site_name=str(data.get("site_name") or ""),
        site_url=str(data.get("site_url") or ""),
        hub=_merge(copy.deepcopy(DEFAULT_HUB), user_hub or {}),
        mkdocs=data,
        lines=lines,
    )


def _merge(base: dict, override: dict) -> dict:
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def _check_gated_dir(value: Any, lines: dict, file: str) -> list[Problem]:
    """`gated_dir` is a folder inside the hub, beside its content: never the hub itself or var/."""
    where = ("extra", "hub", "gated_dir")
    parts = PurePosixPath(value).parts if isinstance(value, str) else ()
    if not parts or parts[0] == "/" or "\\" in str(value) or ".." in parts or parts[0] == "var":
        return [
            Problem(
                file,
                lines.get(where, 1),
                dotted(where),
                f"must be a folder inside the hub, e.g. whitepapers/files (not the hub "
                f"itself, an absolute path, '..' or var/; got {value!r})",
            )
        ]
    return []


# What the configured site adopted of the hub, and the language its writers read: needed from
# the content loader up, so it lives with the configuration.
def user_hub(config: HubConfig) -> dict[str, Any] | None:
    """`extra.hub` as written in mkdocs.yml (without the embedded defaults); None when absent."""
    extra = config.mkdocs.get("extra") if isinstance(config.mkdocs, dict) else None
    hub = extra.get("hub") if isinstance(extra, dict) else None
    return hub if isinstance(hub, dict) else None


def is_hub(config: HubConfig) -> bool:
    """True when mkdocs.yml has an `extra.hub` section: the site uses the hub's theme and content model."""
    return user_hub(config) is not None


def writers_lang(config: HubConfig) -> str:
    """The language of findings: "zh" for a Chinese hub, "en" otherwise.

    A hub's `languages.default` (zh unless set); for a plain MkDocs site (no `extra.hub`), the
    theme's language (`theme.language: zh`, `zh-Hant`…; MkDocs' default is en), since the hub's
    embedded default says nothing about a site that never adopted the hub.
    """
    if is_hub(config):
        lang = config.default_lang
    else:
        theme = config.mkdocs.get("theme") if isinstance(config.mkdocs, dict) else None
        lang = str(theme.get("language") or "en") if isinstance(theme, dict) else "en"
    return "zh" if lang.lower().startswith("zh") else "en"
