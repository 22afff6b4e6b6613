"""Which files are sources: the content folders (docs/, cases/, whitepapers/) walked once, never
through a linked folder, and the symlinks in them that lead outside (never read, reported)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import HubConfig
from ..messages import say

COLLECTIONS = {"cases": "case", "whitepapers": "whitepaper"}  # top-level folders beside docs/


@dataclass(frozen=True)
class UnsafeLink:
    """A symlink in a content folder whose target is outside the content folders."""

    link: str  # relative to the hub root: `cases/x.txt`
    target: str  # relative to the hub root when inside it (`var/secret`), else absolute
    folders: str  # the content folders, for the message: `docs/, cases/, whitepapers/`

    def message(self, lang: str = "en") -> str:
        """`link:1: why`, in the writers' language."""
        why = say("symlink_out", lang, target=self.target, folders=self.folders)
        return f"{self.link}:1: {why}"

    def __str__(self) -> str:
        return self.message()


def content_folders(config: HubConfig) -> list[Path]:
    """docs/, cases/ and whitepapers/ as written (symlinks not resolved)."""
    docs = Path(os.path.normpath(config.root / str(config.mkdocs.get("docs_dir") or "docs")))
    return [docs, *(config.root / name for name in COLLECTIONS)]


def _safe_folders(config: HubConfig) -> tuple[list[tuple[Path, Path]], list[tuple[Path, Path]]]:
    """(written, real) content folders that stay in the hub, and those that are symlinks out of it
    (`cases -> /`) or into var/."""
    root = config.root.resolve()
    safe: list[tuple[Path, Path]] = []
    unsafe: list[tuple[Path, Path]] = []
    for folder in content_folders(config):
        if folder.is_dir():
            real = folder.resolve()
            leaves = real != folder and (
                not real.is_relative_to(root) or real == root or real.is_relative_to(root / "var")
            )
            (unsafe if leaves else safe).append((folder, real))
    return safe, unsafe


def unsafe_links(config: HubConfig) -> list[UnsafeLink]:
    """Symlinks in the content folders that resolve outside them (`cases/x.txt -> /etc/passwd`,
    `whitepapers/files/s.pdf -> ../../var/secret`): MkDocs and the build would publish their
    targets. A link between content folders is fine; dot-folders are not published, so not looked at.
    """
    root = config.root.resolve()
    safe, unsafe = _safe_folders(config)
    allowed = [real for _, real in safe]
    names = ", ".join(f"{_show(f, root)}/" for f in content_folders(config))
    found = [UnsafeLink(_show(folder, root), _show(real, root), names) for folder, real in unsafe]
    for folder, _ in safe:
        for _, entry in _walk(folder, "."):
            if not entry.is_symlink():
                continue
            path = Path(entry.path)
            try:
                target = _show(path.resolve(), root)
                inside = any(path.resolve().is_relative_to(a) for a in allowed)
            except (OSError, RuntimeError):  # a loop of links
                target, inside = "itself (a loop of links)", False
            if not inside:
                found.append(UnsafeLink(_show(path, root), target, names))
    return sorted(found, key=lambda link: link.link)


def _walk(folder: Path, hidden: str | tuple[str, ...]) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(path relative to `folder`, entry) of everything under it whose name does not start with
    `hidden`, in no order; never into a linked folder. One directory read per folder and no
    further system call per file (the entry knows whether it is a link or a folder)."""
    stack = [("", str(folder))]
    while stack:
        prefix, current = stack.pop()
        try:
            with os.scandir(current) as found:
                entries = list(found)
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(hidden):
                continue
            yield prefix + entry.name, entry
            if entry.is_dir(follow_symlinks=False):
                stack.append((f"{prefix}{entry.name}/", entry.path))


def _show(path: Path, root: Path) -> str:
    """Inside the hub: relative, as findings name files; outside: the absolute path."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def exclusions(config: HubConfig) -> Any:
    """A function src_uri -> True when the build leaves the file out (`exclude_docs`, MkDocs'
    defaults `.*` and `/templates/`, and `draft_docs`, which only `mkdocs serve` shows)."""
    import pathspec

    lines = [".*", "/templates/"]
    for key in ("exclude_docs", "draft_docs"):
        value = config.mkdocs.get(key)
        if isinstance(value, str):
            lines += value.splitlines()
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines(lines)
    return spec.match_file


def discover(config: HubConfig) -> list[Path]:
    """All Markdown sources: docs/, cases/ and whitepapers/ (gated assets and dot-folders excluded,
    and what `exclude_docs` leaves out of the build: internal guides are not content).
    Nothing behind a symlink that leaves the content folders is read (unsafe_links reports it)."""
    return list(sources(config))


def sources(config: HubConfig) -> dict[Path, Path]:
    """`discover`'s sources, in order, each with its real path (`path.resolve()`): the walk knows
    it already (a real folder, never entered through a link), except for a symlinked file."""
    safe, _ = _safe_folders(config)
    allowed = [real for _, real in safe]
    excluded = exclusions(config)
    docs = config.docs_dir.resolve()
    found = {}
    for _, root in safe:
        for rel, entry in _walk(root, (".", "_")):
            if not rel.endswith(".md") or (root == docs and excluded(rel)):
                continue
            path = Path(entry.path)
            target = _target(path) if entry.is_symlink() else path
            if target is not None and (target is path or _inside(target, allowed)):
                found[path] = target
    return dict(sorted(found.items()))


def _target(link: Path) -> Path | None:
    """Where a symlink leads; None for a loop of links."""
    try:
        return link.resolve()
    except (OSError, RuntimeError):
        return None


def _inside(path: Path, folders: list[Path]) -> bool:
    return any(path.is_relative_to(folder) for folder in folders)


def real_paths(paths: Iterable[Path | str]) -> dict[Path, Path]:
    """Each path and `path.resolve()`, in order; a file that is not a symlink is resolved through
    its folder, once per folder (a 1,000-file hub lives in a handful of folders)."""
    folders: dict[Path, Path] = {}
    out: dict[Path, Path] = {}
    for path in map(Path, paths):
        if path.name in ("", ".", "..") or path.is_symlink():
            try:
                out[path] = path.resolve()
            except (OSError, RuntimeError):  # a loop of links: reading it fails, and says so
                out[path] = path.absolute()
            continue
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        out[path] = folder / path.name
    return out
