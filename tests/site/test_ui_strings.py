"""The words a visitor reads come from one file per language (tools/hubtool/data/ui/<lang>.yaml).

Every language file has every key of every other, with the same {placeholders}: a key missing in
en.yaml would leave an English visitor an empty label or a Chinese one.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import Any

import pytest
import yaml

from hubtool import ui


def flat(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """{"form.required": "（必填）", …}: every string by its dotted key."""
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def problems(tables: dict[str, dict[str, Any]]) -> list[str]:
    """What one language file lacks that another has, and strings that are empty or not text."""
    flats = {lang: flat(table) for lang, table in tables.items()}
    every = set().union(*flats.values())
    found = []
    for lang, strings in sorted(flats.items()):
        found += [f"{lang}.yaml: missing {key}" for key in sorted(every - set(strings))]
        found += [
            f"{lang}.yaml: {key} is not a text"
            for key, v in strings.items()
            if not isinstance(v, str)
        ]
        found += [f"{lang}.yaml: {key} is empty" for key, v in strings.items() if v == ""]
    return found


def placeholders(words: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(words) if name}


def test_every_language_file_has_every_key() -> None:
    tables = {lang: ui.table(lang) for lang in ui.languages()}
    assert {"zh", "en"} <= set(tables)
    assert len(flat(tables["zh"])) > 50  # the files are really read, not empty tables
    assert problems(tables) == []


def test_a_key_missing_in_one_language_is_reported(tmp_path: Path) -> None:
    zh = yaml.safe_load((ui.UI_DIR / "zh.yaml").read_text(encoding="utf-8"))
    en = yaml.safe_load((ui.UI_DIR / "en.yaml").read_text(encoding="utf-8"))
    del en["badges"]["patents"]
    en["form"]["honeypot"] = ""
    assert problems({"zh": zh, "en": en}) == [
        "en.yaml: missing badges.patents",
        "en.yaml: form.honeypot is empty",
    ]


def test_translations_fill_the_same_placeholders() -> None:
    zh, en = flat(ui.table("zh")), flat(ui.table("en"))
    differ = {
        key: (zh[key], en[key]) for key in zh if placeholders(zh[key]) != placeholders(en[key])
    }
    assert sum(1 for value in zh.values() if placeholders(value)) >= 3, "no placeholders compared"
    assert differ == {}


def test_a_language_without_a_file_reads_chinese_and_values_fill_in() -> None:
    assert ui.say("form.required", "fr") == ui.say("form.required", "zh") == "（必填）"
    assert ui.say("form_errors.max", "en", max=10, length=12) == (
        "Use at most 10 characters (now 12)."
    )
    # without values, a placeholder stays for the template that fills it with a link
    assert "{link}" in ui.say("form.consent", "en")
    with pytest.raises(KeyError):
        ui.say("form.no_such_key", "en")


def test_a_visitors_language_never_names_a_file() -> None:
    """The receiver passes the visitor's language on; it picks a table, never a path."""
    assert ui.table("../../etc/passwd") is ui.table("zh")
    assert ui.table("en") is not ui.table("zh")


TEMPLATES = Path(ui.__file__).resolve().parent / "theme"


def test_every_key_the_theme_reads_exists() -> None:
    """Templates read `hub_ui(…).<section>` into a variable, then `<variable>.<key>`: every such
    key is in the Chinese table (and so, by the test above, in every language)."""
    zh = ui.table("zh")
    used = 0
    for path in sorted(TEMPLATES.rglob("*.html")):
        source = path.read_text(encoding="utf-8")
        for var, section in re.findall(r"set (\w+) = hub_ui\([^)]*\)\.(\w+)", source):
            assert section in zh, f"{path.name}: no section {section}"
            for key in re.findall(rf"\b{var}\.(\w+)\b", source):
                used += 1
                assert key in zh[section], f"{path.name}: {section}.{key}"
    assert used > 30
