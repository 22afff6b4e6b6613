"""Front-matter problems as audit rules (FM001 invalid, FM002 unknown field), registered like any rule."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from ..model import AuditContext, Finding, Rule


class _FromProblems(Rule):
    scope = "source"
    problem_severity = "error"

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for item in ctx.sources:  # drafts too: a draft with broken front matter is still broken
            for problem in item.problems:
                if problem.severity == self.problem_severity:
                    yield self.finding(problem.detail, item=item, line=problem.line)
        for problem in ctx.hub.files:  # the blog's authors file (content.authors)
            if problem.severity == self.problem_severity:
                yield replace(self.finding(problem.detail, line=problem.line), path=problem.path)


class FrontMatterInvalid(_FromProblems):
    """Front matter that cannot be read or breaks the content model.

    **Why.** MkDocs silently renders broken front matter as page text, and the hub's build stops
    on an invalid published file; `hubtool check` reports every invalid file at once, before the
    build. Drafts are checked too.

    **Fails:**

        stage: decide        # not one of awareness, consideration, decision, retention
        date: 23/11/2026     # dates are written YYYY-MM-DD

    **Instead:**

        stage: decision
        date: 2026-11-23

    The message names the field; the allowed values are in the message and in .vscode/schemas/<kind>.schema.json.

    **Severity: error.** The build stops on an invalid published file (or, for broken YAML,
    MkDocs prints the front matter as page text): nothing a team would ship.
    """

    code = "FM001"
    name = "front-matter-invalid"
    summary = (
        "front matter 无法读取，或不符合内容模型",
        "Front matter that cannot be read or breaks the content model.",
    )
    severity = "error"
    help = (
        "按提示修改该字段；每个字段的说明和允许的取值见 .vscode/schemas/ 中与内容类型同名的文件"
        "（case.schema.json、whitepaper.schema.json、news.schema.json）。",
        "Fix the field as the message says; each field and its allowed values are described in "
        ".vscode/schemas/, one file per kind (case, whitepaper and news .schema.json).",
    )


class FrontMatterUnknownField(_FromProblems):
    """A front-matter field the content model does not know (often a typo).

    **Why.** An unknown field is ignored by the site, so the value the writer meant to set never
    takes effect (`keywrod: 隐私计算` leaves the page without a keyword).

    **Fails:** `keywrod: 隐私计算`

    **Instead:** `keyword: 隐私计算`

    **Severity: warning.** The page builds; only the misspelt setting is lost.
    """

    code = "FM002"
    name = "front-matter-unknown-field"
    summary = (
        "front matter 中有内容模型不认识的字段（常见于拼写错误）",
        "A front-matter field the content model does not know (often a typo).",
    )
    severity = "warning"
    problem_severity = "warning"
    help = (
        "改成你想写的字段名（参考“是不是要写”的提示），或删除它。",
        "Rename it to the field you meant (see the 'did you mean'), or remove it.",
    )
