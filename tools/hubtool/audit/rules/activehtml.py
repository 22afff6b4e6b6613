"""SEC002: HTML that runs code, written in a page's Markdown (scripts, event handlers, script URLs).

Python-Markdown publishes raw HTML and link targets as written, and `attr_list` turns `{: … }`
into attributes: the body is the one place a writer's text reaches the page unescaped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ...escape import unsafe_scheme
from ..model import AuditContext, Finding, Rule
from .mdlinks import link_targets
from .prose import FENCE

# Elements that run or load code, take over links, or post visitors' input elsewhere.
_ELEMENT = re.compile(r"<\s*(script|iframe|frame|object|embed|applet|base|meta|form)\b", re.I)
# An on…= attribute inside a tag or an attribute list ({: onclick=… }).
_HANDLER = re.compile(r"(?:<[a-z][^>]*|\{[:#.]?[^}]*)\s(on[a-z]+)\s*=", re.I)
_CODE = re.compile(r"`[^`]*`")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))


def _lines(body: str, first: int) -> Iterator[tuple[int, str]]:
    """(file line, text) of the body outside fenced code, with inline code blanked."""
    fence = ""
    for index, line in enumerate(body.splitlines()):
        if fence:
            fence = "" if line.strip().startswith(fence) else fence
            continue
        if (opened := FENCE.match(line)) is not None:
            fence = opened.group(1)
            continue
        if not line.startswith(("    ", "\t")):  # an indented code block is code
            yield first + index, _CODE.sub(_blank, line)


def active_parts(body: str, first: int) -> Iterator[tuple[int, int, str]]:
    """(line, column, what) of each part of the body that would run code on the page."""
    for number, line in _lines(body, first):
        for match in _ELEMENT.finditer(line):
            yield number, match.start() + 1, f"<{match.group(1).lower()}>"
        for match in _HANDLER.finditer(line):
            yield number, match.start(1) + 1, match.group(1).lower() + "="
        for start, _, target in link_targets(line):
            if scheme := unsafe_scheme(target):
                yield number, start + 1, f"{scheme}:"


class ActiveHtmlInBody(Rule):
    """HTML in a page's Markdown that would run code in visitors' browsers: a `<script>`, an
    `<iframe>`, `<object>`, `<embed>`, `<base>`, `<meta>` or `<form>` element, an `on…=` event
    handler (in a tag or an attribute list `{: … }`), or a `javascript:`, `vbscript:` or `data:`
    link.

    **Why.** Markdown publishes raw HTML and link targets exactly as written, so this is the one
    place a writer's text reaches the page unescaped: a pasted tracking snippet, an embed copied
    from another site or a hostile pull request runs with the site's origin, reads what visitors
    type into the lead forms, or sends them elsewhere. Forms, analytics and embeds belong to the
    theme and `mkdocs.yml`, where they are reviewed once. Code examples in fenced or inline code
    are text and are not reported.

    **Fails:** `<script src="https://cdn.example/track.js"></script>`,
    `[下载白皮书](javascript:alert(1))`, `![架构图](flow.svg){: onload=alert(1) }`

    **Instead:** link the page or file (`[下载白皮书](../whitepapers/guide.md)`); set analytics with
    mkdocs-material's `extra.analytics` in `mkdocs.yml`; show code in a fenced code block.
    """

    code = "SEC002"
    name = "active-html-in-body"
    severity = "error"
    summary = (
        "正文的 Markdown 中有会执行代码的 HTML：脚本、事件属性或 javascript: 链接",
        "HTML in a page's Markdown that runs code: a script, an event handler or a script link.",
    )
    help = (
        "删掉它：链接到页面或文件；统计代码用 mkdocs.yml 的 extra.analytics 设置；示例代码放进代码块。",
        "Remove it: link a page or a file; analytics are set with extra.analytics in mkdocs.yml; show code "
        "examples in a code block.",
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        for item in ctx.items:
            for line, column, what in active_parts(item.body, item.body_line):
                yield self.finding(
                    self.say(
                        f"正文中的 {what} 会在访客的浏览器里执行代码",
                        f"{what} in the body runs code in visitors' browsers",
                    ),
                    item=item,
                    line=line,
                    column=column,
                )
