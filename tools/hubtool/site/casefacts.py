"""The evidence block of a case study (customer, quantified results, quote), from its front matter."""

from __future__ import annotations

import html
import re

from .. import ui
from ..content.items import Item

_H1 = re.compile(r"^# .*$", re.MULTILINE)


def insert_case_facts(markdown: str, item: Item) -> str:
    """Put the evidence right under the H1, where a buyer skimming the page sees it first."""
    block = case_facts(item)
    if not block:
        return markdown
    match = _H1.search(markdown)
    at = match.end() if match else 0
    return markdown[:at] + "\n\n" + block + "\n" + markdown[at:]


def case_facts(item: Item) -> str:
    if item.kind != "case":
        return ""
    e = lambda value: html.escape(str(value or ""))
    results = item.meta.get("results") or []
    quote = item.meta.get("quote") or {}
    parts = ['<div class="hub-case-facts">']
    if results:
        parts.append(
            f'<dl class="hub-results" aria-label="{e(ui.say("case.results", item.lang))}">'
        )
        for result in results:
            parts.append(
                f'<div class="hub-result"><dt>{e(result.get("value"))}</dt>'
                f"<dd>{e(result.get('label'))}</dd></div>"
            )
        parts.append("</dl>")
    if quote.get("text"):
        parts.append(
            f'<figure class="hub-quote"><blockquote><p>{e(quote["text"])}</p></blockquote>'
            + quote_credit(quote, item.lang)
            + "</figure>"
        )
    parts.append("</div>")
    return "\n".join(parts) if (results or quote.get("text")) else ""


def quote_credit(quote: dict, lang: str) -> str:
    """The quote's credit as the page's language writes it: ——张三，风险管理部总经理 (full-width
    comma and dash) on a Chinese page, — Jane Li, Head of Risk on others; set upright by the
    stylesheet (CJK has no italic). "" when the quote names nobody."""
    names = [
        html.escape(str(value))
        for value in (quote.get("author"), quote.get("role"))
        if str(value or "").strip()
    ]
    if not names:
        return ""
    zh = lang.startswith("zh")
    who = ("，" if zh else ", ").join(names)
    return f'<figcaption class="hub-quote__credit">{"——" if zh else "— "}{who}</figcaption>'
