"""The `hubtool` command line: a thin Click group; each command lives in its own module, loaded on use."""

from __future__ import annotations

import importlib
import os
from typing import Any

import click

from .errors import HubError

# Explicit registry: command name -> "module:attribute". Modules are imported only when their command
# runs, so `hubtool check` does not pay for the lead receiver's or the report's imports.
COMMANDS: dict[str, str] = {
    "check": "hubtool.commands.check:check",
    "new": "hubtool.commands.new:new",
    "schema": "hubtool.commands.schema:schema",
    "review": "hubtool.commands.review:review",
    "calendar": "hubtool.commands.calendar:calendar",
    "rules": "hubtool.commands.rules:rules",
    "seo-audit": "hubtool.commands.audit:seo_audit",
    "serve": "hubtool.commands.serve:serve",
    "leads": "hubtool.commands.leads:leads",
    "report": "hubtool.commands.report:report",
}


class ToolError(click.ClickException):
    """A tool error (bad config, unbuildable site, bad option value): exit 2, never 1."""

    exit_code = 2


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        command: click.Command = getattr(importlib.import_module(module), attr)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except HubError as exc:
            raise ToolError(one_line(str(exc))) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise  # Click's own: usage errors (2), --help, aborted prompts
        except KeyboardInterrupt:
            raise ToolError("interrupted") from None
        except Exception as exc:
            # Exit 1 means "findings" to CI: a crash must never look like one. One line, not a
            # traceback, unless HUBTOOL_DEBUG asks for it.
            if os.environ.get("HUBTOOL_DEBUG"):
                raise
            what = one_line(str(exc))[:300]
            raise ToolError(
                f"stopped by an unexpected {type(exc).__name__}{': ' + what if what else ''} "
                "(HUBTOOL_DEBUG=1 shows the traceback)"
            ) from None


def one_line(message: str) -> str:
    """A message on one line: its non-blank lines joined with '; ' (a terminal or CI log line)."""
    return "; ".join(part.strip() for part in message.splitlines() if part.strip())


@click.group(cls=LazyGroup)
@click.version_option(package_name="hubtool")
def cli() -> None:
    """hubtool: build, audit and run a bilingual B2B content hub."""
    # mkdocs-material prints an end-of-life banner on every run; it is noise in scripts and CI.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def main() -> None:
    cli(prog_name="hubtool")


if __name__ == "__main__":  # `python -m hubtool.cli`, used by `hubtool serve` to start its children
    main()
