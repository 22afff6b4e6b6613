"""`hubtool rules [CODE]`: every audit rule, or one explained, in the writers' language."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import HubError, did_you_mean
from .options import config_file_option, lang_option

if TYPE_CHECKING:
    from ..audit.model import Rule

# Labels of the explanation, (zh, en).
LABELS = {
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "source": ("源文件", "source"),
    "site": ("构建", "site"),
    "fix": ("修改建议", "Fix"),
    "settings": (
        "设置（mkdocs.yml 中的 extra.hub.audit.rules.{code}）",
        "Settings (mkdocs.yml, extra.hub.audit.rules.{code})",
    ),
    "enabled": ("启用", "on or off"),
    "severity": ("级别", "severity"),
    "exclude": ("不检查的文件", "files not checked"),
    "options": ("选项（默认值）", "options (defaults)"),
    "suppress": (
        "单个文件中忽略：front matter 写 `audit: {{ignore: [{code}]}}`，或在 Markdown 中写 "
        "`<!-- hubtool: ignore {code} -->`。",
        "Suppress: front matter `audit: {{ignore: [{code}]}}`, or "
        "`<!-- hubtool: ignore {code} -->` in the Markdown.",
    ),
    "doc": ("详细说明（英文）", "Documentation"),
}


def label(key: str, lang: str, **kw: str) -> str:
    zh, en = LABELS[key]
    return (zh if lang == "zh" else en).format(**kw)


def pick(value: object, lang: str) -> str:
    """A (zh, en) pair in `lang`; a plain string as it is."""
    if isinstance(value, tuple):
        return str(value[0] if lang == "zh" else value[1])
    return "" if value is None else str(value)


def summary(rule: type, lang: str) -> str:
    """The rule's one-line title: its `summary` (zh, en) when it has one, else its docstring's first line."""
    own = getattr(rule, "summary", None)
    if own:
        return pick(own, lang)
    return (inspect.cleandoc(rule.__doc__ or "").splitlines() or [""])[0]


def _lang(config_file: str, lang: str | None) -> str:
    """`--lang`, else the writers' language of the hub in `config_file` (English without one)."""
    if lang is not None:
        return lang
    if not Path(config_file).is_file():
        return "en"
    from ..audit.adoption import writers_lang
    from ..config import load_config

    try:
        return writers_lang(load_config(config_file))
    except HubError:
        return "en"  # explaining rules does not need a valid configuration


@click.command("rules")
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@config_file_option("The hub's mkdocs.yml (for its language).")
@lang_option
def rules(code: str | None, fmt: str, config_file: str, lang: str | None) -> None:
    """List every audit rule, or explain one: `hubtool rules KW002`."""
    from ..audit.rules import all_rules

    lang = _lang(config_file, lang)
    known = sorted(all_rules(), key=lambda r: r.code)
    if code is None:
        if fmt == "json":
            click.echo(json.dumps([describe(r, lang) for r in known], ensure_ascii=False, indent=2))
            return
        for rule in known:
            click.echo(
                f"{rule.code:<7} {label(rule.severity, lang):<7} {label(rule.scope, lang):<6} "
                f"{rule.name:<34} {summary(rule, lang)}"
            )
        return
    found = [r for r in known if r.code == code.upper() or r.name == code]
    if not found:
        hint = did_you_mean(code.upper(), [r.code for r in known])
        raise HubError(f"unknown rule '{code}'{hint}; `hubtool rules` lists them")
    rule = found[0]
    if fmt == "json":
        click.echo(json.dumps(describe(rule, lang), ensure_ascii=False, indent=2))
        return
    click.echo(f"{rule.code} {rule.name} ({label(rule.severity, lang)}, {label(rule.scope, lang)})")
    click.echo(f"{summary(rule, lang)}\n")
    if rule.help:
        click.echo(f"{label('fix', lang)}: {pick(rule.help, lang)}\n")
    click.echo(label("settings", lang, code=rule.code) + ":")
    click.echo(f"  enabled: true | false          # {label('enabled', lang)}")
    click.echo(f"  severity: error | warning      # {label('severity', lang)}")
    click.echo(f"  exclude: [path globs]          # {label('exclude', lang)}")
    for key, value in rule.options.items():
        click.echo(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    click.echo("\n" + label("suppress", lang, code=rule.code))
    click.echo(f"\n{label('doc', lang)}:\n")
    click.echo(inspect.cleandoc(rule.__doc__ or ""))


def describe(rule: type[Rule], lang: str) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "summary": summary(rule, lang),
        "severity": rule.severity,
        "scope": rule.scope,
        "options": rule.options,
        "help": pick(rule.help, lang),
        "doc": inspect.cleandoc(rule.__doc__ or ""),
    }
