"""The tables of the configuration guide, generated from the one schema of `extra.hub`.

The guide (docs/guide/configuration.md) keeps its prose and examples; each table of settings sits
between `<!-- hubschema: PATH … -->` and `<!-- /hubschema -->` and is written by `hubtool schema`.
One path that names a section lists the section's settings; several paths list those settings.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..atomic import write_text
from ..hubschema import HUB, Key, defaults

MARKED = re.compile(r"(<!-- hubschema: ([^>]*?) -->\n)(.*?)(<!-- /hubschema -->)", re.S)


def refresh(text: str) -> str:
    """`text` with every marked table rewritten from the schema."""
    return MARKED.sub(lambda m: m.group(1) + table(m.group(2).split()) + m.group(4), text)


def refresh_file(path: Path) -> bool:
    """Rewrite the guide's tables in place; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    new = refresh(text)
    if new == text:
        return False
    write_text(path, new)
    return True


def table(paths: list[str]) -> str:
    """A Markdown table of key, default and meaning for the settings `paths` name."""
    if len(paths) == 1 and _key(paths[0]).type == "map":
        section = _key(paths[0])
        rows = [(name, child) for name, child in section.fields.items()]
    else:
        rows = [(path, _key(path)) for path in paths]
    lines = ["| key | default | meaning |", "|---|---|---|"]
    lines += [f"| `{name}` | {_default(key)} | {key.doc} |" for name, key in rows]
    return "\n".join(lines) + "\n"


def _key(path: str) -> Key:
    key = HUB
    for name in path.split("."):
        if name not in key.fields:
            raise KeyError(f"extra.hub.{path}: not in tools/hubtool/hubschema.py")
        key = key.fields[name]
    return key


def _default(key: Key) -> str:
    if key.shown:
        return key.shown
    return f"`{flow(defaults(key))}`"


def flow(value: Any) -> str:
    """A value as YAML flow text: `[a, b]`, `{k: v}`, `""`, `false`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    if value == "" or (isinstance(value, str) and value[:1].isdigit()):
        return json.dumps(value)  # "" and "1" would read as null and a number
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
