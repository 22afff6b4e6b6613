"""Errors and problems that name the file, line and field they are about."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a source file: `cases/x.md:3: stage: must be one of …`."""

    path: str
    line: int
    field: str
    message: str
    severity: str = "error"  # "error" | "warning"

    @property
    def detail(self) -> str:
        """The message after its field: `stage: must be one of …`."""
        return f"{self.field}: {self.message}" if self.field else self.message

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.detail}"


class HubError(Exception):
    """A tool error (unreadable config, unbuildable site): the CLI prints it on one line, exit 2."""


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """` (did you mean 'keyword'?)` for the closest of `options`, or "" when none is close."""
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""
