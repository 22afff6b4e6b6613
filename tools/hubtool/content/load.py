"""The one loader: splits front matter from body, validates, maps lines, and says where each file is
published (which files are sources: folders.py)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from ..config import HubConfig, writers_lang
from ..errors import Problem
from ..messages import say
from ..yamlfile import Path_, YamlError, full_width_colon, load_with_lines
from . import gated, schema
from .authors import author_problems
from .fmcache import Entry, FrontMatterCache
from .folders import COLLECTIONS as COLLECTIONS
from .folders import UnsafeLink as UnsafeLink
from .folders import discover as discover
from .folders import exclusions as exclusions
from .folders import real_paths, sources, unsafe_links
from .items import Item
from .theme import page_templates

NEWS_DIR = "news"  # the blog plugin's blog_dir; posts live in docs/news/posts/
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass(frozen=True)
class Hub:
    """Every content file of a hub, loaded and validated; lookups are indexed once (builds ask per page)."""

    items: tuple[Item, ...]
    # Symlinks in content folders that lead outside them (see unsafe_links): errors, not items.
    links: tuple[UnsafeLink, ...] = ()
    # Problems of the other files the site prints from: the blog's authors file (content.authors).
    files: tuple[Problem, ...] = ()

    @property
    def problems(self) -> list[Problem]:
        return [p for item in self.items for p in item.problems]

    @cached_property
    def published(self) -> list[Item]:
        return [item for item in self.items if item.published]

    def by_url(self) -> dict[str, Item]:
        return self._by_url

    @cached_property
    def _by_url(self) -> dict[str, Item]:
        return {item.url: item for item in self.published}

    def translations(self, item: Item) -> dict[str, Item]:
        """All published language versions of `item`, by language (including itself)."""
        return self._versions.get(item.key, {})

    @cached_property
    def _versions(self) -> dict[str, dict[str, Item]]:
        versions: dict[str, dict[str, Item]] = {}
        for item in self.published:
            versions.setdefault(item.key, {})[item.lang] = item
        return versions


def load_hub(
    config: HubConfig,
    paths: Iterable[Path] | Mapping[Path, Path] | None = None,
    lang: str | None = None,
    cache_dir: Path | None = None,
) -> Hub:
    """The hub's items (all sources, or `paths`) and its unsafe symlinks.

    `lang`: the language of the problems (zh or en); by default the writers' language, as
    `hubtool check` and the build both report them. `cache_dir`: where validated front matter is
    kept between runs (`hubtool check`; see fmcache); without it every file is parsed.
    `paths` may map each path to its real path (`sources`).
    """
    paths = sources(config) if paths is None else paths
    if isinstance(paths, Mapping):
        listed, real = list(paths), dict(paths)
    else:
        listed = [Path(p) for p in paths]
        real = real_paths(listed)
    lang = writers_lang(config) if lang is None else lang
    cache = FrontMatterCache(cache_dir, _vocabulary(config)) if cache_dir is not None else None
    loading = Loading(cache, _gated_folder(config))
    items = tuple(load_item(path, config, lang, loading, real[path]) for path in listed)
    if cache is not None:
        cache.save()
    return Hub(items, tuple(unsafe_links(config)), author_problems(config, lang))


def _gated_folder(config: HubConfig) -> gated.GatedFolder | None:
    """The gated folder, resolved once for this load; None when it cannot be (a loop of links):
    then each gated whitepaper tries on its own, as the receiver does."""
    try:
        return gated.gated_folder(config)
    except (OSError, RuntimeError):
        return None


def split_front_matter(text: str, lang: str = "en") -> tuple[str | None, str, int]:
    """Return (front matter or None, body, 1-based line where the body starts). Lossless for the body."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip("\r\n").strip() != "---":
        return None, text, 1
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index].rstrip("\r\n")):
            return "".join(lines[1:index]), "".join(lines[index + 1 :]), index + 2
    raise YamlError(1, say("unclosed", lang))


def classify(
    path: Path, config: HubConfig, resolved: Path | None = None
) -> tuple[str, str, str, str]:
    """(kind, lang, src_uri, url) of a source file, by where it sits. English files end in `.en.md`.
    `resolved`: `path.resolve()`, when the caller has it already."""
    resolved = path.resolve() if resolved is None else resolved
    inside_docs = _under(resolved, config.docs_dir)
    in_docs = inside_docs is not None
    rel = PurePosixPath(
        inside_docs if inside_docs is not None else _relative(resolved, resolved, config)
    )
    lang = config.default_lang
    name = rel.name
    others = config.hub["languages"]["others"]
    if in_docs and len(rel.parts) > 1 and rel.parts[0] in others:
        # docs/en/…: pages that only exist per language (the English news index, for the blog plugin).
        lang, rel = rel.parts[0], PurePosixPath(*rel.parts[1:])
    for other in others:
        if name.endswith(f".{other}.md"):
            lang, name = other, name[: -len(f".{other}.md")] + ".md"
    src = rel.with_name(name)
    kind = "page"
    if not in_docs and src.parts[0] in COLLECTIONS and src.stem != "index":
        kind = COLLECTIONS[src.parts[0]]
    elif in_docs and src.parts[:2] == (NEWS_DIR, "posts"):
        kind = "news"
    return kind, lang, *_published_as(src, kind, lang, config)


