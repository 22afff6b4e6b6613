"""The engine: rule settings in mkdocs.yml, --select/--ignore, per-file and inline suppressions."""

from __future__ import annotations

import subprocess
import sys

import pytest
from auditkit import TODAY, audit, hub_rules, located, write_site
from auditsites import page

from hubtool.audit.engine import build_site, parse_codes, run_audit, run_source_rules, wanted_facts
from hubtool.audit.facts import FACTS
from hubtool.audit.rules import all_rules
from hubtool.config import load_config
from hubtool.errors import HubError

TITLE = "title: 一个足够长的测试页面标题"
VAGUE = page(
    TITLE,
    "文字。\n\n[点击这里](other.md)\n\n<!-- hubtool: ignore-next-line TEC012 -->\n"
    "[更多](other.md)\n",
)


def rules_yaml(setting: str) -> str:
    """mkdocs.yml as text, `setting` on line 13: for the line numbers of its error messages."""
    return (
        "site_name: 测试站点\nsite_url: https://example.test/\ntheme:\n  name: material\n"
        "  language: zh\n  custom_dir: overrides\nplugins: []\n"
        "markdown_extensions: [attr_list, md_in_html, toc]\n"
        "extra:\n  hub:\n    audit:\n      rules:\n" + setting
    )


def test_front_matter_ignore_and_inline_ignore(make_site):
    root = make_site(
        {
            "docs/index.md": page(f"{TITLE}\naudit: {{ignore: [TEC014]}}", "短。\n"),
            "docs/other.md": page(TITLE + "二", "<!-- hubtool: ignore TEC -->\n短。\n"),
            "docs/third.md": page(TITLE + "三", "短。\n"),
        }
    )
    result = audit(root, select=("TEC014",))
    assert located(result) == [("TEC014", "docs/third.md", 1)]
    assert result.summary["suppressed"] == 2


def test_ignore_next_line_hides_only_that_line(make_site):
    root = make_site({"docs/index.md": VAGUE, "docs/other.md": "# Other\n"})
    result = audit(root, select=("TEC012",))
    assert located(result) == [("TEC012", "docs/index.md", 6)]


def test_rule_settings_from_mkdocs_yml(make_site):
    files = {"docs/index.md": page(TITLE, "短短的一段文字。\n")}
    root = make_site(files, hub_rules({"TEC014": {"min_words": 2}}))
    assert located(audit(root, select=("TEC014",))) == []
    root = make_site(files, hub_rules({"TEC014": {"severity": "warning"}}))
    result = audit(root, select=("TEC014",))
    assert [f.severity for f in result.findings] == ["warning"]
    assert not result.failed("error") and result.failed("warning")
    root = make_site(files, hub_rules({"TEC014": {"enabled": False}}))
    technical = [r for r in all_rules() if r.code.startswith("TEC")]
    assert audit(root, select=("TEC",)).summary["rules"] == len(technical) - 1


def test_path_globs_exclude_findings(make_site):
    files = {
        "docs/index.md": page(TITLE, "短。\n"),
        "docs/legal/terms.md": page(TITLE + "二", "短。\n"),
    }
    root = make_site(files, hub_rules({"TEC014": {"exclude": ["docs/legal/*"]}}))
    assert located(audit(root, select=("TEC014",))) == [("TEC014", "docs/index.md", 1)]


@pytest.mark.parametrize(
    "setting, message",
    [
        (
            "        TEC014: {min_word: 2}\n",
            (
                "mkdocs.yml:13: extra.hub.audit.rules.TEC014.min_word: "
                "unknown option (did you mean 'min_words'?)"
            ),
        ),
        (
            "        TEC14: {enabled: false}\n",
            "mkdocs.yml:13: extra.hub.audit.rules.TEC14: unknown rule (did you mean 'TEC014'?)",
        ),
        (
            "        KW005: {min: lots}\n",
            "mkdocs.yml:13: extra.hub.audit.rules.KW005.min: must be a number",
        ),
        ("        KW005: {severity: fatal}\n", "must be one of error, warning"),
    ],
)
def test_bad_rule_settings_name_file_line_and_key(tmp_path, setting, message):
    (tmp_path / "mkdocs.yml").write_text(rules_yaml(setting), encoding="utf-8")
    (tmp_path / "docs").mkdir()
    with pytest.raises(HubError) as error:
        run_source_rules(load_config(tmp_path / "mkdocs.yml"))
    assert message in str(error.value)


