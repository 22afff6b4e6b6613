"""Crafted requests to the lead receiver (non-ASCII digits, deep JSON, odd signatures, cut bodies) get a 4xx, never a 500."""

from __future__ import annotations

import json
import socket
import time
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from leadrig import SITE, make_hub, receiver, spawn, valid  # noqa: F401 - receiver is a fixture
from leads.leadkit import assert_error_shape
from starlette.testclient import TestClient

from hubtool.leads.app import create_app
from hubtool.leads.settings import load_settings

DEEP = 5000


def _same_minute(check) -> None:
    """Rate-limit checks assume one window; re-run once if the minute turned meanwhile."""
    window = int(time.time() // 60)
    check()
    if int(time.time() // 60) != window:
        pytest.skip("ran across a minute boundary: the rate-limit window restarted")


def test_superscript_digits_in_started_at_are_a_400_not_a_500(receiver):
    hub = receiver()
    errors = assert_error_shape(hub.post_json("contact", valid(started_at="²³")), 400)
    assert errors[0]["field"] == "started_at"
    page = hub.post_form("contact", valid(started_at="١٢٣"))  # Arabic-Indic digits too
    assert page.status_code == 400 and "无法读取提交的内容" in page.text
    assert hub.store.leads() == []
    assert hub.post_json("contact", valid()).status_code == 201  # a real visitor still gets in


def test_json_nested_thousands_deep_is_a_400(receiver):
    hub = receiver()
    for body in (
        "[" * DEEP + "]" * DEEP,
        '{"name": ' + "[" * DEEP + "]" * DEEP + "}",
        '{"name": {"first": "张"}, "email": ["a@example.cn"]}',
    ):
        response = hub.http.post(
            f"{hub.url}/forms/contact",
            content=body,
            headers={"Content-Type": "application/json", "Origin": SITE},
        )
        assert_error_shape(response, 400)
    assert hub.store.leads() == []


def test_a_non_ascii_signature_or_expiry_on_a_download_link_is_a_400(receiver):
    hub = receiver()
    for query in (
        "lang=zh&exp=4102444800&sig=%C3%A9t%C3%A9",  # sig=été
        "lang=zh&exp=%C2%B2%C2%B3&sig=" + "0" * 64,  # exp=²³
        "lang=zh&exp=4102444800&sig=%EF%BC%90",
    ):  # a full-width zero
        refused = hub.get(f"/download/whitepapers/report?{query}")
        assert refused.status_code == 400, query
        assert "此下载链接无效" in refused.text and refused.headers["x-robots-tag"] == "noindex"
    # A well-formed but wrong signature is still the 403 it was.
    assert (
        hub.get("/download/whitepapers/report?lang=zh&exp=4102444800&sig=" + "0" * 64).status_code
        == 403
    )


def test_malformed_requests_count_against_the_senders_rate_limit(receiver):
    hub = receiver(per_minute=3)

    def check():
        bad = [
            hub.post_json("contact", valid(started_at="²³")),
            hub.http.post(
                f"{hub.url}/forms/contact",
                content="[" * DEEP,
                headers={"Content-Type": "application/json", "Origin": SITE},
            ),
            hub.http.post(
                f"{hub.url}/forms/contact",
                content=b"<x/>",
                headers={"Content-Type": "text/xml", "Origin": SITE},
            ),
        ]
        assert [r.status_code for r in bad] == [400, 400, 415]
        assert_error_shape(hub.post_json("contact", valid()), 429)  # even a good one, now
        # Guessing download signatures costs the same.
        for _ in range(3):
            assert (
                hub.get("/download/whitepapers/report?lang=zh&exp=1&sig=%C3%A9").status_code == 400
            )
        assert hub.get("/download/whitepapers/report?lang=zh&exp=1&sig=%C3%A9").status_code == 429

    _same_minute(check)
    assert hub.store.leads() == []


def test_a_client_that_disconnects_mid_body_costs_one_log_line(tmp_path):
    config = make_hub(tmp_path / "hub")
    server = spawn(config.path, f"sqlite:///{tmp_path / 'leads.sqlite3'}", tmp_path / "log")
    try:
        parts = urlsplit(server.url)
        with socket.create_connection((parts.hostname, parts.port), timeout=5) as sock:
            sock.sendall(
                b"POST /forms/contact HTTP/1.1\r\nHost: hub\r\n"
                b"Origin: " + SITE.encode() + b"\r\n"
                b"Content-Type: application/x-www-form-urlencoded\r\n"
                b"Content-Length: 4000\r\n\r\nname=%E5%BC%A0&email="
            )
            time.sleep(0.3)
        deadline = time.monotonic() + 10
        while "went away" not in server.log_text() and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        server.stop()
    log = server.log_text()
    assert "Traceback" not in log and "Exception in ASGI application" not in log, log
    assert len([line for line in log.splitlines() if "went away" in line]) == 1, log


# -- anything at all ---------------------------------------------------------------------------

_TYPES = st.sampled_from(
    [
        "application/json",
        "application/x-www-form-urlencoded",
        "",
        "text/plain",
        "application/json; charset=utf-16",
        "multipart/form-data; boundary=x",
        "APPLICATION/JSON",
        "application/x-www-form-urlencoded;charset=gbk",
    ]
)
# Arbitrary text, and the kinds of text that broke the receiver before.
_TEXT = st.text(max_size=40) | st.sampled_from(
    ["²³", "١٢٣", "été", "０", "\x00", "\x1b[2J\r\n", "\u202e", "9" * 40, "-1", ""]
)
_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | _TEXT,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5)
    ),
    max_leaves=20,
)
_FIELDS = st.sampled_from(
    [
        "name",
        "email",
        "phone",
        "message",
        "consent",
        "lang",
        "started_at",
        "submission_id",
        "page_url",
        "content_id",
        "website",
        "company",
    ]
)
_BODIES = st.one_of(
    st.binary(max_size=2000),
    _JSON.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(_FIELDS, _JSON, max_size=8).map(lambda v: json.dumps(v).encode()),
    st.dictionaries(_FIELDS, _TEXT, max_size=8).map(
        lambda v: "&".join(f"{k}={x}" for k, x in v.items()).encode("utf-8", "surrogatepass")
    ),
    st.integers(1, 6000).map(lambda n: b"[" * n + b"]" * n),
    st.integers(1, 6000).map(lambda n: b'{"name": ' + b"{" * n),
)
_QUERY = st.lists(
    st.tuples(
        st.sampled_from(["lang", "exp", "sig", "content_id", "utm_source"]) | st.text(max_size=8),
        _TEXT,
    ),
    max_size=4,
)
_PATHS = st.sampled_from(
    [
        "/forms/contact",
        "/forms/whitepaper-download",
        "/forms/nope",
        "/download/whitepapers/report",
        "/download/",
        "/healthz",
    ]
)
_ORIGINS = st.sampled_from([SITE, SITE, None, "null", "https://evil.example"])
_ACCEPT = st.sampled_from(["application/json", "text/html", "*/*", ""])
# Mostly what a form or a download link looks like, with hostile values; sometimes anything.
_REQUESTS = st.one_of(
    st.fixed_dictionaries(
        {
            "method": st.just("POST"),
            "path": st.sampled_from(["/forms/contact", "/forms/whitepaper-download"]),
            "ctype": st.sampled_from(["application/json", "application/x-www-form-urlencoded", ""]),
            "body": _BODIES,
            "query": st.just([]),
            "origin": _ORIGINS,
            "accept": _ACCEPT,
        }
    ),
    st.fixed_dictionaries(
        {
            "method": st.sampled_from(["GET", "HEAD"]),
            "path": st.just("/download/whitepapers/report"),
            "ctype": st.just(""),
            "body": st.just(b""),
            "origin": st.none(),
            "accept": _ACCEPT,
            "query": st.tuples(_TEXT, _TEXT, _TEXT).map(
                lambda t: [("lang", t[0]), ("exp", t[1]), ("sig", t[2])]
            ),
        }
    ),
    st.fixed_dictionaries(
        {
            "method": st.sampled_from(["GET", "POST", "HEAD"]),
            "path": _PATHS,
            "ctype": _TYPES,
            "body": _BODIES,
            "query": _QUERY,
            "origin": _ORIGINS,
            "accept": _ACCEPT,
        }
    ),
)


@pytest.fixture(scope="module")
def app_client(tmp_path_factory):
    """The real app (real SQLite) under Starlette's TestClient: no socket, so fast enough to be
    thrown hundreds of requests."""
    root = tmp_path_factory.mktemp("fuzz")
    config = make_hub(root / "hub", per_minute=100_000)
    settings = load_settings(config, f"sqlite:///{root / 'leads.sqlite3'}")
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(request=_REQUESTS)
def test_no_request_gets_a_5xx(app_client, request):
    headers = {"Content-Type": request["ctype"], "Accept": request["accept"]}
    if request["origin"]:
        headers["Origin"] = request["origin"]
    response = app_client.request(
        request["method"],
        request["path"],
        params=request["query"],
        headers=headers,
        content=request["body"] if request["method"] == "POST" else None,
    )
    assert response.status_code < 500, (response.status_code, response.text[:300])