def _published_as(src: PurePosixPath, kind: str, lang: str, config: HubConfig) -> tuple[str, str]:
    """(src_uri, url) of a source named `src` (language suffix and folder removed)."""
    prefix = "" if lang == config.default_lang else f"{lang}/"
    src_uri = prefix + src.as_posix()
    if kind == "news":
        url = f"/{prefix}{NEWS_DIR}/{src.stem}/"
    elif src.stem in ("index", "README"):
        parent = src.parent.as_posix()
        url = "/" + prefix + ("" if parent == "." else parent + "/")
    else:
        url = f"/{prefix}{src.with_suffix('').as_posix()}/"
    return src_uri, url


def _relative(path: Path, resolved: Path, config: HubConfig) -> str:
    """`config.rel(path)` given `path.resolve()`: every path is resolved once per load."""
    inside = _under(resolved, config.root)
    return path.as_posix() if inside is None else inside


def _under(path: Path, folder: Path) -> str | None:
    """`path.relative_to(folder).as_posix()`, or None when `path` is not in `folder`; absolute
    paths compared as text (pathlib's relative_to was most of classify's time)."""
    if not (path.is_absolute() and folder.is_absolute()):
        try:
            return path.relative_to(folder).as_posix()
        except ValueError:
            return None
    text, prefix = str(path), str(folder)
    if text == prefix:
        return "."
    if not prefix.endswith(os.sep):
        prefix += os.sep
    if not text.startswith(prefix):
        return None
    rest = text[len(prefix) :]
    return rest if os.sep == "/" else rest.replace(os.sep, "/")


@dataclass(frozen=True)
class Loading:
    """What the files of one load of a hub share: the cache of validated front matter (check) and
    the gated folder as it is on the disk now."""

    cache: FrontMatterCache | None = None
    gated: gated.GatedFolder | None = None


def load_item(
    path: Path,
    config: HubConfig,
    says: str | None = None,
    loading: Loading | None = None,
    resolved: Path | None = None,
) -> Item:
    """Load one file; problems (not exceptions) describe anything wrong with it, in `says` (zh or
    en; by default the writers' language). `loading`: what the files of one load share;
    `resolved`: `path.resolve()`, when the caller has it."""
    loading = Loading() if loading is None else loading
    says = writers_lang(config) if says is None else says
    resolved = path.resolve() if resolved is None else resolved
    rel = _relative(path, resolved, config)
    kind, lang, src_uri, url = classify(path, config, resolved)
    undecodable_name = undecodable(rel)
    if undecodable_name:  # a name that is not UTF-8 has no URL: an error, never published
        rel, src_uri, url = (printable(name) for name in (rel, src_uri, url))
    key = (src_uri.split("/", 1)[1] if lang != config.default_lang else src_uri).removesuffix(".md")
    front, body, body_line, broken = _read(path, rel, says)
    if undecodable_name:
        broken = [Problem(rel, 1, "", say("name_not_utf8", says))]
    meta: dict[str, Any] = {}
    lines: dict[Path_, int] = {}
    problems = broken
    if not broken:
        try:
            meta, lines, problems = _front_matter(front, kind, rel, config, says, loading.cache)
        except YamlError as exc:
            broken = problems = [Problem(rel, exc.line, "", exc.reason)]
            body = ""
    if not broken:
        problems = problems + _gated_problems(path, kind, meta, lines, rel, config, says, loading)
        if front is None:  # MkDocs reads `key: value` lines on top of such a file as its meta
            meta_lines, lines_at = _top_meta(body, body_line)
            problems += _template_problems(meta_lines, lines_at, rel, config, says)
        else:
            problems += _template_problems(meta, lines, rel, config, says)
    elif front_status := _status_hint(path):
        meta = {"status": front_status}
    slug = meta.get("slug") if not broken else None
    return Item(
        path=path,
        rel=rel,
        kind=kind,
        lang=lang,
        slug=slug if isinstance(slug, str) and slug else PurePosixPath(key).name,
        src_uri=src_uri,
        url=url,
        key=key,
        meta=meta,
        body=body,
        body_line=body_line,
        lines=lines,
        problems=tuple(problems),
    )


