"""The hub's one configuration: `mkdocs.yml`, with hubtool's settings under `extra.hub`."""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import HubError, Problem
from .yamlfile import YamlError, dotted, load_with_lines

# Embedded defaults: a hub (or any MkDocs site being audited) works without an `extra.hub` section.
DEFAULT_HUB: dict[str, Any] = {
    "company": {"name": "", "legal_name": "", "url": "", "logo": "", "email": "", "phone": "",
                "address": "", "same_as": [],
                # Other names of the company and its products: ED002 reads them as "the company".
                "aliases": [], "products": [],
                # Other names of the company and its products: ED002 reads them as "the company".
                "aliases": [], "products": [],
                "icp": {"number": "", "url": ""}, "psb": {"number": "", "url": ""}},
    "languages": {"default": "zh", "others": ["en"]},
    "vocabulary": {
        "audience": ["decision-maker", "evaluator", "user", "admin", "buyer"],
        "industries": {},
        # Display names of news categories (front matter keeps the slug, which names the URL).
        "categories": {
            "product": {"zh": "产品动态", "en": "Product"},
            "partnership": {"zh": "合作伙伴", "en": "Partnerships"},
            "event": {"zh": "活动", "en": "Events"},
            "award": {"zh": "荣誉资质", "en": "Awards"},
            "standard": {"zh": "标准规范", "en": "Standards"},
        },
    },
    "defaults": {"case": {"cta": "demo"}, "whitepaper": {"cta": "whitepaper-download"},
                 "news": {"cta": "contact"}},
    "leads": {
        "endpoint": "http://127.0.0.1:8001",
        "site_origins": ["http://127.0.0.1:8000", "http://localhost:8000"],
        "privacy_url": "/privacy/",
        "consent_version": "1",
        "crossborder": False,
        "min_fill_seconds": 2,
        "rate_limit": {"per_minute": 20},
        "download_ttl_hours": 72,
        "webhook": {"url": "", "secret_env": "HUBTOOL_WEBHOOK_SECRET", "max_attempts": 8},
    },
    "forms": {},
    # The header's call-to-action button on every page: a form id of `forms`, its label per
    # language, and the page showing that form (default: the language's home page).
    "header_cta": {"form": "", "label": {}, "page": ""},
    "badges": {"customers": [], "certifications": [], "patents": [], "awards": [], "analysts": []},
    "approvals": {"whitepaper": 2},
    "cadence": {
        "news_max_age_days": 30,
        "news_max_gap_days": 45,
        "whitepaper_max_age_days": 180,
        "refresh_after_days": 540,
        "scheduled_publishing": False,
        "targets_per_month": {"news": 1, "case": 0.5, "whitepaper": 0.34},
    },
    "review": {},
    "calendar": {"topics": {}},
    # Folder (relative to mkdocs.yml) with the company's own `hubtool new` templates; "" = packaged.
    "templates_dir": "",
    # Folder (relative to mkdocs.yml) where gated whitepapers' files must live: the receiver hands
    # out nothing else, and the build never publishes them.
    "gated_dir": "whitepapers/files",
    "keywords": {"targets": []},
    "analytics": {},
    "audit": {"rules": {}, "wordlists": ""},
}

# Keys whose values are open mappings (ids chosen by the company), so their children are not checked.
_OPEN = {("forms",), ("vocabulary", "industries"), ("vocabulary", "categories"), ("audit", "rules"), ("calendar", "topics"), ("header_cta", "label"),
         ("analytics",), ("review",), ("cadence", "targets_per_month"), ("approvals",)}


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
    problems = _check_keys(user_hub or {}, DEFAULT_HUB, (), lines, path.name)
    problems += _check_gated_dir((user_hub or {}).get("gated_dir", DEFAULT_HUB["gated_dir"]),
                                 lines, path.name)
    if problems:
        raise HubError("; ".join(str(p) for p in problems))
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


def _check_keys(user: Any, default: Any, path: tuple, lines: dict, file: str) -> list[Problem]:
    """Unknown keys under `extra.hub` get a 'did you mean'; all of them are reported at once."""
    if not isinstance(user, dict) or not isinstance(default, dict) or path in _OPEN:
        return []
    problems = []
    for key, value in user.items():
        where = ("extra", "hub", *path, key)
        if key not in default:
            close = difflib.get_close_matches(str(key), list(default), n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            problems.append(Problem(file, lines.get(where, 1), dotted(where),
                                    f"unknown setting{hint}"))
        else:
            problems += _check_keys(value, default[key], (*path, key), lines, file)
    return problems


def _check_gated_dir(value: Any, lines: dict, file: str) -> list[Problem]:
    """`gated_dir` is a folder inside the hub, beside its content: never the hub itself or var/."""
    where = ("extra", "hub", "gated_dir")
    parts = PurePosixPath(value).parts if isinstance(value, str) else ()
    if not parts or parts[0] == "/" or "\\" in str(value) or ".." in parts or parts[0] == "var":
        return [Problem(file, lines.get(where, 1), dotted(where),
                        f"must be a folder inside the hub, e.g. whitepapers/files (not the hub "
                        f"itself, an absolute path, '..' or var/; got {value!r})")]
    return []