def test_select_and_ignore_take_codes_and_prefixes(tmp_path):
    write_site(tmp_path, {})
    (tmp_path / "docs").mkdir()
    config = load_config(tmp_path / "mkdocs.yml")
    assert parse_codes("kw, TEC007") == ("KW", "TEC007")
    assert run_source_rules(config, select=("KW",), ignore=("KW006",)).summary["rules"] == 1
    with pytest.raises(HubError, match="unknown rule code 'KW08'"):
        run_source_rules(config, select=("KW08",))


def test_rules_are_unique_named_and_documented():
    rules = all_rules()
    assert len({r.code for r in rules}) == len(rules)
    assert len({r.name for r in rules}) == len(rules)
    for rule in rules:
        doc = rule.__doc__ or ""
        assert rule.help, rule.code
        assert rule.name == rule.name.lower() and " " not in rule.name, rule.code
        assert rule.severity in ("error", "warning") and rule.scope in ("source", "site")
        if rule.code[:2] in ("KW", "TE"):
            assert "**Fails" in doc and ("**Instead" in doc or "Instead:" in doc), rule.code


def test_source_rules_do_not_load_the_parser_or_the_segmenter(tmp_path):
    write_site(tmp_path, {})
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page(TITLE + "\nkeyword: 隐私计算", "隱私計算。\n"))
    code = (
        "import sys; from hubtool.config import load_config;"
        "from hubtool.audit.engine import run_source_rules;"
        f"run_source_rules(load_config({str(tmp_path / 'mkdocs.yml')!r}));"
        "heavy = [m for m in ('selectolax', 'jieba', 'rjieba', 'mkdocs', 'lxml') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


# One site failing each rule that reads a costly page fact: vague and broken links, an anchor that
# does not exist, images without alt text, a thin page, a keyword too dense, an orphan page.
COSTLY = {
    "docs/index.md": page(
        f"{TITLE}\nkeyword: 隐私计算",
        "隐私计算，隐私计算，隐私计算。\n\n[点击这里](other.md)\n\n[坏链接](missing.md)\n\n"
        '[锚点](other.md#nowhere)\n\n<img src="arch.png">\n\n![](chart.png)\n',
    ),
    "docs/other.md": page(TITLE + "二", "## 一节\n\n文字。\n"),
    "docs/orphan.md": page(TITLE + "三", "没有页面链接到这里。\n"),
    "docs/arch.png": "",
    "docs/chart.png": "",
}


@pytest.fixture(scope="module")
def costly_build(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("costly"), COSTLY, {"nav": ["index.md", "other.md"]})
    config = load_config(root / "mkdocs.yml")
    return config, build_site(config, root / "built")


def test_rules_name_only_page_facts_that_exist():
    for rule in all_rules():
        assert rule.needs <= FACTS, rule.code
    assert wanted_facts([]) == frozenset()


@pytest.mark.parametrize("code", ["KW005", "TEC006", "TEC007", "TEC010", "TEC012", "TEC014"])
def test_a_rule_run_alone_finds_what_the_whole_audit_finds(costly_build, code):
    """Only the page facts of the rules that run are gathered: a rule run alone (`--select`) must
    still get every fact it reads, and find exactly what it finds among all rules."""
    config, built = costly_build
    whole = run_audit(config, site_dir=built, build=False, today=TODAY)
    alone = run_audit(config, site_dir=built, build=False, today=TODAY, select=(code,))
    expected = [f for f in whole.findings if f.rule == code]
    assert expected, f"{code} finds nothing on the site meant to fail it"
    assert list(alone.findings) == expected


def test_facts_no_running_rule_reads_are_not_gathered(costly_build):
    """Without the rules that read them, word counts, lengths, links and images stay empty."""
    from hubtool.audit.facts import collect

    config, built = costly_build
    full = collect(built, config.site_url, {"/": ("隐私计算",)})
    bare = collect(built, config.site_url, {"/": ("隐私计算",)}, wanted=())
    page, lean = full["/"], bare["/"]
    assert page.words and page.length and page.links and page.images_missing_alt and page.outbound
    assert (lean.words, lean.length, lean.chars, lean.link_chars) == (0, 0, 0, 0)
    assert (lean.links, lean.outbound, lean.images_missing_alt, lean.images_empty_alt) == (
        (),
        (),
        (),
        (),
    )
    # What every rule reads is there either way.
    assert (lean.title, lean.h1, lean.headings, lean.first_paragraph) == (
        page.title,
        page.h1,
        page.headings,
        page.first_paragraph,
    )
