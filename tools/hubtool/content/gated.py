"""Where a gated whitepaper's `file` may point: strictly inside the gated folder, symlinks resolved.

One resolver for the three places that must agree: `hubtool check` (FM001), the build (which stops
and never publishes gated files) and the lead receiver (at start-up and again at every download, so
a file swapped for a symlink after start-up is refused too).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from ..config import HubConfig


def is_gated(meta: dict[str, Any]) -> bool:
    return meta.get("gated") is True


@dataclass(frozen=True)
class GatedFolder:
    """`extra.hub.gated_dir` as written and as it really is, read from the disk when made: make one
    per use (a download, a load of the hub), never keep one across them."""

    root: Path  # the hub's root, resolved
    name: str  # as configured, for messages: `whitepapers/files`
    written: Path  # root / name
    real: Path  # written, symlinks resolved


def gated_folder(config: HubConfig) -> GatedFolder:
    root = config.root.resolve()
    name = PurePosixPath(str(config.hub["gated_dir"])).as_posix().strip("/")
    return GatedFolder(root, name, root / name, (root / name).resolve())


def resolve_gated_file(
    config: HubConfig,
    source: Path,
    name: Any,
    lang: str = "en",
    folder: GatedFolder | None = None,
) -> tuple[Path | None, str]:
    """The real path of `name` (a whitepaper's `file`, relative to `source`), or (None, reason).

    The path must stay inside `extra.hub.gated_dir` after `..` and symlinks are resolved: not an
    absolute path, nothing in var/ (lead database, signing secret), nothing a symlink leads out to.
    A file that does not exist yet is not refused here (the receiver answers 404 for it).
    `lang`: the language of the reason (zh or en; the receiver's log is in English). `folder`:
    `gated_folder(config)`, made by the caller for this use (loading every file of a hub).
    """
    from ..messages import say

    at = gated_folder(config) if folder is None else folder
    root, rel_dir = at.root, at.name
    if not isinstance(name, str) or not name.strip():
        return None, say("gated_unnamed", lang, folder=rel_dir)
    if PurePosixPath(name).is_absolute() or PureWindowsPath(name).is_absolute() or name[:1] == "\\":
        return None, say("gated_absolute", lang, name=name, folder=rel_dir)
    if at.real != at.written and not _strictly_in(at.real, root, root / "var"):
        shown = _show(at.real, root)
        return None, say("gated_folder_link", lang, folder=rel_dir, target=shown)
    written = Path(os.path.normpath(source.absolute().parent / name))  # `..` applied, links kept
    target = written.resolve()
    if _strictly_in(target, at.real):
        return target, ""
    if target == at.real:
        return None, say("gated_folder_itself", lang, name=name, folder=rel_dir)
    if _strictly_in(written, at.written):
        return None, say(
            "gated_symlink", lang, name=name, target=_show(target, root), folder=rel_dir
        )
    if target.is_relative_to(root / "var"):
        return None, say("gated_var", lang, name=name, folder=rel_dir)
    return None, say("gated_outside", lang, name=name, target=_show(target, root), folder=rel_dir)


def _strictly_in(path: Path, folder: Path, *excluded: Path) -> bool:
    return (
        path != folder
        and path.is_relative_to(folder)
        and not any(path.is_relative_to(e) for e in excluded)
    )


def _show(path: Path, root: Path) -> str:
    """Inside the hub: relative (how findings name files); outside: the absolute path."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
