"""Theme partials copied from mkdocs-material stay in step with material.

tools/hubtool/theme/partials/ overrides some of material's partials by copying them and changing a
few lines. Nothing else would tell us when a material upgrade changes the original, so each
overridden partial's upstream checksum is recorded in material_partials.json; an upgrade that
changes one fails here, naming the file to merge. After merging, record again:

    .venv/bin/python tests/site/test_material_partials.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from importlib.metadata import version
from pathlib import Path

import material

OURS = Path(__file__).resolve().parents[2] / "tools" / "hubtool" / "theme" / "partials"
UPSTREAM = Path(material.__file__).resolve().parent / "templates" / "partials"
RECORD = Path(__file__).with_name("material_partials.json")


def overridden() -> dict[str, str]:
    """sha256 of material's own version of every partial we override."""
    return {
        p.name: hashlib.sha256((UPSTREAM / p.name).read_bytes()).hexdigest()
        for p in sorted(OURS.glob("*.html"))
        if (UPSTREAM / p.name).is_file()
    }


def test_material_has_not_changed_a_partial_we_copied():
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    now, recorded = overridden(), record["partials"]
    unrecorded = sorted(set(now) - set(recorded))
    assert not unrecorded, (
        f"theme/partials/{', '.join(unrecorded)} override material's partials "
        f"but their upstream checksum is not recorded: run {__doc__.split()[-1]}"
    )
    changed = [name for name in sorted(recorded) if now.get(name) != recorded[name]]
    assert not changed, (
        f"mkdocs-material {version('mkdocs-material')} changed (or removed) "
        f"{', '.join(changed)} since {record['material']}, when our copies in "
        f"tools/hubtool/theme/partials/ were last checked: diff {UPSTREAM}/<name> against the "
        "copy, merge what changed, then record the new checksums "
        "(.venv/bin/python tests/site/test_material_partials.py)"
    )


if __name__ == "__main__":
    data = {"material": version("mkdocs-material"), "partials": overridden()}
    RECORD.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(
        f"recorded {len(data['partials'])} partials of mkdocs-material {data['material']}",
        file=sys.stderr,
    )
