"""`hubtool calendar` on a fixed --today, against a calendar worked out by hand."""

from __future__ import annotations

import json

from workflowkit import run, script, write_hub


def piece(kind: str, title: str, date: str, status: str = "published", extra: str = "") -> str:
    fields = {"case": "customer: {name: 某银行, approved: true}\n", "whitepaper": "", "news": ""}[
        kind
    ]
    return (
        f"---\ntitle: {title}\ndescription: {title}的说明。\ndate: {date}\nstatus: {status}\n"
        f"{fields}{extra}---\n\n# {title}\n\n正文。\n"
    )


FILES = {
    "docs/news/posts/oct.md": piece("news", "十月新闻", "2026-10-20"),
    "docs/news/posts/nov.md": piece("news", "十一月新闻", "2026-11-02"),
    # English versions do not count for cadence (the rules measure the default language).
    "docs/news/posts/nov-en.en.md": piece("news", "November news", "2026-11-20"),
    "whitepapers/guide.md": piece("whitepaper", "指南", "2026-06-10"),
    "cases/bank.md": piece("case", "银行案例", "2025-06-01", extra="updated: 2025-06-20\n"),
    # Drafts: planned (today or later) and overdue (earlier).
    "docs/news/posts/today.md": piece("news", "今天的稿件", "2026-11-25", "draft"),
    "docs/news/posts/dec.md": piece("news", "十二月新闻", "2026-12-01", "draft"),
    "cases/insurer.md": piece("case", "保险案例", "2027-01-12", "review"),
    "whitepapers/later.md": piece(
        "whitepaper", "三月白皮书", "2027-03-01", "draft"
    ),  # after 12 weeks
    "docs/news/posts/late.md": piece("news", "迟到的新闻", "2026-11-10", "draft"),
}
TOPICS = {
    "calendar": {
        "topics": {
            "2026-Q4": ["数据要素"],
            "2027-Q1": ["等保 2.0", "医疗数据"],
            "2027-Q2": ["不在窗口内"],
        }
    }
}


def test_calendar_matches_the_hand_computed_plan(tmp_path):
    root = write_hub(tmp_path / "hub", FILES, hub=TOPICS)
    done = run(root, "calendar", "--today", "2026-11-25", "--format", "json")
    assert done.exit_code == 0, done.output
    cal = json.loads(done.output)
    weeks = {
        w["week"]: [(e["date"], e["what"], e.get("rule") or e["path"]) for e in w["entries"]]
        for w in cal["weeks"]
    }
    # 12 weeks from Monday 2026-11-23.
    assert next(iter(weeks)) == "2026-W48" and list(weeks)[-1] == "2027-W06" and len(weeks) == 12
    assert cal["weeks"][0]["start"] == "2026-11-23" and cal["weeks"][-1]["end"] == "2027-02-14"
    expected = {
        "2026-W48": [("2026-11-25", "planned", "docs/news/posts/today.md")],
        "2026-W49": [
            ("2026-12-01", "planned", "docs/news/posts/dec.md"),
            ("2026-12-03", "fires", "CAD001"),
        ],  # 2026-11-02 + 30 days, then stale
        "2026-W50": [
            ("2026-12-08", "fires", "CAD003"),  # whitepaper of 2026-06-10 + 180 days
            ("2026-12-13", "fires", "CAD004"),
        ],  # case updated 2025-06-20 + 540 days
        "2026-W51": [("2026-12-18", "fires", "CAD002")],  # 2026-11-02 + 45 days without news
        "2027-W02": [("2027-01-12", "planned", "cases/insurer.md")],
    }
    assert {k: v for k, v in weeks.items() if v} == expected
    assert [(e["date"], e["path"]) for e in cal["overdue"]] == [
        ("2026-11-10", "docs/news/posts/late.md")
    ]
    assert cal["firing"] == []
    assert cal["topics"] == {"2026-Q4": ["数据要素"], "2027-Q1": ["等保 2.0", "医疗数据"]}


def test_calendar_text_through_the_console_script(tmp_path):
    root = write_hub(tmp_path / "hub", FILES, hub=TOPICS)
    done = script(root, "calendar", "--today", "2026-11-25", "--weeks", "3")
    assert done.returncode == 0, done.stderr
    assert "2026-Q4 topics: 数据要素" in done.stdout
    assert "12-03  CAD001 fires news" in done.stdout
    assert "2026-11-10  news       draft  docs/news/posts/late.md  迟到的新闻" in done.stdout
    assert "2026-W50" in done.stdout and "2026-W51" not in done.stdout


def test_cadence_already_firing_and_bad_topics(tmp_path):
    root = write_hub(tmp_path / "hub", {"cases/bank.md": FILES["cases/bank.md"]})
    cal = json.loads(run(root, "calendar", "--today", "2026-11-25", "--format", "json").output)
    assert {e["rule"] for e in cal["firing"]} == {"CAD001", "CAD003"}  # no news, no whitepaper
    bad = write_hub(tmp_path / "bad", {}, hub={"calendar": {"topics": {"Q4": ["x"]}}})
    done = script(bad, "calendar")
    assert done.returncode == 2 and "extra.hub.calendar.topics.Q4" in done.stderr
