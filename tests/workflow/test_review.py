"""`hubtool review`: what waits for whom, and what is published without the required sign-off."""

from __future__ import annotations

import json

from workflowkit import run, script, write_hub

WHITEPAPER = """---
title: {title}
description: 说明。
date: 2026-11-01
status: {status}
reviewers: {reviewers}
approvals: {approvals}
---

# {title}
"""


def paper(title, status, reviewers="[]", approvals="[]"):
    return WHITEPAPER.format(title=title, status=status, reviewers=reviewers, approvals=approvals)


FILES = {
    # Waits for 王芳 only: 张伟 has signed it off in `approvals`.
    "whitepapers/a.md": paper("甲", "review", "[张伟, 王芳]", "[{by: 张伟, role: product}]"),
    "whitepapers/b.md": paper("乙", "review", "[王芳]"),
    "whitepapers/c.md": paper("丙", "review"),  # nobody assigned
    # Published with one of the two approvals the hub requires, and without legal.
    "whitepapers/d.md": paper("丁", "published", approvals="[{by: 张伟, role: product}]"),
    "whitepapers/e.md": paper(
        "戊", "published", approvals="[{by: 张伟, role: product}, {by: 李雷, role: legal}]"
    ),
    "cases/x.md": "---\ntitle: 案例\ndescription: d\ndate: 2026-11-01\n"
    "customer: {name: 某银行, approved: false}\n---\n\n# 案例\n",
}
ROLES = {"review": {"roles": {"whitepaper": ["legal", "product"]}}}


def test_review_lists_waiting_pieces_by_reviewer_and_unsigned_published_pieces(tmp_path):
    root = write_hub(tmp_path / "hub", FILES, hub=ROLES)
    queue = json.loads(run(root, "review", "--format", "json").output)
    waiting = {who: [w["path"] for w in items] for who, items in queue["waiting"].items()}
    assert waiting == {
        "王芳": ["whitepapers/a.md", "whitepapers/b.md"],
        "(no reviewer)": ["whitepapers/c.md"],
    }
    unsigned = {(u["path"], u["rule"]) for u in queue["unsigned"]}
    assert unsigned == {
        ("whitepapers/d.md", "ED004"),
        ("whitepapers/d.md", "REVIEW"),
        ("cases/x.md", "ED004"),
    }
    legal = [u["message"] for u in queue["unsigned"] if u["rule"] == "REVIEW"]
    assert legal == ["Published without the approval of: legal"]


def test_review_text_for_one_reviewer(tmp_path):
    root = write_hub(tmp_path / "hub", FILES, hub=ROLES)
    done = script(root, "review", "--reviewer", "王芳")
    assert done.returncode == 0, done.stderr
    assert "王芳 (2)" in done.stdout and "(no reviewer)" not in done.stdout
    assert "whitepapers/a.md:6" in done.stdout  # the line of its `reviewers`
    assert "Published without the required sign-off: 3" in done.stdout


def test_bad_review_setting_is_a_tool_error(tmp_path):
    root = write_hub(tmp_path / "hub", FILES, hub={"review": {"role": {}}})
    done = script(root, "review")
    assert done.returncode == 2 and "extra.hub.review.role: unknown setting" in done.stderr
