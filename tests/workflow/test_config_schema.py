"""One schema of `extra.hub`, three readers: `load_config` checks mkdocs.yml against it, editors get
it as .vscode/schemas/mkdocs.schema.json, and the configuration guide's tables are written from it.
The committed schema and guide must be current, and the editor's schema must agree with the check."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from workflowkit import REPO, run, write_hub

from hubtool import hubschema
from hubtool.workflow.configdoc import refresh
from hubtool.workflow.jsonschema import config_schema, render

GUIDE = REPO / "docs" / "guide" / "configuration.md"


def hub_schema() -> dict:
    """The `extra.hub` part of the editor schema (the rest is mkdocs-material's, fetched by editors)."""
    return config_schema()["allOf"][1]["properties"]["extra"]["properties"]["hub"]


def demo_hub_settings() -> dict:
    class Loader(yaml.SafeLoader):  # mkdocs.yml may hold !ENV and python tags
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    # An editor reads `2027-06-30` as the text it is, not as a date: so does the schema.
    return json.loads(json.dumps(config["extra"]["hub"], default=str))


def test_committed_editor_schema_of_mkdocs_yml_is_current():
    committed = (REPO / ".vscode" / "schemas" / "mkdocs.schema.json").read_text(encoding="utf-8")
    assert committed == render(config_schema()), "run `hubtool schema` and commit .vscode/schemas/"


def test_guide_tables_are_generated_from_the_schema_and_current():
    text = GUIDE.read_text(encoding="utf-8")
    assert text.count("<!-- hubschema: ") >= 10
    assert refresh(text) == text, "run `hubtool schema` and commit docs/guide/configuration.md"
    # Every setting of a documented section has its row, with the schema's default.
    assert "| `crossborder` | `false` |" in text
    assert '| `consent_version` | `"1"` |' in text
    assert "| `download_ttl_hours` | `72` |" in text


def test_editor_schema_accepts_the_demo_configuration():
    jsonschema.validate(demo_hub_settings(), hub_schema())


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("leads", "crossborder"), "no"),  # a string where a boolean belongs
        (("leads", "rate_limit", "per_minute"), -1),
        (("cadence", "news_max_age_days"), "thirty"),
        (("badge",), {}),  # an unknown setting
        (("badges", "certifications"), [{"name": "ISO 27001", "valid_until": "soon"}]),
    ],
)
def test_editor_schema_flags_what_load_config_rejects(path, value):
    settings = demo_hub_settings()
    target = settings
    for name in path[:-1]:
        target = target[name]
    target[path[-1]] = value
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(settings, hub_schema())
    assert hubschema.check(settings, {}, "mkdocs.yml"), "the loader rejects it too"


def test_products_with_aliases_are_accepted_as_the_guide_documents(tmp_path):
    root = write_hub(
        tmp_path / "hub",
        {},
        hub={
            "company": {
                "products": ["星衡隐私计算平台", {"name": "星衡联邦学习", "aliases": ["星衡 FL"]}]
            }
        },
    )
    done = run(root, "check")
    assert "products" not in done.output, done.output
    settings = {"company": {"products": ["星衡平台", {"name": "星衡 FL", "aliases": ["FL"]}]}}
    jsonschema.validate(settings, hub_schema())


def test_schema_command_rewrites_a_stale_guide_table(tmp_path):
    root = write_hub(tmp_path / "hub", {})
    guide = root / "docs" / "guide" / "configuration.md"
    guide.parent.mkdir(parents=True, exist_ok=True)
    guide.write_text(
        "# 配置\n\n<!-- hubschema: cadence -->\n| old | table |\n<!-- /hubschema -->\n\n正文保留。\n",
        encoding="utf-8",
    )
    done = run(root, "schema")
    assert done.exit_code == 0, done.output
    assert "configuration.md" in done.output
    text = guide.read_text(encoding="utf-8")
    assert "| `news_max_gap_days` | `45` |" in text and "| old | table |" not in text
    assert text.endswith("正文保留。\n")
    written = json.loads((root / ".vscode" / "schemas" / "mkdocs.schema.json").read_text("utf-8"))
    assert written["allOf"][0] == {
        "$ref": "https://squidfunk.github.io/mkdocs-material/schema.json"
    }
