"""The JSON Schemas: generated from the field declarations, committed up to date, and faithful:
they accept every demo file the loader accepts and flag the wrong values the loader rejects."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from workflowkit import REPO, run, write_hub

from hubtool.config import load_config
from hubtool.content.load import load_hub
from hubtool.workflow.jsonschema import kind_schema, render

KINDS = ("case", "whitepaper", "news")


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schemas_are_up_to_date(kind):
    committed = (REPO / ".vscode" / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == render(kind_schema(kind, load_config(REPO / "mkdocs.yml"))), (
        "run `hubtool schema` and commit .vscode/schemas/"
    )


def as_editor_reads(value):
    """Editors read YAML 1.2: an unquoted 2026-11-23 is text, not a date."""
    if isinstance(value, dict):
        return {str(k): as_editor_reads(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_reads(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def raw_front_matter(path: Path) -> dict:
    return as_editor_reads(yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1]))


def test_every_valid_demo_file_validates_against_its_schema():
    config = load_config(REPO / "mkdocs.yml")
    items = [i for i in load_hub(config).items if i.kind in KINDS and not i.problems]
    assert len(items) >= 10
    schemas = {k: kind_schema(k, config) for k in KINDS}
    for item in items:
        errors = list(
            jsonschema.Draft7Validator(schemas[item.kind]).iter_errors(raw_front_matter(item.path))
        )
        assert errors == [], f"{item.rel}: {errors[0].message}"


def test_schema_flags_the_values_the_loader_rejects_and_knows_the_vocabulary():
    schema = kind_schema("case", load_config(REPO / "mkdocs.yml"))
    validator = jsonschema.Draft7Validator(schema)
    good = {
        "title": "t",
        "description": "d",
        "date": "2026-11-23",
        "customer": {"name": "c"},
        "audience": "buyer",
        "stage": None,
    }  # one value for a list, and an empty field: fine
    assert list(validator.iter_errors(good)) == []
    for bad in (
        {"stage": "decide"},
        {"customer": {"name": "c", "tier": "Z"}},
        {"industries": ["retail"]},
        {"date": "23/11/2026"},
        {"keywrod": "x"},
        {"customer": None, "title": "t"},
    ):
        assert list(validator.iter_errors({**good, **bad})), bad
    industries = schema["properties"]["industries"]["anyOf"][0]["items"]["enum"]
    assert industries == ["banking", "insurance", "healthcare", "manufacturing", "government"]
    assert "Purchase stage" in schema["properties"]["stage"]["description"]
    assert schema["required"] == ["title", "description", "date", "customer"]


def test_schema_command_writes_one_kind_into_a_folder(tmp_path):
    root = write_hub(
        tmp_path / "hub",
        {},
        hub={"vocabulary": {"industries": {"retail": {"zh": "零售", "en": "Retail"}}}},
    )
    done = run(root, "schema", "--kind", "news", "--output", "out")
    assert done.exit_code == 0 and "out/news.schema.json" in done.output
    written = json.loads((root / "out/news.schema.json").read_text(encoding="utf-8"))
    assert written["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "retail" in written["properties"]["industries"]["anyOf"][0]["items"]["enum"]
    # The one kind asked for, and the schema of mkdocs.yml, which does not depend on the kind.
    assert sorted(p.name for p in (root / "out").iterdir()) == [
        "mkdocs.schema.json",
        "news.schema.json",
    ]


def test_editor_and_pre_commit_settings_point_at_the_schemas_and_the_hook():
    remarkrc = (REPO / ".remarkrc.mjs").read_text(encoding="utf-8")
    for kind in KINDS:
        assert f"./.vscode/schemas/{kind}.schema.json" in remarkrc
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["id"] == "hubtool-check" and hooks[0]["entry"] == "hubtool check"
    own = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = own["repos"][0]["hooks"][0]
    assert own["repos"][0]["repo"] == "local" and hook["entry"].endswith("hubtool check")
    for pattern in (hooks[0]["files"], hook["files"]):
        assert re.search(pattern, "cases/bank-joint-risk.md")
        assert re.search(pattern, "docs/news/posts/x.en.md") and re.search(pattern, "mkdocs.yml")
    # The templates are not content: their placeholders are meant to be there.
    assert not re.search(hook["files"], "tools/hubtool/data/templates/case.md")
