"""What a renderer reads of a finding and a rule. The audit's own classes have these attributes;
output sits beside the audit layer, not above it, so it names the shape instead of importing them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol


class FindingLike(Protocol):
    @property
    def rule(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def path(self) -> str | None: ...
    @property
    def line(self) -> int | None: ...
    @property
    def column(self) -> int | None: ...
    @property
    def url(self) -> str | None: ...
    @property
    def message(self) -> str: ...
    @property
    def help(self) -> str: ...


Findings = Sequence[FindingLike]
Rules = Sequence[Any]  # rule classes (code, name, severity, help, __doc__): mypy sees ClassVars
Summary = Mapping[str, Any]
