"""The HTML file: self-contained, and text that visitors typed (UTM values) shown as text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from reportkit import lead, report_file

from hubtool.leads.store import Store

HOSTILE = '<script>alert("x")</script><img src=https://evil.example/p.gif>'


def test_visitor_supplied_values_are_escaped_and_nothing_is_loaded(report_hub: Path) -> None:
    store = Store("sqlite:///" + str(report_hub / "var" / "leads.sqlite3"))
    try:
        store.submit(
            "hostile",
            99,
            0,
            lead(
                "2026-10-05T00:00:00.000000Z",
                "demo",
                HOSTILE,
                "https://hub.example/" + HOSTILE,
                HOSTILE,
                HOSTILE,
                HOSTILE,
            ),
            queue_outbox=False,
        )
    finally:
        store.close()
    html = report_file(report_hub, report_hub / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert" in html  # shown, as text, in the tables and the source chart
    # No element that could load anything: no script, img, link, no src/href attribute.
    assert Elements.of(html).loaders == []
    assert "url(" not in html and "@import" not in html
    # Every headline number is a link to the rows it counts, and each target exists.
    targets = re.findall(r'href="#([^"]+)"', html)
    assert targets and all(f'id="{t}"' in html for t in targets)


class Elements(HTMLParser):
    """Elements of a page that would make the browser load something."""

    def __init__(self) -> None:
        super().__init__()
        self.loaders: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # A link to a place in the same file (`href="#leads"`) loads nothing.
        attrs = [(n, v) for n, v in attrs if not (n == "href" and (v or "").startswith("#"))]
        names = {name for name, _ in attrs}
        if tag in ("script", "img", "link", "iframe", "object", "embed", "use") or names & {
            "src",
            "href",
            "xlink:href",
            "srcset",
            "data",
        }:
            self.loaders.append(f"<{tag} {' '.join(sorted(names))}>")

    @classmethod
    def of(cls, html: str) -> Elements:
        parser = cls()
        parser.feed(html)
        return parser
