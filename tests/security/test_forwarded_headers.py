"""A client cannot dodge the per-form, per-address rate limit by claiming another address in X-Forwarded-For."""

from __future__ import annotations

import time

import pytest
from leadrig import receiver, valid  # noqa: F401 - receiver is a fixture
from leads.leadkit import assert_error_shape


def _same_minute(check) -> None:
    window = int(time.time() // 60)
    check()
    if int(time.time() // 60) != window:
        pytest.skip("ran across a minute boundary: the rate-limit window restarted")


def test_forwarded_headers_are_ignored_unless_forwarded_allow_ips_is_set(receiver):
    hub = receiver(per_minute=3)  # FORWARDED_ALLOW_IPS unset, as on a host without a proxy

    def check():
        for i in range(3):
            response = hub.post_json(
                "contact",
                valid(email=f"u{i}@example.cn"),
                **{"X-Forwarded-For": f"10.0.0.{i}", "X-Forwarded-Proto": "https"},
            )
            assert response.status_code == 201
        dodge = hub.post_json(
            "contact", valid(email="u9@example.cn"), **{"X-Forwarded-For": "10.0.0.99"}
        )
        assert_error_shape(dodge, 429)

    _same_minute(check)
    # Nor does a claimed scheme change the links the receiver hands out.
    link = hub.post_json(
        "whitepaper-download",
        valid(company="星衡", content_id="whitepapers/report"),
        **{"X-Forwarded-Proto": "https"},
    ).json()["download_url"]
    assert link.startswith(hub.url + "/download/")


def test_behind_a_named_proxy_each_visitor_has_their_own_limit(receiver):
    hub = receiver(per_minute=2, forwarded_allow_ips="127.0.0.1")  # nginx on the same host

    def check():
        for visitor in ("203.0.113.5", "203.0.113.6"):
            for i in range(2):
                response = hub.post_json(
                    "contact", valid(email=f"{i}@{visitor}.example"), **{"X-Forwarded-For": visitor}
                )
                assert response.status_code == 201
            assert (
                hub.post_json(
                    "contact", valid(email=f"x@{visitor}.example"), **{"X-Forwarded-For": visitor}
                ).status_code
                == 429
            )

    _same_minute(check)
