"""`hubtool leads export|stats|delete` on real databases, and the store's own schema migrations."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from click.testing import CliRunner
from leadkit import make_hub

from hubtool.cli import cli
from hubtool.leads.migrations import LATEST, MIGRATIONS
from hubtool.leads.store import NewLead, Store, StoreUnavailable


@pytest.fixture
def hub(tmp_path, db_url):
    """A hub whose lead database holds a few leads, one of them spam, one a formula."""
    config = make_hub(tmp_path / "hub")
    store = Store(db_url)

    def add(
        form_id: str = "contact",
        spam: str = "",
        created_at: str = "2026-11-20T08:00:00.000000Z",
        **fields: str,
    ) -> int:
        email = fields.get("email", "")
        context = {
            "page_url": fields.pop("page_url", "https://hub.example/cases/bank/"),
            "utm_source": fields.pop("utm_source", "baidu"),
            "lang": "zh",
        }
        lead = NewLead(
            form_id=form_id,
            fields=fields,
            context=context,
            email=email.casefold(),
            consent=True,
            consent_version="2026-09",
            spam_reason=spam,
            created_at=created_at,
        )
        return store.submit("k", 0, 0, lead, queue_outbox=True).lead_id

    add(name="张三", email="Zhang@Example.cn", message="你好，想了解产品")
    add(
        name='=HYPERLINK("http://evil")',
        email="f@example.cn",
        message="+86 10 1234",
        utm_source="@wechat",
        created_at="2026-11-21T08:00:00.000000Z",
    )
    add(
        form_id="whitepaper-download",
        email="zhang@example.cn",
        company="-1 Co",
        created_at="2026-11-22T08:00:00.000000Z",
        page_url="https://hub.example/whitepapers/r/",
    )
    add(name="bot", email="bot@spam.example", spam="honeypot")
    yield config, store, db_url
    store.close()


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_csv_export_opens_in_spreadsheets_and_neutralises_formulas(hub, tmp_path):
    config, _, db = hub
    result = run("leads", "export", "-f", str(config.path), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert [r["email"] for r in rows] == ["Zhang@Example.cn", "f@example.cn", "zhang@example.cn"]
    assert rows[0]["name"] == "张三" and rows[0]["message"] == "你好，想了解产品"
    assert rows[1]["name"] == '\'=HYPERLINK("http://evil")'
    assert rows[1]["message"] == "'+86 10 1234" and rows[1]["utm_source"] == "'@wechat"
    assert rows[2]["company"] == "'-1 Co" and rows[2]["form_id"] == "whitepaper-download"
    assert rows[0]["consent"] == "yes" and rows[0]["consent_version"] == "2026-09"
    assert "bot@spam.example" not in result.stdout and "spam" not in rows[0]


def test_export_filters_by_form_date_and_spam_and_writes_files_whole(hub, tmp_path):
    config, _, db = hub
    args = ("leads", "export", "-f", str(config.path), "--db", db)
    only_form = run(*args, "--format", "json", "--form", "whitepaper-download")
    assert [r["fields"]["company"] for r in json.loads(only_form.stdout)] == ["-1 Co"]
    since = json.loads(run(*args, "--format", "json", "--since", "2026-11-21").stdout)
    assert [r["fields"]["email"] for r in since] == ["f@example.cn", "zhang@example.cn"]
    with_spam = json.loads(run(*args, "--format", "json", "--include-spam").stdout)
    assert [r["spam"] for r in with_spam] == [False, False, False, "honeypot"]
    out = tmp_path / "leads.csv"
    written = run(*args, "--output", str(out))
    assert written.exit_code == 0 and written.stdout == ""
    assert "3 lead(s) written" in written.stderr
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and "张三" in out.read_text("utf-8-sig")
    # Personal data: readable by its owner only, and no temporary file left beside it.
    assert out.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".leads.csv")] == []
    bad = run(*args, "--since", "yesterday")
    assert bad.exit_code == 2 and "--since: 'yesterday' is not a date" in bad.stderr


def test_stats_count_per_form_page_and_source_and_show_the_outbox(hub):
    config, _, db = hub
    result = run("leads", "stats", "-f", str(config.path), "--db", db)
    assert result.exit_code == 0
    assert "contact: 2 (1)" in result.stdout and "whitepaper-download: 1 (0)" in result.stdout
    assert "https://hub.example/cases/bank/: 2" in result.stdout
    assert "baidu: 2" in result.stdout and "@wechat: 1" in result.stdout
    assert "3 pending, 0 delivered, 0 dead" in result.stdout
    data = json.loads(
        run("leads", "stats", "-f", str(config.path), "--db", db, "--format", "json").stdout
    )
    assert data["outbox"] == {"pending": 3}


def test_delete_erases_every_lead_of_an_address_and_says_how_many(hub):
    config, store, db = hub
    result = run(
        "leads", "delete", "-f", str(config.path), "--db", db, "--email", "ZHANG@example.CN"
    )
    assert result.exit_code == 0
    assert result.stdout.strip() == "deleted 2 lead(s) of ZHANG@example.CN"
    assert [lead["email"] for lead in store.leads()] == ["f@example.cn"]
    assert store.stats()["outbox"] == {"pending": 1}  # nothing left to forward for them
    again = run(
        "leads", "delete", "-f", str(config.path), "--db", db, "--email", "zhang@example.cn"
    )
    assert again.stdout.strip() == "deleted 0 lead(s) of zhang@example.cn"


def test_an_unreachable_database_is_a_one_line_tool_error(tmp_path):
    config = make_hub(tmp_path / "hub")
    db = "postgresql://hub@/nope?host=/nonexistent-socket-dir&port=5432"
    result = run("leads", "stats", "-f", str(config.path), "--db", db)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: lead database unavailable:")


def test_migrations_upgrade_an_old_database_and_refuse_a_newer_one(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as old:  # a database made by a hubtool that knew migration 1 only
        old.execute(
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT "
            "NULL, note TEXT NOT NULL)"
        )
        for sql in MIGRATIONS[0][2]:
            from hubtool.leads.migrations import statements

            old.execute(statements("sqlite", sql))
        old.execute("INSERT INTO schema_version VALUES (1, '2026-01-01', 'old')")
    store = Store(f"sqlite:///{path}")
    assert store.schema_version() == LATEST
    with sqlite3.connect(path) as check:
        assert [r[0] for r in check.execute("SELECT version FROM schema_version")] == [1, 2]
        indexes = {r[0] for r in check.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        assert "leads_email" in indexes
        check.execute("INSERT INTO schema_version VALUES (99, '2030-01-01', 'future')")
    store.close()
    with pytest.raises(StoreUnavailable, match="schema version 99, newer than this hubtool"):
        Store(f"sqlite:///{path}").migrate()


def test_without_hubtool_secret_one_secret_is_made_once_and_kept_private(tmp_path):
    from hubtool.leads.signing import load_secret

    first = load_secret(tmp_path / "var", env={})
    assert len(first) == 64 and load_secret(tmp_path / "var", env={}) == first
    assert (tmp_path / "var" / "secret").stat().st_mode & 0o777 == 0o600
    assert load_secret(tmp_path / "var", env={"HUBTOOL_SECRET": "from-env"}) == b"from-env"


def test_the_database_comes_from_hubtool_leads_db_when_no_db_option_is_given(hub, monkeypatch):
    config, _, db = hub
    monkeypatch.setenv("HUBTOOL_LEADS_DB", db)
    result = run("leads", "stats", "-f", str(config.path))
    assert "contact: 2 (1)" in result.stdout
    monkeypatch.delenv("HUBTOOL_LEADS_DB")
    fresh = run("leads", "stats", "-f", str(config.path))  # default: var/ beside mkdocs.yml
    assert fresh.exit_code == 0 and "contact" not in fresh.stdout
    assert (config.root / "var" / "leads.sqlite3").is_file()
