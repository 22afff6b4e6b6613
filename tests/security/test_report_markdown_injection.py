"""Markdown report injection: what visitors typed stays text when the report is read as HTML.

`hubtool report --format md` goes into wikis and mails, where Markdown becomes HTML. UTM values,
page URLs and content ids come from the form's hidden fields and analytics exports come from the
URLs visitors requested: none of them may turn into an image (a tracking pixel, an `onerror`), a
link (phishing) or an extra table column.
"""

from __future__ import annotations

import lxml.html
import markdown
import pytest
from report.reportkit import GA4, lead, make_report_hub, report_text

from hubtool.leads.store import Store

IMG = "<img src=x onerror=alert(1)>"
LINK = "[click](http://evil.example/login)"
PIXEL = "![t](http://evil.example/p.png)"
PIPES = "a|b|c"
AUTOLINK = "<http://evil.example/a>"
REFERENCE = "[x][1] [1]: http://evil.example/r"
HOSTILE = (IMG, LINK, PIXEL, PIPES, AUTOLINK, REFERENCE)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory: pytest.TempPathFactory) -> lxml.html.HtmlElement:
    root = make_report_hub(tmp_path_factory.mktemp("inject") / "hub")
    store = Store("sqlite:///" + str(root / "var" / "leads.sqlite3"))
    try:
        for i, value in enumerate(HOSTILE):
            new = lead(
                f"2026-10-1{i}T08:00:00.000000Z",
                "demo",
                content=value,
                page="https://hub.example/" + value,
                source=value,
                medium=value,
                campaign=value,
            )
            assert (
                store.submit(f"hostile:{i}", 100 + i, 0, new, queue_outbox=False).status == "stored"
            )
    finally:
        store.close()
    # Requested URLs in the analytics export are visitors' too.
    rows = "".join(f"/{value},7,5,1.4,10,20,0,0\n" for value in (IMG, LINK, PIXEL))
    (root / "ga4.csv").write_text(GA4 + rows, encoding="utf-8")
    text = report_text(root, "--analytics", str(root / "ga4.csv"), fmt="md")
    html = markdown.markdown(text, extensions=["tables"])
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_no_image_link_or_event_handler_from_visitor_values(report_html) -> None:
    assert [lxml.html.tostring(el, encoding="unicode") for el in report_html.iter("img", "a")] == []
    handlers = [
        (el.tag, name)
        for el in report_html.iter()
        if isinstance(el.tag, str)
        for name in el.attrib
        if name.lower().startswith("on")
    ]
    assert handlers == []


def test_values_are_shown_as_text_in_their_own_cell(report_html) -> None:
    tables = report_html.findall(".//table")
    assert tables
    for table in tables:  # a pipe in a value never adds a column
        width = len(table.find(".//tr"))
        assert {len(tr) for tr in table.iter("tr")} == {width}
    sources = next(t for t in tables if t.findtext(".//th") == "source")
    cells = {td.text_content() for td in sources.iter("td")}
    assert set(HOSTILE) <= cells
    urls = next(t for t in tables if t.findtext(".//th") == "url")  # analytics: URLs not in the hub
    shown = " ".join(td.text_content() for td in urls.iter("td"))
    assert IMG in shown and "[click](http:/evil.example/login)" in shown  # as normalised