def undecodable(name: str) -> bool:
    """Does the file name hold bytes that are not UTF-8 (kept by Python as lone surrogates)?"""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def printable(name: str) -> str:
    """The name with its undecodable bytes shown as U+FFFD, for messages and reports."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read(path: Path, rel: str, says: str) -> tuple[str | None, str, int, list[Problem]]:
    """(front matter or None, body, body's first line, problems reading or splitting the file)."""
    try:
        return (*split_front_matter(path.read_text(encoding="utf-8"), says), [])
    except UnicodeDecodeError:
        return None, "", 1, [Problem(rel, 1, "", say("not_utf8", says))]
    except YamlError as exc:  # an unclosed front matter
        return None, "", 1, [Problem(rel, exc.line, "", exc.reason)]
    except OSError as exc:
        return None, "", 1, [Problem(rel, 1, "", say("unreadable", says, reason=exc.strerror))]


def _vocabulary(config: HubConfig) -> tuple[dict[str, Any], dict[str, str]]:
    """The configured vocabularies front matter is checked against, and where each is defined."""
    vocabulary = {
        "audience": config.hub["vocabulary"]["audience"],
        "industries": list(config.hub["vocabulary"]["industries"]),
    }
    where = {
        name: f"{config.path.name}:{config.line_of('vocabulary', name)}" for name in vocabulary
    }
    return vocabulary, where


def _front_matter(
    front: str | None,
    kind: str,
    rel: str,
    config: HubConfig,
    says: str,
    cache: FrontMatterCache | None,
) -> Entry:
    """(validated meta, line of every key, problems) of a front matter; YamlError when it does not
    parse. From `cache` when these inputs were seen before."""

    def parse() -> Entry:
        data, lines = load_with_lines(front or "", first_line=2, lang=says)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            # `title：…` alone parses as a string: the full-width colon is the reason
            raise (
                full_width_colon(front or "", first_line=2, lang=says)
                or YamlError(2, say("not_mapping", says))
            )
        vocabulary, where = _vocabulary(config)
        meta, problems = schema.validate(data, kind, rel, lines, vocabulary, says, where)
        return meta, lines, problems

    if front is None:  # no front matter: nothing to parse, and nothing worth keeping
        vocabulary, where = _vocabulary(config)
        meta, problems = schema.validate({}, kind, rel, {}, vocabulary, says, where)
        return meta, {}, problems
    if cache is None:
        return parse()
    return cache.get((rel, kind, says, front), parse)


def _template_problems(
    meta: dict[str, Any], lines: dict[Path_, int], rel: str, config: HubConfig, says: str
) -> list[Problem]:
    """`template:` must name a template of the theme (MkDocs fails with a traceback otherwise)."""
    name = meta.get("template")
    if name is None or (isinstance(name, str) and name in page_templates(config)):
        return []
    line = lines.get(("template",), 1)
    return [Problem(rel, line, "template", say("unknown_template", says, value=repr(name)))]


# MkDocs' META_RE (mkdocs.utils.meta): a `key: value` line of MultiMarkdown-style meta.
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")


def _top_meta(body: str, first: int) -> tuple[dict[str, Any], dict[Path_, int]]:
    """The `key: value` lines MkDocs reads as meta on top of a file without YAML front matter
    (up to the first blank or other line; indented lines continue a value), with their lines."""
    found: dict[str, Any] = {}
    at: dict[Path_, int] = {}
    for index, line in enumerate(body.splitlines()):
        match = _META_LINE.match(line)
        if match is None:
            if line.strip() and line.startswith(("    ", "\t")) and found:
                continue  # a continuation line
            break
        key = match.group("key").lower()
        found.setdefault(key, match.group("value").strip())
        at.setdefault((key,), first + index)
    return found, at


def _gated_problems(
    path: Path,
    kind: str,
    meta: dict[str, Any],
    lines: dict[Path_, int],
    rel: str,
    config: HubConfig,
    says: str,
    loading: Loading,
) -> list[Problem]:
    """A gated whitepaper's `file` that leaves the gated folder (read from the disk every run)."""
    if kind == "whitepaper" and gated.is_gated(meta) and isinstance(meta.get("file"), str):
        where = loading.gated
        _, reason = gated.resolve_gated_file(config, path, meta["file"], says, where)
        if reason:
            return [Problem(rel, lines.get(("file",), 1), "file", reason)]
    return []


def _status_hint(path: Path) -> str | None:
    """For a file whose YAML is broken: is it at least marked as a draft? Drafts never fail a build."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return None
    match = re.search(r"^status:\s*['\"]?(draft|review)\b", head, re.MULTILINE)
    return match.group(1) if match else None
