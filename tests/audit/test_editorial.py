"""ED001-ED005 on tiny real hubs (source rules, no build): exact code, path, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hubcases import CASE, WHITEPAPER, audit, hub, line, located, news
from hubfactory import make_hub

from hubtool.errors import HubError

CASES = yaml.safe_load(
    (Path(__file__).parent / "advertising_cases.yaml").read_text(encoding="utf-8")
)


def page(body: str, title: str = "关于我们") -> str:
    return f"---\ntitle: {title}\n---\n# {title}\n\n{body}\n"


def where(result) -> list[tuple[str, str | None, int | None, int | None]]:
    return [(f.rule, f.path, f.line, f.column) for f in result.findings]


# ---------------------------------------------------------------- ED001 taboo words


def test_ed001_taboo_word_with_line_and_column(tmp_path):
    text = page("星衡隐私计算平台已经上线。\n\n我们用隐私计算赋能城商行风控。")
    result = hub(tmp_path, {"docs/about.md": text}, ("ED001",))
    assert where(result) == [("ED001", "docs/about.md", line(text, "赋能"), 8)]
    assert "“帮助”" in result.findings[0].message and result.findings[0].severity == "warning"


def test_ed001_traditional_english_and_front_matter(tmp_path):
    zh = CASE.replace("title: 某城商行用隐私计算完成联合风控建模", "title: 隱私計算賦能城商行")
    en = page("We leverage privacy computing. Users use it daily.", title="About")
    result = hub(tmp_path, {"cases/bank.md": zh, "docs/en/about.md": en}, ("ED001",))
    assert where(result) == [
        ("ED001", "cases/bank.md", line(zh, "title:"), 12),
        ("ED001", "docs/en/about.md", line(en, "leverage"), 4),
    ]


def test_ed001_clean_page_and_code_are_not_read(tmp_path):
    text = page(
        "我们帮助城商行做联合风控。\n\n```python\n# 赋能 is only in code\n```\n\n"
        "Use `leverage()` and [帮助](https://example.test/赋能)."
    )
    assert located(hub(tmp_path, {"docs/about.md": text}, ("ED001",))) == []


def test_ed001_company_list_extends_and_trims_defaults(tmp_path):
    words = "taboo:\n  - {term: 数据中台, suggest: 数据平台, reason: 产品已更名, level: error}\nremove: [赋能]\n"
    text = page("我们用数据中台赋能城商行。")
    root = make_hub(tmp_path, {"docs/about.md": text, "style/words.yml": words})
    result = audit(
        root,
        ("ED001",),
        hub=WORDLISTS,
    )
    assert where(result) == [("ED001", "docs/about.md", line(text, "数据中台"), 4)]
    assert result.findings[0].severity == "error" and "数据平台" in result.findings[0].message


def test_ed001_bad_company_list_is_a_tool_error_naming_file_and_line(tmp_path):
    root = make_hub(
        tmp_path,
        {
            "docs/about.md": page("正文。"),
            "style/words.yml": "taboo:\n  - {term: 抓手}\n  - {suggest: 重点}\n",
        },
    )
    with pytest.raises(HubError, match=r"words.yml:3: taboo\[1\]: needs a `term`"):
        audit(
            root,
            ("ED001",),
            hub=WORDLISTS,
        )


# ---------------------------------------------------------------- ED002 advertising law


@pytest.fixture(scope="module")
def claims_result(tmp_path_factory):
    files = {f"docs/claims/c{i:02d}.md": page(c["text"]) for i, c in enumerate(CASES["claims"])}
    files.update({f"docs/plain/p{i:02d}.md": page(s) for i, s in enumerate(CASES["ordinary"])})
    return hub(tmp_path_factory.mktemp("claims"), files, ("ED002",))


@pytest.mark.parametrize("index", range(len(CASES["claims"])))
def test_ed002_claim_is_reported_at_its_column(claims_result, index):
    case = CASES["claims"][index]
    rel = f"docs/claims/c{index:02d}.md"
    found = [f for f in claims_result.findings if f.path == rel]
    assert [(f.rule, f.line, f.column) for f in found] == [
        ("ED002", 6, case["text"].index(case["at"]) + 1)
    ], case["text"]
    assert found[0].severity == case.get("level", "error")


@pytest.mark.parametrize("index", range(len(CASES["ordinary"])))
def test_ed002_ordinary_sentence_is_not_a_claim(claims_result, index):
    rel = f"docs/plain/p{index:02d}.md"
    assert [f.message for f in claims_result.findings if f.path == rel] == [], CASES["ordinary"][
        index
    ]


def test_ed002_both_directions_have_enough_real_sentences():
    assert len(CASES["claims"]) >= 15 and len(CASES["ordinary"]) >= 15
    from hubtool.text import normalise

    traditional = [c["text"] for c in CASES["claims"] if normalise(c["text"]) != c["text"].lower()]
    assert len(traditional) >= 3


def test_ed002_customer_quote_is_a_warning(tmp_path):
    case = CASE.replace(
        "quote: {text: 原始数据不出域，也能和合作方一起建模。",
        "quote: {text: 这是我们用过最好的隐私计算平台。",
    )
    result = hub(tmp_path, {"cases/bank.md": case}, ("ED002",))
    assert [(f.rule, f.path, f.line, f.severity) for f in result.findings] == [
        ("ED002", "cases/bank.md", line(case, "quote:"), "warning")
    ]
    assert "引语" in result.findings[0].message  # the hub writes Chinese: findings in Chinese
    assert result.findings[0].column == line_text(case, "quote:").index("最好的") + 1


def line_text(text: str, needle: str) -> str:
    return text.splitlines()[line(text, needle) - 1]


def test_ed002_inline_suppression_for_an_official_title(tmp_path):
    text = page(
        "<!-- hubtool: ignore-next-line ED002 -->\n星衡数据是工信部认定的国家级专精特新“小巨人”企业。"
    )
    assert located(hub(tmp_path, {"docs/about.md": text}, ("ED002",))) == []


# ---------------------------------------------------------------- ED003 placeholders


def test_ed003_placeholders(tmp_path):
    text = page(
        "本方案已在 TODO 家银行上线。\n\n客户名称待补充。\n\n```text\nTODO: sample code may say this\n```"
    )
    result = hub(tmp_path, {"docs/about.md": text}, ("ED003",))
    assert where(result) == [
        ("ED003", "docs/about.md", line(text, "TODO 家"), 7),
        ("ED003", "docs/about.md", line(text, "待补充"), 5),
    ]
    assert result.findings[0].severity == "error"


def test_ed003_ordinary_text_passes(tmp_path):
    text = page("请拨打 138XXXX0000 联系我们。待办事项（todo list）功能已上线。价格已确定。")
    assert located(hub(tmp_path, {"docs/about.md": text}, ("ED003",))) == []


# ---------------------------------------------------------------- ED004 sign-off


def test_ed004_case_without_customer_approval(tmp_path):
    case = CASE.replace("approved: true", "approved: false")
    result = hub(tmp_path, {"cases/bank.md": case, "whitepapers/guide.md": WHITEPAPER}, ("ED004",))
    assert located(result) == [("ED004", "cases/bank.md", line(case, "customer:"))]


def test_ed004_whitepaper_with_too_few_approvals(tmp_path):
    paper = WHITEPAPER.replace("  - {by: 李强, role: product}\n", "")
    result = hub(tmp_path, {"cases/bank.md": CASE, "whitepapers/guide.md": paper}, ("ED004",))
    assert located(result) == [("ED004", "whitepapers/guide.md", line(paper, "approvals:"))]
    assert "只有 1 个签字，需要 2 个" in result.findings[0].message  # a zh hub: Chinese


def test_ed004_signed_off_pieces_pass(tmp_path):
    assert (
        located(
            hub(tmp_path, {"cases/bank.md": CASE, "whitepapers/guide.md": WHITEPAPER}, ("ED004",))
        )
        == []
    )


# ---------------------------------------------------------------- ED005 duplicate sentences

SHARED = "通过隐私计算平台，双方在原始数据不出域的前提下完成了联合建模和效果验证。"


def test_ed005_same_sentence_on_two_pages_even_in_traditional(tmp_path):
    import opencc

    one = news("2026-11-10").replace("新版本支持更多算法。", f"新版本支持更多算法。{SHARED}")
    two = news("2026-10-10", "星衡与某保险公司合作").replace(
        "新版本支持更多算法。", "合作已经开始。\n\n" + opencc.OpenCC("s2t").convert(SHARED)
    )
    result = hub(tmp_path, {"docs/news/posts/a.md": one, "docs/news/posts/b.md": two}, ("ED005",))
    # One finding per repeated sentence, at its newest copy (a.md is dated later), naming the rest.
    assert located(result) == [("ED005", "docs/news/posts/a.md", line(one, "双方"))]
    assert f"docs/news/posts/b.md:{line(two, '雙方')}" in result.findings[0].message


def test_ed005_short_sentences_other_languages_and_code_pass(tmp_path):
    short = "双方完成了联合建模。"  # shorter than 30 characters: ordinary phrasing repeats
    one = page(f"{short}\n\n```\n{SHARED}\n```")
    two = page(f"{short}\n\n```\n{SHARED}\n```", title="另一页")
    en = page(SHARED, title="English")  # a different language is a translation, not a copy
    result = hub(
        tmp_path,
        {"docs/a.md": one, "docs/b.md": two, "docs/c.en.md": en, "docs/d.md": page(SHARED)},
        ("ED005",),
    )
    assert located(result) == []


WORDLISTS = {"audit": {"wordlists": "style/words.yml"}}


def test_ed002_company_list_adds_and_removes_claims(tmp_path):
    words = "advertising:\n  - {term: 遙遙領先}\nremove: [首选]\n"  # written in Traditional
    text = page("星衡平台遥遥领先，是金融机构的首选。")
    root = make_hub(tmp_path, {"docs/about.md": text, "style/words.yml": words})
    result = audit(root, ("ED002",), hub=WORDLISTS)
    assert where(result) == [("ED002", "docs/about.md", line(text, "遥遥领先"), 5)]
    assert result.findings[0].severity == "error"


def test_company_list_without_defaults(tmp_path):
    words = "defaults: false\nplaceholders:\n  - {term: 示例客户}\n"
    text = page("TODO：示例客户的名称。")
    root = make_hub(tmp_path, {"docs/about.md": text, "style/words.yml": words})
    result = audit(root, ("ED",), hub=WORDLISTS)
    assert where(result) == [("ED003", "docs/about.md", line(text, "示例客户"), 6)]


def test_missing_company_list_is_a_tool_error(tmp_path):
    root = make_hub(tmp_path, {"docs/about.md": page("正文。")})
    with pytest.raises(HubError, match=r"mkdocs.yml:\d+: extra.hub.audit.wordlists: no such file"):
        audit(root, ("ED003",), hub=WORDLISTS)


@pytest.mark.parametrize("code", ["ED001", "ED002", "ED003"])
def test_documented_examples_behave_as_documented(tmp_path, code):
    """What `hubtool rules CODE` shows as failing fails, and what it suggests instead passes."""
    import re

    from hubtool.audit.rules import all_rules

    doc = next(r for r in all_rules() if r.code == code).__doc__ or ""
    bad = re.search(r"\*\*Fails:\*\* `([^`]+)`", doc).group(1)
    good = re.search(r"\*\*Instead:\*\* `([^`]+)`", doc).group(1)
    result = hub(
        tmp_path, {"docs/bad.md": page(bad), "docs/good.md": page(good, "另一页")}, (code,)
    )
    assert {f.path for f in result.findings} == {"docs/bad.md"}
