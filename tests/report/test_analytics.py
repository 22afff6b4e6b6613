"""Analytics import: the two documented exports, encodings, column mapping, and errors naming the line."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from reportkit import BAIDU, GA4, MONTH, report_json, run_report

from hubtool.errors import HubError
from hubtool.report.analytics import load_analytics, mapping_from_config, site_url_path


def test_ga4_export_with_comment_lines(tmp_path: Path) -> None:
    path = tmp_path / "Pages_and_screens.csv"
    path.write_text(GA4, encoding="utf-8")
    a = load_analytics(path)
    assert (a.layout, a.encoding, a.rows) == ("ga4", "utf-8", 6)
    assert a.columns == {
        "url": "Page path and screen class",
        "views": "Views",
        "visitors": "Active users",
    }
    assert a.views("/cases/bank-risk/") == 500 and a.pages["/cases/bank-risk/"].visitors == 350
    assert a.views("/whitepapers/guide/") == 200  # the query string is not part of the page


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig", "utf-8", "utf-16"])
def test_baidu_tongji_export_in_each_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "受访页面.csv"
    path.write_bytes(BAIDU.encode(encoding))
    a = load_analytics(path, host="hub.example")
    assert a.layout == "baidu" and a.encoding == encoding
    assert a.columns["views"] == "浏览量(PV)" and a.columns["visitors"] == "访客数(UV)"
    # Full URLs on the site's host become site paths; '1,234' is a number; '--' is zero;
    # another host keeps its full URL (reported as not in the hub); the 当页汇总 row is no page.
    assert {u: (s.views, s.visitors) for u, s in a.pages.items()} == {
        "/cases/bank-risk/": (1234, 456),
        "/案例/": (10, 0),
        "/whitepapers/guide/": (66, 33),
        "https://staging.hub.example/cases/bank-risk/": (7, 7),
    }
    assert a.rows == 4


def test_configured_column_mapping_and_tab_separated(tmp_path: Path) -> None:
    path = tmp_path / "matomo.tsv"
    path.write_text("Adresse\tAufrufe\tBesucher\n/cases/bank-risk/\t12\t7\n", encoding="utf-8")
    mapping = mapping_from_config({"url": "Adresse", "views": ["Aufrufe"], "visitors": "Besucher"})
    a = load_analytics(path, mapping)
    assert a.layout == "configured" and a.views("/cases/bank-risk/") == 12
    with pytest.raises(HubError, match=r"extra\.hub\.analytics\.pageviews: unknown column"):
        mapping_from_config({"pageviews": "Views"})


def test_site_served_under_a_path(tmp_path: Path) -> None:
    path = tmp_path / "ga.csv"
    path.write_text("Page path,Views\n/hub/cases/x/,3\n/hub,2\n", encoding="utf-8")
    assert set(load_analytics(path, base="/hub/").pages) == {"/cases/x/", "/"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/cases/x/", "/cases/x/"),
        ("/cases/x", "/cases/x/"),
        ("/cases/x/index.html", "/cases/x/"),
        ("/index.html", "/"),
        ("https://hub.example/en/cases/x/?utm_source=baidu#top", "/en/cases/x/"),
        ("/%E6%A1%88%E4%BE%8B/", "/案例/"),
        ("/assets/brochure.pdf", "/assets/brochure.pdf"),
        ("cases/x/", "/cases/x/"),
        ("(not set)", None),
        ("https://www.hub.example/cases/x/", "/cases/x/"),
        ("https://staging.hub.example/cases/x/", None),
    ],
)
def test_site_url_path(value: str, expected: str | None) -> None:
    assert site_url_path(value, host="hub.example") == expected


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (GA4 + "/broken/,lots,3,1,1,1,0,0\n", 16, "column 'Views': 'lots' is not a number"),
        (
            GA4.replace("/pricing/,30,20,1.5,12,90,0,0", "/pricing/"),
            14,
            "expected at least 3 columns",
        ),
        ('Page path,Views\n/a/,1\n"/b/,2\n', 3, "malformed CSV"),
        ("Page,Hits\n/a/,1\n", 1, "no header row with a page URL and a views column"),
        ("Page path,Views\n,4\n", 2, "the page address is empty"),
    ],
    ids=["not-a-number", "short-row", "open-quote", "no-header", "empty-url"],
)
def test_malformed_csv_names_file_and_line(
    tmp_path: Path, content: str, line: int, message: str
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(HubError) as caught:
        load_analytics(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)


def test_undecodable_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"Page path,Views\n/a/,1\n/\xff\xff/,2\n")
    with pytest.raises(HubError, match=r"export\.csv:3: the file is neither UTF-8 nor GB18030"):
        load_analytics(path)


def test_cli_malformed_csv_exit_2_one_line_nothing_written(
    shared_hub: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(codecs.BOM_UTF8 + (GA4 + "/x/,12abc,3,1,1,1,0,0\n").encode("utf-8"))
    out = tmp_path / "report.html"
    done = run_report(
        shared_hub, "--month", MONTH, "--analytics", str(bad), "-o", str(out), "--no-history"
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert f"{bad}:16: column 'Views': '12abc' is not a number" in lines[0]
    assert not out.exists()


def test_json_of_a_report_without_analytics_has_no_conversion(shared_hub: Path) -> None:
    report = report_json(shared_hub)
    assert report["analytics"] is None and report["leads"]["conversion"] == []
