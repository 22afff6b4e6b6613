"""A lead cannot plant a spreadsheet formula in the CSV export, whatever separator the spreadsheet splits on; phone numbers stay phone numbers."""

from __future__ import annotations

import csv
import io
import re

from leadrig import receiver, run_cli, valid  # noqa: F401 - receiver is a fixture

FORMULA = ("=", "+", "-", "@")
HOSTILE = [
    "ACME;=1+1",
    'ACME,=HYPERLINK("http://evil.example")',
    "a\t@SUM(1)",
    'x;"=1+1"',
    "x; -2+3",
    "=cmd|' /C calc'!A0",
    "第一行\n=1+1",
    "ok|+1",
]


def test_no_cell_starts_a_formula_after_any_separator(receiver):
    hub = receiver()
    for i, text in enumerate(HOSTILE):
        data = valid(email=f"u{i}@example.cn", message=text, utm_campaign=text)
        assert hub.post_form("contact", data).status_code == 303
    export = run_cli("leads", "export", "-f", str(hub.config.path), "--db", hub.settings.db_url)
    assert export.exit_code == 0, export.output
    # Split the file as any spreadsheet might: on , ; tab | or a line break, quotes or not.
    for cell in re.split(r"[,;\t|\r\n]", export.output.lstrip("\ufeff")):
        assert not cell.strip().strip('"').strip().startswith(FORMULA), repr(cell)
    rows = list(csv.DictReader(io.StringIO(export.output.lstrip("\ufeff"))))
    assert rows[0]["message"] == "ACME;'=1+1"  # what was typed, with an apostrophe before the =
    assert rows[6]["message"] == "第一行\n'=1+1"


def test_international_phone_numbers_export_as_typed(receiver):
    hub = receiver()
    phones = [
        "+44 20 7946 0000",
        "+86 138-0013-8000",
        "+1 (555) 010-0199",
        "+86 10 6552 9988 转 12",
    ]
    for i, phone in enumerate(phones):
        assert (
            hub.post_json("contact", valid(email=f"p{i}@example.cn", phone=phone)).status_code
            == 201
        )
    hub.post_json("contact", valid(email="x@example.cn", message="+44 20 7946 0000"))
    export = run_cli("leads", "export", "-f", str(hub.config.path), "--db", hub.settings.db_url)
    rows = list(csv.DictReader(io.StringIO(export.output.lstrip("\ufeff"))))
    # A CRM importing the file reads a phone number, not '+44…: only digits and punctuation,
    # which no spreadsheet can run as a function call.
    assert [r["phone"] for r in rows[:4]] == phones
    assert rows[4]["message"] == "'+44 20 7946 0000"  # outside a phone column, the usual guard
