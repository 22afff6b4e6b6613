"""Control characters from visitors (ESC, CR, NUL, C1, bidi overrides) never reach the log, `leads stats` or the CSV raw."""

from __future__ import annotations

import logging
import re
import sqlite3

from leadrig import SITE, receiver, run_cli, valid  # noqa: F401 - receiver is a fixture

# What must never come out raw: C0 (but the CSV's own line ends), DEL, C1 and bidi controls.
RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE = "\x1b[2J\u202eevil\u2066\x85\x9b31m\u202c"


def test_a_download_path_is_logged_escaped(receiver, caplog):
    hub = receiver()
    with caplog.at_level(logging.INFO, logger="hubtool.leads"):
        refused = hub.get(
            "/download/x%1B%5B2J%0D2026-01-01%20INFO%20lead%20stored%00?lang=zh&exp=1&sig=00"
        )
        assert refused.status_code == 403
    [line] = [r.getMessage() for r in caplog.records if "download of" in r.getMessage()]
    assert not RAW.search(line) and "\r" not in line and "\n" not in line, repr(line)
    assert r"\x1b[2J\r2026-01-01 INFO lead stored\x00" in line  # visible, as repr shows it


def test_invisible_controls_in_form_fields_are_stripped_before_storage(receiver):
    hub = receiver()
    data = valid(
        name="张\u202e三\x85\x1b",
        utm_source=f"wechat{HOSTILE}",
        page_url=f"{SITE}/cases/{HOSTILE}bank/",
        message=f"第一行\n第二{HOSTILE}行",
    )
    assert hub.post_form("contact", data).status_code == 303
    [lead] = hub.store.leads()
    assert lead["fields"]["name"] == "张三"
    assert lead["page_url"] == f"{SITE}/cases/[2Jevil31mbank/"  # the printable text stays
    assert lead["utm_source"] == "wechat[2Jevil31m"
    assert lead["fields"]["message"] == "第一行\n第二[2Jevil31m行"
    assert not any(RAW.search(str(v)) for v in (*lead["fields"].values(), *lead.values()))


def test_stats_and_the_csv_never_print_controls_even_from_older_rows(receiver):
    hub = receiver()
    assert hub.post_json("contact", valid(utm_source=f"baidu{HOSTILE}")).status_code == 201
    # A row written before the boundary stripped anything (an older hubtool, or by hand).
    db = hub.settings.db_url.removeprefix("sqlite:///")
    with sqlite3.connect(db) as old:
        old.execute(
            "UPDATE leads SET page_url = ?, fields = ?",
            (f"{SITE}/{HOSTILE}x/", '{"name": "李\\u202e四\\u0085", "email": "l@example.cn"}'),
        )
    args = ("-f", str(hub.config.path), "--db", hub.settings.db_url)
    for result in (
        run_cli("leads", "stats", *args),
        run_cli("leads", "stats", "--format", "json", *args),
        run_cli("leads", "export", *args),
    ):
        assert result.exit_code == 0, result.output
        assert not RAW.search(result.output.replace("\r\n", "\n").replace("\n", "")), repr(
            result.output
        )
    stats = run_cli("leads", "stats", *args).output
    assert r"\u202e" in stats and r"\x1b" in stats  # shown escaped, so the owner sees them
