"""`extra.hub` is checked against one schema when mkdocs.yml is read: every wrong value at once,
each with mkdocs.yml:line, the setting's dotted name and what it should be."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from hubtool import hubschema
from hubtool.config import DEFAULT_HUB, load_config
from hubtool.errors import HubError

ROOT = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, hub_yaml: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: Test hub\nextra:\n  hub:\n" + hub_yaml, encoding="utf-8")
    return path


def problems(tmp_path: Path, hub_yaml: str) -> list[str]:
    with pytest.raises(HubError) as caught:
        load_config(write(tmp_path, hub_yaml))
    return str(caught.value).splitlines()


def line_of(path: Path, needle: str) -> int:
    return next(
        n
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    )


def test_a_quoted_no_for_crossborder_is_an_error_not_a_yes(tmp_path):
    [message] = problems(tmp_path, '    leads:\n      crossborder: "no"\n')
    assert message == (
        "mkdocs.yml:5: extra.hub.leads.crossborder: must be true or false, "
        "got 'no' (in quotes it is text, not a yes/no)"
    )


def test_an_unquoted_comma_that_split_an_issuer_is_reported(tmp_path):
    hub = (
        "    badges:\n      certifications:\n"
        "        - name: ISO 27001\n"
        "          issuer: {zh: 海淀分局, en: Haidian Branch, Beijing Police}\n"
        "          valid_until: 2099-01-01\n"
    )
    [message] = problems(tmp_path, hub)
    assert message.startswith(
        "mkdocs.yml:7: extra.hub.badges.certifications[0].issuer: "
        "the text was cut at a comma: YAML read 'Beijing Police' as a key"
    )
    assert "put that text in quotes" in message
    # Quoted, the same text is accepted, whole.
    config = load_config(
        write(
            tmp_path,
            hub.replace(
                "en: Haidian Branch, Beijing Police", 'en: "Haidian Branch, Beijing Police"'
            ),
        )
    )
    cert = config.hub["badges"]["certifications"][0]
    assert cert["issuer"]["en"] == "Haidian Branch, Beijing Police"


def test_a_comma_that_split_an_entry_names_the_stray_key(tmp_path):
    hub = "    badges:\n      awards:\n        - {name: Award, issuer: Summit, Shanghai, year: 2026}\n"
    [message] = problems(tmp_path, hub)
    assert message.startswith(
        "mkdocs.yml:6: extra.hub.badges.awards[0].Shanghai: unknown setting "
        "(an unquoted comma inside { … } ends the value before it"
    )


def test_every_problem_is_reported_at_once_with_its_line(tmp_path):
    path = write(
        tmp_path,
        """\
    languages: {default: zh, others: en}
    leads:
      min_fill_seconds: soon
      rate_limit: {per_minute: 2.5}
      webhok: {url: https://hooks.example/}
    cadence:
      news_max_age_days: -3
      scheduled_publishing: yes please
    vocabulary:
      industries:
        banking: [bank, finance]
    badges:
      certifications:
        - {name: ISO, valid_until: next year}
    defaults:
      cases: {cta: demo}
""",
    )
    with pytest.raises(HubError) as caught:
        load_config(path)
    got = str(caught.value).splitlines()
    expected = {
        "extra.hub.languages.others": "must be a list, e.g. [a, b] (got 'en')",
        "extra.hub.leads.min_fill_seconds": "must be a number ≥ 0 (got 'soon')",
        "extra.hub.leads.rate_limit.per_minute": "must be a whole number ≥ 0 (got 2.5)",
        "extra.hub.leads.webhok": "unknown setting (did you mean 'webhook'?)",
        "extra.hub.cadence.news_max_age_days": "must be a number ≥ 0 (got -3)",
        "extra.hub.cadence.scheduled_publishing": "must be true or false, got 'yes please' (in quotes it is text, not a yes/no)",
        "extra.hub.vocabulary.industries.banking": "must be text, or text per language ({zh: …}); got a list",
        "extra.hub.badges.certifications[0].valid_until": "must be a date written YYYY-MM-DD (got 'next year')",
        "extra.hub.defaults.cases": "unknown setting (did you mean 'case'?)",
    }
    assert len(got) == len(expected), got
    for message in got:
        match = re.fullmatch(r"mkdocs\.yml:(\d+): (\S+): (.*)", message)
        assert match, message
        line, key, text = match.groups()
        assert text == expected[key]
        last = key.rsplit(".", 1)[-1].split("[")[0]
        assert last in path.read_text(encoding="utf-8").splitlines()[int(line) - 1], message


def test_a_language_that_is_not_the_hubs_is_named(tmp_path):
    [message] = problems(tmp_path, "    header_cta:\n      label: {zh: 预约, eng: Book}\n")
    assert message == (
        "mkdocs.yml:5: extra.hub.header_cta.label.eng: 'eng' is not a language of "
        "the hub (zh, en) (did you mean 'en'?)"
    )


def test_the_demo_configuration_and_the_defaults_pass():
    assert hubschema.check(DEFAULT_HUB, {}, "defaults") == []
    config = load_config(ROOT / "mkdocs.yml")
    assert config.hub["leads"]["crossborder"] is False


def test_the_cli_prints_every_problem_and_exits_2(tmp_path):
    write(tmp_path, '    leads:\n      crossborder: "no"\n    cadense: {}\n')
    result = subprocess.run(
        [sys.executable, "-m", "hubtool.cli", "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "mkdocs.yml:5: extra.hub.leads.crossborder: must be true or false" in result.stderr
    assert (
        "mkdocs.yml:6: extra.hub.cadense: unknown setting (did you mean 'cadence'?)"
        in result.stderr
    )
