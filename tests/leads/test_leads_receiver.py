"""The receiver over real HTTP on loopback, against real SQLite and PostgreSQL: every rule of issue 6."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
import uuid
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from leadkit import OTHER_SITE, PDF, SITE, Webhook, assert_error_shape, valid, wait_until


def test_an_html_post_is_stored_with_its_context_and_redirected_to_thank_you(receiver):
    hub = receiver()
    response = hub.post_form(
        "contact", valid(utm_campaign="秋季", referrer="https://www.baidu.com/")
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"{SITE}/thanks/"
    [lead] = hub.store.leads()
    assert lead["form_id"] == "contact"
    assert lead["fields"] == {
        "name": "张三",
        "email": "zhang.san@example.cn",
        "phone": "",
        "message": "",
    }
    assert lead["page_url"] == f"{SITE}/cases/bank/"
    assert (lead["utm_source"], lead["utm_campaign"]) == ("wechat", "秋季")
    assert lead["referrer"] == "https://www.baidu.com/"
    assert lead["lang"] == "zh" and lead["created_at"].startswith(time.strftime("%Y-"))
    assert lead["consent"] is True and lead["consent_version"] == "2026-09"


def test_english_visitors_return_to_the_english_thank_you_page_on_their_own_site(receiver):
    hub = receiver()
    response = hub.post_form("contact", valid(lang="en", email="a@example.com"), origin=OTHER_SITE)
    assert response.headers["location"] == f"{OTHER_SITE}/en/thanks/"
    # No Origin header (an older browser): the Referer's origin decides, when it is one of ours.
    response = hub.post_form(
        "contact", valid(email="b@example.com"), origin=None, Referer=f"{OTHER_SITE}/cases/x/"
    )
    assert response.headers["location"] == f"{OTHER_SITE}/thanks/"


def test_the_re_shown_form_can_be_sent_again_from_the_receivers_own_page(receiver):
    hub = receiver()
    first = hub.post_form(
        "contact",
        valid(email="wang@", page_url=f"{OTHER_SITE}/en/cases/x/", lang="en"),
        origin=OTHER_SITE,
    )
    assert first.status_code == 422
    fixed = hub.post_form(
        "contact",
        valid(email="wang@example.com", lang="en", page_url=f"{OTHER_SITE}/en/cases/x/"),
        origin=hub.url,
    )
    assert fixed.status_code == 303
    assert fixed.headers["location"] == f"{OTHER_SITE}/en/thanks/"  # back to the visitor's site


def test_a_json_client_gets_201_with_the_lead_id(receiver):
    hub = receiver()
    response = hub.post_json("contact", {**valid(), "consent": True})
    assert response.status_code == 201
    [lead] = hub.store.leads()
    assert response.json() == {"ok": True, "id": lead["id"]}


def test_invalid_json_gets_422_with_an_error_per_field_and_stores_nothing(receiver):
    hub = receiver()
    data = valid(name="张" * 11, email="zhang.san@", consent="")  # max 10 characters, not bytes
    errors = assert_error_shape(hub.post_json("contact", data), 422)
    assert {e["field"]: e["code"] for e in errors} == {
        "name": "max",
        "email": "email",
        "consent": "consent",
    }
    errors = assert_error_shape(hub.post_json("contact", {"lang": "en", "consent": "yes"}), 422)
    assert {e["field"] for e in errors} == {"name", "email"}
    assert errors[0]["message"] == "Please fill in this field."
    assert hub.store.leads() == []
    assert hub.post_json("contact", valid(name="张" * 10)).status_code == 201


def test_an_invalid_html_post_shows_the_form_again_with_errors_and_values_kept(receiver):
    hub = receiver()
    hostile = '<img src=x onerror="alert(1)">'
    response = hub.post_form(
        "contact",
        valid(email="not-an-email", message=hostile, submission_id="sub-123456789", lang="en"),
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    assert '<html lang="en">' in page
    assert 'role="alert"' in page and 'href="#hub-form-contact-email"' in page
    assert 'aria-invalid="true" aria-describedby="hub-form-contact-email-error"' in page
    assert 'id="hub-form-contact-email-error">Enter a valid email address' in page
    assert 'value="not-an-email"' in page and 'value="张三"' in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</textarea>" in page
    assert hostile not in page
    assert 'name="submission_id" value="sub-123456789"' in page
    assert 'name="consent" value="yes" required aria-required="true" checked' in page
    assert f'<a href="{SITE}/cases/bank/">Back to the page</a>' in page
    assert hub.store.leads() == []


def test_unknown_forms_are_404_and_foreign_sites_403(receiver):
    hub = receiver()
    assert_error_shape(hub.post_json("newsletter", valid()), 404)
    assert hub.post_form("newsletter", valid()).status_code == 404
    assert_error_shape(hub.post_json("contact", valid(), origin="https://evil.example"), 403)
    assert (
        hub.post_form(
            "contact", valid(), origin=None, Referer="https://evil.example/page"
        ).status_code
        == 403
    )
    assert hub.post_form("contact", valid(), origin="null").status_code == 403
    assert hub.store.leads() == []


def test_bodies_over_16_kib_are_refused_with_413(receiver):
    hub = receiver()
    assert_error_shape(hub.post_json("contact", valid(message="好" * 6000)), 413)  # 18 KB of UTF-8
    assert hub.store.leads() == []
    assert hub.post_json("contact", valid(message="好" * 1500)).status_code == 201


def test_a_chunked_body_is_cut_off_at_16_kib_and_other_media_types_are_refused(receiver):
    hub = receiver()

    def chunks():  # no Content-Length: the receiver must count as it reads
        for _ in range(20):
            yield b"message=" + b"a" * 1024 + b"&"

    response = hub.http.post(
        f"{hub.url}/forms/contact",
        content=chunks(),
        headers={
            "Origin": SITE,
            "Accept": "application/json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    assert_error_shape(response, 413)
    multipart = hub.http.post(
        f"{hub.url}/forms/contact",
        files={"name": ("a.txt", b"x")},
        headers={"Origin": SITE, "Accept": "application/json"},
    )
    assert_error_shape(multipart, 415)
    assert hub.store.leads() == []


def test_unknown_fields_are_ignored(receiver):
    hub = receiver()
    assert hub.post_json("contact", valid(is_admin="true", price="0")).status_code == 201
    [lead] = hub.store.leads()
    assert "is_admin" not in json.dumps(lead, ensure_ascii=False)


def test_a_retried_submission_returns_the_first_result_and_is_stored_once(receiver):
    hub = receiver()
    sid = str(uuid.uuid4())
    first = hub.post_json("contact", valid(submission_id=sid))
    again = hub.post_json("contact", valid(submission_id=sid, name="李四"))
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    html_again = hub.post_form("contact", valid(submission_id=sid))
    assert html_again.headers["location"] == f"{SITE}/thanks/"
    [lead] = hub.store.leads()
    assert lead["fields"]["name"] == "张三"


def test_spam_looks_accepted_is_flagged_and_is_neither_exported_nor_forwarded(receiver):
    hook = Webhook()
    try:
        hub = receiver(webhook=hook.url, poll_seconds=0.05)
        honeypot = hub.post_form("contact", valid(website="http://spam.example"))
        too_fast = hub.post_json("contact", valid(started_at=str(int(time.time() * 1000) - 500)))
        human = hub.post_json("contact", valid(email="human@example.cn"))
        assert honeypot.status_code == 303 and honeypot.headers["location"] == f"{SITE}/thanks/"
        assert too_fast.status_code == 201 and "id" in too_fast.json()
        assert [lead["email"] for lead in hub.store.leads()] == ["human@example.cn"]
        flagged = {lead["spam_reason"] for lead in hub.store.leads(include_spam=True)}
        assert flagged == {"honeypot", "too-fast", ""}
        hook.wait_for(1)
        time.sleep(0.3)  # room for a wrong second delivery to show up
        assert [json.loads(body)["id"] for _, body in hook.requests] == [human.json()["id"]]
    finally:
        hook.close()


def _same_minute(check):
    """Run `check` inside one rate-limit window (a minute); skip if it straddled two."""
    window = int(time.time() // 60)
    if time.time() % 60 > 55:  # too close to the boundary: wait for the next window
        time.sleep(60 - time.time() % 60 + 0.1)
        window = int(time.time() // 60)
    check()
    if int(time.time() // 60) != window:
        pytest.skip("ran across a minute boundary: the rate-limit window restarted")


def test_the_rate_limit_holds_per_client_and_per_form(receiver):
    hub = receiver(per_minute=3, forwarded_allow_ips="127.0.0.1")  # as behind nginx on the host

    def check():
        for i in range(3):
            assert hub.post_json("contact", valid(email=f"u{i}@example.cn")).status_code == 201
        limited = hub.post_json("contact", valid(email="u4@example.cn"))
        assert_error_shape(limited, 429)
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert hub.post_form("contact", valid(email="u5@example.cn")).status_code == 429
        # Another form, or another visitor (behind a proxy named in FORWARDED_ALLOW_IPS), is not
        # limited.
        assert hub.post_json("whitepaper-download", valid(company="星衡")).status_code == 201
        other = hub.post_json(
            "contact", valid(email="u6@example.cn"), **{"X-Forwarded-For": "10.9.8.7"}
        )
        assert other.status_code == 201
        assert len(hub.store.leads()) == 5

    _same_minute(check)


def test_the_rate_limit_is_shared_by_receivers_on_one_database(receiver):
    first, second = receiver(per_minute=3), receiver(per_minute=3)

    def check():
        answers = [
            hub.post_json("contact", valid(email=f"s{i}@example.cn")).status_code
            for i, hub in enumerate([first, second, first, second])
        ]
        assert answers == [201, 201, 201, 429]

    _same_minute(check)


def test_a_gated_whitepaper_answers_with_a_signed_expiring_download(receiver):
    hub = receiver()
    data = valid(company="星衡", content_id="whitepapers/report")
    link = hub.post_json("whitepaper-download", data).json()["download_url"]
    assert link.startswith(f"{hub.url}/download/whitepapers/report?")
    download = hub.get(link)
    assert download.status_code == 200 and download.content == PDF
    assert download.headers["content-disposition"].startswith("attachment")
    assert 'filename="report.pdf"' in download.headers["content-disposition"]
    assert "noindex" in download.headers["x-robots-tag"]
    # The HTML form goes to the confirmation page (post/redirect/get), which holds the signed
    # link, starts the download by itself and leads back to the site.
    redirect = hub.post_form(
        "whitepaper-download", valid(company="星衡", content_id="whitepapers/report")
    )
    assert redirect.status_code == 303 and redirect.headers["location"].startswith(
        f"{hub.url}/forms/whitepaper-download/done/whitepapers/report?"
    )
    done = hub.get(redirect.headers["location"])
    assert done.status_code == 200 and "noindex" in done.headers["x-robots-tag"]
    assert (
        'role="status"' in done.text
        and f'href="{hub.url}/download/whitepapers/report?' in done.text
    )
    assert 'http-equiv="refresh"' in done.text and f'href="{SITE}/whitepapers/report/"' in done.text
    assert f'href="{SITE}/"' in done.text and "<footer" in done.text  # the site's chrome
    # Altered links are refused with a page that says so and points back to the landing page.
    query = parse_qs(urlsplit(link).query)
    later = int(query["exp"][0]) + 86400
    forged = link.replace(f"exp={query['exp'][0]}", f"exp={later}")
    refused = hub.get(forged)
    assert refused.status_code == 403 and "不完整或被修改过" in refused.text
    assert f"{SITE}/whitepapers/report/" in refused.text
    assert hub.get(link.replace("whitepapers/report?", "whitepapers/other?")).status_code == 403
    # Without a content id (or with an unknown one) the lead still counts; the confirmation
    # says the file cannot be downloaded now instead of promising a download.
    plain = hub.post_form(
        "whitepaper-download", valid(company="星衡", content_id="nope/x", email="c@example.cn")
    )
    assert plain.headers["location"].startswith(f"{hub.url}/forms/whitepaper-download/done?")
    missing = hub.get(plain.headers["location"])
    assert missing.status_code == 200 and "暂时无法下载" in missing.text
    assert "/download/" not in missing.text


def test_an_expired_download_link_is_refused(receiver):
    hub = receiver(download_ttl_seconds=-60)
    data = valid(company="星衡", content_id="whitepapers/report", lang="en")
    link = hub.post_json("whitepaper-download", data).json()["download_url"]
    refused = hub.get(link)
    assert refused.status_code == 403 and "This download link has expired." in refused.text
    assert '<html lang="en">' in refused.text


def test_cors_lets_only_the_site_origins_post_with_fetch(receiver):
    hub = receiver()
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    ok = hub.http.options(f"{hub.url}/forms/contact", headers={"Origin": SITE, **preflight})
    assert ok.status_code == 200 and ok.headers["access-control-allow-origin"] == SITE
    bad = hub.http.options(
        f"{hub.url}/forms/contact", headers={"Origin": "https://evil.example", **preflight}
    )
    assert bad.status_code == 400 and "access-control-allow-origin" not in bad.headers
    posted = hub.post_json("contact", valid())
    assert posted.headers["access-control-allow-origin"] == SITE


def test_a_burst_of_concurrent_submissions_is_stored_exactly_once_each(receiver):
    hub = receiver()
    submissions = [
        valid(submission_id=f"burst-{i:04d}-{uuid.uuid4().hex[:8]}", email=f"p{i}@example.cn")
        for i in range(50)
    ]

    async def burst() -> list[httpx.Response]:
        limit = asyncio.Semaphore(16)
        async with httpx.AsyncClient(timeout=30) as client:

            async def send(data: dict) -> httpx.Response:
                async with limit:
                    return await client.post(
                        f"{hub.url}/forms/contact", json=data, headers={"Origin": SITE}
                    )

            # Every submission is sent twice at once: a double click, or a retry racing the first.
            return await asyncio.gather(*(send(d) for d in submissions + submissions))

    responses = asyncio.run(burst())
    assert {r.status_code for r in responses} == {201}
    by_sid: dict[str, set[int]] = {}
    for data, response in zip(submissions + submissions, responses):
        by_sid.setdefault(data["submission_id"], set()).add(response.json()["id"])
    assert all(len(ids) == 1 for ids in by_sid.values())
    stored = hub.store.leads()
    assert sorted(lead["submission_id"] for lead in stored) == sorted(by_sid)
    assert {lead["id"] for lead in stored} == {next(iter(ids)) for ids in by_sid.values()}


def test_the_outbox_delivers_signed_leads_and_retries_until_acknowledged(receiver):
    hook = Webhook([500, 503])
    try:
        hub = receiver(webhook=hook.url, retry_base_seconds=0.05, poll_seconds=0.05)
        lead_id = hub.post_json("contact", valid(message="你好")).json()["id"]
        hook.wait_for(3)
        assert len(hook.requests) == 3
        headers, body = hook.requests[-1]
        expected = "sha256=" + hmac.new(b"hook-secret", body, hashlib.sha256).hexdigest()
        assert headers["x-hub-signature-256"] == expected
        sent = json.loads(body)
        assert sent["id"] == lead_id and sent["fields"]["message"] == "你好"
        assert sent["context"]["utm_source"] == "wechat" and sent["consent"]["given"] is True
        outbox = wait_until(lambda: hub.store.stats()["outbox"].get("delivered"))
        assert outbox == 1
    finally:
        hook.close()


def test_undeliverable_leads_are_parked_as_dead_and_never_lost(receiver):
    hook = Webhook([500] * 20)
    try:
        hub = receiver(webhook=hook.url, attempts=3, retry_base_seconds=0.02, poll_seconds=0.05)
        hub.post_json("contact", valid())
        stats = wait_until(lambda: (s := hub.store.stats())["outbox"].get("dead") and s)
        assert stats["outbox"] == {"dead": 1}
        assert stats["dead"][0][2] == 3 and "HTTP 500" in stats["dead"][0][3]
        assert len(hook.requests) == 3
        assert len(hub.store.leads()) == 1
    finally:
        hook.close()


def test_text_is_stored_as_text(receiver):
    hub = receiver()
    message = "'; DROP TABLE leads; -- <b>粗体</b> 😀 \u0000end\r\nline 2"
    assert hub.post_json("contact", valid(message=message)).status_code == 201
    [lead] = hub.store.leads()
    assert lead["fields"]["message"] == "'; DROP TABLE leads; -- <b>粗体</b> 😀 end\nline 2"


def test_logs_name_lead_ids_never_contents(receiver, caplog):
    caplog.set_level(logging.INFO, logger="hubtool.leads")
    hub = receiver()
    lead_id = hub.post_json(
        "contact", valid(email="secret.person@example.cn", name="王秘密")
    ).json()["id"]
    hub.post_json("contact", valid(email="bad", name="王秘密"))
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert f"lead {lead_id} stored" in logged
    assert "secret.person" not in logged and "王秘密" not in logged


def test_health_reports_the_database(receiver):
    hub = receiver()
    health = hub.get(f"{hub.url}/healthz").json()
    assert health["ok"] is True and health["schema_version"] == 2


def test_the_form_alone_is_served_in_the_visitors_language(receiver):
    hub = receiver()
    page = hub.get("/forms/whitepaper-download?lang=en&content_id=whitepapers/report")
    assert page.status_code == 200 and '<html lang="en">' in page.text
    assert 'action="http://127.0.0.1:8001/forms/whitepaper-download"' in page.text
    assert 'name="content_id" value="whitepapers/report"' in page.text
    assert hub.get("/forms/nope").status_code == 404


def test_without_a_script_the_error_page_leads_back_to_the_page_on_the_visitors_host(receiver):
    """A page built for one origin (site_url) and read on another (`make serve`) posts the built
    page_url when no script corrects it: the back link and the re-shown form name the page the
    visitor is on, so the corrected post returns there too."""
    hub = receiver()
    built = f"{OTHER_SITE}/cases/x/"
    first = hub.post_form("contact", valid(email="wang@", page_url=built), origin=SITE)
    assert first.status_code == 422
    assert f'href="{SITE}/cases/x/"' in first.text  # 返回原页面
    assert f'name="page_url" value="{SITE}/cases/x/"' in first.text
    assert f'href="{OTHER_SITE}/cases/x/"' not in first.text
    fixed = hub.post_form(
        "contact", valid(email="wang@example.com", page_url=f"{SITE}/cases/x/"), origin=hub.url
    )
    assert fixed.headers["location"] == f"{SITE}/thanks/"
