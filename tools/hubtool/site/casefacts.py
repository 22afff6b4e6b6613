"""The evidence block of a case study (customer, quantified results, quote), from its front matter."""

from __future__ import annotations

import html
import re

from ..content.items import Item

_H1 = re.compile(r"^# .*$", re.MULTILINE)
LABELS = {"results": {"zh": "成效", "en": "Results"}}


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
        parts.append(f'<dl class="hub-results" aria-label="{LABELS["results"][item.lang]}">')
        for result in results:
            parts.append(f'<div class="hub-result"><dt>{e(result.get("value"))}</dt>'
                         f'<dd>{e(result.get("label"))}</dd></div>')
        parts.append("</dl>")
    if quote.get("text"):
        who = ", ".join(filter(None, [e(quote.get("author")), e(quote.get("role"))]))
        parts.append(f'<figure class="hub-quote"><blockquote><p>{e(quote["text"])}</p></blockquote>'
                     + (f"<figcaption>{who}</figcaption>" if who else "") + "</figure>")
    parts.append("</div>")
    return "\n".join(parts) if (results or quote.get("text")) else ""
