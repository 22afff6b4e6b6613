"""Theme templates copied from mkdocs-material stay in step with material.

tools/hubtool/theme/ changes material through its template blocks where material has one (main.html
overrides blocks of base.html), and by copying a template only where no block reaches the change
(each copy says why at its top). Nothing else would tell us when a material upgrade changes what we
copied, so material_partials.json records, for material's version, the SHA-256 of:

- every material template our theme shadows (same path: partials/header.html, blog.html, …);
- every block of base.html that main.html replaces without calling super() (site_meta, …).

An upgrade that changes one fails here, naming what to merge. After merging, record again:

    .venv/bin/python tests/site/test_material_partials.py
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import material
from jinja2 import Environment, nodes

THEME = Path(__file__).resolve().parents[2] / "tools" / "hubtool" / "theme"
UPSTREAM = Path(material.__file__).resolve().parent / "templates"
RECORD = Path(__file__).with_name("material_partials.json")
RECORD_AGAIN = ".venv/bin/python tests/site/test_material_partials.py"
_BLOCK_TAG = re.compile(r"{%-?\s*(block\s+(\w+)|endblock)\b[^%]*-?%}")


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shadowed() -> dict[str, str]:
    """sha256 of material's own version of every template our theme replaces by name."""
    ours = sorted(p.relative_to(THEME).as_posix() for p in THEME.rglob("*.html"))
    return {
        name: hashlib.sha256((UPSTREAM / name).read_bytes()).hexdigest()
        for name in ours
        if (UPSTREAM / name).is_file()
    }


def block_source(template: str, name: str) -> str:
    """The text of `{% block name %}` … its `{% endblock %}` in a material template."""
    text = (UPSTREAM / template).read_text(encoding="utf-8")
    depth, start = 0, None
    for tag in _BLOCK_TAG.finditer(text):
        if tag.group(2) == name and start is None:
            start, depth = tag.start(), 0
        if start is None:
            continue
        depth += 1 if tag.group(2) else -1
        if depth == 0:
            return text[start : tag.end()]
    raise LookupError(f"material's {template} has no block {name}")


def replaced_blocks() -> dict[str, str]:
    """sha256 of every block of a material template that one of ours extends (main.html extends
    base.html) and replaces without super(): material's changes there never reach our pages."""
    env = Environment()
    out = {}
    for path in sorted(THEME.rglob("*.html")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        extends = tree.find(nodes.Extends)
        if extends is None or not isinstance(extends.template, nodes.Const):
            continue
        parent = extends.template.value
        if (THEME / parent).is_file() or not (UPSTREAM / parent).is_file():
            continue  # it extends one of ours (blog.html extends our main.html)
        for block in tree.find_all(nodes.Block):
            calls = block.find_all(nodes.Call)
            if not any(isinstance(c.node, nodes.Name) and c.node.name == "super" for c in calls):
                # base.html names material's version in site_meta: leave it out of the checksum
                text = block_source(parent, block.name).replace(version("mkdocs-material"), "")
                out[f"{parent} {{% block {block.name} %}}"] = _sha(text)
    return out


def current() -> dict[str, Any]:
    return {
        "material": version("mkdocs-material"),
        "files": shadowed(),
        "blocks": replaced_blocks(),
    }


def test_material_has_not_changed_what_we_copied_or_replaced():
    record, now = json.loads(RECORD.read_text(encoding="utf-8")), current()
    for kind in ("files", "blocks"):
        recorded, upstream = record[kind], now[kind]
        assert recorded and upstream, f"no theme {kind} recorded or found: nothing compared"
        unrecorded = sorted(set(upstream) - set(recorded))
        assert not unrecorded, (
            f"{', '.join(unrecorded)}: our theme replaces these parts of mkdocs-material but "
            f"their upstream checksum is not recorded: run {RECORD_AGAIN}"
        )
        changed = [name for name in sorted(recorded) if upstream.get(name) != recorded[name]]
        assert not changed, (
            f"mkdocs-material {now['material']} changed (or removed) {', '.join(changed)} since "
            f"{record['material']}, when tools/hubtool/theme/ was last checked against it: diff "
            f"{UPSTREAM}/<name> against ours, merge what changed, then record the new checksums "
            f"({RECORD_AGAIN})"
        )


def test_every_copied_template_says_what_it_changes_and_why():
    """A copy of a material template starts with a hubtool comment: what it changes, and why a
    block cannot do it (the upgrade that changes the original needs both to merge)."""
    silent = [
        name
        for name in shadowed()
        if not (THEME / name).read_text(encoding="utf-8").startswith("{#-\n  hubtool: ")
    ]
    assert not silent, f"copied templates without a hubtool comment at the top: {silent}"


if __name__ == "__main__":
    RECORD.write_text(json.dumps(current(), indent=2) + "\n", encoding="utf-8")
    print(f"recorded what we replace of mkdocs-material {current()['material']}", file=sys.stderr)
