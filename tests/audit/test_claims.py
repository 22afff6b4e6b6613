"""ED002 judged in context (SAMR 《广告绝对化用语执法指南》): the labelled corpus and what writers read."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from hubcases import CASE, audit, hub, line
from hubfactory import make_hub

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
import runner

CATEGORIES = {
    "own-claim",
    "implicit-own",
    "third-party",
    "quote",
    "unclear",
    "exempt-attitude",
    "exempt-goal",
    "exempt-own-comparison",
    "exempt-tip",
    "exempt-standard-grade",
    "exempt-name",
    "exempt-background",
    "exempt-award",
    "exempt-order",
    "negation",
    "technical",
    "ranking",
    "idiom",
    "other-org",
    "plain",
}


def page(body: str, title: str = "关于我们") -> str:
    return f"---\ntitle: {title}\n---\n# {title}\n\n{body}\n"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    return runner.run("ED002", "ed002.yaml", tmp_path_factory.mktemp("ed002-corpus"))


def test_corpus_is_large_varied_and_labelled():
    cases = runner.load("ed002.yaml")["cases"]
    chinese = [c for c in cases if re.search(r"[\u4e00-\u9fff]", c["t"])]
    assert len(chinese) >= 300 and len(cases) - len(chinese) >= 60
    assert {c["c"] for c in cases} == CATEGORIES
    assert {c["v"] for c in cases} == {"error", "warning", "none"}
    assert len({c["t"] for c in cases}) == len(cases)  # no sentence twice


def test_errors_meet_the_precision_and_recall_targets(outcomes):
    score = runner.score(outcomes, "error")
    wrong = [
        (o.want, o.got, o.case["t"]) for o in outcomes if (o.want == "error") != (o.got == "error")
    ]
    assert score.precision >= 0.9 and score.recall >= 0.95, wrong


def test_warnings_and_exemptions_hold_too(outcomes):
    """Every finding at all (warning or error) is on a sentence labelled as one, nearly always."""
    score = runner.score(outcomes, "any")
    assert score.precision >= 0.9 and score.recall >= 0.9
    exempt = [o for o in outcomes if o.want == "none" and o.got != "none"]
    assert len(exempt) <= 0.05 * sum(o.want == "none" for o in outcomes), exempt


def test_message_quotes_the_sentence_names_the_case_and_suggests(tmp_path):
    text = page("星衡隐私计算平台是业界第一的隐私计算平台，已服务 200 家机构。")
    result = hub(tmp_path, {"docs/about.md": text}, ("ED002",))
    [finding] = result.findings
    assert (finding.path, finding.line, finding.column, finding.severity) == (
        "docs/about.md",
        line(text, "业界第一"),
        10,
        "error",
    )
    assert finding.message.startswith("“星衡隐私计算平台是业界第一的隐私计算平台，已服务")
    assert "”中的“业界第一”：" in finding.message
    assert "以本公司或本公司产品为主语" in finding.message and "执法指南" in finding.message
    assert "来源" in finding.help  # the word list's suggestion: cite a source and a date


def test_missing_granting_body_or_time_and_place_is_named(tmp_path):
    award = page("星衡数据荣获国家级大奖。")
    order = page("星衡是华东地区首家通过该测评的企业。", "另一页")
    result = hub(tmp_path, {"docs/a.md": award, "docs/b.md": order}, ("ED002",))
    messages = {f.path: f.message for f in result.findings}
    assert "授予机关" in messages["docs/a.md"]
    assert "时间、地域" in messages["docs/b.md"]
    fixed = {
        "docs/a.md": page("星衡数据被工业和信息化部认定为国家级专精特新“小巨人”企业（2025 年）。"),
        "docs/b.md": page("2025 年，星衡成为华东地区首家通过该测评的企业。", "另一页"),
    }
    assert list(hub(tmp_path / "fixed", fixed, ("ED002",)).findings) == []


def test_customer_words_are_a_warning_to_attribute(tmp_path):
    case = CASE.replace(
        "quote: {text: 原始数据不出域，也能和合作方一起建模。",
        "quote: {text: 这是我们用过最好的隐私计算平台。",
    )
    case += "\n该行是国内领先的城市商业银行。\n"
    result = hub(tmp_path, {"cases/bank.md": case}, ("ED002",))
    assert [(f.line, f.severity) for f in result.findings] == [
        (line(case, "quote:"), "warning"),
        (line(case, "国内领先"), "warning"),
    ]
    assert all("出处和日期" in f.message for f in result.findings)
    assert "引语" in result.findings[0].message and "客户或第三方" in result.findings[1].message


def test_configured_products_and_aliases_are_the_company(tmp_path):
    text = page("衡算是最快的联邦学习引擎。")
    files = {"docs/about.md": text}
    # Without configuration 衡算 could be anyone's: a soft superlative about it is not reported.
    assert list(audit(make_hub(tmp_path / "plain", files), ("ED002",)).findings) == []
    named = make_hub(tmp_path / "named", files, hub={"company": {"products": ["衡算"]}})
    result = audit(named, ("ED002",))
    assert [(f.line, f.severity) for f in result.findings] == [(line(text, "最快"), "error")]


def test_english_hub_reads_english_and_claims_are_warnings(tmp_path):
    text = page(
        "Xingheng is the best privacy computing platform in China. "
        "Dynamic programming finds the optimal solution; Avro gave the best throughput.",
        title="About",
    )
    english = {"languages": {"default": "en", "others": ["zh"]}}
    root = make_hub(tmp_path, {"docs/about.md": text}, hub=english)
    result = audit(root, ("ED002",))
    [finding] = result.findings
    assert (
        finding.severity == "warning"
        and finding.column == text.splitlines()[line(text, "Xingheng") - 1].index("the best") + 1
    )
    assert finding.message.startswith("'the best' in \"Xingheng is the best privacy computing")
    assert "company or its products" in finding.message


def test_rule_options_extend_the_vocabulary(tmp_path):
    text = page("我们的最优传输求解器在本页的例子里收敛最快。本集团是行业第一。")
    rules = {"audit": {"rules": {"ED002": {"technical": ["最优传输"], "own": ["本集团"]}}}}
    root = make_hub(tmp_path, {"docs/about.md": text}, hub=rules)
    result = audit(root, ("ED002",))
    assert [(f.column, f.severity) for f in result.findings] == [
        (text.splitlines()[line(text, "本集团") - 1].index("行业第一") + 1, "error")
    ]
