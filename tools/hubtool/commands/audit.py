"""`hubtool seo-audit` and `hubtool rules`: thin Click wrappers around the audit engine."""

from __future__ import annotations

import datetime as dt
import inspect
import json
import sys

import click

from ..errors import HubError

FAIL_ON = ("error", "warning", "never")


def _date(ctx, param, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date (YYYY-MM-DD)") from None


@click.command("seo-audit")
@click.option(
    "--config-file",
    "-f",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The hub's mkdocs.yml.",
)
@click.option(
    "--site-dir",
    "-d",
    type=click.Path(file_okay=False),
    help="Audit this build folder (with --no-build: audit it as it is).",
)
@click.option("--no-build", is_flag=True, help="Do not run MkDocs; audit --site-dir (or site_dir).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "junit", "github"]),
    default="text",
    show_default=True,
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here.")
@click.option("--select", help="Only these rule codes or prefixes, comma-separated (KW,TEC007).")
@click.option("--ignore", help="Not these rule codes or prefixes, comma-separated.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at or above this severity.",
)
@click.option(
    "--today", callback=_date, help="Date that date-based rules measure from (YYYY-MM-DD)."
)
def seo_audit(
    config_file: str,
    site_dir: str | None,
    no_build: bool,
    fmt: str,
    output: str | None,
    select: str | None,
    ignore: str | None,
    fail_on: str,
    today: dt.date | None,
) -> None:
    """Audit the built site and its sources: keyword, technical, positioning, cadence rules.

    Exit status: 0 clean, 1 findings at or above --fail-on, 2 tool error.
    """
    from ..audit.engine import parse_codes, run_audit
    from ..config import load_config
    from ..output import write_report

    config = load_config(config_file)
    result = run_audit(
        config,
        site_dir=site_dir,
        build=not no_build,
        today=today,
        select=parse_codes(select),
        ignore=parse_codes(ignore),
    )
    write_report(result, fmt, output, config.root)
    if result.failed(fail_on):
        sys.exit(1)


@click.command("rules")
@click.argument("code", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules(code: str | None, fmt: str) -> None:
    """List every audit rule, or explain one: `hubtool rules KW002`."""
    from ..audit.rules import all_rules

    known = sorted(all_rules(), key=lambda r: r.code)
    if code is None:
        if fmt == "json":
            click.echo(json.dumps([_describe(r) for r in known], ensure_ascii=False, indent=2))
            return
        for rule in known:
            summary = inspect.cleandoc(rule.__doc__ or "").splitlines()[0]
            click.echo(
                f"{rule.code:<7} {rule.severity:<7} {rule.scope:<6} {rule.name:<34} {summary}"
            )
        return
    found = [r for r in known if r.code == code.upper() or r.name == code]
    if not found:
        import difflib

        close = difflib.get_close_matches(code.upper(), [r.code for r in known], n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise HubError(f"unknown rule '{code}'{hint}; `hubtool rules` lists them")
    rule = found[0]
    if fmt == "json":
        click.echo(json.dumps(_describe(rule), ensure_ascii=False, indent=2))
        return
    click.echo(f"{rule.code} {rule.name} ({rule.severity}, {rule.scope})\n")
    click.echo(inspect.cleandoc(rule.__doc__ or ""))
    if rule.help:
        click.echo(f"\nFix: {rule.help}")
    click.echo("\nSettings (mkdocs.yml, extra.hub.audit.rules." + rule.code + "):")
    click.echo("  enabled: true | false\n  severity: error | warning\n  exclude: [path globs]")
    for key, value in rule.options.items():
        click.echo(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    click.echo(
        f"\nSuppress: front matter `audit: {{ignore: [{rule.code}]}}`, or "
        f"`<!-- hubtool: ignore {rule.code} -->` in the Markdown."
    )


def _describe(rule) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity,
        "scope": rule.scope,
        "options": rule.options,
        "help": rule.help,
        "doc": inspect.cleandoc(rule.__doc__ or ""),
    }
